"""Where a ticket went and why (split from bot/core/ticket_questions.py, which says it to the reporter): the reason
of its last move (rerouted to the grid that covers the place, or sent on by a secretary or the duty officer) and the
grid a grid worker works in."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import OrgUnit, Person, StaffRole, Ticket, TicketEvent


def why_moved(session: Session, ticket: Ticket) -> str:
    """Why the ticket went to another grid: "rerouted" (returned to the grid that covers the place), "community" or
    "subdistrict" (a secretary or the duty officer sent it there), else ""."""
    moved = session.scalars(select(TicketEvent).where(
        TicketEvent.ticket_id == ticket.id, TicketEvent.kind.in_(("rerouted", "dispatched")))
        .order_by(TicketEvent.id.desc()).limit(1)).first()
    if moved is None:
        return ""
    if moved.kind == "rerouted":
        return "rerouted"
    roles = set(session.scalars(select(StaffRole.role).where(StaffRole.person_id == moved.actor_id))) \
        if moved.actor_id else set()
    if "duty_officer" in roles:
        return "subdistrict"
    return "community" if roles else ""


def grid_of(session: Session, person: Person) -> OrgUnit | None:
    """The grid a grid worker (or backup) works in."""
    unit_id = session.scalar(select(StaffRole.unit_id).where(
        StaffRole.person_id == person.id, StaffRole.role.in_(("grid_worker", "backup_grid_worker"))).limit(1))
    return session.get(OrgUnit, unit_id) if unit_id is not None else None
