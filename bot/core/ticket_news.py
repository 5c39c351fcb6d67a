"""What a reporter hears as a ticket's news: the worker's latest progress note, reply or 办结 words ("最新进展：灯泡订了
后天到货"); on a ticket reopened since, why it is done again ("重办原因：灯还是不亮"), never the old 办结 words as the
latest progress (blind test 34, L1: "现在重新办理，由李磊负责。最新进展：灯换好了")."""

from __future__ import annotations

import re

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from bot.common.sms_parts import clause_head
from bot.core.lifecycle import progress_words
from bot.store.models import Ticket, TicketEvent

LATEST = "最新进展：{note}"
REDONE = "重办原因：{reason}"


def has_news(session: Session, ticket: Ticket) -> bool:
    """Whether the ticket has a progress note its reporter may hear."""
    return bool(progress_words(latest_note(session, ticket) or ""))


def latest(session: Session, ticket: Ticket, room: int) -> str:
    """"最新进展：…" from the worker's latest progress note or reply to the reporter, fitted to `room`; on a ticket
    reopened since, why it is done again ("重办原因：灯还是不亮"), never the old 办结 words (blind test 34, L1)."""
    kind, note = latest_event(session, ticket)
    if kind == "reopened":
        reason = " ".join(_RATING.sub("", note).split())
        if len(reason) < 2 or room <= len(REDONE.format(reason="")) + 4:
            return ""
        return REDONE.format(reason=clause_head(reason, room - len(REDONE.format(reason=""))))
    note = progress_words(note)
    if not note or room <= len(LATEST.format(note="")) + 4:
        return ""
    return LATEST.format(note=clause_head(note.strip(), room - len(LATEST.format(note=""))))


# What may lead a reopening's reason when it came with a rating (1 不满意 灯还是不亮): not a reason.
_RATING = re.compile(r"^\s*[1-5一二三四五](?:星|分)?\s*|不满意|差评")


def latest_event(session: Session, ticket: Ticket) -> tuple[str, str]:
    """The kind and words of the latest progress note, reply, 办结 or reopening; ("", "") when none. A reopening
    (its reason, maybe empty) counts even without words: the 办结 words before it are no longer the news."""
    found = session.execute(select(TicketEvent.kind, TicketEvent.note).where(
        TicketEvent.ticket_id == ticket.id,
        or_(TicketEvent.kind == "reopened",
            and_(TicketEvent.kind.in_(("in_progress", "progress", "replied", "resolved")), TicketEvent.note != "")))
        .order_by(TicketEvent.id.desc()).limit(1)).first()
    return (found[0], found[1] or "") if found is not None else ("", "")


def latest_note(session: Session, ticket: Ticket) -> str | None:
    """The latest progress words, None when there are none or the ticket was reopened since (blind test 34, L1)."""
    kind, note = latest_event(session, ticket)
    return note if kind and kind != "reopened" else None
