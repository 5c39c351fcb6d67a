"""Households as staff see them (以户为单位): the list in a scope with its filters, one household's page
(members, colour and tags with their history, visits, its members' open tickets), a change of colour and
tags made on the page, and each community's custom tags.

Every query goes through the viewer's scope: a household outside it does not exist for them. Reading a
household (its members' names and numbers) and every change are recorded in the audit log; a change
itself goes through `household_changes.change_household`, which writes the household's history."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import ColumnElement, false, func, or_, select, true
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.phones import mask, national
from bot.core import audit
from bot.core.household_changes import (
    BASIC_TAGS,
    COLOURS,
    Change,
    TagNotKnown,
    change_household,
    community_of,
    history,
    known_tags,
)
from bot.core.ticket_filter import grids_under
from bot.core.tickets import OPEN_STATUSES
from bot.store.household_models import CustomTag, Visit
from bot.store.models import Household, OrgUnit, Person, Ticket

PAGE_SIZE = 50
TAG_MAX = 16
# A custom tag may not hold what the registry files separate tags with (registry_import._split).
TAG_SEPARATORS = frozenset("、，,；;/|")
OWNER_KINDS = ("community", "village")


class HouseholdScope(Protocol):
    """What this module needs of a viewer's scope (`scopes.Scope`, or a `GridScope` of whole grids)."""

    everything: bool
    unit_ids: frozenset[int]

    def tickets(self) -> ColumnElement[bool]: ...


class HouseholdError(Exception):
    """Why a change was refused: no_reason, unknown_tag, bad_colour, not_allowed, nothing, not_found, empty,
    too_long, bad_char, duplicate, in_use."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


def in_scope(scope: HouseholdScope) -> ColumnElement[bool]:
    """The condition on `Household` for the households in scope: those of the grids (and buildings) the
    viewer serves, and a building head's building."""
    if scope.everything:
        return true()
    found: list[ColumnElement[bool]] = []
    if scope.unit_ids:
        found.append(Household.unit_id.in_(sorted(scope.unit_ids)))
    buildings = getattr(scope, "building_ids", frozenset())
    if buildings:
        found.append(Household.building_id.in_(sorted(buildings)))
    return or_(*found) if found else false()


def may_change(scope: HouseholdScope, household: Household) -> bool:
    """Grid workers, secretaries and the duty officer change the colour and tags of their grids'
    households; a building head only reads his building's."""
    return scope.everything or household.unit_id in scope.unit_ids


