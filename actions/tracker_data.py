"""Reading what gridbot needs out of a Rasa tracker."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from bot.engine.parse import category_of


def text(tracker: Tracker) -> str:
    """What the person wrote, as it reached the engine."""
    return (tracker.latest_message or {}).get("text") or ""


def intent(tracker: Tracker) -> str:
    """The latest message's intent name ("" if none)."""
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""


def confidence(tracker: Tracker) -> float:
    """The classifier's confidence in the latest message's intent (0 if none)."""
    return float(((tracker.latest_message or {}).get("intent") or {}).get("confidence") or 0.0)


def metadata(tracker: Tracker) -> dict[str, Any]:
    return dict((tracker.latest_message or {}).get("metadata") or {})


def category(tracker: Tracker) -> str:
    """The category from the response selector (report_issue/roads → roads); "other" if none."""
    return category_of(tracker.latest_message or {}) or "other"


def entity(tracker: Tracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return str(value) if value is not None else None
