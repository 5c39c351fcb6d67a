"""The worker board (亮灯): each grid worker's figures for a month and the light they earn.

A grid worker (the registry's `grid_worker` role on a grid) is judged on the tickets they hold now
(`Ticket.assignee_id`) that were reported in the month (China time), with the statistics' own
definitions (`bot/core/stats.py`, grouped by `stats.ASSIGNEE`):
- on-time rate: the 13710 stages met among those due: 接单 and 办结 on time, and 回访 (the reporter
  rated before the wait ran out), over those stages on time or late. A deadline still ahead with
  nothing done yet is not counted, as in the statistics.
- satisfaction: 满意 and 基本满意 among the reporters' own ratings.
- visits: the month's visit list done (`visit_progress.by_worker`).
- open and overdue: the tickets they hold now that are open, and of those the queue's 逾期.

The rates get a light by the thresholds in the settings (`WORKER_LIGHT_*`); a rate over fewer than
`WORKER_LIGHT_MIN_TICKETS` tickets (ratings, for satisfaction) is at worst yellow, so one late ticket does
not turn a worker red. Visits and overdue tickets are lit by the 亮灯图's own rules (`grid_lights`,
`GRID_LIGHT_*`): the map and the board tell the same story about the same grid. The worker's light is the
worst of them; a figure with nothing to measure (no ticket due, no rating, no visit planned, no open
ticket) is left out, and a worker with none at all is 无数据 (grey), not green.
A past month is judged as it stood at its end. Every figure is one grouped query for all the workers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session

from bot.common.settings import Settings
from bot.core import stats, visit_progress
from bot.core.grid_lights import LightRules, overdue_light, visit_light
from bot.core.monthly import SERVICE_TZ, month_start, next_month, previous_month
from bot.core.scopes import Scope
from bot.core.ticket_filter import GridScope, overdue
from bot.core.tickets import OPEN_STATUSES
from bot.core.visit_progress import Progress
from bot.store.household_models import WorkerMonthLight
from bot.store.models import OrgUnit, Person, StaffRole, Ticket

LIGHTS = {"red": "红灯", "yellow": "黄灯", "green": "绿灯", "none": "无数据"}
NO_DATA = "none"
_RANK = {"red": 0, "yellow": 1, "green": 2, NO_DATA: 3}
# The board's orders (?sort=…): worst light first, lowest on-time rate or visits first, or by grid.
SORTS = {"light": "按灯色", "on_time": "按按时率", "visits": "按走访", "grid": "按网格"}
# How far back a run of red months is looked for.
_STREAK_MONTHS = 36


@dataclass(frozen=True)
class Thresholds:
    """(green at or above, red below) for each rate, the fewest tickets (ratings) a rate needs before it can
    be red, and the 亮灯图's rules, by which visits and overdue tickets are lit."""

    on_time: tuple[float, float] = (0.9, 0.7)
    satisfaction: tuple[float, float] = (0.9, 0.7)
    min_tickets: int = 5
    red_months: int = 3
    grid: LightRules = field(default_factory=LightRules)

    @classmethod
    def from_settings(cls, settings: Settings) -> Thresholds:
        return cls(on_time=(settings.worker_light_on_time_green, settings.worker_light_on_time_red),
                   satisfaction=(settings.worker_light_satisfaction_green, settings.worker_light_satisfaction_red),
                   min_tickets=settings.worker_light_min_tickets, red_months=settings.worker_red_months,
                   grid=LightRules.from_settings(settings))


def rate_light(value: float | None, green: float, red: float) -> str | None:
    """green at or above `green`, red below `red`, yellow between; None when there is nothing to judge."""
    if value is None:
        return None
    return "green" if value >= green else "red" if value < red else "yellow"


def worst(lights: Iterable[str | None]) -> str:
    """The worst of the lights given (无数据 when none: nothing measured is not green)."""
    return min((light for light in lights if light), key=_RANK.__getitem__, default=NO_DATA)


def few(light: str | None, count: int, least: int) -> str | None:
    """A rate's light over `count` tickets: at worst yellow below `least`."""
    return "yellow" if light == "red" and count < least else light


