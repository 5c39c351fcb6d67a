"""Ticket statistics for cadres: 13710 compliance per stage, satisfaction, reopen rate, median time to
resolve and counts, grouped by grid, community, category or month, over the tickets a `TicketScope` and a
filter (`TicketFilter`) select (those created in the filter's date range).

The 13710 stages, as the routing table defines them (`config/routing.yml`, `tickets.set_deadlines`):
- 接单 (acknowledge): by `ack_due_at` (1 hour when urgent, else 1 day). The first response is the
  acknowledgement, or the resolution when the worker resolved it straight away.
- 办结 (resolve): by `due_at` (3, 7 or 10 days by category and priority).
- 回访/评价 (rating): the reporter rates within `rating_wait_hours`, else the ticket closes as
  default-satisfied (`timers.run_timer`); the share closed by the reporter's own rating is shown.
A deadline still in the future with nothing done yet is neither on time nor late: it is left out of
that stage's rate. Reopening resets the deadlines, so a reopened ticket is judged on its latest ones.

Each figure is one GROUP BY in SQL (three statements for a whole table: the tickets, their rating
and reopening events, the resolution times); only the medians are taken in Python, over one column,
and the total is the groups' sum.
Months are Beijing time (UTC+8)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Integer, and_, case, cast, distinct, func, literal_column, or_, select
from sqlalchemy.orm import Session, aliased

from bot.core.ticket_filter import TicketConditions, TicketScope, overdue
from bot.core.ticket_filter import where as ticket_where
from bot.core.tickets import CATEGORY_NAMES, OPEN_STATUSES
from bot.store.models import OrgUnit, Ticket, TicketEvent

GROUPINGS: dict[str, str] = {"grid": "网格", "community": "社区/村", "category": "类别", "month": "月份"}
TOTAL = "total"
# Not a grouping of the statistics page: by who holds each ticket now, for the worker board
# (bot/core/worker_board.py), so that its on-time rates and satisfaction are these very figures.
ASSIGNEE = "assignee"
UNPLACED = "待分派"


@dataclass(frozen=True)
class Figures:
    """The figures of one group (or of everything: key "total"). Rates are None when nothing was due."""

    key: str
    label: str
    tickets: int = 0
    open: int = 0
    overdue: int = 0  # the queue's 逾期: open past its handling deadline, or untaken past its acknowledgement one
    resolved: int = 0  # resolved or closed now
    closed: int = 0
    cancelled: int = 0
    merged: int = 0
    ack_on_time: int = 0
    ack_late: int = 0
    resolve_on_time: int = 0
    resolve_late: int = 0
    satisfied: int = 0  # ratings of 1 满意
    fairly_satisfied: int = 0  # 2 基本满意
    unsatisfied: int = 0  # 3 不满意 (each reopened the ticket)
    resolved_ever: int = 0  # tickets resolved at least once (the reopen rate's base)
    reopened: int = 0  # tickets reopened at least once
    median_hours_to_resolve: float | None = None

    @property
    def ack_rate(self) -> float | None:
        return _rate(self.ack_on_time, self.ack_on_time + self.ack_late)

    @property
    def resolve_rate(self) -> float | None:
        return _rate(self.resolve_on_time, self.resolve_on_time + self.resolve_late)

    @property
    def ratings(self) -> int:
        return self.satisfied + self.fairly_satisfied + self.unsatisfied

    @property
    def satisfaction(self) -> float | None:
        """满意率: 满意 and 基本满意 among the reporters' own ratings (default closes are not ratings)."""
        return _rate(self.satisfied + self.fairly_satisfied, self.ratings)

    @property
    def closed_by_reporter(self) -> int:
        """Closed by the reporter's own rating (1 or 2); the rest of `closed` closed by default."""
        return min(self.satisfied + self.fairly_satisfied, self.closed)

    @property
    def rating_rate(self) -> float | None:
        """回访: the share of closed tickets the reporter rated before the wait ran out."""
        return _rate(self.closed_by_reporter, self.closed)

    @property
    def reopen_rate(self) -> float | None:
        return _rate(self.reopened, self.resolved_ever)


