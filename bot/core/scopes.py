"""What a staff member may see, decided in one place for every query of the workbench.

From the registry's roles: the duty officer (or any role on the subdistrict) sees everything; a
community or village secretary, or a branch secretary, her community or village and everything under
it; a grid worker (primary or backup) the grids he serves; a building head the tickets of residents
of his building. Everyone also sees the tickets they hold, were escalated or follow as a co-handler.
A ticket outside one's scope does not exist for them (the pages answer 404)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.orm import Session

from bot.core import registry
from bot.store.models import Household, OrgUnit, Person, Ticket, TicketFollower, TicketPhoto
from bot.store.voice_models import TicketAudio

# Roles that see the whole unit they hold (and every unit under it).
# Roles that oversee others' work in their scope: they may read its audit trail.
OVERSEER_ROLES = frozenset({"duty_officer", "community_secretary", "village_secretary", "branch_secretary"})
UNIT_ROLES = frozenset({"grid_worker", "backup_grid_worker", "branch_secretary", "community_secretary",
                        "village_secretary"})
ROLE_NAMES = {
    "duty_officer": "街道值班员", "community_secretary": "社区书记", "village_secretary": "村书记",
    "branch_secretary": "片区支部书记", "grid_worker": "网格员", "backup_grid_worker": "备岗网格员",
    "building_head": "楼栋长", "auxiliary_police": "辅警", "mediator": "调解员", "home_care": "居家养老",
    "employment_assistant": "就业专员",
}


@dataclass(frozen=True)
class Scope:
    person_id: int
    everything: bool
    unit_ids: frozenset[int]  # units held and every unit under them
    building_ids: frozenset[int]  # buildings whose residents' tickets a building head sees
    roles: tuple[str, ...]  # "网格员（幸福社区第1网格）", for the page's header
    oversees: bool = False  # a secretary or the duty officer: may read the scope's audit trail

    def tickets(self) -> ColumnElement[bool]:
        """The condition on `Ticket` for the tickets in scope: add it to every query of tickets."""
        if self.everything:
            return true()
        own = [Ticket.assignee_id == self.person_id, Ticket.escalated_to_id == self.person_id,
               Ticket.id.in_(select(TicketFollower.ticket_id).where(TicketFollower.person_id == self.person_id))]
        if self.unit_ids:
            own.append(Ticket.unit_id.in_(sorted(self.unit_ids)))
        if self.building_ids:
            residents = select(Person.id).join(Household, Person.household_id == Household.id) \
                .where(Household.building_id.in_(sorted(self.building_ids)))
            own.append(Ticket.reporter_id.in_(residents))
        return or_(*own) if own else false()

    def covers_unit(self, unit_id: int | None) -> bool:
        return self.everything or (unit_id is not None and unit_id in self.unit_ids)


def descendants(session: Session, unit_ids: set[int]) -> set[int]:
    """The units and every unit under them."""
    found, frontier = set(unit_ids), set(unit_ids)
    while frontier:
        frontier = set(session.scalars(select(OrgUnit.id).where(OrgUnit.parent_id.in_(sorted(frontier))))) - found
        found |= frontier
    return found


def scope_of(session: Session, person: Person) -> Scope:
    everything, held, buildings, labels = False, set(), set(), []
    roles = registry.roles_of(session, person.id)
    for role in roles:
        unit = session.get(OrgUnit, role.unit_id)
        labels.append(f"{ROLE_NAMES.get(role.role, role.role)}（{unit.name if unit else ''}）")
        if role.role == "duty_officer" or (unit is not None and unit.kind == "subdistrict"):
            everything = True
        elif role.role in UNIT_ROLES:
            held.add(role.unit_id)
        elif role.role == "building_head":
            buildings.add(role.unit_id)
    return Scope(person.id, everything, frozenset(descendants(session, held)), frozenset(buildings), tuple(labels),
                 oversees=any(role.role in OVERSEER_ROLES for role in roles))


def visible_ticket(session: Session, scope: Scope, number: str) -> Ticket | None:
    """The ticket by number if it is in scope, else None (as if it did not exist)."""
    return session.scalar(select(Ticket).where(Ticket.number == number, scope.tickets()))


def photo_visible(session: Session, scope: Scope, photo_id: str) -> bool:
    """Whether a photo came with a ticket in scope, or is the photo of its rectification."""
    reported = select(TicketPhoto.id).join(Ticket, Ticket.id == TicketPhoto.ticket_id) \
        .where(TicketPhoto.photo_id == photo_id, scope.tickets()).limit(1)
    rectified = select(Ticket.id).where(Ticket.resolution_photo == photo_id, scope.tickets()).limit(1)
    return session.scalar(reported) is not None or session.scalar(rectified) is not None


def grids_in(session: Session, scope: Scope) -> list[OrgUnit]:
    """The grids a staff member may filter by and dispatch to, in code order."""
    query = select(OrgUnit).where(OrgUnit.kind == "grid")
    if not scope.everything:
        query = query.where(OrgUnit.id.in_(sorted(scope.unit_ids)))
    return list(session.scalars(query.order_by(OrgUnit.code)))


def grid_staff(session: Session, unit: OrgUnit) -> list[tuple[Person, str]]:
    """Who could take a ticket in a grid: its workers, then the staff of the units above it."""
    people: list[tuple[Person, str]] = []
    seen: set[int] = set()
    for level in registry.ancestors(session, unit):
        for role in registry.roles_at(session, level.id):
            if role.person_id not in seen:
                seen.add(role.person_id)
                people.append((role.person, ROLE_NAMES.get(role.role, role.role)))
    return people


def audio_visible(session: Session, scope: Scope, audio_id: str) -> bool:
    """Whether a recording came with a ticket in scope."""
    found = select(TicketAudio.id).join(Ticket, Ticket.id == TicketAudio.ticket_id) \
        .where(TicketAudio.audio_id == audio_id, scope.tickets()).limit(1)
    return session.scalar(found) is not None
