"""The 亮灯图's lights: each grid's state from grouped queries and the thresholds that light it, on SQLite and
PostgreSQL; scopes (a grid worker's grids, a secretary's community, the duty officer's all)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.common.settings import Settings
from bot.core.grid_lights import LightRules, light_map, light_of, month_pace
from bot.core.scopes import Scope
from bot.core.visit_progress import Progress
from bot.store.db import Database
from tests.conftest import DUTY_OFFICER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY
from tests.core.lightmap_factories import ON_THE_TWENTY_FIRST, TENTH, TWENTY_FIRST, prepare
from tests.core.workbench_factories import scope

RULES = LightRules()
EVERYTHING = Scope(0, True, frozenset(), frozenset(), ())


def lights(db: Database, who: Scope, now: datetime, rules: LightRules = RULES) -> dict[str, str]:
    with db.session() as s:
        return {grid.code: grid.light for grid in light_map(s, who, now, rules).grids}


def test_every_grid_is_lit_by_its_tickets_and_visits_on_the_tenth(demo_db: Database):
    expected = prepare(demo_db, TENTH)
    found = lights(demo_db, EVERYTHING, TENTH)
    assert len(found) == 13  # the twelve community grids and the village's
    assert {code: found[code] for code in expected} == expected
    assert {light for code, light in found.items() if code not in expected} == {"green"}


def test_after_the_twentieth_a_grid_with_under_half_its_visits_done_turns_red(demo_db: Database):
    prepare(demo_db, TWENTY_FIRST)
    found = lights(demo_db, EVERYTHING, TWENTY_FIRST)
    assert {code: found[code] for code in ON_THE_TWENTY_FIRST} == ON_THE_TWENTY_FIRST


def test_the_figures_behind_the_lights_count_only_open_tickets(demo_db: Database):
    prepare(demo_db, TENTH)
    with demo_db.session() as s:
        grids = {grid.code: grid for grid in light_map(s, EVERYTHING, TENTH, RULES).grids}
    assert (grids["XF-G1"].open_tickets, grids["XF-G1"].emergencies, grids["XF-G1"].overdue) == (1, 1, 0)
    assert (grids["XF-G2"].open_tickets, grids["XF-G2"].overdue) == (2, 1)
    assert (grids["XF-G3"].overdue, grids["AJ-G2"].open_tickets, grids["AJ-G2"].overdue) == (3, 0, 0)
    assert grids["XF-G4"].visits == Progress(10, 1) and grids["AJ-G3"].visits is None
    assert grids["XF-G1"].households == {"green": 11, "yellow": 3, "red": 1}  # the demo's H0001-H0015
    assert "紧急事件未结1件" in grids["XF-G1"].reasons and "逾期工单3件" in grids["XF-G3"].reasons


def test_the_thresholds_come_from_the_settings(demo_db: Database):
    prepare(demo_db, TENTH)
    lenient = LightRules.from_settings(Settings(grid_light_red_overdue=4, grid_light_yellow_overdue=2,
                                                grid_light_pace_slack=0.25, _env_file=None))  # type: ignore[call-arg]
    found = lights(demo_db, EVERYTHING, TENTH, lenient)
    # XF-G4's 10 % of visits at a pace of 30 % is within a slack of 25 points
    assert (found["XF-G2"], found["XF-G3"], found["XF-G4"], found["XF-G1"]) == ("green", "yellow", "green", "red")


def test_a_grid_worker_sees_his_grid_a_secretary_her_community_the_duty_officer_all(demo_db: Database):
    prepare(demo_db, TENTH)
    assert list(lights(demo_db, scope(demo_db, WORKER), TENTH)) == ["XF-G1"]
    assert list(lights(demo_db, scope(demo_db, COMMUNITY_SECRETARY), TENTH)) == ["XF-G1", "XF-G2", "XF-G3", "XF-G4"]
    assert len(lights(demo_db, scope(demo_db, DUTY_OFFICER), TENTH)) == 13


@pytest.mark.parametrize(("emergencies", "late", "visits", "now", "light"), [
    (0, 0, None, TENTH, "green"),
    (1, 0, None, TENTH, "red"),
    (0, 3, None, TENTH, "red"),
    (0, 2, None, TENTH, "yellow"),
    (0, 1, Progress(10, 10), TENTH, "yellow"),
    (0, 0, Progress(100, 21), TENTH, "green"),  # 21 % at a pace of 30 %: within the 10-point slack
    (0, 0, Progress(100, 20), TENTH, "yellow"),
    (0, 0, Progress(10, 1), TENTH, "yellow"),
    (0, 0, Progress(10, 4), TWENTY_FIRST, "red"),
    (0, 0, Progress(10, 5), TWENTY_FIRST, "yellow"),  # half done on the 21st: not red, but behind 2/3 of the month
    (0, 0, Progress(10, 6), TWENTY_FIRST, "green"),
    (0, 0, Progress(0, 0), TWENTY_FIRST, "green"),  # nothing planned: neither good nor bad
])
def test_the_light_follows_the_thresholds(emergencies, late, visits, now, light):
    assert light_of(RULES, emergencies=emergencies, overdue_count=late, visits=visits, now=now)[0] == light


def test_the_months_pace_is_reckoned_in_china_time():
    assert month_pace(datetime(2026, 11, 30, 16, 0, tzinfo=UTC)) == 0  # 1 December, midnight in China
    assert month_pace(TENTH) == pytest.approx((9 + 10 / 24) / 31)
    assert 0.99 < month_pace(datetime(2026, 12, 31, 15, 59, tzinfo=UTC)) < 1


def test_the_legend_says_the_thresholds_in_force():
    legend = LightRules(red_overdue=5, red_visit_day=25).legend()
    assert "逾期工单≥5件" in legend["red"] and "25日起" in legend["red"] and "有紧急事件未结" in legend["red"]
