"""Reading Rasa's parse results (the same shape in `/model/parse` and a tracker's latest message)."""

from __future__ import annotations

from typing import Any

from bot.core.tickets import CATEGORY_NAMES

CATEGORISED_INTENTS = ("report_issue", "emergency")
# Rasa's FallbackClassifier puts this on top when the classifier is unsure. It is not one of the
# contract's intents: the conversation answers it with "没听懂" and the menu, while `classify`
# reports the classifier's best contract intent with its (low) confidence.
FALLBACK_INTENT = "nlu_fallback"


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


def best_intent(parse: dict[str, Any]) -> dict[str, Any]:
    """The top intent that is not the fallback: `{"name", "confidence"}` (the fallback only if alone)."""
    intent = parse.get("intent") or {}
    if intent.get("name") != FALLBACK_INTENT:
        return intent
    for ranked in parse.get("intent_ranking") or []:
        if ranked.get("name") and ranked["name"] != FALLBACK_INTENT:
            return ranked
    return intent


def classification(text: str, parse: dict[str, Any]) -> dict[str, Any]:
    """`{"text", "intent", "confidence", "category"}`: category only for reports and emergencies.

    The intent is always a contract label when the engine ranked one: below the fallback threshold
    it is still the classifier's best guess, and its confidence says how unsure it was.
    """
    intent = best_intent(parse)
    name = intent.get("name")
    return {
        "text": text,
        "intent": name,
        "confidence": round(float(intent.get("confidence") or 0.0), 4),
        "category": category_of(parse) if name in CATEGORISED_INTENTS else None,
    }
