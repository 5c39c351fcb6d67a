"""Reading Rasa's parse results (the same shape in `/model/parse` and a tracker's latest message)."""

from __future__ import annotations

from typing import Any

from bot.core.tickets import CATEGORY_NAMES

CATEGORISED_INTENTS = ("report_issue", "emergency")


def category_of(parse: dict[str, Any]) -> str | None:
    """The category from the response selector's retrieval intent (report_issue/roads → roads), or None."""
    selectors = parse.get("response_selector") or {}
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
    return best[1] if best else None


def classification(text: str, parse: dict[str, Any]) -> dict[str, Any]:
    """`{"text", "intent", "confidence", "category"}`: category only for reports and emergencies."""
    intent = parse.get("intent") or {}
    name = intent.get("name")
    return {
        "text": text,
        "intent": name,
        "confidence": round(float(intent.get("confidence") or 0.0), 4),
        "category": category_of(parse) if name in CATEGORISED_INTENTS else None,
    }