def tag_values(session: Session) -> Any:
    """The household's tags as a table of `value` rows, for a join or an EXISTS (JSON array → rows)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.json_array_elements_text(Household.tags).table_valued("value")
    return func.json_each(Household.tags).table_valued("value")


def has_tag(session: Session, tag: str) -> ColumnElement[bool]:
    values = tag_values(session)
    return select(values.c.value).where(values.c.value == tag).exists()


@dataclass(frozen=True)
class HouseholdFilter:
    """What the list's URL asks for; every field optional. `grid_code`: a grid by its code (one that does
    not exist selects nothing). `text`: a household code or words of the address."""

    grid_id: int | None = None
    grid_code: str | None = None
    community_id: int | None = None
    colour: str | None = None
    tag: str | None = None
    text: str | None = None

    def conditions(self, session: Session) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.grid_id is not None:
            found.append(Household.unit_id == self.grid_id)
        if self.grid_code:
            found.append(Household.unit_id.in_(select(OrgUnit.id).where(OrgUnit.code == self.grid_code)))
        if self.community_id is not None:
            found.append(Household.unit_id.in_(select(OrgUnit.id).where(OrgUnit.parent_id == self.community_id)))
        if self.colour in COLOURS:
            found.append(Household.colour == self.colour)
        if self.tag:
            found.append(has_tag(session, self.tag))
        words = (self.text or "").strip()
        if words:
            found.append(or_(Household.code == words.upper(), Household.code == words,
                             Household.address.contains(words, autoescape=True)))
        return found


def where(session: Session, scope: HouseholdScope, wanted: HouseholdFilter) -> list[ColumnElement[bool]]:
    return [in_scope(scope), *wanted.conditions(session)]


@dataclass(frozen=True)
class Listed:
    household: Household
    grid_name: str
    members: int


@dataclass(frozen=True)
class HouseholdPage:
    rows: list[Listed]
    total: int
    page: int
    pages: int


def members_count() -> Any:
    return (select(Person.household_id, func.count().label("n")).where(Person.household_id.is_not(None))
            .group_by(Person.household_id).subquery())


def search(session: Session, scope: HouseholdScope, wanted: HouseholdFilter, page: int = 1,
           size: int = PAGE_SIZE) -> HouseholdPage:
    """One page of the households in scope that the filter asks for, red first, then by code."""
    conditions = where(session, scope, wanted)
    total = session.scalar(select(func.count()).select_from(Household).where(*conditions)) or 0
    pages = max(1, -(-total // size))
    page = min(max(1, page), pages)
    counted = members_count()
    colour_order = [Household.colour == colour for colour in COLOURS]
    rows = session.execute(
        select(Household, OrgUnit.name, func.coalesce(counted.c.n, 0))
        .join(OrgUnit, OrgUnit.id == Household.unit_id).outerjoin(counted, counted.c.household_id == Household.id)
        .where(*conditions).order_by(*[c.desc() for c in colour_order], Household.code)
        .limit(size).offset((page - 1) * size))
    return HouseholdPage([Listed(h, name, int(n)) for h, name, n in rows], total, page, pages)


def grids_of(session: Session, unit_code: str) -> frozenset[int] | None:
    """The grids at or under a unit (a grid, community, village or the subdistrict) by its code; None if
    there is no such unit. For a scope of whole grids (`GridScope.of_grids`)."""
    unit_id = session.scalar(select(OrgUnit.id).where(OrgUnit.code == unit_code.strip()))
    return None if unit_id is None else grids_under(session, [unit_id])


def visible(session: Session, scope: HouseholdScope, code: str) -> Household | None:
    """The household by code if it is in scope, else None (as if it did not exist)."""
    return session.scalar(select(Household).where(Household.code == code.strip(), in_scope(scope)))


def tags_in_use(session: Session, scope: HouseholdScope) -> list[str]:
    """The tags households in scope carry, the basic vocabulary's order first (for the list's filter)."""
    values = tag_values(session)
    used = set(session.scalars(select(values.c.value).select_from(Household).join(values, true())
                               .where(in_scope(scope)).distinct()))
    return ordered_tags(used)


def ordered_tags(tags: Iterable[str]) -> list[str]:
    found = set(tags)
    return [t for t in BASIC_TAGS if t in found] + sorted(found - set(BASIC_TAGS))


@dataclass(frozen=True)
class Member:
    name: str
    phone: str  # masked unless the viewer oversees others
    kind: str


@dataclass(frozen=True)
class HistoryRow:
    at: datetime
    field: str
    old: str
    new: str
    reason: str
    by: str
    via: str


@dataclass(frozen=True)
class VisitRow:
    at: datetime
    worker: str
    note: str
    via: str
    ticket_number: str


@dataclass(frozen=True)
class HouseholdView:
    household: Household
    grid: OrgUnit | None
    community: OrgUnit | None
    members: list[Member]
    history: list[HistoryRow]
    visits: list[VisitRow]
    tickets: list[Ticket]
    known_tags: list[str]
    may_change: bool


def household_view(session: Session, clock: Clock, scope: HouseholdScope, viewer_id: int, household: Household, *,
                   full_numbers: bool = False) -> HouseholdView:
    """What the viewer (in whose scope the household is) sees; members' numbers in full only when
    `full_numbers` (those who oversee others). The read is audited: it shows personal data."""
    people = list(session.scalars(select(Person).where(Person.household_id == household.id).order_by(Person.id)))
    rows = history(session, household.id)
    names = _names(session, [row.changed_by_id for row in rows])
    changes = [HistoryRow(row.created_at, row.field, row.old_value, row.new_value, row.reason,
                          names.get(row.changed_by_id, "") if row.changed_by_id else "", row.via) for row in rows]
    visits = session.execute(
        select(Visit, Person.name, Ticket.number).outerjoin(Person, Person.id == Visit.worker_id)
        .outerjoin(Ticket, Ticket.id == Visit.ticket_id).where(Visit.household_id == household.id)
        .order_by(Visit.visited_at.desc(), Visit.id.desc()))
    open_tickets = list(session.scalars(
        select(Ticket).where(Ticket.reporter_id.in_([p.id for p in people] or [-1]),
                             Ticket.status.in_(OPEN_STATUSES), scope.tickets()).order_by(Ticket.created_at.desc())))
    audit.record(session, clock, f"person:{viewer_id}", "household.viewed", household.code)
    return HouseholdView(
        household, session.get(OrgUnit, household.unit_id), community_of(session, household.unit_id),
        [Member(p.name, national(p.phone) if full_numbers else mask(p.phone), p.kind) for p in people], changes,
        [VisitRow(v.visited_at, worker or "", v.note, v.via, number or "") for v, worker, number in visits],
        open_tickets, known_tags(session, household), may_change(scope, household))


def _names(session: Session, ids: Iterable[int | None]) -> dict[int, str]:
    wanted = sorted({i for i in ids if i is not None})
    if not wanted:
        return {}
    return dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(wanted))).all())


def change(session: Session, clock: Clock, scope: HouseholdScope, actor_id: int, household: Household, *,
           colour: str, tags: Collection[str], reason: str, via: str = "page") -> list[Change]:
    """Set the household's colour and its tags to exactly `tags`, with a reason (required for any
    change), through `change_household`; the change is audited. Raises `HouseholdError`."""
    if not may_change(scope, household):
        raise HouseholdError("not_allowed")
    if colour not in COLOURS:
        raise HouseholdError("bad_colour")
    wanted = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
    current = list(household.tags or [])
    add, remove = [t for t in wanted if t not in current], [t for t in current if t not in wanted]
    if colour == household.colour and not add and not remove:
        raise HouseholdError("nothing")
    reason = " ".join(reason.split())
    if not reason:
        raise HouseholdError("no_reason")
    try:
        changes = change_household(session, household, reason=reason, at=clock.now(), colour=colour, add=add,
                                   remove=remove, by=session.get(Person, actor_id), via=via)
    except TagNotKnown as unknown:
        raise HouseholdError("unknown_tag", str(unknown)) from None
    audit.record(session, clock, f"person:{actor_id}", "household.changed", household.code,
                 {"changes": [[c.field, c.old, c.new] for c in changes], "via": via})
    return changes


# Custom tags (自定义标签): a community's or village's secretaries keep them (the duty officer: any).

def tag_owners(session: Session, editable: Collection[int]) -> list[OrgUnit]:
    """The communities and villages among the units a secretary keeps, in code order."""
    if not editable:
        return []
    return list(session.scalars(select(OrgUnit).where(OrgUnit.id.in_(sorted(editable)),
                                                      OrgUnit.kind.in_(OWNER_KINDS)).order_by(OrgUnit.code)))


def custom_tags(session: Session, unit_ids: Collection[int]) -> dict[int, list[tuple[CustomTag, int]]]:
    """{unit id: [(tag, households under the unit carrying it)]} for these communities/villages."""
    found: dict[int, list[tuple[CustomTag, int]]] = {unit_id: [] for unit_id in unit_ids}
    if not unit_ids:
        return found
    values = tag_values(session)
    grid = select(OrgUnit.id, OrgUnit.parent_id).where(OrgUnit.kind == "grid").subquery()
    used = dict(((parent, tag), n) for parent, tag, n in session.execute(
        select(grid.c.parent_id, values.c.value, func.count()).select_from(Household).join(values, true())
        .join(grid, grid.c.id == Household.unit_id).where(grid.c.parent_id.in_(sorted(unit_ids)))
        .group_by(grid.c.parent_id, values.c.value)))
    for tag in session.scalars(select(CustomTag).where(CustomTag.unit_id.in_(sorted(unit_ids)))
                               .order_by(CustomTag.name)):
        found[tag.unit_id].append((tag, int(used.get((tag.unit_id, tag.name), 0))))
    return found


def add_custom_tag(session: Session, clock: Clock, editable: Collection[int], unit_id: int, name: str,
                   actor_id: int) -> CustomTag:
    unit = session.get(OrgUnit, unit_id)
    if unit is None or unit_id not in editable or unit.kind not in OWNER_KINDS:
        raise HouseholdError("not_found")
    name = "".join(name.split())
    if not name:
        raise HouseholdError("empty")
    if len(name) > TAG_MAX:
        raise HouseholdError("too_long")
    if TAG_SEPARATORS & set(name):
        raise HouseholdError("bad_char")
    taken = session.scalar(select(CustomTag.id).where(CustomTag.unit_id == unit_id, CustomTag.name == name))
    if name in BASIC_TAGS or taken is not None:
        raise HouseholdError("duplicate")
    tag = CustomTag(unit_id=unit_id, name=name, created_by_id=actor_id, created_at=clock.now())
    session.add(tag)
    session.flush()
    audit.record(session, clock, f"person:{actor_id}", "custom_tag.added", unit.code, {"tag": name})
    return tag


def remove_custom_tag(session: Session, clock: Clock, editable: Collection[int], tag_id: int, actor_id: int) -> None:
    """Remove a custom tag no household carries any more (one in use is refused: take it off them first,
    each with its reason)."""
    tag = session.get(CustomTag, tag_id)
    if tag is None or tag.unit_id not in editable:
        raise HouseholdError("not_found")
    if any(t.id == tag.id and n for t, n in custom_tags(session, [tag.unit_id])[tag.unit_id]):
        raise HouseholdError("in_use")
    unit = session.get(OrgUnit, tag.unit_id)
    session.delete(tag)
    session.flush()
    audit.record(session, clock, f"person:{actor_id}", "custom_tag.removed", unit.code if unit else "",
                 {"tag": tag.name})
