"""Blind test 28's missed emergencies (/work/ut28-report.md failures 1 and 2: A-B63, B39, B79, B78), through the
gateway, the real engine and the real action server: someone on a roof's edge or said to be about to jump, with no 楼
said, is 110 with the duty officer alerted; a child shut in a car is 119 and 110; a knife drawn in a quarrel is 110,
120和110 when someone is cut; a fire set on purpose is 119 and 110, its own emergency, never merged into another ticket.

Voices: passers-by not in the registry (+86139666260 …). Each runs on SQLite and PostgreSQL; the duty officer is
shared, so what is asserted of her is about this test's tickets."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import bare, raised, say, tickets_of

pytestmark = pytest.mark.engine
PASSERS_BY = [f"+86139666{n}" for n in range(260, 280)]


def _calls(replies: list[str]) -> set[str]:
    """The emergency numbers the replies tell the sender to call."""
    said = " ".join(bare(r) for r in replies)
    return {number for number in ("110", "119", "120") if number in said}


@pytest.mark.parametrize(("index", "text"), [
    (0, "楼顶上有个女的站在边边上 怕是要跳 安居苑31栋"),  # A-B63-1: an ordinary 【其他】 ticket
    (1, "有个小伙子爬到河畔花园32栋楼顶上了 在边边上走来走去 喊都喊不下来"),  # A-B63-3
])
def test_someone_on_a_roof_edge_is_110_with_the_duty_officer_alerted_though_no_楼_is_said(running: Stack, index: int,
                                                                                       text: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert _calls(replies) == {"110"} and not any("在哪里" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.category == "public_security"


@pytest.mark.parametrize(("index", "text"), [
    (2, "娃娃被锁在车里头了 太阳好大 安居苑36栋楼下"),  # B39: an ordinary 【道路设施】 ticket
    (3, "车里锁了个小娃娃 哭得不行 河畔花园37栋门口"),  # B39-2
])
def test_a_child_shut_in_a_car_is_an_emergency_for_119_and_110(running: Stack, index: int, text: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert _calls(replies) == {"110", "119"}, replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.category == "public_security"


@pytest.mark.parametrize(("index", "text", "calls"), [
    (4, "楼上两口子吵架动刀了 河畔花园34栋502", {"110"}),  # B79: an ordinary 【矛盾纠纷】
    (5, "楼下两个人吵架动刀子了 有个人被砍伤了 阳光小区31栋", {"110", "120"}),
])
def test_a_knife_drawn_in_a_quarrel_is_110_and_an_ambulance_when_someone_is_cut(running: Stack, index: int,
                                                                               text: str, calls: set[str]):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert _calls(replies) == calls, replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


def test_a_fire_set_on_purpose_is_its_own_119_and_110_emergency_never_merged(running: Stack):
    caller = PASSERS_BY[6]
    replies = say(running, caller, "有人在阳光小区33栋楼下放火烧车")  # B78: "已并入工单T1048", nobody alerted
    assert _calls(replies) == {"110", "119"} and not any("并入" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket) and ticket.category == "fire_safety"


@pytest.mark.parametrize(("index", "text", "number"), [
    (7, "火警电话多少来着", "119"),  # B94-2: a new 119 emergency, the duty officer alerted
    (8, "120电话是多少", "120"),  # B94: "这个电话不便提供"
    (9, "报警打哪个", "110"),
])
def test_an_emergency_services_number_asked_is_answered_never_an_emergency(running: Stack, index: int, text: str,
                                                                           number: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert _calls(replies) == {number} and not any("不便提供" in r or "工单" in r for r in replies), replies
    assert tickets_of(running, caller) == []


def test_wanting_the_police_alone_is_told_to_call_110_and_to_say_where_and_what(running: Stack):
    caller = PASSERS_BY[10]
    replies = say(running, caller, "我要报警")  # B93: "没太看懂"
    assert any("请直接打110" in r and "在哪里" in r for r in replies), replies
    assert tickets_of(running, caller) == []


@pytest.mark.parametrize(("index", "text"), [
    (11, "有人打电话说我医保卡被冻结了 要我转钱"),  # B84: the 社保卡 answer
    (12, "刚才有个自称公安的打电话 叫我把钱转到安全账户"),  # B84-2: "好的，记下了"
    # B83 (网格员上门登记要我身份证号 是不是骗子) is told how to check the visitor: test_conversation_blind28_staff.py
])
def test_a_scam_told_about_gets_the_anti_fraud_warning_never_a_ticket(running: Stack, index: int, text: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert any("骗子" in r and "96110" in r and "110报警" in r for r in replies), replies
    assert not any("社保卡" in r or "工单" in r for r in replies) and tickets_of(running, caller) == []


@pytest.mark.parametrize(("index", "text", "advice"), [
    (14, "娃娃发烧抽筋了 咋个办 河畔花园53栋", "马上打120"),  # B65-2: the advice of an older 110 emergency
    (15, "我家孩子发高烧 40度 咋个办 安居苑51栋", "送医院或打120"),  # B65: "答不上"
])
def test_a_sick_childs_emergency_is_told_120_or_the_hospital_never_答不上(running: Stack, index: int, text: str,
                                                                     advice: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, text)
    assert any(advice in r for r in replies) and not any("答不上" in r for r in replies), replies
