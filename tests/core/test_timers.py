"""Deadlines driven by the fake clock: reminders, backup assignment, escalation steps, default close."""

import threading

from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import lifecycle
from bot.core.timers import process_due
from bot.store.db import Database
from bot.store.models import TicketTimer
from tests.conftest import BACKUP_WORKER, DUTY_OFFICER, RESIDENT, WORKER
from tests.core.helpers import (
    BRANCH_SECRETARY,
    COMMUNITY_SECRETARY,
    RULES,
    kinds,
    make_report,
    messages_to,
    submit,
    ticket,
)


def run(db: Database, clock: FakeClock) -> int:
    return process_due(db, clock, RULES, "test")


def test_nothing_is_due_before_its_time(demo_db: Database, clock: FakeClock):
    submit(demo_db, clock)
    clock.advance(hours=1)
    assert run(demo_db, clock) == 0


def test_the_assignee_is_reminded_before_the_acknowledgement_deadline(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    clock.advance(hours=22, minutes=1)
    assert run(demo_db, clock) == 1
    assert "提醒" in messages_to(demo_db, WORKER)[-1] and number in messages_to(demo_db, WORKER)[-1]
    assert kinds(demo_db, number)[-1] == "reminded"


def test_the_reminder_gives_the_deadline_in_beijing_time(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)  # 11-02 09:00 UTC, to be acknowledged within a day
    clock.advance(hours=22, minutes=1)
    run(demo_db, clock)
    assert f"工单{number}请在11-03 17:00前接单" in messages_to(demo_db, WORKER)[-1]


def test_without_acknowledgement_the_backup_worker_takes_over(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    clock.advance(days=1, minutes=1)
    run(demo_db, clock)
    moved = ticket(demo_db, number)
    assert (moved.assignee.phone, moved.assignee_role, moved.status) == (BACKUP_WORKER, "backup_grid_worker",
                                                                         "assigned")
    assert number in messages_to(demo_db, BACKUP_WORKER)[-1]
    assert "备岗" in messages_to(demo_db, WORKER)[-1]
    with demo_db.session() as s:
        assert lifecycle.acknowledge(s, clock, RULES, number, BACKUP_WORKER).status == "acknowledged"


def test_an_acknowledged_ticket_stays_with_the_primary_worker(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, number, WORKER)
    clock.advance(days=1, minutes=1)
    run(demo_db, clock)
    assert ticket(demo_db, number).assignee.phone == WORKER
    assert "backup_assigned" not in kinds(demo_db, number)


def test_an_overdue_ticket_escalates_one_level_per_step_up_to_its_severitys_cap(demo_db: Database,
                                                                                 clock: FakeClock):
    number = submit(demo_db, clock, make_report("晚上楼下有人打架", category="public_security"))  # major: cap 2
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, number, WORKER)
    clock.advance(days=3, minutes=1)
    run(demo_db, clock)
    assert ticket(demo_db, number).escalation_level == 1
    assert any(number in m and "督办" in m for m in messages_to(demo_db, BRANCH_SECRETARY))
    assert "升级" in messages_to(demo_db, WORKER)[-1]
    clock.advance(hours=RULES.escalation.step_hours)
    run(demo_db, clock)
    assert ticket(demo_db, number).escalation_level == 2
    assert any(number in m and "督办" in m for m in messages_to(demo_db, COMMUNITY_SECRETARY))
    clock.advance(hours=RULES.escalation.step_hours)
    run(demo_db, clock)
    assert ticket(demo_db, number).escalation_level == 2  # 大事不出一级网格
    assert not any(number in m for m in messages_to(demo_db, DUTY_OFFICER))
    assert kinds(demo_db, number).count("escalated") == 2 and kinds(demo_db, number)[-1] == "escalation_capped"
    clock.advance(days=5)
    assert run(demo_db, clock) == 0  # capped: no further steps


def test_a_minor_matter_stays_within_the_second_level_grid(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)  # roads: minor, 7 days
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, number, WORKER)
    clock.advance(days=7, minutes=1)
    run(demo_db, clock)
    clock.advance(hours=RULES.escalation.step_hours)
    run(demo_db, clock)
    assert ticket(demo_db, number).escalation_level == 1
    assert not any(number in m for m in messages_to(demo_db, COMMUNITY_SECRETARY))


def test_an_emergency_may_escalate_to_the_subdistrict(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("燃气管道漏气了", category="housing_utilities", emergency=True))
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, number, WORKER)
    for _ in range(3):
        clock.advance(days=1, minutes=1)
        run(demo_db, clock)
    assert ticket(demo_db, number).escalation_level == 3
    assert any("督办" in m and number in m for m in messages_to(demo_db, DUTY_OFFICER))


def test_a_resolved_ticket_is_not_escalated_and_closes_as_satisfied_without_a_rating(demo_db: Database,
                                                                                    clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "修好了")
    clock.advance(hours=RULES.rating_wait_hours + 1)
    run(demo_db, clock)
    closed = ticket(demo_db, number)
    assert (closed.status, closed.rating, closed.escalation_level) == ("closed", 1, 0)
    assert "escalated" not in kinds(demo_db, number)
    with demo_db.session() as s:
        assert lifecycle.awaiting_rating(s, RESIDENT) is None


def test_a_reopened_ticket_runs_on_its_new_deadline_not_the_old_one(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "好了")
    clock.advance(days=3)
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 3)
        lifecycle.acknowledge(s, clock, RULES, number, WORKER)
    clock.advance(days=4, minutes=1)  # the first deadline (day 7) has passed, the new one (day 10) not
    run(demo_db, clock)
    assert ticket(demo_db, number).escalation_level == 0
    clock.advance(days=3)
    run(demo_db, clock)
    assert ticket(demo_db, number).escalation_level == 1


def test_two_competing_workers_run_each_timer_once(demo_db: Database, clock: FakeClock):
    numbers = [submit(demo_db, clock, make_report(f"路灯坏了{i}", place_text=p))
               for i, p in enumerate(["阳光小区", "幸福家园", "建设路", "人民路"])]
    clock.advance(hours=22, minutes=1)
    counts: list[int] = []
    barrier = threading.Barrier(2)

    def worker(name: str) -> None:
        barrier.wait()
        counts.append(process_due(demo_db, clock, RULES, name))

    threads = [threading.Thread(target=worker, args=(n,)) for n in ("w1", "w2")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(counts) == 4
    for number in numbers:
        assert kinds(demo_db, number).count("reminded") == 1
    with demo_db.session() as s:
        done = s.scalars(select(TicketTimer.status).where(TicketTimer.kind == "remind_ack")).all()
        assert sorted(done) == ["done"] * 4