@dataclass(frozen=True)
class Stage:
    met: int = 0
    late: int = 0

    @property
    def due(self) -> int:
        return self.met + self.late


@dataclass(frozen=True)
class WorkerFigures:
    """One grid worker's row of the board."""

    person_id: int
    name: str
    unit_id: int
    grid_code: str
    grid_name: str
    community_id: int | None
    tickets: int = 0  # held now, reported in the month
    ack: Stage = Stage()
    resolve: Stage = Stage()
    rating: Stage = Stage()  # 回访: closed by the reporter's own rating, or by default
    satisfaction: float | None = None
    ratings: int = 0
    visits: Progress | None = None
    open: int = 0
    overdue: int = 0
    lights: dict[str, str] = field(default_factory=dict)  # figure → its light ("on_time", "visits", …)
    light: str = NO_DATA
    red_months: int = 0  # closed months in a row before this one (or ending with it, when closed) lit red

    @property
    def stages_met(self) -> int:
        return self.ack.met + self.resolve.met + self.rating.met

    @property
    def stages_due(self) -> int:
        return self.ack.due + self.resolve.due + self.rating.due

    @property
    def on_time_rate(self) -> float | None:
        return self.stages_met / self.stages_due if self.stages_due else None

    @property
    def visit_rate(self) -> float | None:
        return self.visits.rate if self.visits is not None else None


@dataclass(frozen=True)
class Board:
    month: str
    as_of: datetime  # when the month is judged: now, or the month's end once it is over
    elapsed: float  # share of the month gone by at `as_of` (1 for a closed month)
    rows: list[WorkerFigures]
    thresholds: Thresholds

    def counts(self) -> dict[str, int]:
        return {light: sum(row.light == light for row in self.rows) for light in LIGHTS}


@dataclass(frozen=True)
class _HeldInMonth:
    """The statistics' filter for the tickets these workers hold that were reported in [since, until)."""

    person_ids: tuple[int, ...]
    since: datetime
    until: datetime

    def conditions(self, now: datetime) -> list[ColumnElement[bool]]:
        return [Ticket.assignee_id.in_(self.person_ids), Ticket.created_at >= self.since,
                Ticket.created_at < self.until]


def window(month: str, now: datetime) -> tuple[datetime, datetime, datetime, float]:
    """(start, end, when it is judged, share gone by) of `YYYY-MM` at `now`."""
    since, until = month_start(month), month_start(next_month(month))
    at = max(since, min(now, until))
    return since, until, at, (at - since) / (until - since)


def workers(session: Session, viewer: Scope | None = None) -> list[tuple[int, str, OrgUnit]]:
    """(person id, name, grid) of the grid workers a viewer may see, by grid code: the duty officer (or
    None: the service itself) every one, a secretary those of her units, anyone else only themselves."""
    query = (select(StaffRole.person_id, Person.name, OrgUnit).join(Person, Person.id == StaffRole.person_id)
             .join(OrgUnit, OrgUnit.id == StaffRole.unit_id).where(StaffRole.role == "grid_worker"))
    if viewer is not None and not viewer.everything:
        if viewer.oversees:
            query = query.where(StaffRole.unit_id.in_(sorted(viewer.unit_ids)))
        else:
            query = query.where(StaffRole.person_id == viewer.person_id)
    seen: set[int] = set()
    found = []
    for person_id, name, unit in session.execute(query.order_by(OrgUnit.code, StaffRole.id)):
        if person_id not in seen:  # a worker of two grids is one row, under the first
            seen.add(person_id)
            found.append((person_id, name, unit))
    return found


def _open_and_overdue(session: Session, ids: list[int], at: datetime) -> dict[int, tuple[int, int]]:
    query = (select(Ticket.assignee_id, func.count(), func.sum(case((overdue(at), 1), else_=0)))
             .where(Ticket.assignee_id.in_(ids), Ticket.status.in_(OPEN_STATUSES), Ticket.created_at <= at)
             .group_by(Ticket.assignee_id))
    return {person_id: (int(n), int(late or 0)) for person_id, n, late in session.execute(query)}


