"""Steps the inbound worker runs on a claimed message before the engine sees it.

A step returns the message (perhaps with a richer payload: downloaded photos, a shared location)
to hand on, or a list of replies that answer it without the engine (STOP, 更多, /start…).
A step that raises leaves the message pending for a retry, like an engine outage.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any, Protocol

from sqlalchemy import select

from bot.messaging import optout
from bot.messaging.inbox import Claimed
from bot.messaging.optout import OptOuts
from bot.store.channel_models import SmsContinuation
from bot.store.db import Database

Replies = list[dict[str, Any]]


class Step(Protocol):
    async def __call__(self, message: Claimed) -> Claimed | Replies: ...


def with_payload(message: Claimed, **changes: Any) -> Claimed:
    return replace(message, payload={**message.payload, **changes})


class SmsKeywords:
    """STOP/退订/TD, START/订阅, HELP/帮助 and 更多, answered before the engine.
    An opted-out number's other messages (its reports) still go to the engine; the outbox policy
    keeps their replies from being sent."""

    def __init__(self, db: Database, optouts: OptOuts) -> None:
        self.db = db
        self.optouts = optouts

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        word = optout.keyword(message.text)
        if word in optout.STOP_WORDS:
            changed = await asyncio.to_thread(self.optouts.set, message.channel, message.sender, opted_out=True)
            # Confirm once: a repeated STOP is answered with silence.
            return [{"text": optout.STOP_CONFIRMATION, "custom": {"optout_notice": True}}] if changed else []
        if word in optout.START_WORDS:
            await asyncio.to_thread(self.optouts.set, message.channel, message.sender, opted_out=False)
            return [{"text": optout.START_CONFIRMATION}]
        if word in optout.HELP_WORDS:
            return [{"text": optout.HELP_TEXT}]
        if word in optout.MORE_WORDS:
            rest = await asyncio.to_thread(self._pop_continuation, message.channel, message.sender)
            if rest is not None:
                return [{"text": rest}]
        return message

    def _pop_continuation(self, channel: str, recipient: str) -> str | None:
        with self.db.session() as s:
            row = s.scalar(select(SmsContinuation).where(SmsContinuation.channel == channel,
                                                         SmsContinuation.recipient == recipient))
            if row is None:
                return None
            text = row.text
            s.delete(row)
            return text


class RememberChannel:
    """A registered person is reached where they last wrote from: an SMS from their number, or a
    message from their linked Telegram account, makes that channel their notification channel."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        await asyncio.to_thread(self._remember, message.channel, message.sender)
        return message

    def _remember(self, channel: str, sender: str) -> None:
        from bot.core.registry import person_by_address

        with self.db.session() as s:
            person = person_by_address(s, sender)
            if person is not None and person.preferred_channel != channel:
                person.preferred_channel = channel
