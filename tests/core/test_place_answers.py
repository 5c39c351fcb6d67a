"""A reply to a report's "where?" that is no place (blind test 10, #2, #8, #17, #83, #103): abuse, giving up,
"I reported it before", or the problem itself, never swallowed as the place."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import place_answers, ticket_questions
from bot.store.db import Database
from tests.conftest import STRANGER
from tests.core.helpers import make_report, submit


@pytest.mark.parametrize(("text", "kind"), [
    ("关你啥子事", "abuse"),
    ("哪点都不是 就是骂你", "abuse"),
    ("爬开", "abuse"),
    ("算了 懒得跟你说", "gives_up"),
    ("不说了", "gives_up"),
    ("安居苑3栋 我前头报过的嘛", "reported_before"),
    ("我们那栋楼的电梯坏了半个月了", "problem"),
    ("天天半夜剁排骨 吵得睡不着", "problem"),
    ("安居苑3栋", None),
    ("河畔花园6栋门口", None),
    ("不晓得", None),
    ("三楼着火了", None),  # a danger: the emergency flows have it
])
def test_what_a_reply_to_where_is_when_it_is_not_only_a_place(text: str, kind: str | None):
    assert place_answers.reading(text) == kind


def test_the_place_words_beside_a_reported_before_remark_are_kept():
    assert place_answers.place_beside("安居苑3栋 我前头报过的嘛") == "安居苑3栋"
    assert place_answers.place_beside("我之前反映过了") == ""


def test_a_problem_told_whole_keeps_its_place_words_whole():
    assert place_answers.problem_place("安居苑二期7栋后面那个化粪池 漫出来了") == "安居苑二期7栋后面"
    assert place_answers.problem_place("我们那栋楼的电梯坏了半个月了") == ""


def test_the_problem_after_who_alone_joins_it_and_after_an_introduction_replaces_it():
    assert place_answers.report_with("我跟你说 我们楼上那家", "天天半夜剁排骨 吵得睡不着") == \
        "我跟你说 我们楼上那家 天天半夜剁排骨 吵得睡不着"
    assert place_answers.report_with("你好 我是安居社区的 搬过来两年了", "我们那栋楼的电梯坏了半个月了") == \
        "我们那栋楼的电梯坏了半个月了"
    assert place_answers.report_with("路灯坏了", "晚上黑得很 好危险") == "路灯坏了 晚上黑得很 好危险"
    assert place_answers.report_with("我们小区那个化粪池", "臭得很") == "我们小区那个化粪池 臭得很"
    assert place_answers.report_with("我要反映个事", "电梯坏了") == "电梯坏了"


def test_reported_before_is_the_open_ticket_the_words_share_else_the_newest(demo_db: Database, clock: FakeClock):
    lift = submit(demo_db, clock, make_report("安居苑3栋的电梯坏了", sender=STRANGER, category="housing_utilities"))
    light = submit(demo_db, clock, make_report("楼道灯不亮", sender=STRANGER))
    with demo_db.session() as s:
        assert place_answers.reported_before(s, STRANGER, "电梯还是坏的").number == lift
        assert place_answers.reported_before(s, STRANGER, "你们好久来").number == light
        assert "电梯" in ticket_questions.status_reply(s, place_answers.reported_before(s, STRANGER, "电梯"))
        assert place_answers.reported_before(s, "+8613999990299", "电梯") is None
