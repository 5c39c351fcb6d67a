"""A community's (or village's, or one grid's) monthly summary, 月报: tickets new, resolved, open and
overdue at the month's end, 13710 compliance per stage and satisfaction (`stats`, over the tickets
created in the month), the month's 四万 visits (`visit_progress`), the households' 三色 changes made in
the month, the top categories, and the same per grid.

A month is the calendar month in China time (`monthly.month_start`). "At the month's end" is the end of
the month, or now while the month is still running: a ticket is open then if it was created before it
and its last stop (办结, 撤销, 并单) before it, if any, came before a restart (重新办理, 拆分). Overdue at the
end: open then and past its handling deadline (its latest one: a ticket reopened since has new ones).

Every figure is one grouped query over the unit's grids: about fifteen statements for a report, however
many grids and tickets there are."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, case, distinct, func, or_, select
from sqlalchemy.orm import Session, aliased

from bot.core import stats
from bot.core.household_changes import COLOUR_NAMES
from bot.core.monthly import SERVICE_TZ, month_start, next_month
from bot.core.ticket_filter import GridScope, TicketFilter, TicketScope, grids_under
from bot.core.tickets import CATEGORY_NAMES
from bot.core.visit_progress import Progress, by_grid
from bot.store.household_models import HouseholdChange
from bot.store.models import Household, OrgUnit, Person, Ticket, TicketEvent

REPORT_KINDS = ("community", "village", "grid")  # what a report can be for
MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")  # YYYY-MM
TOP_CATEGORIES = 5
MAX_CHANGES_LISTED = 500  # the page and the file list at most this many colour changes (the counts are all)
STOPS = ("resolved", "cancelled", "merged")
RESTARTS = ("reopened", "split")


@dataclass(frozen=True)
class ColourChange:
    """One household's colour changed in the month (from its history)."""

    at: datetime
    household: str  # the household's code
    grid: str
    old: str
    new: str
    reason: str
    by: str  # who changed it ("" for an import)
    via: str


@dataclass(frozen=True)
class Counts:
    """The ticket counts of one grid or the whole unit: created in the month, resolved in it (a ticket
    resolved twice counts once), open and overdue at its end."""

    new: int = 0
    resolved: int = 0
    open_at_end: int = 0
    overdue_at_end: int = 0


@dataclass(frozen=True)
class GridRow:
    unit_id: int
    code: str
    name: str
    counts: Counts
    figures: stats.Figures  # 13710 and satisfaction over the grid's tickets created in the month
    visits: Progress
    colour_changes: int


@dataclass(frozen=True)
class MonthReport:
    unit_id: int
    code: str
    name: str
    kind: str
    month: str
    start: datetime
    end: datetime  # the month's end, or the moment of the report while the month runs
    complete: bool  # the month is over
    as_of: datetime
    counts: Counts
    figures: stats.Figures
    visits: Progress
    colour_moves: list[tuple[str, str, int]]  # (old, new, how many), most first
    colour_changes: list[ColourChange]
    colour_changes_total: int
    top_categories: list[tuple[str, str, int]]  # (code, name, tickets), most first
    grids: list[GridRow] = field(default_factory=list)

    @property
    def period(self) -> str:
        """统计期间: "2026-11-01 至 2026-11-30", or up to the moment while the month runs."""
        first = self.start.astimezone(SERVICE_TZ).strftime("%Y-%m-%d")
        if self.complete:
            last = (self.end.astimezone(SERVICE_TZ) - timedelta(days=1)).strftime("%Y-%m-%d")
            return f"{first} 至 {last}"
        return f"{first} 至 {self.end.astimezone(SERVICE_TZ).strftime('%Y-%m-%d %H:%M')}（本月尚未结束）"

    @property
    def month_label(self) -> str:
        year, mon = self.month.split("-")
        return f"{year}年{int(mon)}月"


