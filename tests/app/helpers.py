"""What the inbound steps' tests share: a claimed message from a sender, and the engine's /model/parse as far as a
step reads it (one intent, sure)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.messaging.ports import Claimed


def message(sender: str, text: str) -> Claimed:
    return Claimed(id=1, channel="simulator", sender=sender, text=text, payload={}, attempts=0)


def parsing_as(intent: str) -> Callable[[str], Awaitable[dict]]:
    async def parse(text: str) -> dict:
        return {"text": text, "intent": {"name": intent, "confidence": 0.9}}
    return parse
