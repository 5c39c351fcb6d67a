"""Tickets: a report becomes work assigned to a person, with every change recorded.

This module opens tickets; acknowledgement, resolution, deadlines and escalation build on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.core import registry
from bot.core.notify import notify
from bot.core.phones import mask
from bot.core.routing import Located
from bot.store.models import Person, Ticket, TicketEvent

CATEGORY_NAMES = {
    "sanitation": "环境卫生",
    "roads": "道路设施",
    "housing_utilities": "房屋水电气",
    "public_security": "治安",
    "dispute": "矛盾纠纷",
    "employment": "就业",
    "health": "医疗健康",
    "education": "教育",
    "elderly_care": "养老助残",
    "fire_safety": "消防安全",
    "other": "其他",
}
TICKET_NUMBER_OFFSET = 1000


@dataclass(frozen=True)
class Report:
    """What a person told us, as the core needs it."""

    text: str
    category: str
    reporter_address: str
    channel: str
    place_text: str = ""
    lat: float | None = None
    lon: float | None = None
    source_message_id: int | None = None


@dataclass(frozen=True)
class Opened:
    ticket: Ticket
    assignee: Person | None
    created: bool  # False when the same inbound message had already opened it


def ticket_number(ticket_id: int) -> str:
    return f"T{ticket_id + TICKET_NUMBER_OFFSET}"


def open_ticket(session: Session, clock: Clock, report: Report, where: Located | None) -> Opened:
    """Open a ticket for a report, assign the grid's primary worker and tell them.

    Idempotent per inbound message: processing the same message again returns the same ticket.
    """
    if report.source_message_id is not None:
        existing = session.scalar(select(Ticket).where(Ticket.source_message_id == report.source_message_id))
        if existing is not None:
            return Opened(existing, existing.assignee, created=False)

    now = clock.now()
    reporter = registry.person_by_address(session, report.reporter_address)
    category = report.category if report.category in CATEGORY_NAMES else "other"
    ticket = Ticket(
        text=report.text,
        category=category,
        place_text=report.place_text,
        lat=report.lat,
        lon=report.lon,
        reporter_id=reporter.id if reporter else None,
        reporter_address=report.reporter_address,
        reporter_channel=report.channel,
        source_message_id=report.source_message_id,
        created_at=now,
        status="new",
    )
    session.add(ticket)
    session.flush()
    ticket.number = ticket_number(ticket.id)
    session.add(TicketEvent(ticket_id=ticket.id, kind="created", actor_id=ticket.reporter_id, at=now,
                            data={"category": category, "located_by": where.how if where else None}))

    assignee = None
    if where is not None:
        ticket.unit_id = where.unit.id
        workers = registry.staff_for(session, where.unit.id, "grid_worker")
        if workers:
            assignee = workers[0]
            ticket.assignee_id = assignee.id
            ticket.assignee_role = "grid_worker"
            ticket.status = "assigned"
            ticket.ack_due_at = now + timedelta(days=1)
            ticket.due_at = now + timedelta(days=7)
            session.add(TicketEvent(ticket_id=ticket.id, kind="assigned", at=now,
                                    data={"assignee_id": assignee.id, "role": "grid_worker"}))
            notify(session, assignee, worker_notice(ticket, where), ticket_id=ticket.id)
    session.flush()
    return Opened(ticket, assignee, created=True)


def worker_notice(ticket: Ticket, where: Located) -> str:
    place = f"（{ticket.place_text}）" if ticket.place_text else ""
    who = mask(ticket.reporter_address) if ticket.reporter_address.startswith("+") else "群众"
    return (
        f"新工单{ticket.number}【{CATEGORY_NAMES[ticket.category]}】{where.unit.name}{place}："
        f"{ticket.text[:40]}。反映人{who}。回复“收到 {ticket.number}”接单"
    )


def assignee_label(person: Person | None) -> str:
    """'王芳（137****0001）' for a reply to the reporter."""
    if person is None:
        return ""
    return f"{person.name}（{mask(person.phone)}）" if person.phone else person.name