def reportable_unit(session: Session, code: str) -> OrgUnit | None:
    """The community, village or grid with this code, or None."""
    return session.scalar(select(OrgUnit).where(OrgUnit.code == code, OrgUnit.kind.in_(REPORT_KINDS)))


def units_offered(session: Session, scope: TicketScope) -> list[OrgUnit]:
    """The communities, villages and grids whose report this scope may read: communities and villages
    first, then grids, each in code order."""
    rank = case((OrgUnit.kind == "grid", 1), else_=0)
    query = select(OrgUnit).where(OrgUnit.kind.in_(REPORT_KINDS)).order_by(rank, OrgUnit.code)
    if not scope.everything:
        query = query.where(OrgUnit.id.in_(sorted(scope.unit_ids)))
    return list(session.scalars(query))


def _counts(session: Session, grids: list[int], start: datetime, end: datetime) -> dict[int, Counts]:
    new = dict(session.execute(select(Ticket.unit_id, func.count(Ticket.id))
                               .where(Ticket.unit_id.in_(grids), Ticket.created_at >= start, Ticket.created_at < end)
                               .group_by(Ticket.unit_id)).all())
    resolved = dict(session.execute(
        select(Ticket.unit_id, func.count(distinct(TicketEvent.ticket_id)))
        .join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(Ticket.unit_id.in_(grids), TicketEvent.kind == "resolved", TicketEvent.at >= start,
               TicketEvent.at < end).group_by(Ticket.unit_id)).all())
    last = (select(TicketEvent.ticket_id.label("ticket_id"),
                   func.max(case((TicketEvent.kind.in_(STOPS), TicketEvent.at))).label("stopped"),
                   func.max(case((TicketEvent.kind.in_(RESTARTS), TicketEvent.at))).label("restarted"))
            .where(TicketEvent.kind.in_(STOPS + RESTARTS), TicketEvent.at < end)
            .group_by(TicketEvent.ticket_id).subquery())
    still_open = or_(last.c.stopped.is_(None), and_(last.c.restarted.is_not(None), last.c.restarted > last.c.stopped))
    late = and_(Ticket.due_at.is_not(None), Ticket.due_at < end)
    at_end = {unit_id: (int(n), int(overdue or 0)) for unit_id, n, overdue in session.execute(
        select(Ticket.unit_id, func.count(Ticket.id), func.sum(case((late, 1), else_=0)))
        .outerjoin(last, last.c.ticket_id == Ticket.id)
        .where(Ticket.unit_id.in_(grids), Ticket.created_at < end, still_open).group_by(Ticket.unit_id))}
    return {grid: Counts(new=int(new.get(grid, 0)), resolved=int(resolved.get(grid, 0)),
                         open_at_end=at_end.get(grid, (0, 0))[0], overdue_at_end=at_end.get(grid, (0, 0))[1])
            for grid in grids}


def _colour_changes(session: Session, grids: list[int], start: datetime,
                    end: datetime) -> tuple[list[ColourChange], Counter[tuple[str, str]], Counter[int], int]:
    grid = aliased(OrgUnit, name="grid_unit")
    in_month = [HouseholdChange.field == "colour", Household.unit_id.in_(grids), HouseholdChange.created_at >= start,
                HouseholdChange.created_at < end]
    grouped = session.execute(select(Household.unit_id, HouseholdChange.old_value, HouseholdChange.new_value,
                                     func.count(HouseholdChange.id))
                              .join(Household, Household.id == HouseholdChange.household_id).where(*in_month)
                              .group_by(Household.unit_id, HouseholdChange.old_value, HouseholdChange.new_value))
    moves: Counter[tuple[str, str]] = Counter()
    per_grid: Counter[int] = Counter()
    for unit_id, old, new, n in grouped:
        moves[(old, new)] += int(n)
        per_grid[unit_id] += int(n)
    rows = session.execute(
        select(HouseholdChange.created_at, Household.code, grid.name, HouseholdChange.old_value,
               HouseholdChange.new_value, HouseholdChange.reason, Person.name, HouseholdChange.via)
        .join(Household, Household.id == HouseholdChange.household_id).join(grid, grid.id == Household.unit_id)
        .outerjoin(Person, Person.id == HouseholdChange.changed_by_id).where(*in_month)
        .order_by(HouseholdChange.created_at, HouseholdChange.id).limit(MAX_CHANGES_LISTED))
    listed = [ColourChange(at, code, grid_name, old, new, reason, by or "", via)
              for at, code, grid_name, old, new, reason, by, via in rows]
    return listed, moves, per_grid, sum(moves.values())


