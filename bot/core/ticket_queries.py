"""Reading tickets for the outside world (Open311): which categories the public may see, which
tickets match a search, which photos may be served."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import Ticket, TicketPhoto
from bot.store.photos import PhotoStore

# What a public-works tracker shows: problems in shared space. Roads, sanitation and fire safety
# (streets, bins, public toilets, stairwells and fire lanes) are about places everybody uses: they
# are listed with a coarse point. Housing and utilities are about somebody's home, and "other" is the
# classifier's catch-all that may hold anything: both are listed, but never with a point. Every
# other category (disputes, public security, health, elderly care, education, employment, and any
# category added later) is about people and is never public: only a key with the read_private
# scope sees it.
PUBLIC_SPACE_CATEGORIES = frozenset({"roads", "sanitation", "fire_safety"})
PUBLIC_CATEGORIES = PUBLIC_SPACE_CATEGORIES | {"housing_utilities", "other"}
# 3 decimals of a degree is about 110 m north-south: the street, not the door.
PUBLIC_POINT_DECIMALS = 3

_PHOTO_ID = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class ServablePhoto:
    path: Path
    content_type: str


def public_point(ticket: Ticket) -> tuple[float, float] | None:
    """The ticket's point rounded to street level, for public-space categories only."""
    if ticket.category not in PUBLIC_SPACE_CATEGORIES or ticket.lat is None or ticket.lon is None:
        return None
    return round(ticket.lat, PUBLIC_POINT_DECIMALS), round(ticket.lon, PUBLIC_POINT_DECIMALS)


def find_tickets(session: Session, *, numbers: Sequence[str] = (), start: datetime | None = None,
                 end: datetime | None = None, categories: Collection[str], limit: int) -> list[Ticket]:
    """Numbered tickets of `categories`, newest first, created between `start` and `end`; only those
    named by `numbers` when given. No categories, no tickets."""
    if not categories:
        return []
    query = select(Ticket).where(Ticket.number.is_not(None), Ticket.category.in_(sorted(categories)))
    if numbers:
        query = query.where(Ticket.number.in_(list(numbers)))
    if start is not None:
        query = query.where(Ticket.created_at >= start)
    if end is not None:
        query = query.where(Ticket.created_at <= end)
    return list(session.scalars(query.order_by(Ticket.id.desc()).limit(limit)))


def servable_photo(session: Session, photos: PhotoStore, photo_id: str) -> ServablePhoto | None:
    """A photo attached to a ticket whose stored bytes are an image, with the type its bytes say;
    else None (whatever a provider or uploader claimed the type was)."""
    if not _PHOTO_ID.fullmatch(photo_id):
        return None
    if not session.scalar(select(TicketPhoto.id).where(TicketPhoto.photo_id == photo_id).limit(1)):
        return None
    content_type = photos.content_type_of(photo_id)  # from the stored bytes: anything not an image is never served
    return ServablePhoto(photos.path_of(photo_id), content_type) if content_type else None
