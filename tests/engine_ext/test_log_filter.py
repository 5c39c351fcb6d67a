"""EngineLogFilter (engine_ext/log_filter.py) keeps message texts out of the engine's log and its lines short.

The filter itself is tested here in the app's interpreter (it is the standard library only); the last
test runs Rasa's own command line in the engine environment with the logging option the engine is
started with, and has Rasa's REST channel log two interrupted turns (tests/engine_ext/logging_probe.py).
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

from bot.common.settings import Settings
from bot.engine.process import engine_command
from engine_ext.log_filter import EngineLogFilter

ROOT = Path(__file__).resolve().parents[2]
TEXT = "我家楼下的路灯坏了好几天了" * 1000


def record(name: str, level: int, msg: str, *args: object, exc_info=None) -> logging.LogRecord:
    return logging.LogRecord(name, level, __file__, 1, msg, args or None, exc_info)


def filtered(rec: logging.LogRecord, **options) -> logging.LogRecord:
    assert EngineLogFilter(**options).filter(rec)  # never dropped
    return rec


def structured(**fields) -> str:
    """A record as Rasa's structlog set-up hands it to logging: one JSON object."""
    return json.dumps(fields)


def test_the_rest_channel_s_interrupted_turn_is_logged_without_its_text():
    rec = filtered(record("rasa.core.channels.rest", logging.ERROR,
                          structured(text=TEXT, event="rest.message.received.timeout", level="error")))
    assert json.loads(rec.getMessage()) == {"text": "[removed]", "event": "rest.message.received.timeout",
                                            "level": "error"}


def test_a_failed_turn_s_traceback_loses_its_local_variables_and_the_text_its_exception_repeats():
    exception = {"exc_type": "ValueError", "exc_value": f"cannot handle {TEXT[:40]}!",
                 "frames": [{"filename": "rasa/core/channels/rest.py", "lineno": 166, "name": "receive",
                             "locals": {"text": repr(TEXT[:80])}}]}
    rec = filtered(record("rasa.core.channels.rest", logging.ERROR,
                          structured(text=TEXT[:40], event="rest.message.received.failure", exception=[exception])),
                   max_chars=2000)
    logged = json.loads(rec.getMessage())
    assert logged["text"] == "[removed]"
    assert logged["exception"] == [{"exc_type": "ValueError", "exc_value": "cannot handle [removed]!",
                                    "frames": [{"filename": "rasa/core/channels/rest.py", "lineno": 166,
                                                "name": "receive"}]}]


def test_the_message_processor_s_warnings_lose_their_arguments_and_other_loggers_keep_theirs():
    quiet = filtered(record("rasa.core.processor", logging.WARNING, "Circuit breaker tripped for sender '%s'.",
                            "tg:42"))
    assert quiet.getMessage() == "Circuit breaker tripped for sender '%s'. [arguments removed]"
    other = filtered(record("rasa.core.agent", logging.WARNING, "model %s loaded", "m.tar.gz"))
    assert other.getMessage() == "model m.tar.gz loaded"
    below = filtered(record("rasa.core.processor", logging.INFO, "predicted %s", "utter_greet"))
    assert below.getMessage() == "predicted utter_greet"


def test_every_message_is_cut_to_its_first_characters_saying_how_long_it_was():
    rec = filtered(record("rasa.core.agent", logging.INFO, "got %s", TEXT))
    assert rec.getMessage() == f"got {TEXT[:296]}… [{len(TEXT) + 4} characters]"
    rec = filtered(record("sanic.root", logging.INFO, "x" * 50), max_chars=10)
    assert rec.getMessage() == "x" * 10 + "… [50 characters]"


def test_every_line_of_a_traceback_is_cut():
    try:
        raise ValueError(TEXT)
    except ValueError:
        rec = filtered(record("rasa.core.agent", logging.ERROR, "failed", exc_info=sys.exc_info()))
    lines = logging.Formatter().format(rec).splitlines()
    assert lines[-1].startswith("ValueError: 我家楼下") and lines[-1].endswith(f"[{len(TEXT) + 12} characters]")
    assert max(len(line) for line in lines) < 340


def test_rasa_logs_interrupted_turns_and_unpublished_events_without_their_text_with_the_engine_s_option(tmp_path):
    [option] = [part for part in engine_command(Settings(_env_file=None), tmp_path / "m.tar.gz")
                if part.startswith("--logging-config-file")]
    probe = Path(__file__).with_name("logging_probe.py")
    done = subprocess.run([str(ROOT / "bin" / "venv"), "engine", "python", str(probe), option],
                          capture_output=True, text=True, timeout=300, cwd=ROOT,
                          env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    assert done.returncode == 0, done.stderr[-2000:]
    logged = done.stdout + done.stderr
    assert "probe done" in logged
    assert "路灯坏了" not in logged
    lines = [line for line in logged.splitlines() if "rasa.core." in line]
    assert len(lines) == 4, lines
    assert '"event": "rest.message.received.timeout"' in lines[0]
    assert '"exc_value": "cannot handle [removed]"' in lines[1]
    assert "[arguments removed]" in lines[2]
    assert '"event": "pika.events.publish.failed"' in lines[3] and '"rasa_event": "[removed]"' in lines[3]
    assert max(len(line) for line in lines) < 700
