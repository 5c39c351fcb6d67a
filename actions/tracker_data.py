"""Reading what gridbot needs out of a Rasa tracker."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from bot.core.tickets import CATEGORY_NAMES


def metadata(tracker: Tracker) -> dict[str, Any]:
    return dict((tracker.latest_message or {}).get("metadata") or {})


def category(tracker: Tracker) -> str:
    """The category from the response selector's retrieval intent (report_issue/roads → roads)."""
    selectors = (tracker.latest_message or {}).get("response_selector") or {}
    best: tuple[float, str] | None = None
    for name, result in selectors.items():
        if name == "all_retrieval_intents":
            continue
        response = (result or {}).get("response") or {}
        key = response.get("intent_response_key") or ""
        confidence = float(response.get("confidence") or 0.0)
        suffix = key.split("/", 1)[1] if "/" in key else ""
        if suffix in CATEGORY_NAMES and (best is None or confidence > best[0]):
            best = (confidence, suffix)
    return best[1] if best else "other"


def entity(tracker: Tracker, name: str) -> str | None:
    value = next(tracker.get_latest_entity_values(name), None)
    return str(value) if value is not None else None
