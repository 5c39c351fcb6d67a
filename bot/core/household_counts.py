"""实时统计 of households: how many of each colour and each tag (tag × colour) per grid, per community or
village, and in all, within a scope; always current, counted by two GROUP BY queries (colour per grid,
tag × colour per grid). And the households as a registry file (CSV or .xlsx) that `bin/bot import
households` reads back unchanged."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select, true
from sqlalchemy.orm import Session, aliased

from bot.common.clock import Clock
from bot.core import audit
from bot.core.exports import BEIJING, FORMATS, Export, to_csv, to_xlsx
from bot.core.household_changes import COLOURS
from bot.core.households import HouseholdFilter, HouseholdScope, in_scope, members_count, ordered_tags, tag_values
from bot.core.households import where as household_where
from bot.store.models import Household, OrgUnit

COLOUR_LABELS = {"red": "红", "yellow": "黄", "green": "绿"}
# The first six are the registry import's own columns (docs/imports.md): an export imports back unchanged.
HEADERS = ["户号", "网格", "地址", "颜色", "标签", "楼栋", "网格名", "社区/村", "成员数"]
MAX_ROWS = 50_000


@dataclass
class Tally:
    """Households, by colour, and by tag and colour."""

    total: int = 0
    colours: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COLOURS, 0))
    tags: dict[str, dict[str, int]] = field(default_factory=dict)

    def add_colour(self, colour: str, n: int) -> None:
        self.total += n
        self.colours[colour] = self.colours.get(colour, 0) + n

    def add_tag(self, tag: str, colour: str, n: int) -> None:
        by_colour = self.tags.setdefault(tag, dict.fromkeys(COLOURS, 0))
        by_colour[colour] = by_colour.get(colour, 0) + n

    def tag_total(self, tag: str) -> int:
        return sum(self.tags.get(tag, {}).values())

    def merge(self, other: Tally) -> None:
        for colour, n in other.colours.items():
            self.add_colour(colour, n)
        for tag, by_colour in other.tags.items():
            for colour, n in by_colour.items():
                self.add_tag(tag, colour, n)


@dataclass(frozen=True)
class CountRow:
    unit_id: int
    code: str
    name: str
    kind: str
    tally: Tally


@dataclass(frozen=True)
class Counts:
    grids: list[CountRow]  # in code order
    communities: list[CountRow]  # communities and villages, in code order: their grids in scope summed
    total: Tally
    tags: list[str]  # every tag counted, the basic vocabulary's order first

    def rows(self, by: str) -> list[CountRow]:
        return self.communities if by == "community" else self.grids

    def row(self, unit_id: int) -> CountRow | None:
        return next((r for r in [*self.grids, *self.communities] if r.unit_id == unit_id), None)


def counts(session: Session, scope: HouseholdScope) -> Counts:
    """The counts of the households in scope; a community's row sums only its grids in the scope."""
    in_view = in_scope(scope)
    by_grid: dict[int, Tally] = defaultdict(Tally)
    for unit_id, colour, n in session.execute(
            select(Household.unit_id, Household.colour, func.count()).where(in_view)
            .group_by(Household.unit_id, Household.colour)):
        by_grid[unit_id].add_colour(colour, int(n))
    values = tag_values(session)
    for unit_id, tag, colour, n in session.execute(
            select(Household.unit_id, values.c.value, Household.colour, func.count()).select_from(Household)
            .join(values, true()).where(in_view).group_by(Household.unit_id, values.c.value, Household.colour)):
        by_grid[unit_id].add_tag(tag, colour, int(n))
    units = {u.id: u for u in session.scalars(select(OrgUnit).where(OrgUnit.id.in_(sorted(by_grid))))} \
        if by_grid else {}
    parents = {u.id: u for u in session.scalars(
        select(OrgUnit).where(OrgUnit.id.in_(sorted({u.parent_id for u in units.values() if u.parent_id}))))} \
        if units else {}
    grids, above, total = [], defaultdict(Tally), Tally()
    for unit_id, tally in by_grid.items():
        unit = units[unit_id]
        grids.append(CountRow(unit.id, unit.code, unit.name, unit.kind, tally))
        total.merge(tally)
        if unit.parent_id in parents:
            above[unit.parent_id].merge(tally)
    communities = [CountRow(p.id, p.code, p.name, p.kind, above[p.id]) for p in parents.values() if p.id in above]
    return Counts(sorted(grids, key=lambda r: r.code), sorted(communities, key=lambda r: r.code), total,
                  ordered_tags(total.tags))


def table(session: Session, scope: HouseholdScope, wanted: HouseholdFilter,
          limit: int = MAX_ROWS) -> tuple[list[list[str]], bool]:
    """The rows of the households file (every cell text), in code order; and whether it was cut at `limit`."""
    grid, community, building = (aliased(OrgUnit, name=n) for n in ("grid", "community", "building"))
    counted = members_count()
    rows = session.execute(
        select(Household.code, grid.code, Household.address, Household.colour, Household.tags, building.code,
               grid.name, community.name, func.coalesce(counted.c.n, 0))
        .join(grid, grid.id == Household.unit_id).outerjoin(community, community.id == grid.parent_id)
        .outerjoin(building, building.id == Household.building_id)
        .outerjoin(counted, counted.c.household_id == Household.id)
        .where(*household_where(session, scope, wanted)).order_by(Household.code).limit(limit + 1)).all()
    body = [[code, grid_code or "", address or "", COLOUR_LABELS.get(colour, colour), "、".join(tags or []),
             building_code or "", grid_name or "", community_name or "", str(members)]
            for code, grid_code, address, colour, tags, building_code, grid_name, community_name, members
            in rows[:limit]]
    return body, len(rows) > limit


def export(session: Session, clock: Clock, scope: HouseholdScope, wanted: HouseholdFilter, fmt: str, *,
           actor: str, limit: int = MAX_ROWS) -> Export:
    """The households in scope under the filter as a registry file (`fmt`: csv or xlsx). Addresses and
    tags such as 大病 or 残疾 are personal data: the export is recorded in the audit log."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: csv or xlsx")
    rows, truncated = table(session, scope, wanted, limit)
    audit.record(session, clock, actor, "households.exported", fmt,
                 {"count": len(rows), "filter": _described(wanted)})
    if truncated:
        rows = [*rows, [f"（仅导出前{limit}户，请缩小筛选范围）"] + [""] * (len(HEADERS) - 1)]
    content = to_csv(HEADERS, rows) if fmt == "csv" else to_xlsx(HEADERS, rows, title="住户")
    stamp = clock.now().astimezone(BEIJING).strftime("%Y%m%d-%H%M")
    return Export(content, FORMATS[fmt], f"住户-{stamp}.{fmt}", len(rows) - int(truncated), truncated)


def _described(wanted: HouseholdFilter) -> dict[str, str]:
    """The filter as the audit log keeps it (search words are not kept: they may be an address)."""
    kept = {name: str(value) for name, value in vars(wanted).items() if value not in (None, "") and name != "text"}
    if wanted.text:
        kept["text"] = "…"
    return kept
