"""A person's message goes on by their next channel (`bot.core.channel_choice`) when it cannot go by the
one it was queued for: that channel is not configured in this deployment, or the message died there
for good. Only for people with fallback channels; everyone else is reached as before.

The copy is a new outbox row (same text, kind and ticket) whose payload lists the channels already
tried, so a message goes round a person's list once. A message stranded on a channel that is not
configured is marked dead, saying where it went instead.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import channel_choice, registry
from bot.messaging.outbox import Outgoing
from bot.store.db import Database
from bot.store.message_models import OutboxMessage

log = logging.getLogger(__name__)
STRANDED_BATCH = 100
STRANDED_WITHIN = timedelta(days=2)  # older rows stay as they are (queued before this deployment)


class Rerouter:
    def __init__(self, db: Database, clock: Clock, *, every_seconds: float = 30.0) -> None:
        self.db = db
        self.clock = clock
        self.every_seconds = every_seconds  # how often stranded messages are looked for
        self._configured: tuple[str, ...] = ()
        self._next_look = float("-inf")

    def moved(self, message: Outgoing, error: str) -> str | None:
        with self.db.session() as s:
            row = s.get(OutboxMessage, message.id)
            if row is None:
                return None
            return self._move(s, row, self._configured or None)

    def stranded(self, configured: Sequence[str]) -> int:
        self._configured = tuple(configured)
        if time.monotonic() < self._next_look:
            return 0
        self._next_look = time.monotonic() + self.every_seconds
        since = self.clock.now() - STRANDED_WITHIN
        moved = 0
        with self.db.session() as s:
            rows = s.scalars(select(OutboxMessage).where(
                OutboxMessage.status == "pending", OutboxMessage.channel.not_in(list(configured)),
                OutboxMessage.created_at >= since).order_by(OutboxMessage.id).limit(STRANDED_BATCH)).all()
            for row in rows:
                done = self._move(s, row, configured)
                if done is not None:
                    row.status, row.last_error = "dead", f"{row.channel} is not configured; {done}"[:500]
                    moved += 1
        return moved

    def _move(self, s: Session, row: OutboxMessage, configured: Sequence[str] | None) -> str | None:
        person = registry.person_by_address(s, row.recipient)
        if person is None or not person.fallback_channels:
            return None
        tried = [*(row.payload or {}).get("tried_channels", []), row.channel]
        ahead = [(channel, address) for channel, address in
                 channel_choice.routes(s, person, configured=configured, after=row.channel) if channel not in tried]
        if not ahead:
            return None
        channel, address = ahead[0]
        now = self.clock.now()
        copy = OutboxMessage(channel=channel, recipient=address, text=row.text, kind=row.kind, ticket_id=row.ticket_id,
                             payload={**(row.payload or {}), "tried_channels": tried}, created_at=now,
                             next_attempt_at=now)
        s.add(copy)
        s.flush()
        return f"moved to {channel} (outbox {copy.id})"
