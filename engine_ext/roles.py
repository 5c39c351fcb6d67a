"""The sender's role as a signal: what a resident cannot mean.

The app puts the sender's role from its registry into each message's metadata (``{"role": "staff"}`` or
``{"role": "resident"}``: bot/app/services.py, SenderRole); Rasa 3.6 hands that metadata to the NLU pipeline as the
message's ``metadata`` (NLUMessageConverter). Only staff acknowledge or finish tickets, so for anyone else the
staff-only intents are dropped from the scores and the rest rescaled to the mass the scores had (a ranking
normalised to 1 stays so; raw one-vs-rest scores too weak to claim the message stay too weak, for the
FallbackClassifier). Without a role, as for `/model/parse` and tests, the scores are left as they are.
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


def for_role(scores: dict[str, float], role: str | None,
             staff_only: Iterable[str] = STAFF_ONLY_INTENTS) -> dict[str, float]:
    """The intent scores as the sender's role allows them: unchanged for staff or an unknown role; for
    anyone else without the staff-only intents, the rest scaled up to the total the scores had."""
    if role is None or role == STAFF:
        return scores
    dropped = set(staff_only)
    kept = {label: score for label, score in scores.items() if label not in dropped}
    if not kept or len(kept) == len(scores):
        return scores
    total, rest = sum(scores.values()), sum(kept.values())
    if rest <= 0.0:
        return kept
    return {label: score * total / rest for label, score in kept.items()}
