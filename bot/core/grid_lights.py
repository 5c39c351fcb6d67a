"""亮灯图: each grid's state in a staff member's scope and the light it is lit by.

A grid's state is its open tickets, how many of them are overdue (the queue's definition,
`ticket_queue.overdue`), its open emergencies (priority "immediate"), the month's visit completion
(`visit_progress.by_grid`) and its households by colour. Its light, by the thresholds in `LightRules`
(settings `GRID_LIGHT_*`):

- red: at least `red_emergencies` open emergencies (1: any), or at least `red_overdue` overdue tickets,
  or, from day `red_visit_day` of the month (China time), less than `red_visit_rate` of the month's
  visits done;
- yellow: at least `yellow_overdue` overdue tickets, or visits behind the month's pace: the share done is
  below the share of the month gone by more than `pace_slack`;
- green: otherwise. A grid with no visit list this month is judged on its tickets alone.

Every figure comes from one GROUP BY query per table over the grids in scope, whatever their number."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bot.common.settings import Settings
from bot.core.monthly import SERVICE_TZ, month_of
from bot.core.scopes import Scope, grids_in
from bot.core.ticket_queue import WAITING, WORKING, overdue
from bot.core.visit_progress import Progress, by_grid
from bot.store.models import Household, OrgUnit, Ticket

LIGHTS = ("red", "yellow", "green")
LIGHT_NAMES = {"red": "红灯", "yellow": "黄灯", "green": "绿灯"}
OPEN = (*WAITING, *WORKING)
EMERGENCY_PRIORITY = "immediate"


@dataclass(frozen=True)
class LightRules:
    red_emergencies: int = 1
    red_overdue: int = 3
    red_visit_rate: float = 0.5
    red_visit_day: int = 20
    yellow_overdue: int = 1
    pace_slack: float = 0.1

    @classmethod
    def from_settings(cls, settings: Settings) -> LightRules:
        return cls(red_emergencies=settings.grid_light_red_emergencies, red_overdue=settings.grid_light_red_overdue,
                   red_visit_rate=settings.grid_light_red_visit_rate,
                   red_visit_day=settings.grid_light_red_visit_day,
                   yellow_overdue=settings.grid_light_yellow_overdue, pace_slack=settings.grid_light_pace_slack)

    def legend(self) -> dict[str, str]:
        """What each light means, in words for the page."""
        emergencies = "有紧急事件未结" if self.red_emergencies == 1 else f"紧急事件未结≥{self.red_emergencies}件"
        return {
            "red": f"{emergencies}，或逾期工单≥{self.red_overdue}件，"
                   f"或每月{self.red_visit_day}日起走访完成率低于{self.red_visit_rate:.0%}",
            "yellow": f"逾期工单≥{self.yellow_overdue}件，或走访进度落后本月时间进度超过{self.pace_slack:.0%}",
            "green": "无上述情况：工单按时办理，走访按进度",
        }


def month_pace(now: datetime) -> float:
    """The share of the current month (China time) gone at `now`, 0 on the 1st at midnight to ~1 at its end."""
    local = now.astimezone(SERVICE_TZ)
    days = calendar.monthrange(local.year, local.month)[1]
    seconds = local.hour * 3600 + local.minute * 60 + local.second
    return (local.day - 1 + seconds / 86400) / days


def visit_light(rules: LightRules, rate: float | None, pace: float, day: int) -> tuple[str | None, str]:
    """The light a month's visit completion earns at `pace` (share of the month gone) on `day` of the month
    (China time; the last day for a month that is over), and why; (None, "") with no visit list. The map and
    the worker board both judge visits by this."""
    if rate is None:
        return None, ""
    if day >= rules.red_visit_day and rate < rules.red_visit_rate:
        return "red", f"走访完成{rate:.0%}，{rules.red_visit_day}日后仍低于{rules.red_visit_rate:.0%}"
    if rate < pace - rules.pace_slack:
        return "yellow", f"走访完成{rate:.0%}，落后于本月进度{pace:.0%}"
    return "green", ""


def overdue_light(rules: LightRules, overdue_count: int) -> str:
    """The light a number of overdue open tickets earns (the map's grids and the board's workers alike)."""
    return "red" if overdue_count >= rules.red_overdue else "yellow" if overdue_count >= rules.yellow_overdue \
        else "green"


def light_of(rules: LightRules, *, emergencies: int, overdue_count: int, visits: Progress | None,
             now: datetime) -> tuple[str, list[str]]:
    """The light and the reasons for it (short Chinese phrases, for the page and the map's tooltips)."""
    rate = visits.rate if visits is not None else None
    visit, visit_reason = visit_light(rules, rate, month_pace(now), now.astimezone(SERVICE_TZ).day)
    late = overdue_light(rules, overdue_count)
    red: list[str] = []
    if emergencies >= rules.red_emergencies:
        red.append(f"紧急事件未结{emergencies}件")
    if late == "red":
        red.append(f"逾期工单{overdue_count}件")
    if visit == "red":
        red.append(visit_reason)
    if red:
        return "red", red
    yellow: list[str] = []
    if late == "yellow":
        yellow.append(f"逾期工单{overdue_count}件")
    if visit == "yellow":
        yellow.append(visit_reason)
    if yellow:
        return "yellow", yellow
    return "green", ["工单按时办理，走访按进度"]


@dataclass(frozen=True)
class GridState:
    unit_id: int
    code: str
    name: str
    community: str
    polygon: dict[str, Any] | None
    open_tickets: int
    overdue: int
    emergencies: int
    visits: Progress | None
    light: str
    reasons: list[str]
    households: dict[str, int] = field(default_factory=dict)  # colour → count

    @property
    def household_total(self) -> int:
        return sum(self.households.values())


@dataclass(frozen=True)
class LightMap:
    """The grids in scope with their states, in code order, and what the page's summary shows."""

    month: str
    pace: float
    grids: list[GridState]

    def count(self, light: str) -> int:
        return sum(1 for grid in self.grids if grid.light == light)

    def households(self, colour: str) -> int:
        return sum(grid.households.get(colour, 0) for grid in self.grids)


def ticket_figures(session: Session, unit_ids: list[int], now: datetime) -> dict[int, tuple[int, int, int]]:
    """{grid id: (open, overdue, open emergencies)} in one grouped query; grids with none are absent."""
    if not unit_ids:
        return {}
    query = (select(Ticket.unit_id, func.count(),
                    func.count(case((overdue(now), 1))),
                    func.count(case((Ticket.priority == EMERGENCY_PRIORITY, 1))))
             .where(Ticket.status.in_(OPEN), Ticket.unit_id.in_(unit_ids)).group_by(Ticket.unit_id))
    return {unit: (int(n), int(late), int(urgent)) for unit, n, late, urgent in session.execute(query)}


def colour_counts(session: Session, unit_ids: list[int]) -> dict[int, dict[str, int]]:
    """{grid id: {colour: households}} in one grouped query."""
    found: dict[int, dict[str, int]] = {}
    if not unit_ids:
        return found
    query = (select(Household.unit_id, Household.colour, func.count())
             .where(Household.unit_id.in_(unit_ids)).group_by(Household.unit_id, Household.colour))
    for unit, colour, n in session.execute(query):
        found.setdefault(unit, {})[colour] = int(n)
    return found


def states_of(session: Session, grids: list[OrgUnit], now: datetime, rules: LightRules) -> list[GridState]:
    ids = [grid.id for grid in grids]
    month = month_of(now)
    tickets = ticket_figures(session, ids, now)
    visits = by_grid(session, month, ids)
    colours = colour_counts(session, ids)
    parents = {grid.parent_id for grid in grids if grid.parent_id is not None}
    communities = dict(session.execute(select(OrgUnit.id, OrgUnit.name).where(OrgUnit.id.in_(sorted(parents)))).all()) \
        if parents else {}
    states = []
    for grid in grids:
        open_count, late, urgent = tickets.get(grid.id, (0, 0, 0))
        progress = visits.get(grid.id)
        light, reasons = light_of(rules, emergencies=urgent, overdue_count=late, visits=progress, now=now)
        states.append(GridState(grid.id, grid.code, grid.name, communities.get(grid.parent_id, ""), grid.polygon,
                                open_count, late, urgent, progress, light, reasons, colours.get(grid.id, {})))
    return states


def light_map(session: Session, scope: Scope, now: datetime, rules: LightRules) -> LightMap:
    """Every grid the staff member may see (a grid worker his grids, a secretary her community, the duty
    officer all), lit."""
    return LightMap(month_of(now), month_pace(now), states_of(session, grids_in(session, scope), now, rules))


def grid_in_scope(session: Session, scope: Scope, code: str) -> OrgUnit | None:
    """The grid by code if the staff member may see it, else None (as if it did not exist)."""
    grid = session.scalar(select(OrgUnit).where(OrgUnit.code == code, OrgUnit.kind == "grid"))
    return grid if grid is not None and scope.covers_unit(grid.id) else None

