"""A reporter's ordinary ticket that turns into an emergency a few minutes on (blind test 29, B106:
"烟子好大 整个楼道都是" right after "河畔花园5栋有人在楼道烧纸" opened a second, 119 ticket asking
where): the same ticket is raised to an emergency with its known place, its words added, and the
secretary and the duty officer alerted; never a second ticket, never "在哪里？".

Only the same kind of danger raises a ticket: smoke or fire after a report of something burning, or of fuel piled (堆煤,
杂物)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core.tickets import OPEN_STATUSES, alert_emergency, event
from bot.store.models import Ticket

RAISE_WINDOW = timedelta(minutes=30)
_BURNING = re.compile(r"火|烟|烧|焦|冒黑")
# What burns, piled where it should not be (楼道堆煤, then 烧蜂窝煤 烟好大: blind test 32, B43 asked where again).
_FUEL = re.compile(r"煤|柴|炉|纸壳|纸箱|泡沫|杂物|汽油|柴油|液化气|气罐|稻草|草堆")


def ticket_to_raise(session: Session, clock: Clock, address: str, text: str) -> Ticket | None:
    """The sender's recent open ordinary ticket with a place that the emergency `text` continues (something burning
    both times), else None."""
    if _BURNING.search(text) is None:
        return None
    ticket = session.scalar(select(Ticket).where(
        Ticket.reporter_address == address, Ticket.status.in_(OPEN_STATUSES),
        Ticket.created_at >= clock.now() - RAISE_WINDOW).order_by(Ticket.id.desc()).limit(1))
    if ticket is None or ticket.severity == "critical" or ticket.merged_into_id is not None:
        return None
    if ticket.unit_id is None and not ticket.place_text and ticket.lat is None:
        return None
    return ticket if _BURNING.search(ticket.text or "") or _FUEL.search(ticket.text or "") else None


def raise_ticket(session: Session, clock: Clock, ticket: Ticket, text: str, category: str) -> None:
    """`ticket` made an emergency: `text` added to its words, its category the emergency's, everyone alerted."""
    ticket.text = f"{ticket.text} {text}"
    ticket.category = category
    ticket.severity = "critical"
    ticket.priority = "immediate"
    event(session, ticket, "raised", clock.now(), note=text, category=category)
    session.flush()
    alert_emergency(session, ticket, ticket.unit)
