"""The monthly 四万 visit lists: on the first of each month (the worker's monthly loop) every grid's
households due by the rule (bot/core/visit_rules.py) become `VisitTask` rows for the grid's grid worker,
due at the month's end, and each worker hears once how many and how to record a visit.

Claimed with the month's `MonthlyRun` row in the same transaction (bot/core/monthly.py): a timer run
twice, or two workers, make one list and one message."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from bot.core import registry
from bot.core.monthly import MonthlyJob, month_of, month_start, next_month, previous_month
from bot.core.notify import notify
from bot.core.scopes import Scope
from bot.core.tickets import OPEN_STATUSES
from bot.core.visit_rules import HouseholdFacts, VisitRules, due
from bot.store.household_models import Visit, VisitTask
from bot.store.models import Household, OrgUnit, Person, Ticket, TicketEvent

KIND = "visit_lists"
EXAMPLE_NOTE = "已核实 无新情况"


def month_label(month: str) -> str:
    """'12月' for 2026-12."""
    return f"{int(month.split('-')[1])}月"


def list_notice(month: str, count: int, first_code: str) -> str:
    """The one message a grid worker gets with the month's list (one SMS part)."""
    return f"{month_label(month)}走访{count}户，回“我的走访”看名单；走访后回“走访 {first_code} {EXAMPLE_NOTE}”"


def household_facts(session: Session, month: str) -> list[HouseholdFacts]:
    """Every household's colour, last visit (up to the month's end) and tickets from its members."""
    end = month_start(next_month(month))
    last = dict(session.execute(select(Visit.household_id, func.max(Visit.visited_at))
                                .where(Visit.visited_at < end).group_by(Visit.household_id)).all())
    members_tickets = select(Person.household_id).join(Ticket, Ticket.reporter_id == Person.id) \
        .where(Person.household_id.is_not(None))
    open_ = set(session.scalars(members_tickets.where(Ticket.status.in_(OPEN_STATUSES)).distinct()))
    since = month_start(previous_month(month))
    reopened = set(session.scalars(members_tickets.join(TicketEvent, TicketEvent.ticket_id == Ticket.id)
                                   .where(TicketEvent.kind == "reopened", TicketEvent.at >= since).distinct()))
    reopened |= set(session.scalars(members_tickets.where(Ticket.status == "reopened").distinct()))
    return [HouseholdFacts(hid, colour, month_of(last[hid]) if hid in last else None, hid in open_, hid in reopened)
            for hid, colour in session.execute(select(Household.id, Household.colour).order_by(Household.id))]


def _grids(session: Session) -> dict[int, OrgUnit]:
    """{unit id: the grid it is in} for every unit at or under a grid."""
    units = {u.id: u for u in session.scalars(select(OrgUnit))}
    found: dict[int, OrgUnit] = {}
    for unit in units.values():
        at: OrgUnit | None = unit
        while at is not None and at.kind != "grid":
            at = units.get(at.parent_id) if at.parent_id is not None else None
        if at is not None:
            found[unit.id] = at
    return found


def make_lists(session: Session, month: str, now: datetime, rules: VisitRules) -> str:
    """Create the month's tasks (households already on it are left alone) and tell each grid worker once."""
    reasons = due(household_facts(session, month), month, rules)
    have = set(session.scalars(select(VisitTask.household_id).where(VisitTask.month == month)))
    grids = _grids(session)
    workers: dict[int, Person | None] = {}
    due_at = month_start(next_month(month))
    per_worker: dict[int, list[str]] = defaultdict(list)
    rows: list[dict[str, object]] = []
    unassigned: Counter[str] = Counter()
    for household_id, code, unit_id in session.execute(select(Household.id, Household.code, Household.unit_id)
                                                      .order_by(Household.code)):
        grid = grids.get(unit_id)
        if household_id not in reasons or household_id in have or grid is None:
            continue
        if grid.id not in workers:
            found = registry.staff_for(session, grid.id, "grid_worker")
            workers[grid.id] = found[0] if found else None
        worker = workers[grid.id]
        rows.append({"month": month, "household_id": household_id, "unit_id": grid.id,
                     "worker_id": worker.id if worker else None, "reason": reasons[household_id],
                     "due_at": due_at, "status": "open", "created_at": now})
        if worker is None:
            unassigned[grid.code] += 1
        else:
            per_worker[worker.id].append(code)
    if rows:
        session.execute(insert(VisitTask), rows)  # one statement for a subdistrict's thousands
    made = len(rows)
    for worker_id, codes in per_worker.items():
        notify(session, session.get(Person, worker_id), list_notice(month, len(codes), codes[0]))
    return (f"{made} tasks for {len(per_worker)} grid workers"
            + (f"; {sum(unassigned.values())} in {len(unassigned)} grids with no grid worker" if unassigned else ""))


def visit_lists_job(rules: VisitRules) -> MonthlyJob:
    """The worker's monthly job making the lists."""
    return MonthlyJob(KIND, lambda session, month, now: make_lists(session, month, now, rules))


# -- reading the lists ---------------------------------------------------------------------------

@dataclass(frozen=True)
class TaskRow:
    task: VisitTask
    household: Household
    grid: OrgUnit
    worker: Person | None


def worker_tasks(session: Session, person_id: int, month: str) -> list[VisitTask]:
    """A grid worker's tasks for the month: open ones first, by household code."""
    return list(session.scalars(select(VisitTask).join(Household, Household.id == VisitTask.household_id)
                                .where(VisitTask.worker_id == person_id, VisitTask.month == month)
                                .order_by(VisitTask.status.desc(), Household.code)))


def tasks_in_scope(session: Session, scope: Scope, month: str, grid_id: int | None = None,
                   status: str = "", limit: int | None = None) -> list[TaskRow]:
    """The month's tasks in a staff member's scope (a grid worker: his grids), optionally one grid's,
    open first, then by grid and household code; at most `limit`."""
    query = (select(VisitTask, Household, OrgUnit, Person)
             .join(Household, Household.id == VisitTask.household_id)
             .join(OrgUnit, OrgUnit.id == VisitTask.unit_id)
             .outerjoin(Person, Person.id == VisitTask.worker_id)
             .where(VisitTask.month == month))
    if not scope.everything:
        query = query.where(VisitTask.unit_id.in_(sorted(scope.unit_ids)))
    if grid_id is not None:
        query = query.where(VisitTask.unit_id == grid_id)
    if status in ("open", "done"):
        query = query.where(VisitTask.status == status)
    query = query.order_by(VisitTask.status.desc(), OrgUnit.code, Household.code).limit(limit)
    return [TaskRow(*row) for row in session.execute(query).all()]
