"""Where households are drawn on the 亮灯图: their own point when the registry has one, else a spot inside
their grid fixed by their code (the same on every drawing), clear of its outline."""

from __future__ import annotations

from shapely.geometry import Point, shape
from sqlalchemy import select, update

from bot.core.household_spots import household_dots, spots_in
from bot.store.db import Database
from bot.store.models import Household, OrgUnit

L_SHAPE = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]]]}


def test_a_household_without_a_point_is_drawn_inside_its_grid_at_a_spot_fixed_by_its_code():
    codes = [f"H{n:05d}" for n in range(300)]
    spots = spots_in(L_SHAPE, codes)
    inner = shape(L_SHAPE).buffer(-0.05)
    assert all(inner.contains(Point(*spots[code])) for code in codes)  # none on or near the outline
    assert spots_in(L_SHAPE, list(reversed(codes))) == spots  # the same spot whatever else is drawn
    assert len(set(spots.values())) == len(codes)  # and each its own
    upper_right = [spot for spot in spots.values() if spot[0] > 1 and spot[1] > 1]
    assert upper_right == []  # the L's notch holds nobody


def test_a_households_own_point_wins_and_only_the_grids_asked_for_are_drawn(demo_db: Database):
    with demo_db.session() as s:
        grid = s.scalar(select(OrgUnit).where(OrgUnit.code == "XF-G1"))
        s.execute(update(Household).where(Household.code == "H0001").values(lat=25.4011, lon=103.3022))
        polygon, grid_id = grid.polygon, grid.id
    with demo_db.session() as s:
        dots = household_dots(s, {grid_id: polygon})
        again = household_dots(s, {grid_id: polygon}, codes=["H0002"])
    assert len(dots) == 15 and {dot.unit_id for dot in dots} == {grid_id}
    first = next(dot for dot in dots if dot.code == "H0001")
    assert (first.lat, first.lon, first.colour) == (25.4011, 103.3022, "green")
    assert all(shape(polygon).contains(Point(dot.lon, dot.lat)) for dot in dots)
    assert again == [dot for dot in dots if dot.code == "H0002"]
