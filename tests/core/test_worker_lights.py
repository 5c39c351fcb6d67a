"""Closing a month of the worker board (monthly job `worker_lights`): every worker's lights kept once, and
a worker red for `WORKER_RED_MONTHS` months in a row flagged once to the community secretary."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.core import worker_lights
from bot.core.monthly import run_due
from bot.core.worker_board import Thresholds, WorkerFigures
from bot.store.db import Database
from bot.store.household_models import WorkerMonthLight
from tests.core.helpers import COMMUNITY_SECRETARY, messages_to
from tests.core.workbench_factories import in_grid_1
from tests.core.worker_board_factories import MONTH, prepare

FIRST_OF_DECEMBER = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)  # 09:00 in Beijing


def red_before(db: Database, person_id: int, *months: str) -> None:
    with db.session() as s:
        for month in months:
            s.add(WorkerMonthLight(person_id=person_id, month=month, light="red", on_time_rate=0.5))


def lights(db: Database, month: str) -> dict[int, WorkerMonthLight]:
    with db.session() as s:
        rows = s.scalars(select(WorkerMonthLight).where(WorkerMonthLight.month == month))
        return {row.person_id: row for row in rows}


def job(tmp_path, **overrides) -> worker_lights.MonthlyJob:
    return worker_lights.job(Settings(var_dir=tmp_path, _env_file=None, **overrides))  # type: ignore[call-arg]


def test_the_first_of_the_month_keeps_last_months_lights_once_and_flags_a_worker_red_three_months_once(
        demo_db: Database, clock: FakeClock, tmp_path):
    prepared = prepare(demo_db, clock)
    red_before(demo_db, prepared.worker_id, "2026-09", "2026-10")
    clock.advance(seconds=(FIRST_OF_DECEMBER - clock.now()).total_seconds())
    monthly = [job(tmp_path)]
    assert run_due(demo_db, clock, monthly) == {"worker_lights": "2026-11: 13 workers' lights kept, 1 flagged"}
    assert run_due(demo_db, clock, monthly) == {}  # the timer again the same day: nothing more
    clock.advance(hours=5)
    assert run_due(demo_db, clock, monthly) == {}
    kept = lights(demo_db, MONTH)
    assert len(kept) == 13
    mine = kept[prepared.worker_id]
    assert (mine.light, mine.on_time_rate, mine.visit_rate, mine.satisfaction) == ("red", 0.6, 1 / 3, 1.0)
    assert (mine.open_count, mine.overdue_count) == (1, 1)
    assert mine.flagged_at == FIRST_OF_DECEMBER
    assert kept[prepared.hb_worker_id].light == "green" and kept[prepared.hb_worker_id].flagged_at is None
    told = messages_to(demo_db, COMMUNITY_SECRETARY)
    assert len(told) == 1 and "已连续3个月亮红灯" in told[0] and "按时率60%" in told[0] and len(told[0]) <= 70
    # even run again by hand, past the month's claim, the job adds no row and no message
    with demo_db.session() as s:
        assert worker_lights.close_month(s, MONTH, clock.now(), Thresholds()) == (0, 0)
    assert len(lights(demo_db, MONTH)) == 13 and len(messages_to(demo_db, COMMUNITY_SECRETARY)) == 1


def test_a_worker_still_red_the_month_after_being_flagged_is_not_flagged_again(
        demo_db: Database, clock: FakeClock, tmp_path):
    prepared = prepare(demo_db, clock)
    red_before(demo_db, prepared.worker_id, "2026-09", "2026-10")
    clock.advance(seconds=(FIRST_OF_DECEMBER - clock.now()).total_seconds())
    monthly = [job(tmp_path)]
    run_due(demo_db, clock, monthly)
    for text in ("小区门口井盖松了", "路边树倒了"):  # two more he leaves: three overdue keeps him red in December
        in_grid_1(demo_db, clock, text)
    clock.advance(days=31)
    assert run_due(demo_db, clock, monthly) == {"worker_lights": "2026-12: 13 workers' lights kept, 0 flagged"}
    december = lights(demo_db, "2026-12")[prepared.worker_id]
    assert december.light == "red" and december.overdue_count == 3 and december.flagged_at is None
    assert len(messages_to(demo_db, COMMUNITY_SECRETARY)) == 1


def test_a_new_run_of_red_months_after_a_better_one_is_flagged_again(demo_db: Database, clock: FakeClock, tmp_path):
    prepared = prepare(demo_db, clock)
    with demo_db.session() as s:  # red three months to August and flagged then; September yellow
        for month in ("2026-06", "2026-07", "2026-08"):
            s.add(WorkerMonthLight(person_id=prepared.worker_id, month=month, light="red",
                                   flagged_at=FIRST_OF_DECEMBER if month == "2026-08" else None))
        s.add(WorkerMonthLight(person_id=prepared.worker_id, month="2026-09", light="yellow"))
    red_before(demo_db, prepared.worker_id, "2026-10")
    clock.advance(seconds=(FIRST_OF_DECEMBER - clock.now()).total_seconds())
    assert run_due(demo_db, clock, [job(tmp_path)]) == {"worker_lights": "2026-11: 13 workers' lights kept, 0 flagged"}
    with demo_db.session() as s:  # October and November red: two months, not three yet
        assert s.scalar(select(func.count()).select_from(WorkerMonthLight)
                        .where(WorkerMonthLight.flagged_at.is_not(None))) == 1
    assert messages_to(demo_db, COMMUNITY_SECRETARY) == []
    with demo_db.session() as s:  # with WORKER_RED_MONTHS=2 the same two months are enough
        assert worker_lights.close_month(s, MONTH, clock.now(), Thresholds(red_months=2)) == (0, 1)
    assert len(messages_to(demo_db, COMMUNITY_SECRETARY)) == 1


def test_the_secretarys_notice_fits_one_sms_part_even_with_long_names():
    row = WorkerFigures(1, "欧阳娜仁托娅", 1, "XF-G1", "幸福社区第一居民小组第十二网格", None, overdue=12)
    text = worker_lights.flag_text(row, 12, "2026-11")
    assert len(text) <= 70 and text.startswith("欧阳娜仁托娅（幸福社区第一居民小组第十二网格）已连续12个月亮红灯")


def test_the_worker_process_runs_the_job_every_month():
    from bot.app.worker_process import monthly_jobs

    class Services:
        settings = Settings(_env_file=None)  # type: ignore[call-arg]

    assert "worker_lights" in [j.kind for j in monthly_jobs(Services())]  # type: ignore[arg-type]
