"""Keeping residents' messages out of the engine's log, and its lines short.

Rasa 3.6 logged a turn's whole text at ERROR when the turn was interrupted (its REST channel's
`rest.message.received.timeout` when the client gave up, `rest.message.received.failure` when the
turn raised): a 1.7-million-character message made one 10 MB line. `EngineLogFilter` sits on the
engine's log handler (config/engine-logging.yml, `rasa run --logging-config-file`) and sees every
record:

- a record of a logger in `quiet` (Rasa's channels and message processor) at WARNING or above loses
  the message text. Rasa's structured records (structlog) reach logging as one JSON object each,
  as gridbot runs the engine without a terminal: they lose the keys Rasa itself counts as personal
  (`TEXT_KEYS`, its anonymisation pipeline's), those values wherever their traceback's exception
  repeats them, and the traceback's local variables. A %-style record loses its arguments.
- every record's message, and every line of its traceback, is cut to `max_chars`.

Runs in the engine's interpreter: the standard library only.
"""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Sequence
from typing import Any

MAX_CHARS = 300
REMOVED = "[removed]"
QUIET = ("rasa.core.channels", "rasa.core.processor")
# Rasa 3.6's own list of log keys that may hold personal data (rasa/utils/log_utils.py `_anonymizer`).
TEXT_KEYS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text", "parse_data_entities",
    "prediction_events", "tracker_latest_message", "prefilled_slots", "message", "response",
    "slot_candidates", "rasa_event", "rasa_events", "tracker_states", "current_states", "old_states",
    "successes", "current_entity", "next_entity", "states", "entity", "token_text", "user_message",
    "json_message",
})


class EngineLogFilter(logging.Filter):
    """Never drops a record; changes it as the module says. Built by logging's dictConfig with the
    arguments the YAML gives (`max_chars`, `quiet`)."""

    def __init__(self, max_chars: int = MAX_CHARS, quiet: Sequence[str] = QUIET) -> None:
        super().__init__()
        self.max_chars = max_chars
        self.quiet = tuple(quiet)

    def filter(self, record: logging.LogRecord) -> bool:
        quiet = record.levelno >= logging.WARNING and any(
            record.name == name or record.name.startswith(name + ".") for name in self.quiet)
        message = _without_text(record) if quiet else _message_of(record)
        record.msg, record.args = cut(message, self.max_chars), ()
        if record.exc_info and not record.exc_text:  # the handler's formatter uses exc_text as it is
            record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        if record.exc_text:
            record.exc_text = "\n".join(cut(line, self.max_chars) for line in record.exc_text.splitlines())
        return True


def cut(text: str, max_chars: int) -> str:
    """At most `max_chars` characters of `text`, saying how many there were when it is cut."""
    return text if len(text) <= max_chars else f"{text[:max_chars]}… [{len(text)} characters]"


def _message_of(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception:  # arguments that do not fit the format: logging would print an error instead
        return str(record.msg)


def _without_text(record: logging.LogRecord) -> str:
    if record.args:  # a %-style record: the arguments are what varies, the text among them
        return f"{record.msg} [arguments removed]"
    message = str(record.msg)
    try:
        fields = json.loads(message)
    except ValueError:
        return message
    if not isinstance(fields, dict):
        return message
    texts = [fields[key] for key in TEXT_KEYS & fields.keys() if isinstance(fields[key], str) and fields[key]]
    for key in TEXT_KEYS & fields.keys():
        fields[key] = REMOVED
    exceptions = fields.get("exception")  # structlog's dict_tracebacks: frames with their local variables
    for exception in exceptions if isinstance(exceptions, list) else []:
        if not isinstance(exception, dict):
            continue
        if isinstance(exception.get("exc_value"), str):  # "cannot handle <the text>"
            for text in texts:
                exception["exc_value"] = exception["exc_value"].replace(text, REMOVED)
        frames = exception.get("frames")
        for frame in frames if isinstance(frames, list) else []:
            if isinstance(frame, dict):
                frame.pop("locals", None)
    return json.dumps(fields, ensure_ascii=False, default=_unknown)


def _unknown(value: Any) -> str:
    return repr(value)
