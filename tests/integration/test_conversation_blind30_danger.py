"""Blind test 30's emergencies wrongly raised, real ones missed, and all-clears (docs/usertests/2026-12-07-blind18.md,
B112, B60, B84, B34, B66, A-B39, B52, R11, B114), through the gateway, the real engine and the real action server:
cooking fumes are an ordinary complaint and "不是着火" opens nothing; "不是漏气 就是打不燃火" stands an emergency down
to an ordinary ticket; a burnt pot withdraws it as a false alarm; the gas company shutting the valve is news of the
open emergency; labour and someone lying still by the road are emergencies; money lost to a scam is told 110 at once;
a theft is filed with 110 named; a new emergency on another street is its own, with its own alert.

Voices: +8613955531001 … (not in the registry); places: buildings 101–119 of 安居苑 and 河畔花园."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, left_ordinary, raised, say, tickets_of, told, unnumbered

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555310{n:02d}" for n in range(1, 100)]


def test_a_fumes_complaint_is_ordinary_and_saying_it_is_no_fire_opens_nothing(running: Stack):
    caller = SENDERS[0]
    first = say(running, caller, "我要投诉 安居苑101栋楼下烧烤店油烟大得很 天天熏")
    assert "119" not in unnumbered(first), first
    second = say(running, caller, "我是投诉油烟 不是着火了")
    assert "119" not in unnumbered(second) and "在哪里" not in unnumbered(second), second
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket)


def test_no_leak_only_a_stove_that_will_not_light_stands_the_emergency_down(running: Stack):
    caller = SENDERS[1]
    say(running, caller, "安居苑102栋2单元 厨房煤气味好大")
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    replies = say(running, caller, "不是漏气 就是打不燃火")
    assert "普通" in unnumbered(replies), replies
    [after] = tickets_of(running, caller)
    assert after.number == ticket.number and after.severity != "critical" and after.status != "cancelled"


def test_a_burnt_pot_withdraws_the_emergency_and_the_duty_officer_hears_it(running: Stack):
    caller = SENDERS[2]
    say(running, caller, "河畔花园103栋1单元 厨房冒烟了 烟好大")
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    replies = say(running, caller, "哦 是锅烧糊了 没得事 不好意思")
    assert "误报" in unnumbered(replies), replies
    [after] = tickets_of(running, caller)
    assert after.status == "cancelled"
    assert any("撤销" in m for m in told(running, DUTY_OFFICER, ticket.number or ""))


def test_the_gas_company_shutting_the_valve_is_news_of_the_open_emergency(running: Stack):
    caller = SENDERS[3]
    say(running, caller, "天然气管子在漏 嘶嘶响 河畔花园104栋1单元")
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    as_if_earlier(running, caller, 14)
    replies = say(running, caller, "燃气公司来了 关了总阀")
    assert "在哪里" not in unnumbered(replies), replies
    assert [t.number for t in tickets_of(running, caller)] == [ticket.number]
    assert any("燃气公司来了" in m for m in told(running, DUTY_OFFICER, ticket.number or ""))


@pytest.mark.parametrize(("index", "text", "number"), [
    (4, "我媳妇要生了 肚子痛得很 安居苑105栋", "120"),  # B66: an ordinary ticket
    (5, "路边倒了个人 一动不动 安居苑106栋门口", "120"),  # A-B39c: an ordinary ticket
])
def test_labour_and_someone_lying_still_by_the_road_are_emergencies(running: Stack, index: int, text: str,
                                                                     number: str):
    caller = SENDERS[index]
    replies = say(running, caller, text)
    assert number in unnumbered(replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


def test_money_just_lost_to_a_scam_is_told_110_at_once_never_asked_where(running: Stack):
    caller = SENDERS[6]
    replies = say(running, caller, "遭骗了 有人打电话说我孙子出事了 我转了五千块过去")
    assert "110" in unnumbered(replies) and "哪点" not in unnumbered(replies), replies
    assert not tickets_of(running, caller)


def test_a_theft_told_is_filed_with_110_named(running: Stack):
    caller = SENDERS[7]
    replies = say(running, caller, "我的电瓶车遭偷了 在安居苑107栋车棚")
    assert "110" in unnumbered(replies), replies
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket)


def test_someone_collapsed_on_another_street_is_a_new_emergency_with_its_own_alert(running: Stack):
    caller = SENDERS[8]
    say(running, caller, "安居苑108栋门口有个老人摔倒了 起不来")
    [first] = tickets_of(running, caller)
    assert raised(running, first)
    as_if_earlier(running, caller, 10)
    say(running, caller, "新华街口有个人晕倒了")
    tickets = tickets_of(running, caller)
    assert len(tickets) == 2, [t.text for t in tickets]
    second = next(t for t in tickets if t.number != first.number)
    assert raised(running, second) and "补充" not in (first.text or "")
