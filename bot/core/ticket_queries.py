"""Reading tickets for the outside world (Open311): which tickets match a search, which photos
may be served."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.channel_models import InboundMedia
from bot.store.models import Ticket, TicketPhoto


def find_tickets(session: Session, *, numbers: Sequence[str] = (), start: datetime | None = None,
                 end: datetime | None = None, categories: Sequence[str] = (), limit: int) -> list[Ticket]:
    """Numbered tickets, newest first: those named by `numbers`, else those created between `start`
    and `end`; of `categories` when given."""
    query = select(Ticket).where(Ticket.number.is_not(None))
    if numbers:
        query = query.where(Ticket.number.in_(list(numbers)))
    else:
        if start is not None:
            query = query.where(Ticket.created_at >= start)
        if end is not None:
            query = query.where(Ticket.created_at <= end)
    if categories:
        query = query.where(Ticket.category.in_(list(categories)))
    return list(session.scalars(query.order_by(Ticket.id.desc()).limit(limit)))


def attached_photo_type(session: Session, photo_id: str) -> str | None:
    """The photo's content type when it is attached to a ticket, else None."""
    if not session.scalar(select(TicketPhoto.id).where(TicketPhoto.photo_id == photo_id).limit(1)):
        return None
    known = session.scalar(select(InboundMedia.content_type).where(InboundMedia.photo_id == photo_id,
                                                                   InboundMedia.content_type != "").limit(1))
    return known or "image/jpeg"
