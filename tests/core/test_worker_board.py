"""The worker board (亮灯): each grid worker's figures for a month, the statistics' own 13710 definitions,
the lights from the thresholds, and who sees whom."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.core import stats
from bot.core.ticket_filter import GridScope, TicketFilter
from bot.core.visit_progress import Progress
from bot.core.worker_board import (
    Thresholds,
    board,
    few,
    ordered,
    rate_light,
    window,
    workers,
    worst,
)
from bot.store.db import Database
from bot.store.models import OrgUnit, StaffRole
from tests.conftest import BACKUP_WORKER, DUTY_OFFICER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY
from tests.core.workbench_factories import scope
from tests.core.worker_board_factories import LOOKED_AT, MONTH, prepare, visit_list

T = Thresholds()


def test_a_rate_is_green_at_its_green_share_red_below_its_red_share_and_yellow_between():
    assert rate_light(0.9, 0.9, 0.7) == "green"
    assert rate_light(0.899, 0.9, 0.7) == "yellow"
    assert rate_light(0.7, 0.9, 0.7) == "yellow"
    assert rate_light(0.699, 0.9, 0.7) == "red"
    assert rate_light(None, 0.9, 0.7) is None  # nothing due: neither good nor bad
    assert worst(["green", None, "yellow"]) == "yellow" and worst(["yellow", "red"]) == "red"
    assert worst([]) == worst([None]) == "none"  # nothing measured is 无数据, not green
    assert [few("red", n, 5) for n in (1, 4, 5)] == ["yellow", "yellow", "red"]  # too few tickets to be red
    assert few("green", 1, 5) == "green" and few(None, 0, 5) is None


def test_the_thresholds_come_from_the_settings(tmp_path):
    settings = Settings(var_dir=tmp_path, worker_light_on_time_green=0.95, worker_light_on_time_red=0.5,
                        grid_light_red_overdue=5, worker_light_min_tickets=2, worker_red_months=2,
                        _env_file=None)  # type: ignore[call-arg]
    found = Thresholds.from_settings(settings)
    assert found.on_time == (0.95, 0.5) and found.grid.red_overdue == 5 and found.red_months == 2
    assert found.min_tickets == 2
    assert Thresholds.from_settings(Settings(_env_file=None)) == Thresholds()  # type: ignore[call-arg]


def test_a_red_line_above_its_green_line_is_refused_at_start(tmp_path):
    with pytest.raises(ValueError, match="WORKER_LIGHT_SATISFACTION_RED"):
        Settings(var_dir=tmp_path, worker_light_satisfaction_green=0.5, worker_light_satisfaction_red=0.6,
                 _env_file=None)  # type: ignore[call-arg]


def test_a_month_is_judged_now_while_it_runs_and_at_its_end_once_over():
    since, until, at, elapsed = window("2026-11", datetime(2026, 11, 15, 16, 0, tzinfo=UTC))  # 16 Nov 00:00 CST
    assert since == datetime(2026, 10, 31, 16, 0, tzinfo=UTC) and until == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    assert at == datetime(2026, 11, 15, 16, 0, tzinfo=UTC) and elapsed == pytest.approx(0.5)
    assert window("2026-10", LOOKED_AT)[2:] == (datetime(2026, 10, 31, 16, 0, tzinfo=UTC), 1.0)


def test_each_workers_figures_are_the_statistics_own_for_the_tickets_they_hold(demo_db: Database,
                                                                               clock: FakeClock):
    prepared = prepare(demo_db, clock)
    with demo_db.session() as s:
        rows = {row.person_id: row for row in board(s, MONTH, clock.now(), T).rows}
        grid_1 = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "XF-G1"))
        by_grid = {row.key: row for row in stats.figures(s, GridScope.all(), TicketFilter(), clock.now(), "grid")}
    mine = rows[prepared.worker_id]
    assert (mine.ack.met, mine.ack.late, mine.resolve.met, mine.resolve.late) == (1, 1, 1, 1)
    assert (mine.rating.met, mine.rating.late) == (1, 0)
    assert mine.stages_met == 3 and mine.stages_due == 5 and mine.on_time_rate == pytest.approx(0.6)
    # the worker holds every ticket of his grid here: the same as the statistics page's row for the grid
    grid_row = by_grid[str(grid_1)]
    assert (mine.ack.met, mine.resolve.met) == (grid_row.ack_on_time, grid_row.resolve_on_time)
    assert mine.satisfaction == grid_row.satisfaction == 1.0
    assert mine.visits == Progress(3, 1) and (mine.open, mine.overdue) == (1, 1)
    # 60% on time is under 70% but over 2 tickets, too few to be red; 1 overdue yellow; 33% of visits with 46%
    # of the month gone: behind the 亮灯图's pace (46% − 10%), yellow
    assert mine.tickets == 2
    assert mine.lights == {"on_time": "yellow", "visits": "yellow", "satisfaction": "green", "overdue": "yellow"}
    assert mine.light == "yellow"
    with demo_db.session() as s:
        strict = next(r for r in board(s, MONTH, clock.now(), Thresholds(min_tickets=2)).rows
                      if r.person_id == prepared.worker_id)
    assert strict.lights["on_time"] == "red" and strict.light == "red"
    theirs = rows[prepared.hb_worker_id]
    assert theirs.stages_met == theirs.stages_due == 3 and theirs.satisfaction == 1.0
    assert theirs.visits is None and theirs.visit_rate is None and (theirs.open, theirs.overdue) == (0, 0)
    assert theirs.light == "green" and "visits" not in theirs.lights
    # a worker with nothing to judge this month is 无数据, not green: nothing measured is not "all well"
    assert all(row.light == "none" and row.lights == {} for pid, row in rows.items()
               if pid not in (prepared.worker_id, prepared.hb_worker_id))


def test_visits_are_held_against_the_share_of_the_month_gone_by(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        worker_id = s.scalar(select(StaffRole.person_id).join(OrgUnit, OrgUnit.id == StaffRole.unit_id)
                             .where(StaffRole.role == "grid_worker", OrgUnit.code == "XF-G1"))
    visit_list(demo_db, worker_id, MONTH, planned=10, done=3)
    early = datetime(2026, 11, 9, 16, 0, tzinfo=UTC)  # 10 November: a third of the month gone
    with demo_db.session() as s:
        on_the_10th = next(r for r in board(s, MONTH, early, T).rows if r.person_id == worker_id)
        at_its_end = next(r for r in board(s, MONTH, datetime(2026, 12, 3, tzinfo=UTC), T).rows
                          if r.person_id == worker_id)
    assert on_the_10th.lights["visits"] == "green"  # 30% ≥ 90% × 1/3
    assert at_its_end.lights["visits"] == "red" and at_its_end.light == "red"  # 30% < 60% of a whole month


def test_a_grid_worker_sees_himself_a_secretary_her_communitys_workers_the_duty_officer_all(demo_db: Database):
    with demo_db.session() as s:
        every = workers(s)
        assert len(every) == 13  # the demo's 13 grids, one primary worker each (backups are not on the board)
        assert [name for _, name, _ in workers(s, scope(demo_db, DUTY_OFFICER))] == [n for _, n, _ in every]
        own = workers(s, scope(demo_db, WORKER))
        assert [unit.code for _, _, unit in own] == ["XF-G1"]
        assert workers(s, scope(demo_db, BACKUP_WORKER)) == []
        community = workers(s, scope(demo_db, COMMUNITY_SECRETARY))
        assert [unit.code for _, _, unit in community] == ["XF-G1", "XF-G2", "XF-G3", "XF-G4"]


def test_the_board_orders_by_light_or_by_rate(demo_db: Database, clock: FakeClock):
    prepared = prepare(demo_db, clock)
    with demo_db.session() as s:
        rows = board(s, MONTH, clock.now(), T).rows
    assert ordered(rows, "light")[0].person_id == prepared.worker_id  # red first
    by_rate = ordered(rows, "on_time")
    assert [r.person_id for r in by_rate[:2]] == [prepared.worker_id, prepared.hb_worker_id]  # 60%, 100%, then —
    assert [r.grid_code for r in ordered(rows, "grid")] == sorted(r.grid_code for r in rows)
