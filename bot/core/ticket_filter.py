"""Which tickets a staff member may see (a `TicketScope`) and which they asked for (a filter with
`conditions(now)`: `TicketFilter`, the queue's folders and filters). Statistics, exports and the
queue build their queries from these two, so a page, its export and its figures cover the same
tickets.

Both are plain values handed to the core, which never sees a user: the workbench builds the scope
from the signed-in person's roles; `GridScope` is a scope of whole grids (the command line, tests,
benchmarks)."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from sqlalchemy import ColumnElement, Select, and_, false, or_, select, true
from sqlalchemy.orm import Session

from bot.core import ticket_stages
from bot.core.ticket_stages import DONE as DONE  # the stages, re-exported for stats and exports
from bot.core.ticket_stages import FOLDERS as FOLDERS
from bot.core.ticket_stages import WAITING as WAITING
from bot.core.ticket_stages import WORKING as WORKING
from bot.core.ticket_stages import in_folder, urgency_order
from bot.core.ticket_stages import overdue as overdue
from bot.store.models import Household, OrgUnit, Person, Ticket

CHANNELS = tuple(ticket_stages.CHANNELS)
COLOURS = tuple(ticket_stages.COLOURS)


class TicketScope(Protocol):
    """What the core needs of a staff member's scope: the condition on `Ticket` for the tickets in it,
    and whether it covers a unit. `GridScope` is one; so is the workbench's scope of a signed-in person."""

    everything: bool
    unit_ids: frozenset[int]

    def tickets(self) -> ColumnElement[bool]: ...

    def covers_unit(self, unit_id: int | None) -> bool: ...


class TicketConditions(Protocol):
    """What the core needs of a filter: its WHERE conditions on `Ticket` at a moment (`TicketFilter`)."""

    def conditions(self, now: datetime) -> list[ColumnElement[bool]]: ...


@dataclass(frozen=True)
class GridScope:
    """A scope of whole grids (`unit_ids`: grid ids), or `everything` (the duty officer, the
    subdistrict, the command line), which also sees tickets nobody could place yet. Empty: nothing."""

    unit_ids: frozenset[int] = frozenset()
    everything: bool = False

    @classmethod
    def all(cls) -> GridScope:
        return cls(everything=True)

    @classmethod
    def of_grids(cls, grid_ids: Iterable[int]) -> GridScope:
        return cls(unit_ids=frozenset(grid_ids))

    def covers_unit(self, unit_id: int | None) -> bool:
        return self.everything or (unit_id is not None and unit_id in self.unit_ids)

    def tickets(self) -> ColumnElement[bool]:
        """The tickets in scope, as a WHERE condition."""
        if self.everything:
            return true()
        if not self.unit_ids:
            return false()
        return Ticket.unit_id.in_(sorted(self.unit_ids))


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
    grid_code: str | None = None  # the unit's code, as the queue's URL names it
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
        if self.grid_code:
            found.append(Ticket.unit_id.in_(select(OrgUnit.id).where(OrgUnit.code == self.grid_code)))
        if self.community_id is not None:
            found.append(Ticket.unit_id.in_(select(OrgUnit.id).where(OrgUnit.parent_id == self.community_id)))
        if self.status:
            found.append(Ticket.status == self.status)
        if self.folder:
            found.append(in_folder(self.folder, now))
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
    """ORDER BY for the queue and its exports (the queue's own order)."""
    return urgency_order(now)


def where(scope: TicketScope, wanted: TicketConditions, now: datetime) -> list[ColumnElement[bool]]:
    """The scope's condition and the filter's: every query of tickets here starts from these."""
    return [scope.tickets(), *wanted.conditions(now)]


def tickets_query(scope: TicketScope, wanted: TicketConditions, now: datetime) -> Select[tuple[Ticket]]:
    """SELECT the tickets in scope that the filter asks for, most urgent first (`urgency`)."""
    return select(Ticket).where(and_(*where(scope, wanted, now))).order_by(*urgency(now))
