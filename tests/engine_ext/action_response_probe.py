"""Run inside the engine environment by test_action_response.py: Rasa's command line as bin/rasa runs it
(`python -m engine_ext --version`), then RemoteAction's check of the action server's answers, as Rasa
ships it and as engine_ext/action_response.py leaves it, on valid and invalid answers. Prints one JSON
object."""

from __future__ import annotations

import contextlib
import io
import json
import runpy
import statistics
import sys
import time
from typing import Any

from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction

SHIPPED = RemoteAction._validate_action_result
VALID = {"events": [{"event": "slot", "name": "report_text", "value": "路灯坏了"},
                    {"event": "followup", "name": "action_listen"}],
         "responses": [{"text": "收到", "buttons": [], "custom": {}}]}
INVALID = [{"events": "not a list"}, {"events": [{"name": "no event key"}]}, {"responses": ["收到"]}]


def outcome(check: Any, answer: dict[str, Any]) -> str:
    try:
        return f"ok {check(RemoteAction('action_probe', None), answer)}"
    except ValidationError as exc:
        return f"ValidationError {exc.message}"


def median_ms(check: Any, rounds: int = 15) -> float:
    action = RemoteAction("action_probe", None)
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        check(action, VALID)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


shipped = {"valid": outcome(SHIPPED, VALID), "invalid": [outcome(SHIPPED, a) for a in INVALID],
           "ms": median_ms(SHIPPED)}
sys.argv = ["rasa", "--version"]
with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):
    runpy.run_module("engine_ext", run_name="__main__")
installed = RemoteAction._validate_action_result
print(json.dumps({"replaced": installed is not SHIPPED, "shipped": shipped,
                  "installed": {"valid": outcome(installed, VALID), "invalid": [outcome(installed, a) for a in INVALID],
                                "ms": median_ms(installed)}}, ensure_ascii=False))