@dataclass(frozen=True)
class Report:
    """A table of figures by one grouping, and the total over the same tickets."""

    by: str
    rows: list[Figures]
    total: Figures
    as_of: datetime
    extra: dict[str, Any] = field(default_factory=dict)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def month_of(session: Session, column: Any) -> ColumnElement[str]:
    """'2026-11' of a UTC timestamp column in Beijing time, on SQLite or PostgreSQL."""
    # Constants written into the SQL, not bound: PostgreSQL sees a GROUP BY expression with its own
    # parameters as a different expression from the selected one.
    if session.get_bind().dialect.name == "sqlite":
        return func.strftime(literal_column("'%Y-%m'"), column, literal_column("'+8 hours'"))
    return func.to_char(func.timezone(literal_column("'Asia/Shanghai'"), column), literal_column("'YYYY-MM'"))


def hours_between(session: Session, start: Any, end: Any) -> ColumnElement[float]:
    """end − start in hours, on SQLite or PostgreSQL."""
    if session.get_bind().dialect.name == "sqlite":
        return (func.julianday(end) - func.julianday(start)) * 24.0
    return func.extract("epoch", end - start) / 3600.0


def _grid() -> Any:
    return aliased(OrgUnit, name="grid_unit")


def _key(session: Session, by: str, grid: Any) -> ColumnElement[Any] | None:
    """The grouping's expression; None for the total (no GROUP BY at all)."""
    if by == TOTAL:
        return None
    if by == "grid":
        return Ticket.unit_id
    if by == "community":
        return grid.parent_id
    if by == "category":
        return Ticket.category
    if by == ASSIGNEE:
        return Ticket.assignee_id
    if by == "month":
        return month_of(session, Ticket.created_at)
    raise ValueError(f"unknown grouping {by!r}: one of {', '.join(GROUPINGS)}")


def _keyed(session: Session, by: str, grid: Any) -> tuple[ColumnElement[Any], list[ColumnElement[Any]]]:
    """The key to select (labelled "key") and what to GROUP BY (nothing for the total)."""
    key = _key(session, by, grid)
    if key is None:
        return literal_column(f"'{TOTAL}'").label("key"), []
    return key.label("key"), [key]


