"""Blind test 27 (docs/usertests/2026-12-06-blind15.md, rows A-B112b, A-B4, C8, A26, A29, A-B31, B79): how big, how
dangerous or since when, said after a report, is more of it; a question about the open report asks after it and a
safety question is answered, neither is a 补充; a thing alone when asked where is the report's subject and a calling
word never starts the report; a second problem said as a follow-up is at the report's place."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import follow_up_reading, openers, place_answers, place_parts, safety_questions
from bot.store.db import Database
from tests.conftest import STRANGER
from tests.core.helpers import make_report, submit, ticket

WALL = "河畔花园8栋背后的围墙裂了一条大缝"


@pytest.mark.parametrize("said", ["有一米多长 怕要垮", "有脸盆那么大 都好几天了", "从昨天晚上就开始了 越来越大",
                                  "裂了有两指宽 怕得很", "有半米宽 下雨天更凶"])
@pytest.mark.parametrize(("intent", "category"), [("report_issue", None), ("report_issue", "other"),
                                                  ("nlu_fallback", None)])
def test_how_big_how_dangerous_or_since_when_is_more_of_the_report(demo_db: Database, clock: FakeClock, said: str,
                                                                 intent: str, category: str | None):
    wall = ticket(demo_db, submit(demo_db, clock, make_report(WALL, sender=STRANGER, category="housing_utilities",
                                                              place_text="河畔花园8栋")))
    with demo_db.session() as s:
        assert follow_up_reading.read_follow_up(s, wall, said, intent, category) == "detail", said


@pytest.mark.parametrize("asked", ["那个灯到底哪天修得好嘛", "啥时候来修哦", "灯好久修得好", "哪天来弄嘛"])
@pytest.mark.parametrize("intent", ["urge", "check_status", "report_issue"])
def test_a_question_about_the_open_report_is_never_a_detail(demo_db: Database, clock: FakeClock, asked: str,
                                                            intent: str):
    lamp = ticket(demo_db, submit(demo_db, clock, make_report("阳光小区1栋门口的路灯坏了 晚上黑得很",
                                                              sender=STRANGER)))
    with demo_db.session() as s:
        read = follow_up_reading.read_follow_up(s, lamp, asked, intent, None)
    # an urge the classifier is sure of goes on to be urged (the engine's); never more of the report
    assert read in (("status", "urge", "pass") if intent == "urge" else ("status",)), (asked, read)


@pytest.mark.parametrize(("asked", "words"), [
    ("用水泼得不", "用水"),  # C8, after a bin on fire: "已补充到工单T1096"
    ("能不能拿湿毛巾去盖", "断电"),  # after sparks from a wire
    ("抽油烟机能开不", "别开"),  # B74, after a smell of gas
    ("我可以自己去把阀门关了不", "阀"),
])
def test_a_safety_question_during_a_report_is_answered_never_a_detail(demo_db: Database, clock: FakeClock,
                                                                      asked: str, words: str):
    report = {"用水泼得不": "抽烟的把垃圾桶点燃了 在冒烟", "能不能拿湿毛巾去盖": "楼道里的电线在冒火花",
              "抽油烟机能开不": "屋头有股煤气味", "我可以自己去把阀门关了不": "楼道水管爆了 水到处流"}[asked]
    open_ = ticket(demo_db, submit(demo_db, clock, make_report(report, sender=STRANGER, category="other")))
    with demo_db.session() as s:
        assert follow_up_reading.read_follow_up(s, open_, asked, "deny", None) == "safety", asked
    answer = safety_questions.answer(asked, report)
    assert words in answer and len(answer) <= 70, answer
    for remark in ("有一米多长 怕要垮", "水都漫到楼道了", "是3栋2单元"):
        assert not safety_questions.asks(remark), remark


@pytest.mark.parametrize("thing", ["厨房水管", "我家天然气", "屋头热水器", "家里的电表", "卫生间马桶"])
def test_a_thing_alone_when_asked_where_is_the_reports_subject_not_a_failed_place(thing: str):
    assert place_answers.reading(thing) == "problem", thing
    for place in ("河畔花园6栋", "安居苑", "5栋2单元", "菜市场门口"):
        assert place_answers.reading(place) is None, place


@pytest.mark.parametrize(("before", "answer", "report"), [
    ("老师", "我家天然气", "我家天然气"),  # A29: the worker read "老师 点不燃 饭都煮不成"
    ("嬢嬢", "屋头热水器", "屋头热水器"),
    ("幺儿 ", "我屋头电视莫得信号了", "我屋头电视莫得信号了"),
    ("家里", "厨房水管", "家里 厨房水管"),  # A26: 厨房水管 was lost
])
def test_a_calling_word_never_starts_the_report(before: str, answer: str, report: str):
    assert place_answers.report_with(before, answer) == report
    assert openers.without_calling("大爷 摔倒了") == "大爷 摔倒了"  # whom it is about, maybe
    assert openers.without_calling("老师傅在修") == "老师傅在修"


@pytest.mark.parametrize(("place", "said", "spot"), [
    ("河畔花园3栋2单元", "还有楼上那家半夜拖凳子 吵死了", "河畔花园3栋2单元"),  # A-B31
    ("河畔花园6栋", "还有单元门的门禁也坏了 谁都能进", "河畔花园6栋"),  # B79
    ("安居苑6栋门口", "门禁也坏了", "安居苑6栋"),
    ("阳光小区2栋1单元楼道", "另外楼道灯也不亮了", "阳光小区2栋1单元"),
    ("河畔花园6栋", "还有门口的路灯也坏了", "河畔花园6栋"),
])
def test_a_second_problem_said_as_a_follow_up_is_at_the_reports_place(place: str, said: str, spot: str):
    assert place_parts.spot_beside(place, said) == spot


@pytest.mark.parametrize(("place", "said"), [
    ("河畔花园6栋", "还有菜市场门口的路灯也坏了"),  # a place of its own
    ("", "还有门禁也坏了"),  # no place before
    ("河畔花园6栋", "有一米多长 怕要垮"),  # more of the report, no second problem
    ("安居苑2栋门口", "还有垃圾桶满了"),  # may be anywhere: asked
])
def test_a_follow_up_naming_its_own_place_or_none_before_is_not_put_at_the_reports(place: str, said: str):
    assert place_parts.spot_beside(place, said) == ""


def test_another_building_said_as_a_follow_up_is_in_the_reports_estate():
    assert place_parts.spot_beside("河畔花园6栋", "还有9栋的门禁也坏了") == "河畔花园9栋"  # blind test 29: never asked
