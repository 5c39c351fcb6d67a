"""A ticket as the workbench shows it to staff with it in scope: the whole report, the reporter (full
number, household colour and tags), photos, every event with who did it, and the 13710 clock. Reading
it is a read of personal data, so it goes into the audit log."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import audit
from bot.core.lifecycle import WORKABLE, may_act
from bot.core.merging import merged_into
from bot.core.routing_rules import RoutingRules
from bot.core.scopes import Scope, grid_staff, grids_in
from bot.core.ticket_queue import is_overdue
from bot.core.tickets import OPEN_STATUSES
from bot.store.models import OrgUnit, Person, Ticket, TicketEvent

MERGE_CANDIDATES = 30


@dataclass(frozen=True)
class Deadline:
    label: str
    at: datetime | None
    met_at: datetime | None  # when the step was done, if it was
    late: bool


@dataclass(frozen=True)
class TicketView:
    ticket: Ticket
    reporter: Person | None
    colour: str | None
    tags: list[str]
    events: list[tuple[TicketEvent, str, str]]  # (event, who did it, to whom: names or "")
    clock: list[Deadline]
    overdue: bool
    may_act: bool
    actions: tuple[str, ...]  # what the viewer may do now: ack, progress, resolve, return, dispatch, merge, note, reply
    grids: list[OrgUnit]  # where it may be dispatched
    people: list[tuple[Person, str]]  # whom in its grid (and above) it may be given to
    merged: list[Ticket] = field(default_factory=list)  # 并单: tickets merged into this one (text, photos)
    merged_into: Ticket | None = None  # the ticket this one was merged into, when in scope
    candidates: list[Ticket] = field(default_factory=list)  # open tickets of its grid it may absorb


def ticket_view(session: Session, clock: Clock, rules: RoutingRules, scope: Scope, viewer_id: int,
                ticket: Ticket) -> TicketView:
    """What the viewer (in whose scope the ticket is) sees and may do; the read is audited."""
    now = clock.now()
    viewer = session.get(Person, viewer_id)
    reporter = ticket.reporter
    household = reporter.household if reporter is not None else None
    rows = session.execute(select(TicketEvent, Person.name).outerjoin(Person, Person.id == TicketEvent.actor_id)
                           .where(TicketEvent.ticket_id == ticket.id).order_by(TicketEvent.id)).all()
    targets = sorted({t for e, _ in rows if isinstance(t := _target(e), int)})
    names = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(targets))).all())
    late = is_overdue(ticket, now)
    deadlines = [
        Deadline("接单时限", ticket.ack_due_at, ticket.acknowledged_at,
                 ticket.ack_due_at is not None and (ticket.acknowledged_at or now) > ticket.ack_due_at),
        Deadline("办结时限", ticket.due_at, ticket.resolved_at,
                 ticket.due_at is not None and (ticket.resolved_at or now) > ticket.due_at),
    ]
    if ticket.rating_due_at is not None:
        deadlines.append(Deadline("评价截止", ticket.rating_due_at, ticket.closed_at, False))
    allowed = may_act(session, rules, ticket, viewer)
    actions: tuple[str, ...] = ()
    if allowed:
        possible = []
        if ticket.status in WORKABLE and ticket.status not in ("acknowledged", "in_progress"):
            possible.append("ack")
        if ticket.status in WORKABLE:
            possible += ["progress", "resolve"]
        if ticket.status in ("assigned", "acknowledged", "reopened"):
            possible.append("return")
        if ticket.status in OPEN_STATUSES:
            possible += ["dispatch", "merge"]
        if ticket.status in (*OPEN_STATUSES, "resolved", "closed"):
            possible += ["note", "reply"]
        actions = tuple(possible)
    audit.record(session, clock, f"person:{viewer_id}", "ticket.viewed", ticket.number or "")
    return TicketView(
        ticket=ticket, reporter=reporter, colour=household.colour if household else None,
        tags=list(household.tags or []) if household else [],
        events=[(e, name or "", names.get(_target(e), "")) for e, name in rows],
        clock=deadlines, overdue=late, may_act=allowed, actions=actions,
        grids=grids_in(session, scope) if "dispatch" in actions else [],
        people=grid_staff(session, ticket.unit) if "dispatch" in actions and ticket.unit is not None else [],
        merged=merged_into(session, ticket),
        merged_into=session.scalar(select(Ticket).where(Ticket.id == ticket.merged_into_id, scope.tickets()))
        if ticket.merged_into_id else None,
        candidates=_candidates(session, scope, ticket) if "merge" in actions else [],
    )


def _candidates(session: Session, scope: Scope, ticket: Ticket) -> list[Ticket]:
    """Open tickets of the same grid, in scope, that could be merged into this one (newest first)."""
    if ticket.unit_id is None:
        return []
    return list(session.scalars(select(Ticket).where(
        Ticket.unit_id == ticket.unit_id, Ticket.id != ticket.id, Ticket.status.in_(OPEN_STATUSES), scope.tickets())
        .order_by(Ticket.id.desc()).limit(MERGE_CANDIDATES)))


def _target(event: TicketEvent) -> object:
    """The person an assignment or an escalation went to, by id, if the event names one."""
    data = event.data if isinstance(event.data, dict) else {}
    return data.get("assignee_id") or data.get("to")
