"""The retention purge (PIPL: kept no longer than needed): past the retention, messages in and out
keep their rows (counts, dates, status, address) but lose their text and payload; conversations in
Rasa's tracker store, Telegram locations and unsent "更多" remainders go; photo files go unless an open
ticket or a recent message still uses them. Tickets themselves are the record and stay. Audit entries
go only past the audit retention, never younger than six months (`bot.core.audit.purge`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Text, cast, delete, or_, select, update
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import audit
from bot.core.tickets import OPEN_STATUSES
from bot.store.channel_models import InboundMedia, SmsContinuation, TelegramLocation
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import KnowledgeMiss, Ticket, TicketPhoto

# A resolved ticket waits for its rating and may be reopened: its photos are still needed.
PHOTO_KEEPING_STATUSES = (*OPEN_STATUSES, "resolved")
UNFINISHED_INBOX = ("pending", "processing")
UNFINISHED_OUTBOX = ("pending", "sending")


@dataclass
class Purged:
    counts: dict[str, int] = field(default_factory=dict)
    photos: list[str] = field(default_factory=list)  # files to delete once the transaction has committed


def purge(session: Session, clock: Clock, *, older_than: timedelta, audit_retention_days: int, actor: str,
          photos_stored_before: list[str], conversation_events: int = 0) -> Purged:
    """Blank and delete what is older than `older_than`, in the caller's transaction; audited.
    `photos_stored_before`: the ids of photo files written before the cutoff (the caller reads the folder);
    of them, those no open ticket or recent message uses come back in `Purged.photos`. The conversations
    are in another database: the caller deletes them and passes the count."""
    now = clock.now()
    cutoff = now - older_than
    counts: dict[str, int] = {"conversation_events": conversation_events}

    def run(statement: object) -> int:
        return session.execute(statement.execution_options(synchronize_session=False)).rowcount  # type: ignore[attr-defined]

    counts["messages_received"] = run(update(InboxMessage).where(
        InboxMessage.received_at < cutoff, InboxMessage.status.notin_(UNFINISHED_INBOX),
        or_(InboxMessage.text != "", cast(InboxMessage.payload, Text) != "{}")).values(text="", payload={}))
    counts["messages_sent"] = run(update(OutboxMessage).where(
        OutboxMessage.created_at < cutoff, OutboxMessage.status.notin_(UNFINISHED_OUTBOX),
        or_(OutboxMessage.text != "", cast(OutboxMessage.payload, Text) != "{}")).values(text="", payload={}))
    counts["sms_continuations"] = run(delete(SmsContinuation).where(SmsContinuation.created_at < cutoff))
    counts["telegram_locations"] = run(delete(TelegramLocation).where(TelegramLocation.shared_at < cutoff))
    counts["questions_not_answered"] = run(delete(KnowledgeMiss).where(KnowledgeMiss.asked_at < cutoff))
    unused = sorted(set(photos_stored_before) - _photos_still_needed(session, cutoff, photos_stored_before))
    counts["photo_files"] = len(unused)
    counts["audit_entries"] = audit.purge(session, clock, audit_retention_days)
    audit.record(session, clock, actor, "purge", "", {"older_than_days": older_than.days,
                                                      "cutoff": cutoff.isoformat(), **counts})
    return Purged(counts, unused)


def _photos_still_needed(session: Session, cutoff: datetime, candidates: list[str]) -> set[str]:
    """Of these photos, those on a ticket still open, or that came with a message within the retention."""
    needed: set[str] = set()
    for start in range(0, len(candidates), 500):
        batch = candidates[start:start + 500]
        needed.update(session.scalars(select(TicketPhoto.photo_id).join(Ticket, Ticket.id == TicketPhoto.ticket_id)
                                      .where(TicketPhoto.photo_id.in_(batch), or_(
                                          Ticket.status.in_(PHOTO_KEEPING_STATUSES), TicketPhoto.added_at >= cutoff))))
        needed.update(session.scalars(select(Ticket.resolution_photo).where(
            Ticket.resolution_photo.in_(batch), Ticket.status.in_(PHOTO_KEEPING_STATUSES))))
        needed.update(session.scalars(select(InboundMedia.photo_id).where(
            InboundMedia.photo_id.in_(batch), InboundMedia.stored_at >= cutoff)))
    recent = session.scalars(select(InboxMessage.payload).where(
        or_(InboxMessage.received_at >= cutoff, InboxMessage.status.in_(UNFINISHED_INBOX)),
        cast(InboxMessage.payload, Text).contains('"photos"')))
    for payload in recent:
        needed.update((payload or {}).get("photos") or [])
    return needed
