"""Words right after a report, about that report (blind test 8): a remark, a withdrawal, a plea, "that was a
detail", another building, help on its way."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import after_report, cancelling, follow_up_reading
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import RESIDENT
from tests.core.helpers import make_report, submit

REPORT = "我们组堰塘边上那段路垮了一截 摩托车都过不去了"


@pytest.mark.parametrize(("text", "intent", "joins"), [
    ("没得人受伤 就是不好走", "nlu_fallback", True),
    ("整栋楼都莫得 是不是在修管子哦", "deny", True),
    ("好的 谢谢你们哈", "affirm", False),
    ("晓得了", "nlu_fallback", False),
    ("qwzx", "nlu_fallback", False),
    ("门口的路灯也不亮了", "nlu_fallback", False),  # names a thing the report does not
    ("没得人受伤 就是不好走", "report_issue", False),  # the classifier is sure: read as it says
    ("都不是 撤了嘛 不要了", "deny", False),
])
def test_a_short_remark_the_classifier_cannot_place_is_more_of_the_report(text: str, intent: str, joins: bool):
    assert after_report.remark_on(text, intent, REPORT) is joins


@pytest.mark.parametrize(("text", "withdraws"), [
    ("算了 不报了 都是老邻居 怕得罪人", True),
    ("都不是 撤了嘛 不要了", True),
    ("不用了 已经修好了", True),
    ("那个旧沙发不要了 扔在楼道", False),
    ("路灯也坏了 取消不了吗 这个功能", False),
])
def test_a_withdrawal_is_said_at_the_start_of_a_clause(text: str, withdraws: bool):
    assert after_report.withdraws(text) is withdraws


@pytest.mark.parametrize(("text", "said"), [
    ("后面那个是补充的 不是新的", True), ("是补充", True), ("不要新开", True), ("是新问题 不是补充的", False)])
def test_that_was_a_detail_is_told_from_that_was_new(text: str, said: bool):
    assert after_report.says_was_detail(text) is said


def test_a_plea_for_the_worker_and_help_on_its_way_are_told_apart_from_commands():
    assert after_report.pleads_for_worker("麻烦网格员去看一哈嘛")
    assert not after_report.pleads_for_worker("我屋头老汉80几了 一个人在屋头")
    assert after_report.help_coming("120打了 说10分钟到") and after_report.help_coming("救护车在路上了")
    assert not after_report.help_coming("我老汉喘不上气了 120打不通")


def test_another_building_is_elsewhere_only_when_both_name_one(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("帮我查一下1栋101那家的电话 他屋头漏水漏到我屋头了",
                                                category="housing_utilities"))
    with demo_db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        assert after_report.elsewhere("我们阳光小区4栋后面那个化粪池满了", ticket)
        assert not after_report.elsewhere("1栋那个化粪池满了", ticket)
        assert not after_report.elsewhere("化粪池满了", ticket)
        assert follow_up_reading.read_follow_up(
            s, ticket, "我们阳光小区4栋后面那个化粪池满了 臭得人都遭不住 到底哪个来管嘛", "report_issue",
            "sanitation") == "new"


def test_who_has_the_report_is_named_and_a_second_withdrawal_finds_the_first(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report(REPORT, category="roads"))
    with demo_db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        assert "网格员" in after_report.worker_has_it(s, ticket) and number in after_report.worker_has_it(s, ticket)
        since = ticket.created_at
        assert after_report.withdrawn_since(s, RESIDENT, since) is None
        cancelling.cancel(s, clock, RESIDENT, number)
    with demo_db.session() as s:
        withdrawn = after_report.withdrawn_since(s, RESIDENT, since)
        assert withdrawn is not None and withdrawn.number == number


@pytest.mark.parametrize(("intent", "category"), [("ask_policy", None), ("nlu_fallback", None),
                                                  ("report_issue", "housing_utilities")])
def test_what_to_do_now_after_a_drain_backing_up_gets_what_to_do_meanwhile(demo_db: Database, clock: FakeClock,
                                                                           intent: str, category: str | None):
    number = submit(demo_db, clock, make_report("安居苑 5栋 602 家里 下水道 返水", category="housing_utilities"))
    with demo_db.session() as s:  # blind test 33, B100: 满屋都是 咋个办 got 答不上
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        assert follow_up_reading.read_follow_up(s, ticket, "满屋都是 咋个办", intent, category) == "what_now"
        said = after_report.what_now(s, ticket)
        assert "停用水" in said and number in said and "网格员" in said and len(said) <= 70, said


@pytest.mark.parametrize(("report", "text", "asks"), [
    ("安居苑5栋下水道返水", "满屋都是 咋个办", True),
    ("3栋路灯坏了", "那咋个办嘛", True),
    ("安居苑5栋下水道返水", "水都漫到客厅了", False),  # more of it, no question
    ("3栋路灯坏了", "电梯也坏了 咋个办", False),  # another problem
    ("安居苑5栋下水道返水", "燃气味好大 咋个办", False),  # a danger of its own
])
def test_what_to_do_now_is_only_a_short_question_about_the_report_itself(report: str, text: str, asks: bool):
    assert after_report.asks_what_now(report, text) is asks


def test_the_same_matter_pointed_at_and_a_dog_asked_whose_are_read_as_such():
    # blind test 35, L14 and B19
    assert after_report.says_same_matter("就是刚才说的那个事")
    assert after_report.says_same_matter("就是我刚才说的那个")
    assert not after_report.says_same_matter("不是刚才那个事")
    assert not after_report.says_same_matter("就是刚才说的那个地方")
    assert after_report.asks_who_they_are("那个狗是哪家的嘛")
    assert not after_report.asks_who_they_are("狗咬人了")
