"""One grid as the workbench shows it from the 亮灯图: its light and figures, who works it, its open
tickets (most urgent first) and its households by colour, each drawn where it lives. Only for a grid in
the staff member's scope (`grid_lights.grid_in_scope`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.grid_lights import OPEN, GridState, LightRules, grid_in_scope, states_of
from bot.core.household_spots import Dot, household_dots
from bot.core.scopes import ROLE_NAMES, Scope
from bot.core.ticket_queue import is_overdue, urgency_order
from bot.store.models import Person, StaffRole, Ticket

OPEN_SHOWN = 50
WORKER_ROLES = ("grid_worker", "backup_grid_worker")


@dataclass(frozen=True)
class Worker:
    name: str
    role: str  # 网格员 / 备岗网格员
    phone: str


@dataclass(frozen=True)
class OpenTicket:
    number: str
    category: str
    status: str
    priority: str
    text: str
    created_at: datetime
    due_at: datetime | None
    overdue: bool
    assignee: str


@dataclass(frozen=True)
class GridPage:
    state: GridState
    workers: list[Worker]
    tickets: list[OpenTicket]  # the OPEN_SHOWN most urgent of `state.open_tickets`
    dots: list[Dot]


def grid_page(session: Session, scope: Scope, code: str, now: datetime, rules: LightRules) -> GridPage | None:
    """The grid's page, or None when it is not a grid in scope."""
    grid = grid_in_scope(session, scope, code)
    if grid is None:
        return None
    state = states_of(session, [grid], now, rules)[0]
    workers = [Worker(person.name, ROLE_NAMES.get(role, role), person.phone or "")
               for person, role in session.execute(
                   select(Person, StaffRole.role).join(StaffRole, StaffRole.person_id == Person.id)
                   .where(StaffRole.unit_id == grid.id, StaffRole.role.in_(WORKER_ROLES))
                   .order_by(StaffRole.role.desc(), StaffRole.id))]
    rows = session.execute(
        select(Ticket, Person.name).outerjoin(Person, Person.id == Ticket.assignee_id)
        .where(Ticket.unit_id == grid.id, Ticket.status.in_(OPEN), scope.tickets())
        .order_by(*urgency_order(now)).limit(OPEN_SHOWN)).all()
    tickets = [OpenTicket(t.number or "", t.category, t.status, t.priority, t.text[:60], t.created_at, t.due_at,
                          is_overdue(t, now), assignee or "") for t, assignee in rows]
    return GridPage(state, workers, tickets, household_dots(session, {grid.id: grid.polygon}))
