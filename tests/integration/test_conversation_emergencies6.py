"""Blind test 23's emergencies (rows R1v, N57, N58, N11, N14, R64v, N47, N40), through the gateway, the real engine
and the real action server: a thing fallen over (垃圾桶翻倒起了) is no emergency, a pole down with its wire on the
road is one for 110; blood in a fight is 120 and 110; a missing elderly man is an emergency for 110 and his
description after is a detail, not a place; a question mid-gas-leak is answered, never a second ticket; thanks
with good news is an update, never a place; asking where to pay the gas bill gets no gas-leak drill. Voices:
passers-by (not in the registry). Each runs on SQLite and PostgreSQL; the duty officer is shared, so what is
asserted of her is about this test's tickets."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import bare, left_ordinary, raised, say, tickets_of, told

pytestmark = pytest.mark.engine

PASSERS_BY = [f"+86139999902{n}" for n in range(21, 33)]  # not in the registry


def test_a_bin_fallen_over_is_no_emergency_a_pole_down_with_its_wire_is_one_for_110(running: Stack):
    # R1v, N57: "请先拨打120和110" for a bin and a tree; N58: "120" for a pole with its wire on the road.
    for caller, text in ((PASSERS_BY[0], "河畔花园后门那个垃圾桶翻倒起了 臭死个人"),
                         (PASSERS_BY[1], "安居苑门口那棵大树吹倒起了 把路拦到了")):
        replies = say(running, caller, text)
        assert not any("120" in bare(r) or "110" in bare(r) for r in replies), replies
        for ticket in tickets_of(running, caller):
            assert left_ordinary(running, ticket)
    caller = PASSERS_BY[2]
    replies = say(running, caller, "河滨路那根电杆倒起了 电线拖在地上")
    assert any("110" in bare(r) for r in replies) and not any("120" in bare(r) for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


def test_blood_in_a_fight_is_told_120_and_110(running: Stack):
    # N11: "有个脑壳都打破了 血流了一地" got "请先拨打110！" only.
    replies = say(running, PASSERS_BY[3], "民族路农贸市场门口两个人打起来了 有个脑壳都打破了 血流了一地")
    assert any("120和110" in bare(r) for r in replies), replies


def test_a_missing_old_man_is_an_emergency_and_his_description_is_a_detail_not_a_place(running: Stack):
    # N14: no emergency, then the place "他穿的蓝色棉袄 住河".
    caller = PASSERS_BY[4]
    replies = say(running, caller, "我屋头老汉儿走丢了 他有老年痴呆 早上出去到现在都没回来")
    assert any("110" in bare(r) for r in replies) and not any("120" in bare(r) for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    replies = say(running, caller, "他穿的蓝色棉袄 住河畔花园")
    # The estate is the place, how he looks goes onto the emergency (blind test 27, A53 and A98 were asked again)
    assert not any("收到地点：他穿" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert "蓝色棉袄" in ticket.text and ticket.place_text == "河畔花园", (ticket.text, ticket.place_text)
    assert any("蓝色棉袄" in n for n in told(running, DUTY_OFFICER, ticket.number or ""))


def test_a_question_mid_gas_leak_is_answered_never_a_second_ticket(running: Stack):
    # R64v: "我屋头有个打火机 要不要拿出去" opened T1029【治安】"请先拨打110".
    caller = PASSERS_BY[5]
    say(running, caller, "河畔花园2栋2单元 屋头好大一股煤气味")
    [ticket] = tickets_of(running, caller)
    assert ticket.severity == "critical"
    replies = say(running, caller, "我屋头有个打火机 要不要拿出去")
    assert any("别点火" in r for r in replies) and not any("110" in bare(r) for r in replies), replies
    assert len(tickets_of(running, caller)) == 1


def test_thanks_with_good_news_is_an_update_never_a_place(running: Stack):
    # N47: "医院说没得大问题 谢谢你们哈 来得快" → "收到地点：医院"; three staff alerted 地点：医院.
    caller = PASSERS_BY[6]
    say(running, caller, "老头子摔了 爬不起来 快来人")
    [ticket] = tickets_of(running, caller)
    assert ticket.severity == "critical"
    replies = say(running, caller, "医院说没得大问题 谢谢你们哈 来得快")
    assert not any("收到地点" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert (ticket.place_text or "") != "医院"
    notices = told(running, DUTY_OFFICER, ticket.number or "")
    assert any("没得大问题" in n for n in notices) and not any("地点：医院" in n for n in notices)


def test_asking_where_to_pay_the_gas_bill_gets_no_gas_leak_drill(running: Stack):
    # N40: "天然气费在哪点交嘛 手机上可以交不" got "别开关电器、别点火，开窗通风…人先出去".
    caller = PASSERS_BY[7]
    replies = say(running, caller, "天然气费在哪点交嘛 手机上可以交不")
    assert not any("别点火" in r or "119" in bare(r) for r in replies), replies
    assert not any(t.severity == "critical" for t in tickets_of(running, caller))
