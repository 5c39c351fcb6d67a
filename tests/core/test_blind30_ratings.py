"""Blind test 30: ratings that say the problem is still there, and thanks that reach the worker (B71, A-B92b, A25,
A22a, A14-10a)."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import lifecycle, rating_remarks, staff_desk, worker_praise
from bot.store.db import Database
from tests.conftest import RESIDENT, STRANGER, WORKER
from tests.core.helpers import RULES, messages_to, submit, ticket

SMS = 70
ZHOU_MING = "+8613700000009"  # 周明, 河滨社区第1网格


def resolved(db: Database, clock: FakeClock) -> str:
    number = submit(db, clock)
    with db.session() as s:
        staff_desk.answer(s, clock, RULES, WORKER, f"{number} 已办结 路灯换好了")
    return number


@pytest.mark.parametrize("reason", ["今天晚上又在吵", "但是线还吊起的", "门还开着", "又坏了"])
def test_a_basic_rating_saying_the_problem_is_still_or_again_there_reopens_it(demo_db: Database, clock: FakeClock,
                                                                              reason: str):
    number = resolved(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 2, number, reason)
    assert ticket(demo_db, number).status == "reopened"
    assert any(reason in m and "还没办完" in m and len(m) <= SMS for m in messages_to(demo_db, WORKER))


@pytest.mark.parametrize("reason", ["又快又好", "还行 就是来得慢了点"])
def test_a_basic_rating_without_the_problem_there_closes_it(demo_db: Database, clock: FakeClock, reason: str):
    number = resolved(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 2, number, reason)
    assert ticket(demo_db, number).status == "closed"


@pytest.mark.parametrize("reason", ["李师傅手脚麻利 帮我谢谢他", "狗抓走了 谢谢周网格员"])
def test_thanks_inside_a_rating_reach_the_worker(demo_db: Database, clock: FakeClock, reason: str):
    number = resolved(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 1, number, reason)
    assert f"工单{number}反映人表扬：{reason}" in messages_to(demo_db, WORKER)
    assert rating_remarks.closed_reply(number, reason) == rating_remarks.CLOSED_PRAISED.format(number=number)


def test_thanks_naming_a_worker_from_a_stranger_reach_her(demo_db: Database, clock: FakeClock):
    text = "感谢周网格员 上回帮我们把路灯修好了"
    assert worker_praise.thanks_a_worker(text)
    with demo_db.session() as s:
        named = worker_praise.named(s, clock, STRANGER, text)
        assert named is not None and named.worker is not None and named.worker.phone == ZHOU_MING
        reply = worker_praise.pass_on(s, STRANGER, text, named)
    assert reply == worker_praise.PASSED.format(name="周明")
    assert any("表扬您" in m and "路灯" in m for m in messages_to(demo_db, ZHOU_MING))


@pytest.mark.parametrize("text", ["谢谢", "谢谢你们", "谢谢小区物业", "谢谢李师傅 但是还没修好"])
def test_plain_thanks_or_a_grievance_is_no_thanks_to_a_worker(text: str):
    assert not worker_praise.thanks_a_worker(text)
