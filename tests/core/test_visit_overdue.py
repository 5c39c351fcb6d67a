"""Overdue visits remind the worker once near the month's end and tell the secretary once after the limit,
even with two workers running the loop at the same time."""

from __future__ import annotations

import threading
from datetime import UTC, datetime

from sqlalchemy import select, update

from bot.common.clock import FakeClock
from bot.core.monthly import run_due
from bot.core.visit_lists import visit_lists_job
from bot.core.visit_overdue import run_overdue
from bot.core.visit_rules import VisitRules
from bot.store.db import Database
from bot.store.household_models import VisitTask
from bot.store.models import Household
from tests.conftest import WORKER
from tests.core.helpers import COMMUNITY_SECRETARY, messages_to

RULES = VisitRules(remind_days_before_end=5, escalate_days_after_end=3)
FIRST_OF_DECEMBER = datetime(2026, 11, 30, 16, 5, tzinfo=UTC)


def lists_made(db: Database) -> FakeClock:
    clock = FakeClock(FIRST_OF_DECEMBER)
    run_due(db, clock, [visit_lists_job(RULES)])
    with db.session() as s:  # 李磊 visits all but three of his households
        done = select(Household.id).where(Household.code.in_([f"H{n:04d}" for n in range(4, 16)]))
        s.execute(update(VisitTask).where(VisitTask.household_id.in_(done)).values(status="done"))
    return clock


def reminders(db: Database, to: str) -> list[str]:
    return [m for m in messages_to(db, to) if m.startswith("走访提醒")]


def escalations(db: Database, to: str) -> list[str]:
    return [m for m in messages_to(db, to) if m.startswith("走访逾期")]


def test_a_worker_is_reminded_once_five_days_before_the_month_ends_then_the_secretary_is_told_once(
        demo_db: Database):
    clock = lists_made(demo_db)
    clock.advance(days=24)  # 25 December: more than five days left
    assert run_overdue(demo_db, clock, RULES).reminded == 0 and reminders(demo_db, WORKER) == []
    clock.advance(days=2)  # 27 December
    first = run_overdue(demo_db, clock, RULES)
    assert first.reminded > 3 and first.escalated == 0  # every worker's open tasks, each worker told once
    [reminder] = reminders(demo_db, WORKER)
    assert reminder == "走访提醒：本月还有3户未走访（H0001、H0002、H0003），请在12月31日前走访，回“我的走访”看名单。"
    assert len(reminder) <= 70
    clock.advance(days=1)
    assert run_overdue(demo_db, clock, RULES).reminded == 0 and len(reminders(demo_db, WORKER)) == 1
    clock.advance(days=5)  # 2 January: the month has ended, but not three days ago
    assert run_overdue(demo_db, clock, RULES).escalated == 0
    clock.advance(days=2)  # 4 January
    assert run_overdue(demo_db, clock, RULES).escalated > 0
    told = escalations(demo_db, COMMUNITY_SECRETARY)
    assert "走访逾期：幸福社区第1网格李磊12月还有3户未走访，请督促。" in told
    assert len(told) == 4 and all(len(m) <= 70 for m in told)  # one per grid of 幸福社区
    clock.advance(days=1)
    assert run_overdue(demo_db, clock, RULES).escalated == 0 and len(escalations(demo_db, COMMUNITY_SECRETARY)) == 4
    with demo_db.session() as s:
        assert s.scalar(select(VisitTask.escalated_at).where(VisitTask.status == "open").limit(1)) is not None
        assert s.scalar(select(VisitTask.reminded_at).where(VisitTask.status == "done").limit(1)) is None


def test_two_workers_running_the_overdue_loop_at_once_send_each_message_once(demo_db: Database):
    clock = lists_made(demo_db)
    clock.advance(days=40)  # both the reminder and the escalation are due
    start = threading.Barrier(2)
    results = []

    def worker() -> None:
        start.wait()
        results.append(run_overdue(demo_db, clock, RULES))

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with demo_db.session() as s:
        open_tasks = len(list(s.scalars(select(VisitTask.id).where(VisitTask.status == "open"))))
    assert len(results) == 2 and sum(r.reminded for r in results) == open_tasks  # each task claimed once
    assert sum(r.escalated for r in results) == open_tasks
    assert len(reminders(demo_db, WORKER)) == 1
    assert len(escalations(demo_db, COMMUNITY_SECRETARY)) == 4
