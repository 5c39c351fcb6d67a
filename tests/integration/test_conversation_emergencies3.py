"""What is an emergency and what is not, and what its reporter may ask or take back (blind test 8, issue 17 §3),
through the gateway, the real engine and the real action server: calm advice for "要不要打120", a false alarm
withdrawn with the duty officer told, a screwdriver and 算了 不报了 never an emergency, a fall at a reported pit a
detail of it, people shut in a lift the building's with the lift's rescue number, a theft in progress 110 with
its place taken from the words. Voices: passers-by and elderly residents of 河畔花园 (河滨社区第1网格). Each runs
on SQLite and PostgreSQL; the duty officer is shared, so what is asserted of her is about this test's tickets."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import bare, number_in, say, tickets_of, told

pytestmark = pytest.mark.engine

PASSERS_BY = [f"+86139999900{n}" for n in range(81, 91)]  # not in the registry
RESIDENTS = [f"+86139000001{n}" for n in range(76, 81)]  # 河滨社区第1网格 (河畔花园)
ZHOU_MING = "+8613700000009"  # 周明, their grid worker
NOT_UNDERSTOOD = "没太看懂"


def test_asking_whether_to_call_120_or_how_long_during_an_emergency_gets_calm_advice_never_the_menu(
        running: Stack):
    # Blind test 8, #18: "是不是要打120哦 我不敢动她" got 没太看懂 and the residents' menu.
    caller = PASSERS_BY[0]
    down = number_in(say(running, caller, "菜市场门口有个老太婆倒在地上了 喊不应"))
    [advice] = say(running, caller, "是不是要打120哦 我不敢动她")
    assert "120" in advice and "别挪动" in advice and NOT_UNDERSTOOD not in advice and "1 反映问题" not in advice
    [calm] = say(running, caller, "你们好久能到嘛")  # worried, the place known: calmed, never the menu
    assert "别着急" in calm and "1 反映问题" not in calm
    assert [t.number for t in tickets_of(running, caller)] == [down]


def test_a_false_alarm_withdraws_the_emergency_and_the_duty_officer_hears_it(running: Stack):
    # Blind test 8, #130: "哦 搞错了 是他们在熏腊肉 不好意思" got 没太看懂; after 算了 不报了 nobody alerted was told.
    caller = PASSERS_BY[1]
    smoke = number_in(say(running, caller, "对面楼冒好大的烟 是不是着火了"))
    [withdrawn] = say(running, caller, "哦 搞错了 是他们在熏腊肉 不好意思")
    assert smoke in withdrawn and "撤销" in withdrawn and NOT_UNDERSTOOD not in withdrawn
    [ticket] = tickets_of(running, caller)
    assert ticket.status == "cancelled"
    assert any("撤销" in t and "误报" in t for t in told(running, DUTY_OFFICER, smoke))


def test_an_emergency_taken_back_with_suan_le_tells_everyone_it_alerted(running: Stack):
    caller = PASSERS_BY[2]
    gas = number_in(say(running, caller, "救命 屋头好大一股煤气味"))
    say(running, caller, "河畔花园3栋1单元201")
    say(running, caller, "算了 不报了")
    [ticket] = tickets_of(running, caller)
    assert ticket.status == "cancelled"
    for staff in (DUTY_OFFICER, ZHOU_MING):
        assert any("撤销" in t for t in told(running, staff, gas)), staff


def test_a_screwdriver_and_suan_le_bu_bao_le_never_raise_an_emergency(running: Stack):
    # Blind test 8, #150: "算了 不报了 我喊儿子拿螺丝刀拧紧了" raised a 110 【治安】 emergency to the duty officer.
    grandma = RESIDENTS[0]
    before = len(running.outbox(DUTY_OFFICER))
    [reply] = say(running, grandma, "算了 不报了 我喊儿子拿螺丝刀拧紧了")
    assert "拨打110" not in reply and "紧急" not in reply
    assert not any(t.severity == "critical" for t in tickets_of(running, grandma))
    assert not any(m["text"].startswith("紧急") and grandma in m["text"] for m in running.outbox(DUTY_OFFICER)[before:])


def test_another_fall_at_the_reported_pit_is_a_detail_of_it_never_an_emergency(running: Stack):
    # Blind test 8, #115: "坑又变大了 今天又有人摔了" raised a 120 emergency instead of joining the pit's ticket.
    grandpa = RESIDENTS[1]
    pit = number_in(say(running, grandpa, "河畔花园门口路中间好大个坑 下雨积水看不到 摔了两个送外卖的了"))
    [joined] = say(running, grandpa, "坑又变大了 今天又有人摔了")
    assert pit in joined and "补充" in joined and "120" not in bare(joined)  # T1205 is no 120
    [ticket] = tickets_of(running, grandpa)
    assert ticket.severity != "critical" and "坑又变大了" in ticket.text


def test_people_shut_in_a_lift_are_the_buildings_emergency_with_the_lifts_rescue_number(running: Stack):
    # Blind test 8, #51: "关了两个人在里头 按警铃莫得人应" was told 110, filed 【治安】 without 电梯, asked where.
    auntie = RESIDENTS[2]
    replies = say(running, auntie, "关了两个人在里头 按警铃莫得人应")
    trapped = number_in(replies)
    assert any("119" in bare(r) and "电梯" in r for r in replies) and not any("拨打110" in r for r in replies)
    assert any("按您登记的住址" in r for r in replies)  # her own building's lift: not asked where she lives
    [ticket] = tickets_of(running, auntie)
    assert ticket.category == "housing_utilities" and ticket.severity == "critical"
    assert any("电梯" in t and "房屋水电气" in t for t in told(running, DUTY_OFFICER, trapped))


def test_a_theft_in_progress_is_told_110_and_its_place_taken_from_the_words(running: Stack):
    # Blind test 8, #123: no 110 advice, and "河滨公园" in the message was asked for again.
    caller = PASSERS_BY[3]
    replies = say(running, caller, "有人在河滨公园偷电缆 两个人 开个面包车")
    theft = number_in(replies)
    assert any("拨打110" in r for r in replies) and not any("在哪" in r for r in replies)
    [ticket] = tickets_of(running, caller)
    assert ticket.severity == "critical" and ticket.place_text == "河滨公园"
    assert any("河滨公园" in t for t in told(running, DUTY_OFFICER, theft))
