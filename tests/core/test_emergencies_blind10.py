"""Blind test 22's emergencies (report docs/usertests/2026-12-06-blind10.md), in the core: 倒起了 after a verb of a
thing's state is no one down; "不是急事" makes an emergency ordinary; a washed-out track is no emergency; people trapped
by water are told 119; a question mid-emergency is answered; a fall by the bed is at home and a detail about the
person joins the emergency; a location in no grid is an emergency's place."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import (
    emergencies,
    emergency_downgrade,
    emergency_followups,
    emergency_numbers,
    emergency_updates,
    reports,
    triage,
)
from bot.core.places import Located
from bot.store.db import Database
from bot.store.models import OrgUnit, Ticket
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER, WORKER
from tests.core.helpers import RULES, make_report, messages_to

WINDOW = timedelta(minutes=30)


@pytest.mark.parametrize("text", ["喂 我们小区门口那个下水道堵倒起了 臭得很", "喂 河畔花园门口的路灯坏倒起了",
                                  "单元门一直锁倒起的", "电瓶车停倒起在消防通道", "门口垃圾堆倒起了",
                                  "车子占倒起了 过不去"])
def test_a_thing_left_so_daoqi_is_no_one_down(text: str):
    assert not triage.has_danger(text)
    assert not triage.is_emergency(text, classified_as_emergency=True)
    assert emergency_numbers.number_to_call(RULES, "roads", text) == RULES.emergency_number("roads")


@pytest.mark.parametrize("text", ["有个老人在路边倒起了", "婆婆倒起了 喊不应", "村委会门口有个老婆婆倒起了 喊不答应"])
def test_a_person_daoqi_is_still_down(text: str):
    assert triage.has_danger(text)
    assert "120" in emergency_numbers.number_to_call(RULES, "health", text)


@pytest.mark.parametrize("text", ["三组过去那段机耕道遭水冲垮了一半 拖拉机过不去", "田边那条便道垮了 走不通了",
                                  "后山通道塌方了一截"])
def test_a_track_or_way_collapsed_with_nobody_in_danger_is_no_emergency(text: str):
    assert not triage.has_danger(text)
    assert not triage.is_emergency(text, classified_as_emergency=True)


def test_a_collapse_with_a_home_in_it_is_still_an_emergency():
    assert triage.has_danger("楼道那堵墙垮了 砸到屋头了")


@pytest.mark.parametrize("text", ["河滨路涨水了 一家人被困在屋头", "河滨路那边涨水了 有一家人被困在屋头出不来",
                                  "房子垮了 有人被困在里头"])
def test_people_trapped_by_water_or_a_collapse_are_told_119(text: str):
    assert triage.has_danger(text)
    assert emergency_numbers.number_to_call(RULES, "other", text) == "119"


def test_people_trapped_with_a_fight_in_it_are_told_119_and_110():
    assert emergency_numbers.number_to_call(RULES, "other", "着火了 有人被困在屋头 放火的人拿刀在追") == "119和110"


def test_a_lift_is_still_its_own_rescue():
    said = "电梯卡起了 两个人被困在里头出不来"
    assert emergency_numbers.number_to_call(RULES, "other", said) == emergency_numbers.LIFT_RESCUE


@pytest.mark.parametrize("text", ["这个不是急事哈 就是下水道堵了", "不急 慢慢来", "没得危险 就是臭", "不是紧急的"])
def test_saying_it_is_not_urgent_is_read(text: str):
    assert emergency_downgrade.says_not_urgent(text)


@pytest.mark.parametrize("text", ["急得很 快来", "不急不行了 煤气味好大", "师傅好久到嘛", "你们一点都不急吗"])
def test_urgency_or_danger_is_not_read_as_not_urgent(text: str):
    assert not emergency_downgrade.says_not_urgent(text)


def test_not_urgent_makes_the_emergency_ordinary_those_alerted_stand_down(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        opened = reports.submit(s, clock, make_report("楼道里头的电表箱在冒烟", category="housing_utilities",
                                                      emergency=True), RULES)
        number = opened.ticket.number
        assert opened.assignee is not None and opened.assignee.phone == WORKER
    with demo_db.session() as s:
        ticket = emergency_updates.recent_emergency(s, clock, RESIDENT, WINDOW)
        reply = emergency_downgrade.downgrade(s, clock, RULES, ticket, "这个不是急事哈 没得危险", RESIDENT)
    assert number in reply and "普通" in reply and len(reply) <= 70
    with demo_db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        assert ticket.severity != "critical" and ticket.priority != "immediate" and ticket.assignee_id is not None
        assert emergency_updates.recent_emergency(s, clock, RESIDENT, WINDOW) is None
        # nothing after speaks of calling 120/110 (blind test 22, #6)
        assert emergency_followups.answer(s, clock, RULES, RESIDENT, "师傅好久到嘛", WINDOW) is None
        assert emergencies.calm_reply(s, clock, RULES, RESIDENT, "师傅好久到嘛") is None
    assert any(number in m and "无需按紧急处置" in m for m in messages_to(demo_db, DUTY_OFFICER))
    assert any(number in m and "请照常处理" in m for m in messages_to(demo_db, WORKER))


def test_a_question_mid_fire_is_answered_and_told_as_a_question(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        number = reports.submit(s, clock, make_report("着火了 安居苑二期5栋一楼的门面冒好大的烟", sender=STRANGER,
                                                      category="fire_safety", place_text="安居苑二期5栋",
                                                      emergency=True), RULES).ticket.number
    said = "火灭了没得 我们可以回去了不"
    assert emergency_updates.says_over(said) and emergency_updates.asks_going_back(said)
    with demo_db.session() as s:
        ticket = emergency_updates.recent_emergency(s, clock, STRANGER, WINDOW)
        reply = emergency_updates.add_update(s, clock, ticket, said, STRANGER, phone="119")
    # the reporter was told 119: the firemen are named, never the police
    assert reply == emergency_updates.go_back_answer("119") and "消防员" in reply and "谢谢" not in reply \
        and len(reply) <= 70
    assert any(number in m and "报告人问" in m for m in messages_to(demo_db, DUTY_OFFICER))
    with demo_db.session() as s:  # a going-back question without "灭了" is answered the same
        assert emergency_followups.may_be_about("我们可以回去了不")
        assert emergency_followups.answer(s, clock, RULES, STRANGER, "我们可以回去了不", WINDOW) \
            == emergency_updates.go_back_answer("119")


def test_news_that_it_is_over_is_still_thanked():
    assert not emergency_updates.asks("火已经灭了 莫得事了")


def test_a_fall_by_the_bed_is_at_home_nothing_asked(demo_db: Database):
    with demo_db.session() as s:
        grid = s.scalar(select(OrgUnit).where(OrgUnit.name == "幸福社区第1网格"))
        home = Located(unit=grid, how="home")
        report = make_report("老头子从床上摔下来了 爬不起来 我一个人扶不动他", category="elderly_care", emergency=True)
        assert not emergencies.should_ask_place(home, report)
        assert emergencies.should_ask_place(home, make_report("有人摔倒了 爬不起来", emergency=True))


def test_a_detail_about_the_person_joins_the_emergency(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        number = reports.submit(s, clock, make_report("老头子从床上摔下来了 爬不起来", category="elderly_care",
                                                      emergency=True), RULES).ticket.number
    assert emergency_followups.may_be_about("他80多岁了 有高血压")
    with demo_db.session() as s:
        reply = emergency_followups.answer(s, clock, RULES, RESIDENT, "他80多岁了 有高血压", WINDOW)
    assert reply is not None and "补充" not in reply
    with demo_db.session() as s:
        assert "高血压" in s.scalar(select(Ticket.text).where(Ticket.number == number))
    assert any(number in m and "高血压" in m for m in messages_to(demo_db, DUTY_OFFICER))


def test_a_location_in_no_grid_is_an_emergencys_place(demo_db: Database, clock: FakeClock):
    report = make_report("这里一个骑摩托的被大货车挂倒了 流了好多血", sender=STRANGER, category="roads",
                         lat=25.4012, lon=103.2895, emergency=True)
    assert not emergencies.should_ask_place(None, report)
    with demo_db.session() as s:
        number = reports.submit(s, clock, report, RULES).ticket.number
    officer = [m for m in messages_to(demo_db, DUTY_OFFICER) if number in m]
    assert officer and all("地点待核实" not in m for m in officer)
    assert any("定位25.4012,103.2895" in m for m in officer)
