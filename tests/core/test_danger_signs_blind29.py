"""Blind test 29's emergencies missed or wrongly raised (docs/usertests/2026-12-07-blind17.md, failures 1 and 6):
someone outside a railing or a window and petrol threats are emergencies for the right number; irrigation, a lift's past
trouble are none; a bin on fire is 119's, a child beaten 110's, someone lying in the road 110's, choking 120's; advice
is given for an earthquake, a bite asked about and a fever that will not go down; an ordinary report of something
burning is raised to an emergency when smoke follows."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import advice_asked, emergency_numbers, emergency_raise, sick_child, triage
from bot.store.db import Database
from tests.conftest import DUTY_OFFICER, RESIDENT
from tests.core.helpers import RULES, make_report, messages_to, submit, ticket


def _number(text: str, classified: str = "other") -> str:
    return emergency_numbers.number_to_call(RULES, emergency_numbers.category_for(classified, text), text)


@pytest.mark.parametrize(("text", "classified", "number", "category"), [
    ("河畔花园1栋天台有个娃儿翻出栏杆了 在哭", "other", "110", "public_security"),
    ("安居苑2栋有个人站在阳台栏杆外面 喊他不应", "other", "110", "public_security"),
    ("有个老太婆站在安居苑11栋五楼窗子外面的台台上", "housing_utilities", "110", "public_security"),
    ("看到一个人往车上倒汽油 河畔花园停车场", "public_security", "119和110", "fire_safety"),
    ("安居苑门口有人提桶汽油 说要把物业办公室烧了", "other", "119和110", "fire_safety"),
    ("安居苑门口垃圾桶燃起来了", "public_security", "119", "fire_safety"),
    ("楼下那家大人拿皮带抽娃娃 河畔花园3栋 听到叫得好惨", "health", "110", "public_security"),
    ("隔壁天天打娃娃 娃娃哭得好造孽 安居苑5栋", "other", "110", "public_security"),
    ("河畔花园门口有个醉鬼躺在路中间", "other", "110", "public_security"),
    ("老汉吃饭噎住了 喘不过气", "other", "120", "health"),
])
def test_each_danger_is_an_emergency_for_its_own_number(text: str, classified: str, number: str, category: str):
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert emergency_numbers.category_for(classified, text) == category
    assert _number(text, classified) == number


@pytest.mark.parametrize("text", [
    "一组那个水渠堵了 田里灌不进水",
    "安居苑4栋2单元电梯经常停 上礼拜还把一个老人关在里头半个小时 物业说没得钱修 你们管不管",
])
def test_irrigation_and_a_past_lift_trouble_are_no_emergency_whatever_the_classifier_said(text: str):
    assert not triage.is_emergency(text, classified_as_emergency=True)


@pytest.mark.parametrize("text", ["阳台栏杆锈了 怕娃娃翻出去", "楼下有人在夹娃娃机 打娃娃机打了一下午",
                                  "小区门口有人在加油站加汽油", "窗子外面的雨棚烂了"])
def test_a_railing_risk_a_claw_machine_or_petrol_at_the_pump_name_no_danger(text: str):
    assert not triage.has_danger(text)


def test_a_lift_with_someone_shut_in_now_is_still_an_emergency():
    assert triage.is_emergency("电梯卡起了 里头关了两个老年人", classified_as_emergency=False)
    assert triage.is_emergency("上礼拜修过的电梯又停了 现在里头关了个人", classified_as_emergency=False)


@pytest.mark.parametrize(("text", "words"), [
    ("地震了 楼在晃 咋个办", ("伏地", "遮挡", "手抓牢", "别坐电梯")),
    ("刚才是不是地震了 我们要不要跑下楼", ("楼梯", "空地")),
    ("遭狗咬了 狂犬疫苗去哪点打", ("15分钟", "24小时", "疾控")),
    ("被猫抓了 要打针不", ("冲洗", "狂犬疫苗")),
])
def test_an_earthquake_or_a_bite_asked_about_gets_what_to_do(text: str, words: tuple[str, ...]):
    said = advice_asked.advice(text)
    assert said is not None and len(said) <= 70 and all(w in said for w in words), said


@pytest.mark.parametrize("text", ["遭狗咬了一口 流血了 要打啥子针", "送外卖被狗咬了 在阳光小区19栋 要打针不",
                                  "地震了 房子垮了 有人压在下面", "安居苑路灯坏了"])
def test_a_bite_told_as_a_report_a_quake_with_people_trapped_or_anything_else_gets_no_advice(text: str):
    assert advice_asked.advice(text) is None


def test_a_fever_that_will_not_go_down_is_sent_to_the_doctor():
    said = sick_child.advice("我孙子发烧 一直退不下去")
    assert said is not None and "医院" in said and "120" in said


def test_a_report_asking_for_the_police_is_marked_so_a_smoke_alarm_is_not():
    assert advice_asked.wants_police("我要报警 电瓶车遭偷了 安居苑")
    assert not advice_asked.wants_police("楼道烟雾报警器一直响")
    assert "110" in advice_asked.CALL_POLICE and len(advice_asked.CALL_POLICE) <= 70


def test_smoke_after_an_ordinary_report_of_burning_raises_that_ticket_and_alerts(demo_db: Database,
                                                                                   clock: FakeClock):
    number = submit(demo_db, clock, make_report("楼下有人在楼道烧纸", category="fire_safety"))
    before = len(messages_to(demo_db, DUTY_OFFICER))
    clock.advance(minutes=2)
    with demo_db.session() as s:
        found = emergency_raise.ticket_to_raise(s, clock, RESIDENT, "烟子好大 整个楼道都是")
        assert found is not None and found.number == number
        emergency_raise.raise_ticket(s, clock, found, "烟子好大 整个楼道都是", "fire_safety")
    raised = ticket(demo_db, number)
    assert raised.severity == "critical" and "烟子好大" in raised.text
    assert any(number in m for m in messages_to(demo_db, DUTY_OFFICER)[before:])
    with demo_db.session() as s:  # raised once: no second time
        assert emergency_raise.ticket_to_raise(s, clock, RESIDENT, "烟子好大") is None


def test_smoke_after_an_unrelated_report_or_long_after_raises_nothing(demo_db: Database, clock: FakeClock):
    submit(demo_db, clock)  # a lamp
    with demo_db.session() as s:
        assert emergency_raise.ticket_to_raise(s, clock, RESIDENT, "烟子好大 整个楼道都是") is None
    submit(demo_db, clock, make_report("楼下有人在楼道烧纸", category="fire_safety"))
    clock.advance(minutes=31)
    with demo_db.session() as s:
        assert emergency_raise.ticket_to_raise(s, clock, RESIDENT, "烟子好大 整个楼道都是") is None
