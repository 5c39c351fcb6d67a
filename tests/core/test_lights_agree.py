"""The worker board and the 亮灯图 tell the same story: where they measure the same thing (a grid's visits
against the month's pace, its overdue tickets) a grid's worker is lit as the grid is, early in the month as
after the 20th; a rate over too few tickets is never red; a month with nothing measured is 无数据, not green."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.core.grid_lights import LightRules, states_of
from bot.core.monthly import month_of
from bot.core.worker_board import Thresholds, board
from bot.store.db import Database
from bot.store.models import OrgUnit
from tests.core.lightmap_factories import ON_THE_TWENTY_FIRST, TENTH, TWENTY_FIRST, _visits, prepare

# 6 December, 09:50 in China: the blind test's morning, a sixth of the month gone.
SIXTH = datetime(2026, 12, 6, 1, 50, tzinfo=UTC)
# The grids whose worker holds every ticket and whose light comes from what both pages measure (XF-G1 is red
# for an open emergency, which the board does not judge; AJ-G2's late stages weigh only on the board).
SHARED = ("XF-G2", "XF-G3", "XF-G4", "AJ-G1", "AJ-G3")


def both(db: Database, now: datetime) -> tuple[dict[str, str], dict[str, str]]:
    """({grid: its light on the map}, {grid: its worker's light on the board})."""
    with db.session() as s:
        grids = list(s.scalars(select(OrgUnit).where(OrgUnit.kind == "grid").order_by(OrgUnit.code)))
        on_map = {state.code: state.light for state in states_of(s, grids, now, LightRules())}
        on_board = {row.grid_code: row.light for row in board(s, month_of(now), now, Thresholds()).rows}
    return on_map, on_board


@pytest.mark.parametrize("now", [TENTH, TWENTY_FIRST])
def test_a_grid_and_its_worker_share_a_light_where_both_measure_the_same(demo_db: Database, now: datetime):
    prepare(demo_db, now)
    on_map, on_board = both(demo_db, now)
    assert {code: on_board[code] for code in SHARED} == {code: on_map[code] for code in SHARED}
    if now == TWENTY_FIRST:
        assert on_board["XF-G4"] == on_board["AJ-G1"] == ON_THE_TWENTY_FIRST["AJ-G1"] == "red"


def test_no_visits_done_on_the_sixth_is_yellow_on_both_pages_not_red_on_the_board(demo_db: Database):
    for code in ("XF-G2", "XF-G3", "XF-G4"):
        _visits(demo_db, code, SIXTH, planned=10, done=0)
    on_map, on_board = both(demo_db, SIXTH)
    assert [on_map[code] for code in ("XF-G2", "XF-G3", "XF-G4")] == ["yellow"] * 3
    assert [on_board[code] for code in ("XF-G2", "XF-G3", "XF-G4")] == ["yellow"] * 3
    assert "red" not in on_board.values()


def test_a_past_month_with_nothing_measured_is_no_data_for_every_worker(demo_db: Database):
    prepare(demo_db, TENTH)
    with demo_db.session() as s:
        november = board(s, "2026-11", TENTH, Thresholds())
    assert november.elapsed == 1 and len(november.rows) == 13
    assert {row.light for row in november.rows} == {"none"} and november.counts()["green"] == 0
    assert all(row.lights == {} and row.open == 0 for row in november.rows)  # December's tickets are not November's
