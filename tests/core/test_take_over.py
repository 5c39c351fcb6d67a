"""A grid's backup worker takes a ticket over by message ("T1002 我来处理"); nobody else may."""

import pytest

from bot.common.clock import FakeClock
from bot.core import staff_desk
from bot.store.db import Database
from tests.conftest import BACKUP_WORKER, RESIDENT, WORKER
from tests.core.helpers import RULES, kinds, messages_to, submit, ticket


def say(db: Database, clock: FakeClock, who: str, text: str) -> str | None:
    with db.session() as s:
        return staff_desk.answer(s, clock, RULES, who, text)


@pytest.mark.parametrize("words", ["{number} 我来处理", "{number} 接单"])
def test_the_backup_worker_takes_a_ticket_over_and_the_worker_and_reporter_are_told(demo_db: Database,
                                                                                    clock: FakeClock, words: str):
    number = submit(demo_db, clock)
    answer = say(demo_db, clock, BACKUP_WORKER, words.format(number=number))
    assert "接手" in answer and len(answer) <= 70
    taken = ticket(demo_db, number)
    assert (taken.assignee.phone, taken.status) == (BACKUP_WORKER, "acknowledged")
    assert kinds(demo_db, number)[-1] == "taken_over"
    assert f"工单{number}已由备岗网格员" in messages_to(demo_db, WORKER)[-1]
    told = messages_to(demo_db, RESIDENT)[-1]
    assert number in told and "改由" in told and len(told) <= 70
    assert "已办结" in say(demo_db, clock, BACKUP_WORKER, f"{number} 已办结 灯换好了")


def test_a_worker_of_another_grid_saying_i_will_take_it_is_refused_with_who_holds_it(demo_db: Database,
                                                                                      clock: FakeClock):
    number = submit(demo_db, clock)
    answer = say(demo_db, clock, "+8613700000002", f"{number} 我来处理")
    assert "李磊" in answer and "备岗" in answer and len(answer) <= 70
    assert ticket(demo_db, number).assignee.phone == WORKER
    assert kinds(demo_db, number)[-1] != "taken_over"


def test_the_assignee_saying_i_will_take_it_just_accepts_it(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    assert "已接单" in say(demo_db, clock, WORKER, f"{number} 接单")
    assert ticket(demo_db, number).status == "acknowledged"
