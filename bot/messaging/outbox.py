"""Outbound messages: claimed, sent through their channel, retried with backoff, dead-lettered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import exists, select, update
from sqlalchemy.orm import aliased

from bot.clock import Clock
from bot.messaging.claims import claim_rows, claimable
from bot.store.db import Database
from bot.store.models import OutboxMessage

MAX_BACKOFF_SECONDS = 600.0


@dataclass(frozen=True)
class Outgoing:
    id: int
    channel: str
    recipient: str
    text: str
    payload: dict[str, Any]
    attempts: int


class Outbox:
    def __init__(self, db: Database, clock: Clock, *, max_attempts: int = 6, backoff_seconds: float = 5.0,
                 lease_seconds: float = 120.0) -> None:
        self.db = db
        self.clock = clock
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.lease_seconds = lease_seconds

    def claim(self, worker: str, channels: list[str], limit: int = 20) -> list[Outgoing]:
        """Claim up to `limit` due messages, the oldest unsent one of each recipient."""
        now = self.clock.now()
        cutoff = now - timedelta(seconds=self.lease_seconds)
        # One message at a time per recipient, oldest first: replies arrive in the order they were queued
        # even when several dispatchers run.
        earlier = aliased(OutboxMessage)
        blocked = exists().where(earlier.recipient == OutboxMessage.recipient, earlier.channel == OutboxMessage.channel,
                                 earlier.id < OutboxMessage.id, earlier.status.in_(("pending", "sending")))
        candidates = (select(OutboxMessage.id)
                      .where(OutboxMessage.channel.in_(channels), claimable(OutboxMessage, now, cutoff, "sending"),
                             ~blocked)
                      .order_by(OutboxMessage.id).limit(limit))
        with self.db.session() as s:
            rows = claim_rows(s, OutboxMessage, candidates, worker, now, cutoff, "sending",
                              skip_locked=not self.db.is_sqlite)
            return [Outgoing(r.id, r.channel, r.recipient, r.text, dict(r.payload or {}), r.attempts) for r in rows]

    def sent(self, message: Outgoing, worker: str, provider_id: str | None = None) -> None:
        """Mark it sent, if this worker still holds it (one conditional UPDATE: the hot path)."""
        with self.db.session() as s:
            s.execute(update(OutboxMessage)
                      .where(OutboxMessage.id == message.id, OutboxMessage.claimed_by == worker,
                             OutboxMessage.status == "sending")
                      .values(status="sent", sent_at=self.clock.now(), provider_id=provider_id, last_error=None)
                      .execution_options(synchronize_session=False))

    def suppressed(self, message: Outgoing, worker: str, reason: str) -> None:
        """Never to be sent (the recipient opted out, or the same text went out today): kept for staff."""
        with self.db.session() as s:
            row = s.get(OutboxMessage, message.id)
            if row is not None and row.claimed_by == worker and row.status == "sending":
                row.status = "suppressed"
                row.last_error = reason[:500]

    def deferred(self, message: Outgoing, worker: str, until: datetime, reason: str) -> None:
        """Not now (a budget is used up): pending again at `until`, the try not counted."""
        with self.db.session() as s:
            row = s.get(OutboxMessage, message.id)
            if row is not None and row.claimed_by == worker and row.status == "sending":
                row.status = "pending"
                row.attempts = max(row.attempts - 1, 0)
                row.next_attempt_at = until
                row.last_error = reason[:500]

    def record_delivery(self, provider_id: str, status: str) -> bool:
        """A provider's later word on a sent message: a failed delivery marks it undelivered."""
        with self.db.session() as s:
            row = s.scalar(select(OutboxMessage).where(OutboxMessage.provider_id == provider_id))
            if row is None:
                return False
            if status in ("failed", "undelivered") and row.status == "sent":
                row.status = "undelivered"
            return True

    def failed(self, message: Outgoing, worker: str, error: str, *, permanent: bool) -> None:
        """A permanent error, or too many tries, dead-letters the message; otherwise back off."""
        with self.db.session() as s:
            row = s.get(OutboxMessage, message.id)
            if row is None or row.claimed_by != worker or row.status != "sending":
                return
            row.last_error = error[:500]
            if permanent or row.attempts >= self.max_attempts:
                row.status = "dead"
                return
            delay = min(self.backoff_seconds * 2 ** max(row.attempts - 1, 0), MAX_BACKOFF_SECONDS)
            row.status = "pending"
            row.next_attempt_at = self.clock.now() + timedelta(seconds=delay)

    def to_recipient(self, recipient: str, channel: str | None = None) -> list[OutboxMessage]:
        """Every message queued for an address, oldest first."""
        query = select(OutboxMessage).where(OutboxMessage.recipient == recipient)
        if channel:
            query = query.where(OutboxMessage.channel == channel)
        with self.db.session() as s:
            return list(s.scalars(query.order_by(OutboxMessage.id)))
