"""Whose number the simulator may write as and read for: never a number that is someone's on
another channel. A registered person reached by SMS or Telegram, or a number that has written or
been written to over SMS, belongs to a real person; the simulator is for simulator identities (the
demo people, whose channel is the simulator, and numbers nobody uses elsewhere)."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.registry import person_by_address
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage

SIMULATOR = "simulator"


def channel_elsewhere(db: Database, number: str) -> str | None:
    """The other channel this E.164 number is someone's on, or None when only the simulator knows it."""
    with db.session() as s:
        person = person_by_address(s, number)
        if person is not None and person.preferred_channel != SIMULATOR:
            return person.preferred_channel
        wrote = s.scalar(select(InboxMessage.channel)
                         .where(InboxMessage.sender == number, InboxMessage.channel != SIMULATOR).limit(1))
        if wrote is not None:
            return wrote
        return s.scalar(select(OutboxMessage.channel)
                        .where(OutboxMessage.recipient == number, OutboxMessage.channel != SIMULATOR).limit(1))
