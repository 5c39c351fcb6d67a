"""Blind test 33 (docs/usertests/2026-12-07-blind21.md, rows B42, B20, A83, B9, L14, L18, L3, L13): follow-ups that
lost their own ticket. More of the report's own trouble soon after it (又有车来倒了, 他还在充, 又丢了个花盆下来, a hole
where the road caved in) is a detail of it, whatever the classifier guessed; "就是刚才那个事" answers "补充还是新问题？"
as 补充; the water still yellow or the bin full again after 办结 is that ticket's trouble back."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import after_report, follow_up_reading, resolved_again
from bot.store.db import Database
from tests.core.helpers import make_report, submit, ticket

SENDER = "+86139555610090"

ROAD = ("河畔花园715栋西门这里路面塌了一块", "roads")
DUMPING = ("安居苑715栋后面 有人往河里倒建筑垃圾", "environment")
CHARGING = ("安居苑716栋有人把电瓶车推到楼道里面充电", "fire_safety")
THROWING = ("安居苑717栋楼上有人往下丢东西 差点砸到人", "public_security")
INTENTS = [("report_issue", "environment"), ("report_issue", "public_security"), ("nlu_fallback", None),
           ("cancel_ticket", None), ("emergency", None), ("ask_question", None)]


def read(db: Database, clock: FakeClock, report: tuple[str, str], text: str, intent: str,
         category: str | None) -> str:
    open_ = ticket(db, submit(db, clock, make_report(report[0], sender=SENDER, category=report[1])))
    with db.session() as s:
        return follow_up_reading.read_follow_up(s, open_, text, intent, category)


@pytest.mark.parametrize(("report", "text"), [
    (DUMPING, "又有车来倒了"), (DUMPING, "刚才又来倒了一车"), (DUMPING, "他们又在倒了 好大一堆"),
    (CHARGING, "他还在充 线从窗子拉出来的"), (CHARGING, "那家人又推进来充起了"),
    (THROWING, "刚才又丢了个花盆下来"), (THROWING, "又在往下扔东西了"), (THROWING, "楼上又丢了袋垃圾下来"),
    (ROAD, "那个坑围起来没得 晚上好危险"), (ROAD, "那个洞好大哦 晚上看不到"), (ROAD, "坑越来越大了"),
])
@pytest.mark.parametrize(("intent", "category"), INTENTS)
def test_more_of_the_reports_own_trouble_is_a_detail_of_it(demo_db: Database, clock: FakeClock,
                                                          report: tuple[str, str], text: str, intent: str,
                                                          category: str | None):
    assert after_report.more_of_it(report[0], text)
    assert read(demo_db, clock, report, text, intent, category) == "detail"


@pytest.mark.parametrize(("report", "text"), [
    (DUMPING, "楼道灯又不亮了"), (DUMPING, "719栋也有人在倒"), (CHARGING, "又停水了"),
    (THROWING, "又丢了个花盆下来 砸到人了 在流血"), (ROAD, "709栋门口也有个坑"), (CHARGING, "楼下又在吵架"),
])
def test_another_thing_or_place_or_a_danger_is_not_more_of_it(report: tuple[str, str], text: str):
    assert not after_report.more_of_it(report[0], text)


@pytest.mark.parametrize("text", ["就是刚才那个事", "是一件事嘛", "就是那个事情", "是一回事", "同一个事",
                                  "还是刚刚那个问题", "说的就是这个事"])
def test_the_same_matter_answers_detail_or_new_as_a_detail(text: str):
    assert after_report.says_same_matter(text)


@pytest.mark.parametrize("text", ["不是一回事", "是两个事", "是另外一个事", "不是一件事 是新的", "撤销"])
def test_another_matter_is_not_the_same_matter(text: str):
    assert not after_report.says_same_matter(text)


@pytest.mark.parametrize("text", ["水还是黄的 烧开了也是黄的", "水还是浑的", "还是黄得很", "垃圾桶还是满的",
                                  "门口垃圾桶又满了 你们说拉走了", "水又黄了", "桶又满起了"])
def test_the_trouble_still_there_or_back_after_it_was_resolved(text: str):
    assert resolved_again.still_bad(text) or resolved_again.back_again(text)


@pytest.mark.parametrize("text", ["还满意", "又满意了 谢谢", "还算满意"])
def test_satisfied_is_never_the_trouble_back(text: str):
    assert not resolved_again.still_bad(text) and not resolved_again.back_again(text)
