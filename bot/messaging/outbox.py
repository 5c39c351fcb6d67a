"""Outbound messages: claimed, sent through their channel, retried with backoff, dead-lettered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select

from bot.common.clock import Clock
from bot.store.claims import Claimer, backoff_seconds, update_held
from bot.store.db import Database
from bot.store.message_models import OutboxMessage

MAX_BACKOFF_SECONDS = 600.0
CLAIM_BATCH = 20  # messages a dispatcher claims at a time
# A message taken over from a dispatcher whose lease ran out: it may have died after the provider
# accepted the message and before marking it sent, so the provider is asked before it is sent again.
IN_DOUBT = "in doubt: a claim ran out while sending"


@dataclass(frozen=True)
class Outgoing:
    id: int
    channel: str
    recipient: str
    text: str
    payload: dict[str, Any]
    attempts: int
    created_at: datetime
    in_doubt: bool  # see IN_DOUBT


class Outbox:
    def __init__(self, db: Database, clock: Clock, *, max_attempts: int = 6, backoff_seconds: float = 5.0,
                 lease_seconds: float = 120.0) -> None:
        self.db = db
        self.clock = clock
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.lease_seconds = lease_seconds
        # One message at a time per recipient and channel, oldest first: replies arrive in the order they
        # were queued even when several dispatchers run.
        self.claimer = Claimer(OutboxMessage, "sending", ["recipient", "channel"], narrow="channel",
                               note_takeover=IN_DOUBT)

    def claim(self, worker: str, channels: list[str], limit: int = CLAIM_BATCH) -> list[Outgoing]:
        """Claim up to `limit` due messages, the oldest unsent one of each recipient."""
        now = self.clock.now()
        cutoff = now - timedelta(seconds=self.lease_seconds)
        with self.db.engine.begin() as conn:
            rows = self.claimer.claim_heads(conn, worker, now, cutoff, limit, narrow_to=channels)
            return [outgoing(row) for row in rows]

    def sent(self, message: Outgoing, worker: str, provider_id: str | None = None) -> None:
        """Mark it sent, if this worker still holds it."""
        with self.db.autocommit.connect() as conn:  # one statement
            update_held(conn, OutboxMessage, message.id, worker, "sending",
                        status="sent", sent_at=self.clock.now(), provider_id=provider_id, last_error=None)

    def suppressed(self, message: Outgoing, worker: str, reason: str) -> None:
        """Never to be sent (the recipient opted out, or the same text went out today): kept for staff."""
        with self.db.autocommit.connect() as conn:  # one statement
            update_held(conn, OutboxMessage, message.id, worker, "sending", status="suppressed",
                        last_error=reason[:500])

    def deferred(self, message: Outgoing, worker: str, until: datetime, reason: str) -> None:
        """Not now (a budget is used up): pending again at `until`, the try not counted (the claim
        counted it: `message.attempts` is the row's count as the claim left it, at least one)."""
        with self.db.autocommit.connect() as conn:  # one statement
            update_held(conn, OutboxMessage, message.id, worker, "sending", status="pending",
                        attempts=message.attempts - 1, next_attempt_at=until, last_error=reason[:500])

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
        """A permanent error, or too many tries, dead-letters the message; otherwise back off.
        `message.attempts` is the row's count as this claim left it."""
        if permanent or message.attempts >= self.max_attempts:
            values: dict[str, Any] = {"status": "dead"}
        else:
            delay = backoff_seconds(self.backoff_seconds, message.attempts, MAX_BACKOFF_SECONDS)
            values = {"status": "pending", "next_attempt_at": self.clock.now() + timedelta(seconds=delay)}
        with self.db.autocommit.connect() as conn:  # one statement
            update_held(conn, OutboxMessage, message.id, worker, "sending", last_error=error[:500], **values)

    def to_recipient(self, recipient: str, channel: str | None = None) -> list[OutboxMessage]:
        """Every message queued for an address, oldest first."""
        query = select(OutboxMessage).where(OutboxMessage.recipient == recipient)
        if channel:
            query = query.where(OutboxMessage.channel == channel)
        with self.db.session() as s:
            return list(s.scalars(query.order_by(OutboxMessage.id)))


def outgoing(row: Any) -> Outgoing:
    """A claimed outbox row (as RETURNING gave it) as the dispatcher's message."""
    return Outgoing(row.id, row.channel, row.recipient, row.text, dict(row.payload or {}), row.attempts,
                    row.created_at, (row.last_error or "").startswith(IN_DOUBT))
