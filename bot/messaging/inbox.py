"""Inbound messages: stored before they are acknowledged, processed in order per sender."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import Connection, and_, insert, or_, select, tuple_, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.common.clock import Clock
from bot.messaging.notice import Exempt, privacy_notices
from bot.messaging.ports import Claimed, Inbound
from bot.store.claims import Claimer, backoff_seconds, claimable, update_held, update_held_many
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.types import storable, storable_json

APOLOGY = "已记录，稍后处理。"
MAX_BACKOFF_SECONDS = 300.0
# Given up on: kept for staff, and no longer at the head of its sender's queue (`bot.store.claims`
# looks at pending and processing rows only), so the sender's later messages go on.
PARKED = "parked"
# The apology's place among a message's replies (outbox unique on reply_to_id, seq): after any a
# retried message's replies could have, so that parking one twice never queues it twice.
APOLOGY_SEQ = 1000
# The start of `last_error` of a message whose turn the engine may have taken already: one taken over
# from a worker whose claim ran out (it died during or after the turn, before completing it), or retried
# after a turn that failed (a timeout, a crash in the engine). The worker asks the engine before it
# takes the turn again (`Claimed.in_doubt`); a turn is not run twice.
IN_DOUBT = "in doubt: the engine may have taken its turn"


class Inbox:
    def __init__(self, db: Database, clock: Clock, *, max_attempts: int = 8, backoff_seconds: float = 2.0,
                 lease_seconds: float = 120.0, privacy_notice: bool = True,
                 notice_exempt: Exempt | None = None) -> None:
        self.db = db
        self.privacy_notice = privacy_notice  # a new address is told, once, after its first replies (notice.py)
        self.notice_exempt = notice_exempt  # who is never told (staff: the app knows them)
        self.clock = clock
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.lease_seconds = lease_seconds
        table = InboxMessage.__table__
        dialect = sqlite if db.is_sqlite else postgresql
        # Built once; executed with a list of rows, SQLAlchemy sends it as one multi-row INSERT.
        self._insert = (dialect.insert(table).on_conflict_do_nothing(index_elements=["channel", "external_id"])
                        .returning(table.c.channel, table.c.external_id, table.c.id))
        self._queue_replies = insert(OutboxMessage.__table__)  # built once: the worker runs it per message
        self.claimer = Claimer(InboxMessage, "processing", ["sender"],  # a sender's messages, in order
                               note_takeover=IN_DOUBT)

    def store(self, message: Inbound) -> tuple[int, bool]:
        """Persist a message; returns (id, created). A repeat of (channel, external_id) is ignored."""
        return self.store_many([message])[0]

    def store_many(self, messages: list[Inbound], conn: Connection | None = None) -> list[tuple[int, bool]]:
        """`store` for several messages in one statement (one round trip, one commit, one write lock
        on SQLite), and a look-up of the repeats. SQLAlchemy Core, no ORM: the webhook's hot path.
        On `conn` if given (the caller commits), else in a transaction of its own."""
        if conn is None:
            with self.db.engine.begin() as conn:
                return self._store_on(conn, messages)
        return self._store_on(conn, messages)

    def _store_on(self, conn: Connection, messages: list[Inbound]) -> list[tuple[int, bool]]:
        now = self.clock.now()
        table = InboxMessage.__table__
        keys = [(m.channel, storable(m.external_id)) for m in messages]
        # What comes from outside holds no NUL character once stored (bot.store.types.storable).
        rows = [dict(channel=channel, external_id=external_id, sender=storable(m.sender), text=storable(m.text),
                     payload=storable_json(m.payload), status="pending", received_at=now, next_attempt_at=now,
                     attempts=0)
                for m, (channel, external_id) in zip(messages, keys, strict=True)]
        created = {(r.channel, r.external_id): int(r.id) for r in conn.execute(self._insert, rows)}
        known: dict[tuple[str, str], int] = {}
        if len(created) < len(set(keys)):
            repeats = [key for key in keys if key not in created]
            known = {(r.channel, r.external_id): int(r.id) for r in conn.execute(
                select(table.c.channel, table.c.external_id, table.c.id).where(
                    tuple_(table.c.channel, table.c.external_id).in_(repeats)))}
        ids, first = {**known, **created}, set(created)
        results: list[tuple[int, bool]] = []
        for key in keys:  # of repeats within one batch, the first is the one stored
            results.append((ids[key], key in first))
            first.discard(key)
        return results

    def has_due(self) -> bool:
        """Whether any message is waiting to be claimed (a read: cheap, never waits for a writer)."""
        now = self.clock.now()
        cutoff = now - timedelta(seconds=self.lease_seconds)
        with self.db.engine.connect() as conn:
            return conn.scalar(select(InboxMessage.id).where(claimable(InboxMessage, now, cutoff, "processing"))
                               .limit(1)) is not None

    def claim(self, worker: str, limit: int = 8) -> list[Claimed]:
        """Claim the earliest unfinished message of up to `limit` senders."""
        now = self.clock.now()
        cutoff = now - timedelta(seconds=self.lease_seconds)
        with self.db.engine.begin() as conn:
            return [claimed(row) for row in self.claimer.claim_heads(conn, worker, now, cutoff, limit)]

    def complete_many(self, done: Sequence[tuple[Claimed, list[dict[str, Any]]]], worker: str) -> list[bool]:
        """Mark messages done and queue their replies, in one transaction, for those this worker still
        holds; returns, per message, whether it was. The worker gathers the messages it finishes about
        the same time (docs/benchmarks.md): one transaction per message cost a ping, BEGIN, UPDATE,
        INSERT and COMMIT each. Core statements on a connection: the worker does this for every message."""
        if not done:
            return []
        now = self.clock.now()
        with self.db.engine.begin() as conn:
            held = update_held_many(conn, InboxMessage, [message.id for message, _ in done], worker, "processing",
                                    status="done", processed_at=now, last_error=None)
            rows = [dict(channel=message.channel, recipient=message.sender, kind="reply", text=reply.get("text") or "",
                         payload=_reply_payload(reply), reply_to_id=message.id, seq=seq, status="pending",
                         attempts=0, created_at=now, next_attempt_at=now)
                    for message, replies in done if message.id in held for seq, reply in enumerate(replies)]
            if rows:
                rows += privacy_notices(conn, rows, now, self.notice_exempt) if self.privacy_notice else []
                conn.execute(self._queue_replies, rows)
        return [message.id in held for message, _ in done]

    def update_payload(self, message: Claimed, worker: str, payload: dict[str, Any]) -> bool:
        """Keep what a step learned (downloaded photos, a location) so a retry does not redo it."""
        with self.db.autocommit.connect() as conn:  # one statement
            return update_held(conn, InboxMessage, message.id, worker, "processing", payload=payload)

    def retry_later(self, message: Claimed, worker: str, error: str, *, in_doubt: bool = False) -> str | None:
        """Leave the message pending with backoff; the `max_attempts`-th failure parks it instead
        (`park`), so that it no longer holds back its sender's later messages. Returns the status it
        was left in, None when this worker no longer held it. `in_doubt`: the engine may have taken its
        turn (see IN_DOUBT); the next claim says so, and so does a parked one staff put back."""
        if in_doubt:
            error = f"{IN_DOUBT}; {error}"
        if message.attempts >= self.max_attempts:
            return PARKED if self.park(message, worker, error) else None
        delay = backoff_seconds(self.backoff_seconds, message.attempts, MAX_BACKOFF_SECONDS)
        with self.db.autocommit.connect() as conn:  # one statement
            held = update_held(conn, InboxMessage, message.id, worker, "processing", status="pending",
                               last_error=error[:500], next_attempt_at=self.clock.now() + timedelta(seconds=delay))
        return "pending" if held else None

    def park(self, message: Claimed, worker: str, reason: str, *, reply: str = APOLOGY) -> bool:
        """Give up on a message: it is parked, a finished state for its sender's queue (their later
        messages go on), kept with `reason` for staff (`parked`, `requeue`); the sender hears `reply`
        once per message. True when this worker still held it."""
        now = self.clock.now()
        with self.db.engine.begin() as conn:
            if not update_held(conn, InboxMessage, message.id, worker, "processing", status=PARKED,
                               last_error=reason[:500], processed_at=now):
                return False
            first = conn.execute(update(InboxMessage)
                                 .where(InboxMessage.id == message.id, InboxMessage.apology_sent.is_(False))
                                 .values(apology_sent=True))
            if first.rowcount == 1:
                conn.execute(insert(OutboxMessage).values(
                    channel=message.channel, recipient=message.sender, kind="apology", text=reply, payload={},
                    reply_to_id=message.id, seq=APOLOGY_SEQ, status="pending", attempts=0, created_at=now,
                    next_attempt_at=now))
        return True

    def requeue(self, message_id: int) -> bool:
        """A parked message tried again (staff, once its cause is fixed), with a fresh budget of
        attempts. It keeps its id, so it goes first among any messages its sender still has waiting
        and holds them back for at most that budget; it is never apologised for twice. True when it
        was parked."""
        with self.db.session() as s:
            changed = s.execute(update(InboxMessage)
                                .where(InboxMessage.id == message_id, InboxMessage.status == PARKED)
                                .values(status="pending", attempts=0, next_attempt_at=self.clock.now(),
                                        claimed_by=None, claimed_at=None, processed_at=None))
            return changed.rowcount == 1

    def status_of(self, message_id: int) -> str | None:
        with self.db.session() as s:
            return s.scalar(select(InboxMessage.status).where(InboxMessage.id == message_id))

    def replies_to(self, message_id: int) -> list[str]:
        with self.db.session() as s:
            return list(s.scalars(select(OutboxMessage.text).where(OutboxMessage.reply_to_id == message_id)
                                  .order_by(OutboxMessage.seq)))

    def stuck(self) -> list[InboxMessage]:
        """Messages that have failed at least once and are still being retried, and parked ones:
        for staff to see, oldest first."""
        with self.db.session() as s:
            return list(s.scalars(select(InboxMessage).where(or_(
                and_(InboxMessage.status.in_(("pending", "processing")), InboxMessage.attempts > 0),
                InboxMessage.status == PARKED)).order_by(InboxMessage.id)))


def claimed(row: Any) -> Claimed:
    """A claimed inbox row (as RETURNING gave it) as the worker's message."""
    return Claimed(row.id, row.channel, row.sender, row.text, dict(row.payload or {}), row.attempts,
                   (row.last_error or "").startswith(IN_DOUBT))


def _reply_payload(reply: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in reply.items() if k in ("buttons", "image", "custom") and v}