def _top_categories(session: Session, grids: list[int], start: datetime, end: datetime) -> list[tuple[str, str, int]]:
    n = func.count(Ticket.id)
    rows = session.execute(select(Ticket.category, n)
                           .where(Ticket.unit_id.in_(grids), Ticket.created_at >= start, Ticket.created_at < end)
                           .group_by(Ticket.category).order_by(n.desc(), Ticket.category).limit(TOP_CATEGORIES))
    return [(code, CATEGORY_NAMES.get(code, code), int(count)) for code, count in rows]


def month_report(session: Session, unit: OrgUnit, month: str, now: datetime) -> MonthReport:
    """The report of `unit` (a community, village or grid) for `month` (YYYY-MM), as known at `now`."""
    start, month_end = month_start(month), month_start(next_month(month))
    end = min(month_end, max(now, start))
    grid_units = list(session.execute(select(OrgUnit.id, OrgUnit.code, OrgUnit.name)
                                      .where(OrgUnit.id.in_(sorted(grids_under(session, [unit.id]))))
                                      .order_by(OrgUnit.code)))
    grids = [row.id for row in grid_units]
    table = stats.report(session, GridScope.of_grids(grids), TicketFilter(since=start, until=month_end), now, "grid")
    by_key = {row.key: row for row in table.rows}
    counts = _counts(session, grids, start, end)
    visits = by_grid(session, month, grids)
    listed, moves, per_grid, total_changes = _colour_changes(session, grids, start, end)
    rows = [GridRow(unit_id=g.id, code=g.code, name=g.name, counts=counts[g.id],
                    figures=by_key.get(str(g.id), stats.Figures(key=str(g.id), label=g.name)),
                    visits=visits.get(g.id, Progress(0, 0)), colour_changes=per_grid.get(g.id, 0))
            for g in grid_units]
    total = Counts(**{name: sum(getattr(row.counts, name) for row in rows)
                      for name in ("new", "resolved", "open_at_end", "overdue_at_end")})
    return MonthReport(
        unit_id=unit.id, code=unit.code, name=unit.name, kind=unit.kind, month=month, start=start, end=end,
        complete=now >= month_end, as_of=now, counts=total, figures=table.total,
        visits=Progress(sum(v.visits.planned for v in rows), sum(v.visits.done for v in rows)),
        colour_moves=[(old, new, n) for (old, new), n in sorted(moves.items(), key=lambda item: (-item[1], item[0]))],
        colour_changes=listed, colour_changes_total=total_changes,
        top_categories=_top_categories(session, grids, start, month_end), grids=rows)


def colour_name(colour: str) -> str:
    return COLOUR_NAMES.get(colour, colour or "—")


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.0f}%"


def headline(report: MonthReport) -> str:
    """The message to the secretary: 2–3 figures of the month and where to see the rest (≤ 70 characters)."""
    mon = int(report.month.split("-")[1])
    visits = f"走访{report.visits.done}/{report.visits.planned}户" if report.visits.planned else "本月无走访任务"
    text = (f"{report.name}{mon}月月报：新工单{report.counts.new}件，办结及时率{percent(report.figures.resolve_rate)}，"
            f"{visits}。详见工作台→月报")
    if len(text) > 70:  # a very long unit name: keep the figures, drop the name
        text = text[len(report.name):]
    return text
