"""Blind test 32 (docs/usertests/2026-12-07-blind20.md, rows B27, B3, B2, A94, B30, B154, A63, A112, B118, L9): a
detail or a different problem glued to the wrong ticket. Someone out of reach is more of the report; another thing's
problem (水压, a lamp said by where it is, a theft) is a report of its own, never 补充 nor asked about; what the
problem keeps from getting through (消防车都进不来) joins without asking; 并单 needs the same problem, not only rubbish
(nobody collecting it, dumping, a fallen bin, a smell are four); a way blocked by things piled there is one problem."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import follow_up_reading, lifecycle, place_parts, two_problems
from bot.core.other_problem import cannot_reach, things_in
from bot.core.problem_match import garbage_kinds, same_problem
from bot.store.db import Database
from tests.core.helpers import RULES, make_report, submit, submit_opened, ticket

SENDER = "+86139555520000"
OTHER = "+86139555520001"
THIRD = "+86139555520002"

LEAK = ("楼上漏水漏到我家了 安居苑541栋302", "housing_utilities")
LOCK = ("安居苑542栋单元门锁坏了 关不上", "housing_utilities")
CHOPPING = ("我家楼上天天半夜剁肉 安居苑543栋", "dispute")
WIRES = ("安居苑544栋车棚的电线乱拉乱接 怕起火", "fire_safety")
PARKING = ("安居苑门口天天有人乱停车", "public_security")
COVER = ("安居苑门口井盖松了 踩上去晃", "roads")


def read(db: Database, clock: FakeClock, report: tuple[str, str], text: str, intent: str,
         category: str | None) -> str:
    open_ = ticket(db, submit(db, clock, make_report(report[0], sender=SENDER, category=report[1])))
    with db.session() as s:
        return follow_up_reading.read_follow_up(s, open_, text, intent, category)


@pytest.mark.parametrize("text", ["楼上没人在家 电话也打不通", "楼上那家莫得人 敲门也没人应",
                                  "楼上屋头没得人 打电话也不接", "上面那家出去耍了 联系不到人",
                                  "他家电话关机了 找不到人"])
# What the classifier made of them: fire_safety, elderly_care, housing_utilities, other.
@pytest.mark.parametrize(("intent", "category"), [
    ("report_issue", "housing_utilities"), ("report_issue", "fire_safety"), ("report_issue", "elderly_care"),
    ("report_issue", "other"), ("nlu_fallback", None)])
def test_a_neighbour_out_of_reach_is_a_detail_of_the_leak_not_a_new_ticket(
        demo_db: Database, clock: FakeClock, text: str, intent: str, category: str | None):
    assert cannot_reach(text)
    assert read(demo_db, clock, LEAK, text, intent, category) == "detail"


def test_out_of_reach_with_a_problem_of_its_own_is_still_that_problem(demo_db: Database, clock: FakeClock):
    assert not cannot_reach("楼道灯坏了") and not cannot_reach("下水道不通了")
    assert read(demo_db, clock, LEAK, "楼上没人在家 楼道里的灯也坏了", "report_issue", "housing_utilities") == "new"


@pytest.mark.parametrize("text", ["我们这栋的水压好小 洗澡水都上不来", "水压太小了 热水器都打不燃",
                                  "我们楼水压低得很 高层莫得水", "这几天水好小哦 洗澡都洗不成",
                                  "水龙头的水流小得很 接一桶水要半天"])
@pytest.mark.parametrize(("intent", "category"), [("report_issue", "housing_utilities"), ("nlu_fallback", None)])
def test_low_water_pressure_after_a_door_lock_is_a_new_ticket_never_a_detail_of_it(
        demo_db: Database, clock: FakeClock, text: str, intent: str, category: str | None):
    assert "水压" in things_in(text)
    assert read(demo_db, clock, LOCK, text, intent, category) in ("new", "pass")
    assert read(demo_db, clock, LOCK, text, intent, category) != "detail"


@pytest.mark.parametrize(("report", "text", "category"), [
    (CHOPPING, "楼道里的灯一闪一闪的 晚上怕摔跤", "housing_utilities"),  # B2
    (CHOPPING, "楼梯间的灯不亮了 上下楼看不到", "housing_utilities"),
    (CHOPPING, "单元门口那个灯坏了 黑黢黢的", "roads"),
    (WIRES, "我电瓶车遭偷了 在安居苑车棚", "public_security"),  # A94
    (WIRES, "我的电动车遭人偷了", "public_security"),
    (WIRES, "电瓶车被偷了 锁都剪断了", "public_security"),
    (COVER, "安居苑东门那个路口 晚上没得灯 好黑 差点撞到人", "roads"),  # B154
    (COVER, "小区门口的灯晚上不亮 黑得很", "roads"),
])
def test_another_things_problem_in_another_category_is_new_without_asking(
        demo_db: Database, clock: FakeClock, report: tuple[str, str], text: str, category: str):
    assert read(demo_db, clock, report, text, "report_issue", category) == "new"


@pytest.mark.parametrize("text", ["安居苑546栋那个路口 晚上没得灯 好黑 差点撞到人", "那个路口 晚上莫得灯 黑黢黢的",
                                  "楼道里的灯一闪一闪的", "车棚头我的电瓶车遭偷了"])
def test_another_things_fault_is_new_even_when_the_classifier_is_unsure(demo_db: Database, clock: FakeClock,
                                                                         text: str):
    assert read(demo_db, clock, COVER, text, "nlu_fallback", None) == "new"


@pytest.mark.parametrize("text", ["消防车都进不来", "救护车都开不进来", "走路都过不去", "出门的车都开不出去"])
@pytest.mark.parametrize(("intent", "category"), [("report_issue", "fire_safety"), ("report_issue", "roads"),
                                                  ("report_issue", "public_security"), ("nlu_fallback", None)])
def test_what_the_parking_keeps_from_getting_through_is_a_detail_without_asking(
        demo_db: Database, clock: FakeClock, text: str, intent: str, category: str | None):
    assert read(demo_db, clock, PARKING, text, intent, category) == "detail"


@pytest.mark.parametrize(("report", "text"), [
    ("路灯坏了 安居苑门口", "灯还是不亮"),  # said nowhere: the report's own lamp
    ("安居苑545栋楼道灯坏了", "楼道里的灯晚上一点都不亮"),
    ("安居苑门口的路灯不亮", "门口的灯晚上黑黢黢的"),
])
def test_a_lamp_said_again_is_the_reports_own_lamp(demo_db: Database, clock: FakeClock, report: str, text: str):
    assert read(demo_db, clock, (report, "roads"), text, "report_issue", "roads") == "detail"


# 并单: the same problem, not only the same category.
BIN = "河畔花园546栋门口垃圾桶倒了"
PLACES = ["河畔花园546栋门口", "河畔花园"]


@pytest.mark.parametrize("text", ["我们那边垃圾好久没人收了", "河畔花园有人晚上乱倒垃圾", "垃圾堆了一个礼拜了",
                                  "垃圾桶满了莫得人倒", "好几天没看到收垃圾的了", "有人往花坛头丢垃圾"])
def test_rubbish_of_another_kind_is_not_the_same_problem_as_a_fallen_bin(text: str):
    assert not same_problem(text, BIN, PLACES)


@pytest.mark.parametrize(("text", "other"), [
    ("垃圾桶被风吹倒了 垃圾撒一地", BIN),
    ("垃圾堆起好几天了 臭得很", "垃圾好久没人收了"),
    ("垃圾一个礼拜没人拉了", "垃圾堆了一个礼拜"),
    ("有人乱倒建筑垃圾", "晚上有人偷偷倒垃圾"),
    ("门口好多垃圾", BIN),  # rubbish said of nothing in particular: any
    ("垃圾站臭得很", "垃圾房好臭哦"),
])
def test_rubbish_of_the_same_kind_is_the_same_problem(text: str, other: str):
    assert same_problem(text, other, PLACES)


def test_nobody_collecting_is_not_a_smell_said_alone():
    assert garbage_kinds("安居苑后门垃圾站臭得很") == {"垃圾:臭"}
    assert garbage_kinds("垃圾堆起好几天了 臭得很") == {"垃圾:没收"}
    assert not same_problem("好几天没看到收垃圾的了 安居苑后门", "安居苑后门垃圾站臭得很", ["安居苑后门"])


def _file(s, clock: FakeClock, text: str, sender: str, place: str):
    return submit_opened(s, clock, make_report(text, sender=sender, category="sanitation", place_text=place))


@pytest.mark.parametrize("text", ["我们那边垃圾好久没人收了", "有人晚上乱倒垃圾", "垃圾堆了一个礼拜了"])
def test_a_strangers_rubbish_of_another_kind_opens_its_own_ticket(demo_db: Database, clock: FakeClock, text: str):
    with demo_db.session() as s:
        theirs = _file(s, clock, "河畔花园门口垃圾桶倒了", OTHER, "河畔花园门口")
        mine = _file(s, clock, text, SENDER, "河畔花园门口")
        assert mine.merged_into is None and mine.ticket.id != theirs.ticket.id


def test_the_same_rubbish_problem_still_merges(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        theirs = _file(s, clock, "河畔花园门口垃圾好久没人收了", OTHER, "河畔花园门口")
        mine = _file(s, clock, "河畔花园门口垃圾堆了一个礼拜 没人拉", SENDER, "河畔花园门口")
        assert mine.merged_into is not None and mine.merged_into.id == theirs.ticket.id


def test_never_merged_into_a_ticket_already_resolved(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        theirs = _file(s, clock, "安居苑后门垃圾好几天没人收了 臭得很", OTHER, "安居苑后门")
        assignee = theirs.ticket.assignee.phone
        number = theirs.ticket.number
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, assignee, "垃圾清走了")
    with demo_db.session() as s:
        mine = _file(s, clock, "好几天没看到收垃圾的了 安居苑后门", THIRD, "安居苑后门")
        assert mine.merged_into is None and mine.ticket.number != number


@pytest.mark.parametrize("text", ["安居苑547栋楼道里堆满了杂物 消防通道都堵了", "楼道堆满了纸箱 消防通道堵死了",
                                  "楼梯口堆了好多旧家具 消防通道过都过不去", "过道里乱放电瓶车 安全出口都挡到了"])
def test_a_way_blocked_by_things_piled_there_is_one_problem(text: str):
    assert two_problems.bare_clauses(text) is None


@pytest.mark.parametrize("text", ["楼道堆满了杂物 路灯坏了", "安居苑门口井盖松了 路灯坏了"])
def test_things_piled_and_an_unrelated_fault_are_still_two(text: str):
    assert two_problems.bare_clauses(text) is not None


@pytest.mark.parametrize(("text", "place"), [
    ("我们这栋的水压好小 洗澡水都上不来", "安居苑551栋"),
    ("楼道里的灯一闪一闪的 晚上怕摔跤", "安居苑551栋"),
    ("楼梯间的灯不亮了", "安居苑551栋"),
    ("我们楼水压低得很", "安居苑551栋"),
    ("这栋楼的电梯又坏了", "安居苑551栋"),
    ("路灯坏了", ""),  # may be anywhere: asked
    ("楼道里的灯不亮 河畔花园552栋", ""),  # its own place
])
def test_a_new_problem_inside_our_building_is_at_the_building_just_reported(text: str, place: str):
    assert place_parts.spot_beside("安居苑551栋3单元", text) == (place and place + "3单元")
    assert place_parts.spot_beside("安居苑门口", text) == ""  # no building before: nothing to go by
