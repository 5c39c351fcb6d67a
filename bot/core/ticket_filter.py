"""Which tickets a staff member may see (`Scope`, the grids they serve) and which they asked for
(`TicketFilter`: the queue's folders and filters). Statistics, exports and the queue build their
queries from these two, so a page, its export and its figures always cover the same tickets.

Both are plain values: the web layer builds a `Scope` from the signed-in person's roles and a
`TicketFilter` from the URL, and hands them to the core; the core never sees a user."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, Select, and_, case, false, or_, select, true
from sqlalchemy.orm import Session

from bot.core.tickets import OPEN_STATUSES
from bot.store.models import Household, OrgUnit, Person, Ticket

# The queue's folders by 13710 stage. "overdue" cuts across the first two: open and past its
# handling deadline (`due_at`) at the moment asked.
FOLDERS: dict[str, str] = {
    "pending": "待接单",
    "working": "办理中",
    "rating": "待回访/评价",
    "overdue": "逾期",
    "done": "已办结",
}
FOLDER_STATUSES: dict[str, tuple[str, ...]] = {
    "pending": ("new", "assigned", "returned", "reopened"),
    "working": ("acknowledged", "in_progress"),
    "rating": ("resolved",),
    "overdue": OPEN_STATUSES,
    "done": ("closed",),
}
CHANNELS = ("sms", "telegram", "simulator", "open311")
COLOURS = ("red", "yellow", "green")


@dataclass(frozen=True)
class Scope:
    """The grids whose tickets someone may see. `everything` (the duty officer, the subdistrict) also
    sees tickets nobody could place yet. An empty scope sees nothing."""

    grid_ids: frozenset[int] = frozenset()
    everything: bool = False

    @classmethod
    def all(cls) -> Scope:
        return cls(everything=True)

    @classmethod
    def of_grids(cls, grid_ids: Iterable[int]) -> Scope:
        return cls(grid_ids=frozenset(grid_ids))

    def allows_grid(self, grid_id: int | None) -> bool:
        return self.everything or (grid_id is not None and grid_id in self.grid_ids)

    def condition(self) -> ColumnElement[bool]:
        """The tickets in scope, as a WHERE condition."""
        if self.everything:
            return true()
        if not self.grid_ids:
            return false()
        return Ticket.unit_id.in_(sorted(self.grid_ids))


def grids_under(session: Session, unit_ids: Collection[int]) -> frozenset[int]:
    """The grids at or below these units (a grid itself; a community's or village's grids; every grid
    of a subdistrict): what a secretary's scope covers. One query per level of the tree (at most four)."""
    found: set[int] = set()
    frontier = set(unit_ids)
    seen: set[int] = set()
    while frontier:
        seen |= frontier
        rows = session.execute(select(OrgUnit.id, OrgUnit.kind, OrgUnit.parent_id)
                               .where(or_(OrgUnit.id.in_(sorted(frontier)), OrgUnit.parent_id.in_(sorted(frontier)))))
        nxt: set[int] = set()
        for unit_id, kind, parent_id in rows:
            if kind == "grid" and (unit_id in frontier or parent_id in frontier):
                found.add(unit_id)
            if parent_id in frontier and unit_id not in seen and kind != "grid":
                nxt.add(unit_id)
        frontier = nxt
    return frozenset(found)


@dataclass(frozen=True)
class TicketFilter:
    """What the queue's URL asks for; every field optional. `since`/`until` bound `created_at`
    (since inclusive, until exclusive). `status` is a ticket status (`lifecycle.STATUS_NAMES`),
    `folder` one of `FOLDERS`; `colour` the reporter's household colour (三色); `text` a ticket
    number or words of the problem or place."""

    category: str | None = None
    grid_id: int | None = None
    community_id: int | None = None
    status: str | None = None
    folder: str | None = None
    colour: str | None = None
    channel: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str | None = None

    def conditions(self, now: datetime) -> list[ColumnElement[bool]]:
        """The filter as WHERE conditions on `Ticket`; `now` decides what is overdue."""
        found: list[ColumnElement[bool]] = []
        if self.category:
            found.append(Ticket.category == self.category)
        if self.grid_id is not None:
            found.append(Ticket.unit_id == self.grid_id)
        if self.community_id is not None:
            found.append(Ticket.unit_id.in_(select(OrgUnit.id).where(OrgUnit.parent_id == self.community_id)))
        if self.status:
            found.append(Ticket.status == self.status)
        if self.folder:
            if self.folder not in FOLDERS:
                raise ValueError(f"unknown folder {self.folder!r}")
            found.append(Ticket.status.in_(FOLDER_STATUSES[self.folder]))
            if self.folder == "overdue":
                found.append(Ticket.due_at < now)
        if self.colour:
            found.append(Ticket.reporter_id.in_(
                select(Person.id).join(Household, Person.household_id == Household.id)
                .where(Household.colour == self.colour)))
        if self.channel:
            found.append(Ticket.reporter_channel == self.channel)
        if self.since is not None:
            found.append(Ticket.created_at >= self.since)
        if self.until is not None:
            found.append(Ticket.created_at < self.until)
        words = (self.text or "").strip()
        if words:
            found.append(or_(Ticket.number == words.upper(), Ticket.text.contains(words, autoescape=True),
                             Ticket.place_text.contains(words, autoescape=True)))
        return found


def urgency(now: datetime) -> list[ColumnElement[object]]:
    """ORDER BY for the queue and its exports: emergencies, then red households (priority high),
    then overdue open tickets, then the newest."""
    rank = case((Ticket.priority == "immediate", 0), (Ticket.priority == "high", 1), else_=2)
    late = case((and_(Ticket.status.in_(OPEN_STATUSES), Ticket.due_at < now), 0), else_=1)
    return [rank, late, Ticket.id.desc()]


def tickets_query(scope: Scope, wanted: TicketFilter, now: datetime) -> Select[tuple[Ticket]]:
    """SELECT the tickets in scope that the filter asks for, most urgent first (`urgency`)."""
    return select(Ticket).where(and_(scope.condition(), *wanted.conditions(now))).order_by(*urgency(now))
