"""Where each household is drawn on the 亮灯图: its own point (Household.lat/lon) when the registry has one,
else a fixed spot inside its grid's polygon chosen from a hash of its code, so the same household is
always drawn at the same place and never outside its grid. One query for all households of the grids."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any, NamedTuple

import numpy as np
import shapely
from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.models import Household

TRIES = 12  # candidate spots per household; the polygon's representative point if none falls inside
MARGIN = 0.06  # of the grid's smaller extent, kept clear along its outline


class Dot(NamedTuple):
    """A household's dot (a tuple: 11,512 of them are made for each drawing of the seed's map)."""

    code: str
    unit_id: int
    colour: str
    lon: float
    lat: float


def _candidates(code: str) -> np.ndarray:
    """TRIES fractions (x, y) in [0, 1)², fixed by the code."""
    digest = hashlib.blake2b(code.encode(), digest_size=TRIES * 4).digest()
    return np.frombuffer(digest, dtype=">u2").reshape(TRIES, 2) / 65536.0


def spots_in(polygon: dict[str, Any], codes: list[str]) -> dict[str, tuple[float, float]]:
    """{code: (lon, lat)} inside the polygon for each code."""
    if not codes:
        return {}
    geometry = shape(polygon)
    minx, miny, maxx, maxy = geometry.bounds
    inner = geometry.buffer(-MARGIN * min(maxx - minx, maxy - miny))  # off the outline, where dots would straddle it
    geometry = inner if not inner.is_empty else geometry
    shapely.prepare(geometry)
    minx, miny, maxx, maxy = geometry.bounds
    fractions = np.stack([_candidates(code) for code in codes])  # households × TRIES × 2
    xs = minx + fractions[..., 0] * (maxx - minx)
    ys = miny + fractions[..., 1] * (maxy - miny)
    inside = shapely.contains_xy(geometry, xs, ys)
    fallback = geometry.representative_point()
    found = {}
    for i, code in enumerate(codes):
        hits = np.flatnonzero(inside[i])
        found[code] = (float(xs[i, hits[0]]), float(ys[i, hits[0]])) if hits.size else (fallback.x, fallback.y)
    return found


def household_dots(session: Session, polygons: dict[int, dict[str, Any] | None],
                   codes: Iterable[str] | None = None) -> list[Dot]:
    """The dots of every household in the grids `polygons` maps ({grid id: GeoJSON polygon}), or only of
    `codes`. A household with no point of its own in a grid with no polygon has no dot."""
    if not polygons:
        return []
    query = (select(Household.code, Household.unit_id, Household.colour, Household.lon, Household.lat)
             .where(Household.unit_id.in_(sorted(polygons))).order_by(Household.id))
    if codes is not None:
        query = query.where(Household.code.in_(sorted(set(codes))))
    dots: list[Dot] = []
    unplaced: dict[int, list[tuple[str, str]]] = {}
    for code, unit_id, colour, lon, lat in session.execute(query):
        if lon is not None and lat is not None:
            dots.append(Dot(code, unit_id, colour, lon, lat))
        elif polygons.get(unit_id):
            unplaced.setdefault(unit_id, []).append((code, colour))
    for unit_id, pairs in unplaced.items():
        spots = spots_in(polygons[unit_id], [code for code, _ in pairs])  # type: ignore[arg-type]
        dots.extend(Dot(code, unit_id, colour, *spots[code]) for code, colour in pairs)
    return dots
