"""engine_ext/action_response.py: the engine checks the action server's answers as Rasa does, without
re-checking Rasa's constant schema on every answer. Runs tests/engine_ext/action_response_probe.py in the
engine's environment (no model, no server)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "tests" / "engine_ext" / "action_response_probe.py"


@pytest.fixture(scope="module")
def probed() -> dict:
    done = subprocess.run([str(ROOT / "bin" / "venv"), "engine", "python", str(PROBE)], cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "TF_CPP_MIN_LOG_LEVEL": "3"},
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_rasa_s_command_line_as_bin_rasa_runs_it_checks_answers_with_gridbot_s_validator(probed):
    assert probed["replaced"]


def test_a_valid_answer_passes_and_an_invalid_one_fails_with_rasa_s_own_message(probed):
    shipped, installed = probed["shipped"], probed["installed"]
    assert installed["valid"] == shipped["valid"] == "ok True"
    assert installed["invalid"] == shipped["invalid"]
    assert all(result.startswith("ValidationError ") and "Failed to validate Action server response" in result
               for result in installed["invalid"])


def test_checking_an_answer_costs_a_fraction_of_what_rasa_s_own_check_did(probed):
    assert probed["installed"]["ms"] * 5 < probed["shipped"]["ms"], probed
