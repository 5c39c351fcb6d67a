"""Where a report belongs: the grid by location, home grid or a named place.

The full routing table (category → roles, backups, duplicates) grows on top of this.
"""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry import Point, shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import OrgUnit, Person


@dataclass(frozen=True)
class Located:
    unit: OrgUnit
    how: str  # "point", "home", "place"


def grid_at(session: Session, lat: float, lon: float) -> OrgUnit | None:
    """The grid whose polygon contains the point (GeoJSON is lon/lat)."""
    point = Point(lon, lat)
    for unit in session.scalars(select(OrgUnit).where(OrgUnit.kind == "grid", OrgUnit.polygon.is_not(None))):
        if shape(unit.polygon).covers(point):
            return unit
    return None


def grid_named_in(session: Session, text: str) -> OrgUnit | None:
    """The grid a place name in the text points at: the longest matching name or alias wins."""
    best: tuple[int, OrgUnit] | None = None
    for unit in session.scalars(select(OrgUnit).where(OrgUnit.kind == "grid")):
        for name in [unit.name, *(unit.aliases or [])]:
            if name and name in text and (best is None or len(name) > best[0]):
                best = (len(name), unit)
    return best[1] if best else None


def locate(session: Session, *, reporter: Person | None, text: str, lat: float | None = None,
           lon: float | None = None, place: str | None = None) -> Located | None:
    """A located report goes by its point, then a named place, then the reporter's home grid."""
    if lat is not None and lon is not None:
        unit = grid_at(session, lat, lon)
        if unit is not None:
            return Located(unit, "point")
    for words in (place, text):
        if words:
            unit = grid_named_in(session, words)
            if unit is not None:
                return Located(unit, "place")
    if reporter is not None and reporter.home_unit is not None:
        return Located(reporter.home_unit, "home")
    return None
