"""Blind test 23's emergencies (report docs/usertests/2026-12-06-blind11.md), in the core: 倒起了 after a thing is
nobody down (a pole down with a live wire is still dangerous, for 110, not 120); blood is 120; a missing elderly
person is an emergency for 110 and a description after is a detail; a question mid-emergency is answered; thanks
and good news are an update; a question about paying the gas bill is no safety question."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import emergency_followups, emergency_numbers, emergency_updates, reports, safety_questions, triage
from bot.core.knowledge import load_knowledge
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import DUTY_OFFICER, STRANGER
from tests.core.helpers import RULES, make_report, messages_to

WINDOW = timedelta(minutes=30)
KNOWLEDGE = load_knowledge(Path(__file__).resolve().parents[2] / "config" / "knowledge")


@pytest.mark.parametrize("text", ["河畔花园后门那个垃圾桶翻倒起了 臭死个人", "安居苑门口那棵大树吹倒起了 把路拦到了",
                                  "小区门口的牌子倒了", "那堵围墙边上的杆子倒起了 挡到路了"])
def test_a_thing_fallen_over_is_nobody_down(text: str):
    assert not triage.has_danger(text)
    assert not triage.is_emergency(text, classified_as_emergency=True)
    assert "120" not in emergency_numbers.number_to_call(RULES, "roads", text)


@pytest.mark.parametrize("text", ["有个老人在路边倒起了", "婆婆倒起了 喊不应", "我妈在厨房倒起了 喊不答应",
                                  "路边有个人倒起了"])
def test_a_person_fallen_is_still_down(text: str):
    assert triage.has_danger(text)
    assert "120" in emergency_numbers.number_to_call(RULES, "health", text)


@pytest.mark.parametrize("category", ["other", "health", "roads"])
def test_a_pole_down_with_its_wire_on_the_road_is_an_emergency_for_110_not_120(category: str):
    text = "河滨路那根电杆倒起了 电线拖在地上"
    assert triage.has_danger(text) and triage.is_emergency(text, classified_as_emergency=False)
    assert emergency_numbers.number_to_call(RULES, emergency_numbers.category_for(category, text), text) == "110"


@pytest.mark.parametrize("text", ["民族路农贸市场门口两个人打起来了 有个脑壳都打破了 血流了一地",
                                  "两个人在打架 一地的血", "有人打架 流血了", "打起来了 好多血"])
def test_blood_in_a_fight_is_120_and_110(text: str):
    assert triage.has_danger(text)
    assert emergency_numbers.number_to_call(RULES, "public_security", text) == "120和110"


def test_a_fight_with_no_one_hurt_is_still_110_only():
    assert emergency_numbers.number_to_call(RULES, "public_security", "两个人在门口打起来了") == "110"


@pytest.mark.parametrize("text", ["我屋头老汉儿走丢了 他有老年痴呆 早上出去到现在都没回来", "我妈不见了 找了一上午",
                                  "小孩子走失了 找不到人了"])
def test_a_missing_person_is_an_emergency_for_110(text: str):
    assert triage.has_danger(text) and triage.is_emergency(text, classified_as_emergency=False)
    assert emergency_numbers.number_to_call(RULES, emergency_numbers.category_for("elderly_care", text), text) == "110"


@pytest.mark.parametrize("text", ["我的钥匙不见了", "快递找不到了", "我家狗走丢了", "我的猫走失了 好几天了",
                                  "手机走丢了"])
def test_a_thing_or_a_pet_missing_is_no_emergency(text: str):
    assert not triage.has_danger(text)


def test_a_description_of_the_missing_person_is_a_detail_for_everyone_alerted(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        number = reports.submit(s, clock, make_report("我屋头老汉儿走丢了 他有老年痴呆 早上出去到现在都没回来",
                                                      sender=STRANGER, category="elderly_care", emergency=True),
                                RULES).ticket.number
    said = "他穿的蓝色棉袄 住河畔花园"
    assert emergency_followups.may_be_about(said)
    with demo_db.session() as s:
        reply = emergency_followups.answer(s, clock, RULES, STRANGER, said, WINDOW)
    assert reply is not None and "收到地点" not in reply and len(reply) <= 70
    with demo_db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        assert "蓝色棉袄" in ticket.text and not (ticket.place_text or "").startswith("他穿")
    assert any(number in m and "蓝色棉袄" in m for m in messages_to(demo_db, DUTY_OFFICER))


def test_a_question_mid_gas_leak_is_answered_never_a_second_ticket(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        reports.submit(s, clock, make_report("屋头好大一股煤气味", sender=STRANGER, category="housing_utilities",
                                             place_text="河畔花园2栋", emergency=True), RULES)
    said = "我屋头有个打火机 要不要拿出去"
    assert emergency_followups.may_be_about(said)
    with demo_db.session() as s:
        reply = emergency_followups.answer(s, clock, RULES, STRANGER, said, WINDOW)
    phone = emergency_numbers.number_to_call(RULES, "housing_utilities", "屋头好大一股煤气味")
    assert reply == safety_questions.emergency_drill("gas", phone) and "别点火" in reply and phone in reply
    with demo_db.session() as s:
        assert len(s.scalars(select(Ticket).where(Ticket.reporter_address == STRANGER)).all()) == 1


def test_a_question_with_no_emergency_is_left_alone(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        assert emergency_followups.answer(s, clock, RULES, STRANGER, "我屋头有个打火机 要不要拿出去", WINDOW) is None


@pytest.mark.parametrize("text", ["医院说没得大问题 谢谢你们哈 来得快", "谢谢你们 人没得啥问题", "没有大碍了 感谢"])
def test_thanks_and_good_news_are_an_update(text: str):
    assert emergency_updates.says_over(text)


@pytest.mark.parametrize("text", ["谢谢 火还没灭 快来", "还在流血 谢谢快点"])
def test_thanks_with_danger_still_going_is_no_update(text: str):
    assert not emergency_updates.says_over(text)


def test_thanks_after_an_emergency_tell_those_alerted_it_is_fine_no_place(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        number = reports.submit(s, clock, make_report("老头子摔了 爬不起来", sender=STRANGER, category="elderly_care",
                                                      emergency=True), RULES).ticket.number
    with demo_db.session() as s:
        ticket = emergency_updates.recent_emergency(s, clock, STRANGER, WINDOW)
        reply = emergency_updates.add_update(s, clock, ticket, "医院说没得大问题 谢谢你们哈 来得快", STRANGER)
    assert "地点" not in reply and len(reply) <= 70
    with demo_db.session() as s:
        assert s.scalar(select(Ticket.place_text).where(Ticket.number == number)) in (None, "")
    notices = [m for m in messages_to(demo_db, DUTY_OFFICER) if number in m]
    assert any("没得大问题" in m for m in notices) and not any("地点：医院" in m for m in notices)


@pytest.mark.parametrize("text", ["天然气费在哪点交嘛 手机上可以交不", "煤气费咋个缴", "燃气卡在哪里充值"])
def test_paying_the_gas_bill_is_no_safety_question(text: str):
    found = KNOWLEDGE.find(text)
    assert found is None or found.entry.id != "gas_smell_safety"


@pytest.mark.parametrize("text", ["我要不要把窗子打开 电灯开关能不能按", "漏气了能不能开灯"])
def test_a_gas_smell_question_still_gets_the_safety_answer(text: str):
    found = KNOWLEDGE.find(text)
    assert found is not None and found.entry.id == "gas_smell_safety"


@pytest.mark.parametrize("text", ["医院说没得大问题 谢谢你们哈 来得快", "他穿的蓝色棉袄 住河畔花园"])
def test_news_thanks_or_a_description_is_never_an_answer_to_where(text: str):
    assert emergency_followups.never_a_place(text)


@pytest.mark.parametrize("text", ["河畔花园2栋门口", "民族路农贸市场门口 三楼冒烟"])
def test_a_place_is_still_an_answer_to_where(text: str):
    assert not emergency_followups.never_a_place(text)
