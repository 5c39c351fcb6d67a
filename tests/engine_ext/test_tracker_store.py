"""engine_ext/tracker_store.py: the tracker store endpoints.yml names keeps conversations as Rasa's SQL
store does, with SQLite in WAL mode and its connections kept. Runs tests/engine_ext/tracker_store_probe.py in
the engine's environment (no model, no server)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "tests" / "engine_ext" / "tracker_store_probe.py"


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> dict:
    url = f"sqlite:///{tmp_path_factory.mktemp('tracker') / 'rasa_tracker.db'}"
    done = subprocess.run([str(ROOT / "bin" / "venv"), "engine", "python", str(PROBE), url], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_engine_keeps_conversations_in_gridbot_s_sql_store_not_rasa_s_in_memory_fallback(probed):
    assert probed["store"] == "GridbotSQLTrackerStore"


def test_a_conversation_read_back_after_a_restart_is_its_latest_session_as_saved(probed):
    assert probed["same_events"]
    assert probed["slot"] == "路灯坏了 5"
    # the latest session: its SessionStarted and action_listen, then turns 3-5 (4 events each)
    assert probed["events_since_session_start"] == 2 + 3 * 4
    # every event stored once: the new tracker's action_listen, 6 turns, the new session's 3 opening events
    assert probed["rows"] == 1 + 6 * 4 + 3


def test_the_sqlite_file_is_in_wal_mode_and_its_connections_are_kept_across_turns(probed):
    assert probed["journal_mode"] == "wal"
    assert probed["connections_opened"] <= 2  # six turns' reads and writes; Rasa's own opened one for each


def test_events_read_back_are_the_ones_rasa_s_own_reading_makes_and_an_unknown_kind_fails_as_in_rasa(probed):
    assert probed["kinds"] >= 8  # user, bot, action, slot, session start, active loop, follow-up, the old topic
    assert probed["read_as_rasa_reads"]
    assert probed["unknown_event"] == ["ValueError", "ValueError"]
