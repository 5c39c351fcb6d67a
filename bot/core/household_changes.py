"""Changing a household's 三色 and tags, always with a reason and a history row (who, when, why, how).

Every change goes through `change_household`: the staff pages, visits recorded by message or page, and
imports. The household row holds the current state; `HouseholdChange` rows are its history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.household_models import CustomTag, HouseholdChange
from bot.store.models import Household, OrgUnit, Person

__all__ = ["BASIC_TAGS", "COLOURS", "COLOUR_NAMES", "HouseholdChange", "TagNotKnown", "change_household",
           "community_of", "history", "known_tags"]

COLOURS = ("red", "yellow", "green")
COLOUR_NAMES = {"red": "红色", "yellow": "黄色", "green": "绿色"}
# The fixed vocabulary (基础标签), "以户为单位、以人为落点": living, work, health and schooling situations.
BASIC_TAGS = ("空巢老人", "独居老人", "留守儿童", "留守老人", "大病", "慢性病", "残疾", "低保", "特困", "优抚对象",
              "就业困难", "失业", "脱贫监测户", "易返贫户", "在校学生", "流动人口", "独生子女家庭", "新搬迁户")
VIAS = ("page", "sms", "visit", "import")


class TagNotKnown(ValueError):
    """A tag that is neither basic nor one of the community's custom tags."""


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


def community_of(session: Session, unit_id: int | None) -> OrgUnit | None:
    """The community or village above a unit (a grid, a building), or the unit itself if it is one."""
    while unit_id is not None:
        unit = session.get(OrgUnit, unit_id)
        if unit is None:
            return None
        if unit.kind in ("community", "village"):
            return unit
        unit_id = unit.parent_id
    return None


def known_tags(session: Session, household: Household) -> list[str]:
    """The basic tags, then the custom tags of the household's community."""
    community = community_of(session, household.unit_id)
    custom = [] if community is None else list(session.scalars(
        select(CustomTag.name).where(CustomTag.unit_id == community.id).order_by(CustomTag.name)))
    return [*BASIC_TAGS, *custom]


def change_household(session: Session, household: Household, *, reason: str, at: datetime,
                     colour: str | None = None, add: Iterable[str] = (), remove: Iterable[str] = (),
                     by: Person | None = None, via: str = "page", visit_id: int | None = None) -> list[Change]:
    """Apply a colour and tag change and write one history row per thing that changed; return them.

    A colour change needs a reason; an unknown tag raises `TagNotKnown` (nothing is changed then)."""
    if via not in VIAS:
        raise ValueError(f"unknown via {via!r}")
    if colour is not None and colour not in COLOURS:
        raise ValueError(f"unknown colour {colour!r}")
    reason = reason.strip()
    add, remove = [t.strip() for t in add if t.strip()], [t.strip() for t in remove if t.strip()]
    if add:
        allowed = set(known_tags(session, household))
        unknown = [t for t in add if t not in allowed]
        if unknown:
            raise TagNotKnown("、".join(unknown))
    changes: list[Change] = []
    if colour is not None and colour != household.colour:
        if not reason:
            raise ValueError("a colour change needs a reason")
        changes.append(Change("colour", household.colour, colour))
        household.colour = colour
    tags = list(household.tags or [])
    for tag in add:
        if tag not in tags:
            tags.append(tag)
            changes.append(Change("tag_added", "", tag))
    for tag in remove:
        if tag in tags:
            tags.remove(tag)
            changes.append(Change("tag_removed", tag, ""))
    household.tags = tags
    for change in changes:
        session.add(HouseholdChange(household_id=household.id, field=change.field, old_value=change.old,
                                    new_value=change.new, reason=reason[:256], changed_by_id=by.id if by else None,
                                    via=via, visit_id=visit_id, created_at=at))
    session.flush()
    return changes


def history(session: Session, household_id: int) -> list[HouseholdChange]:
    """The household's changes, newest first."""
    return list(session.scalars(select(HouseholdChange).where(HouseholdChange.household_id == household_id)
                                .order_by(HouseholdChange.created_at.desc(), HouseholdChange.id.desc())))
