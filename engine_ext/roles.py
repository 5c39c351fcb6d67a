"""The sender's role as a signal: what a resident cannot mean.

The app puts the sender's role from its registry into each message's metadata (``{"role": "staff"}`` or ``{"role":
"resident"}``: the staff desk's lookup, bot/app/steps.py, carried as Claimed.role); Rasa 3.6 hands that metadata to
the NLU pipeline as the message's ``metadata`` (NLUMessageConverter). Only staff acknowledge or finish tickets, so
for anyone else LinearClassifier drops the staff-only intents before it weighs the rest: the one-vs-rest scores left
are normalised when together they claim the message, and given raw (for the FallbackClassifier) when they do not, as
for any message. So a resident's 收到, which only worker_ack claimed, is not understood, rather than a report whose
2 % of the evidence was blown up to 45 %. Without a role (`/model/parse`, tests) nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

ROLE_KEY = "role"
STAFF = "staff"
# The intents only staff mean (domain.yml; bench/label-contract.md marks them "(staff)").
STAFF_ONLY_INTENTS = ("worker_ack", "worker_resolve")


def role_of(metadata: Mapping[str, Any] | None) -> str | None:
    """The sender's role the metadata carries, or None when it carries none."""
    if not isinstance(metadata, Mapping):
        return None
    role = metadata.get(ROLE_KEY)
    return str(role) if role else None


def allowed(scores: dict[str, float], role: str | None,
            staff_only: Iterable[str] = STAFF_ONLY_INTENTS) -> dict[str, float]:
    """The intent scores the sender's role allows: all of them for staff or an unknown role; for anyone else
    all but the staff-only intents (never none: a model that knows only those keeps them)."""
    if role is None or role == STAFF:
        return scores
    dropped = set(staff_only)
    kept = {label: score for label, score in scores.items() if label not in dropped}
    return kept or scores