def red_streaks(session: Session, person_ids: list[int], last: str) -> dict[int, tuple[int, bool]]:
    """{person: (closed months in a row ending with `last` lit red, whether that run was flagged)}."""
    months = [last]
    while len(months) < _STREAK_MONTHS:
        months.append(previous_month(months[-1]))
    rows = session.execute(select(WorkerMonthLight.person_id, WorkerMonthLight.month, WorkerMonthLight.light,
                                  WorkerMonthLight.flagged_at)
                           .where(WorkerMonthLight.person_id.in_(person_ids), WorkerMonthLight.month.in_(months)))
    kept = {(person_id, month): (light, flagged) for person_id, month, light, flagged in rows}
    found: dict[int, tuple[int, bool]] = {}
    for person_id in person_ids:
        run, flagged = 0, False
        for month in months:
            light, when = kept.get((person_id, month), ("", None))
            if light != "red":
                break
            run, flagged = run + 1, flagged or when is not None
        found[person_id] = (run, flagged)
    return found


def _lights(row: WorkerFigures, t: Thresholds, elapsed: float, day: int) -> dict[str, str]:
    lights = {
        "on_time": few(rate_light(row.on_time_rate, *t.on_time), row.tickets, t.min_tickets),
        "visits": visit_light(t.grid, row.visit_rate, elapsed, day)[0],
        "satisfaction": few(rate_light(row.satisfaction, *t.satisfaction), row.ratings, t.min_tickets),
        "overdue": overdue_light(t.grid, row.overdue) if row.open else None,
    }
    return {name: light for name, light in lights.items() if light}


def board(session: Session, month: str, now: datetime, thresholds: Thresholds,
          viewer: Scope | None = None) -> Board:
    """The month's board for the grid workers the viewer may see (all of them when None)."""
    since, until, at, elapsed = window(month, now)
    people = workers(session, viewer)
    ids = [person_id for person_id, _, _ in people]
    figures: dict[int, stats.Figures] = {}
    visits: dict[int, Progress] = {}
    held: dict[int, tuple[int, int]] = {}
    streaks: dict[int, tuple[int, bool]] = {}
    if ids:
        for row in stats.figures(session, GridScope.all(), _HeldInMonth(tuple(ids), since, until), at,
                                 stats.ASSIGNEE):
            figures[int(row.key)] = row
        visits = visit_progress.by_worker(session, month, ids)
        held = _open_and_overdue(session, ids, at)
        streaks = red_streaks(session, ids, previous_month(month))
    day = 31 if elapsed >= 1 else at.astimezone(SERVICE_TZ).day  # a month that is over: judged at its last day
    rows = []
    for person_id, name, unit in people:
        f = figures.get(person_id, stats.Figures(key="", label=""))
        open_now, late_now = held.get(person_id, (0, 0))
        row = WorkerFigures(
            person_id, name, unit.id, unit.code, unit.name, unit.parent_id, tickets=f.tickets,
            ack=Stage(f.ack_on_time, f.ack_late), resolve=Stage(f.resolve_on_time, f.resolve_late),
            rating=Stage(f.closed_by_reporter, f.closed - f.closed_by_reporter),
            satisfaction=f.satisfaction, ratings=f.ratings, visits=visits.get(person_id),
            open=open_now, overdue=late_now, red_months=streaks.get(person_id, (0, False))[0])
        lights = _lights(row, thresholds, elapsed, day)
        rows.append(replace(row, lights=lights, light=worst(lights.values())))
    return Board(month, at, elapsed, rows, thresholds)


def _low_first(value: float | None) -> float:
    return 2.0 if value is None else value


def ordered(rows: list[WorkerFigures], sort: str) -> list[WorkerFigures]:
    """The rows in one of `SORTS`' orders (ties by grid code)."""
    if sort == "on_time":
        return sorted(rows, key=lambda r: (_low_first(r.on_time_rate), r.grid_code))
    if sort == "visits":
        return sorted(rows, key=lambda r: (_low_first(r.visit_rate), r.grid_code))
    if sort == "grid":
        return sorted(rows, key=lambda r: r.grid_code)
    return sorted(rows, key=lambda r: (_RANK[r.light], -r.overdue, _low_first(r.on_time_rate), r.grid_code))


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"