def _sum(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _ticket_figures(session: Session, by: str, where: list[ColumnElement[bool]], now: datetime) -> dict[Any, dict]:
    grid = _grid()
    key, group = _keyed(session, by, grid)
    is_open = Ticket.status.in_(OPEN_STATUSES)
    first_response = func.coalesce(Ticket.acknowledged_at, Ticket.resolved_at)
    columns = {
        "tickets": func.count(Ticket.id),
        "open": _sum(is_open),
        "overdue": _sum(overdue(now)),  # as the queue's 逾期 folder counts it
        "resolved": _sum(Ticket.status.in_(("resolved", "closed"))),
        "closed": _sum(Ticket.status == "closed"),
        "cancelled": _sum(Ticket.status == "cancelled"),
        "merged": _sum(Ticket.status == "merged"),
        "ack_on_time": _sum(and_(first_response.is_not(None), first_response <= Ticket.ack_due_at)),
        "ack_late": _sum(or_(first_response > Ticket.ack_due_at,
                             and_(first_response.is_(None), is_open, Ticket.ack_due_at < now))),
        "resolve_on_time": _sum(and_(Ticket.resolved_at.is_not(None), Ticket.resolved_at <= Ticket.due_at)),
        "resolve_late": _sum(or_(Ticket.resolved_at > Ticket.due_at,
                                 and_(Ticket.resolved_at.is_(None), is_open, Ticket.due_at < now))),
    }
    query = (select(key, *(value.label(name) for name, value in columns.items()))
             .select_from(Ticket).outerjoin(grid, grid.id == Ticket.unit_id).where(*where).group_by(*group))
    return {row.key: {name: int(getattr(row, name)) for name in columns} for row in session.execute(query)}


def _event_figures(session: Session, by: str, where: list[ColumnElement[bool]]) -> dict[Any, dict]:
    grid = _grid()
    key, group = _keyed(session, by, grid)
    score = cast(TicketEvent.data["score"].as_string(), Integer)
    rated = TicketEvent.kind == "rated"
    columns = {
        "satisfied": _sum(and_(rated, score == 1)),
        "fairly_satisfied": _sum(and_(rated, score == 2)),
        "unsatisfied": _sum(and_(rated, score == 3)),
        "resolved_ever": func.count(distinct(case((TicketEvent.kind == "resolved", TicketEvent.ticket_id)))),
        "reopened": func.count(distinct(case((TicketEvent.kind == "reopened", TicketEvent.ticket_id)))),
    }
    query = (select(key, *(value.label(name) for name, value in columns.items()))
             .select_from(TicketEvent).join(Ticket, Ticket.id == TicketEvent.ticket_id)
             .outerjoin(grid, grid.id == Ticket.unit_id)
             .where(TicketEvent.kind.in_(("rated", "resolved", "reopened")), *where).group_by(*group))
    return {row.key: {name: int(getattr(row, name)) for name in columns} for row in session.execute(query)}


def _hours(session: Session, by: str, where: list[ColumnElement[bool]]) -> dict[Any, list[float]]:
    """Hours from report to resolution of each resolved ticket, by group: one column, for the medians."""
    grid = _grid()
    key, _ = _keyed(session, by, grid)
    hours = hours_between(session, Ticket.created_at, Ticket.resolved_at).label("hours")
    query = (select(key, hours).select_from(Ticket).outerjoin(grid, grid.id == Ticket.unit_id)
             .where(Ticket.resolved_at.is_not(None), *where))
    columns: dict[Any, list[float]] = defaultdict(list)
    for group, value in session.execute(query):
        columns[group].append(float(value))
    return columns


def _labels(session: Session, by: str, keys: list[Any]) -> dict[Any, str]:
    if by in ("grid", "community"):
        ids = [k for k in keys if k is not None]
        rows = session.execute(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.id.in_(ids))) if ids else []
        names = {unit_id: name for unit_id, name in rows}
        return {k: names.get(k, UNPLACED) if k is not None else UNPLACED for k in keys}
    if by == "category":
        return {k: CATEGORY_NAMES.get(k, k) for k in keys}
    if by == TOTAL:
        return {k: "合计" for k in keys}
    return {k: str(k) for k in keys}


def _grouped(session: Session, scope: TicketScope, wanted: TicketConditions, now: datetime,
             by: str) -> tuple[list[Figures], list[float]]:
    where = ticket_where(scope, wanted, now)
    tickets = _ticket_figures(session, by, where, now)
    events = _event_figures(session, by, where)
    hours = _hours(session, by, where)
    keys = sorted(set(tickets) | set(events), key=lambda k: (k is None, k or 0))
    labels = _labels(session, by, keys)
    rows = [Figures(key="" if k is None else str(k), label=labels[k], **tickets.get(k, {}), **events.get(k, {}),
                    median_hours_to_resolve=statistics.median(hours[k]) if hours.get(k) else None) for k in keys]
    return rows, [value for values in hours.values() for value in values]


def figures(session: Session, scope: TicketScope, wanted: TicketConditions, now: datetime, by: str) -> list[Figures]:
    """Figures per group of `by` (grid, community, category, month, or "total"), ordered by key;
    tickets nobody could place are one group with key "" (label 待分派)."""
    return _grouped(session, scope, wanted, now, by)[0]


COUNTS = [f.name for f in fields(Figures) if f.type in ("int", int)]


def report(session: Session, scope: TicketScope, wanted: TicketConditions, now: datetime, by: str) -> Report:
    """A table by `by` and its total, over the same tickets. Every ticket is in exactly one group, so
    the total is the groups' sum (and the median over all their resolution times): no second pass."""
    rows, hours = _grouped(session, scope, wanted, now, by)
    sums = {name: sum(getattr(row, name) for row in rows) for name in COUNTS}
    median = statistics.median(hours) if hours else None
    total = Figures(key=TOTAL, label="合计", **sums, median_hours_to_resolve=median)
    return Report(by=by, rows=rows, total=total, as_of=now)
