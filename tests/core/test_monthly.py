from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.common.clock import FakeClock
from bot.core.monthly import MonthlyJob, month_of, month_start, next_month, previous_month, run_due, run_once
from bot.store.db import Database
from bot.store.household_models import MonthlyRun


def test_a_month_is_the_calendar_month_in_china_standard_time():
    assert month_of(datetime(2026, 11, 30, 16, 0, tzinfo=UTC)) == "2026-12"  # 00:00 on 1 December in Beijing
    assert month_of(datetime(2026, 11, 30, 15, 59, tzinfo=UTC)) == "2026-11"
    assert month_start("2026-12") == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    assert next_month("2026-12") == "2027-01" and next_month("2026-01") == "2026-02"
    assert previous_month("2027-01") == "2026-12" and previous_month("2026-03") == "2026-02"


def test_a_monthly_job_run_twice_does_the_month_once(db: Database):
    calls: list[str] = []

    def work(session: Session, month: str, now: datetime) -> str:
        calls.append(month)
        return f"did {month}"

    job = MonthlyJob("test_job", work)
    clock = FakeClock(datetime(2026, 12, 1, 1, 0, tzinfo=UTC))
    assert run_due(db, clock, [job]) == {"test_job": "did 2026-12"}
    assert run_due(db, clock, [job]) == {}
    clock.advance(days=31)
    assert run_due(db, clock, [job]) == {"test_job": "did 2027-01"}
    assert calls == ["2026-12", "2027-01"]
    with db.session() as session:
        assert session.scalar(select(MonthlyRun.summary).where(MonthlyRun.month == "2026-12")) == "did 2026-12"


def test_a_job_that_fails_leaves_the_month_undone_to_try_again(db: Database):
    attempts: list[int] = []

    def flaky(session: Session, month: str, now: datetime) -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("database hiccup")
        return "ok"

    job = MonthlyJob("flaky_job", flaky)
    now = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    try:
        run_once(db, job, "2026-12", now)
    except RuntimeError:
        pass
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(MonthlyRun)) == 0
    assert run_once(db, job, "2026-12", now) == "ok"
    assert run_once(db, job, "2026-12", now) is None


def test_two_workers_racing_for_the_same_month_do_it_once(db: Database):
    import threading

    calls: list[str] = []
    start = threading.Barrier(2)
    job = MonthlyJob("race_job", lambda session, month, now: calls.append(month) or "done")
    now = datetime(2026, 12, 1, 1, 0, tzinfo=UTC)
    results: list[str | None] = []

    def worker() -> None:
        start.wait()
        results.append(run_once(db, job, "2026-12", now))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results, key=str) == [None, "done"] and calls == ["2026-12"]
