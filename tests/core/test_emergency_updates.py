"""After an emergency, "it is over" (火灭了, 莫得事了, 救护车来了) is an update to it: everyone alerted and
the assignee hear what the reporter said; anything still dangerous is not read as over."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import FakeClock
from bot.core import emergency_updates, reports
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import DUTY_OFFICER, RESIDENT, WORKER
from tests.core.helpers import RULES, make_report, messages_to, submit, ticket

WINDOW = timedelta(minutes=30)


def fire(db: Database, clock: FakeClock) -> str:
    with db.session() as s:
        return reports.submit(s, clock, make_report("着火了 着火了", category="fire_safety", emergency=True),
                              RULES).ticket.number


@pytest.mark.parametrize("text", ["火已经灭了 莫得事了 谢谢", "没事了 不用来了", "救护车来了", "不用了 火扑灭了",
                                  "人醒了 没事了", "已经好了 谢谢你们"])
def test_words_saying_it_is_over_or_under_control_read_as_over(text: str):
    assert emergency_updates.says_over(text)


@pytest.mark.parametrize("text", ["火还没灭 快来", "又烧起来了", "救护车还没来", "着火了 着火了", "楼上漏水了",
                                  "谢谢", "6栋1单元302", "灭了一会又冒烟了 救命"])
def test_a_danger_still_there_or_anything_else_is_not_read_as_over(text: str):
    assert not emergency_updates.says_over(text)


def test_the_fire_being_out_reaches_everyone_alerted_and_the_reporter_is_thanked(demo_db: Database,
                                                                                  clock: FakeClock):
    number = fire(demo_db, clock)
    assert ticket(demo_db, number).assignee.phone == WORKER
    before = len(messages_to(demo_db, DUTY_OFFICER))
    clock.advance(minutes=6)
    with demo_db.session() as s:
        emergency = emergency_updates.recent_emergency(s, clock, RESIDENT, WINDOW)
        assert emergency is not None and emergency.number == number
        reply = emergency_updates.add_update(s, clock, emergency, "火已经灭了 莫得事了 谢谢", RESIDENT, message_id=7)
        again = emergency_updates.add_update(s, clock, emergency, "火已经灭了 莫得事了 谢谢", RESIDENT, message_id=7)
    assert reply == again and len(reply) <= 70 and "转告" in reply
    told = messages_to(demo_db, DUTY_OFFICER)[before:]
    assert told == [f"工单{number}报告人说：火已经灭了 莫得事了 谢谢"]  # once, for the same message twice
    assert messages_to(demo_db, WORKER)[-1] == told[0]  # the grid worker it was assigned to


def test_only_an_open_emergency_of_the_window_takes_an_update_and_the_notice_fits_one_part(demo_db: Database,
                                                                                          clock: FakeClock):
    submit(demo_db, clock)  # an ordinary report is no emergency
    with demo_db.session() as s:
        assert emergency_updates.recent_emergency(s, clock, RESIDENT, WINDOW) is None
    number = fire(demo_db, clock)
    clock.advance(minutes=31)
    with demo_db.session() as s:
        assert emergency_updates.recent_emergency(s, clock, RESIDENT, WINDOW) is None
        long = emergency_updates.update_notice(ticket(demo_db, number), "没事了" * 40)
    assert len(long) == 70 and long.endswith("…")


def test_an_all_clear_past_the_window_speaks_of_the_emergency_still_open_when_it_was_the_last_report(
        demo_db: Database, clock: FakeClock):
    # Blind test 34, N9: 燃气公司修好了 谢谢, 35 minutes after a gas alert, got a bare 不客气.
    number = fire(demo_db, clock)
    clock.advance(minutes=35)
    with demo_db.session() as s:
        meant = emergency_updates.over_meant(s, clock, RESIDENT, WINDOW)
        assert meant is not None and meant.number == number
    submit(demo_db, clock)  # a newer ordinary report: the all-clear is no longer plainly the emergency's
    with demo_db.session() as s:
        assert emergency_updates.over_meant(s, clock, RESIDENT, WINDOW) is None


def test_an_all_clear_a_day_after_speaks_of_no_emergency(demo_db: Database, clock: FakeClock):
    fire(demo_db, clock)
    clock.advance(hours=13)
    with demo_db.session() as s:
        assert emergency_updates.over_meant(s, clock, RESIDENT, WINDOW) is None


@pytest.mark.parametrize("text", ["人早就出来了 电梯好久修得好", "人早都出来了 电梯啥时候修得好嘛", "人早出来了"])
def test_people_long_out_of_the_lift_is_an_all_clear(text: str):
    assert emergency_updates.says_over(text)  # blind test 35, M8n


def test_an_all_clear_beside_a_question_reaches_everyone_alerted_at_any_time(demo_db: Database, clock: FakeClock):
    number = fire(demo_db, clock)
    clock.advance(minutes=35)
    with demo_db.session() as s:
        said = emergency_updates.all_clear_beside(s, clock, _open(s, number), "火早就灭了 好久来检查嘛", RESIDENT)
    assert said == emergency_updates.ALL_CLEAR_NOTED
    assert any("火早就灭了" in m for m in messages_to(demo_db, DUTY_OFFICER))
    with demo_db.session() as s:
        assert emergency_updates.all_clear_beside(s, clock, _open(s, number), "好久来检查嘛", RESIDENT) is None


def _open(s: Session, number: str) -> Ticket:
    return s.scalars(select(Ticket).where(Ticket.number == number)).one()
