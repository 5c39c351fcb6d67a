"""Checking the action server's answers against a validator built once, not once per answer.

Rasa 3.6 checks every answer of the action server (`RemoteAction._validate_action_result`) with
`jsonschema.validate(answer, schema)`, which first checks the schema itself against JSON Schema's
meta-schema, then builds a validator, on every call. The schema is a constant of Rasa's
(`RemoteAction.action_response_format_spec()`), so all but the last step is repeated work: with
jsonschema 4.17 it was half of the engine's CPU per bare turn (~40 ms per action call; a report's turn
makes three or four). `install()` puts a method in its place that checks the answer against a validator
built (and its schema checked) once. An answer that passes is passed as before; one that does not goes
on to Rasa's own method, which raises the same error with the same message as it always did.

Installed by `engine_ext/__main__.py`, which bin/rasa runs in place of Rasa's command line.
Runs in the engine's interpreter: Rasa and its dependencies only.
"""

from __future__ import annotations

from typing import Any

RASA_METHOD = "_validate_action_result"


def install() -> None:
    """Make RemoteAction check answers with a validator built once (idempotent)."""
    from jsonschema.validators import validator_for
    from rasa.core.actions.action import RemoteAction

    original = getattr(RemoteAction, RASA_METHOD)
    if getattr(original, "gridbot_compiled", False):
        return
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)  # what jsonschema.validate does first, once
    validator = validator_class(schema)

    def validate_action_result(self: RemoteAction, result: dict[str, Any]) -> bool:
        if validator.is_valid(result):
            return True
        return original(self, result)  # raises Rasa's own error, message and all

    validate_action_result.gridbot_compiled = True  # type: ignore[attr-defined]
    validate_action_result.__doc__ = original.__doc__
    setattr(RemoteAction, RASA_METHOD, validate_action_result)
