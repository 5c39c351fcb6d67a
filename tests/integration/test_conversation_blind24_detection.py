"""Blind test 24's emergency detection (rows B93, B104, B91, B97, B102, A5, A6), through the gateway, the real engine
and the real action server: someone alone fallen and unable to get up is an emergency for 120; someone still in a
stopped lift is one for 119, also when who is inside comes in the answer to "where?"; a head hit with a bottle in a
fight is 120 and 110, with a swear word or without; a wall down or a sign fallen with nobody hurt is an ordinary
report, someone under it an emergency. Voices: passers-by (not in the registry). The duty officer is shared, so
what is asserted of her is about this test's tickets."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import bare, raised, say, tickets_of, told

pytestmark = pytest.mark.engine

PASSERS_BY = [f"+86139999905{n}" for n in range(61, 81)]  # not in the registry


def test_someone_alone_fallen_and_unable_to_get_up_is_an_emergency_for_120(running: Stack):
    # B93: "收到，工单T1057已登记，街道会尽快派人处理。" — no 120, nobody alerted.
    caller = PASSERS_BY[0]
    replies = say(running, caller, "我一个人在屋 摔倒了起不来 腰杆痛")
    assert any("120" in bare(r) for r in replies) and not any("119" in bare(r) for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    replies = say(running, caller, "安居苑9栋1单元201")
    assert any("收到地点" in r for r in replies), replies
    assert len(tickets_of(running, caller)) == 1


def test_a_child_still_in_a_stopped_lift_is_an_emergency_for_119(running: Stack):
    # B104: an ordinary ticket for 周明.
    caller = PASSERS_BY[1]
    replies = say(running, caller, "电梯卡在半中间了 我孙孙还在里头 河畔花园3栋")
    assert any("119" in bare(r) for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


def test_who_is_in_the_lift_said_in_answer_to_where_makes_it_an_emergency_never_no_such_place(running: Stack):
    # B91: "电梯卡主了" → "请问在哪点？"; "里头有人 我孙孙在里头" → "没找到这个地方"; then an ordinary ticket.
    caller = PASSERS_BY[2]
    say(running, caller, "电梯卡主了")
    replies = say(running, caller, "里头有人 我孙孙在里头")
    assert any("119" in bare(r) for r in replies) and not any("没找到这个地方" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
    assert "孙孙" in ticket.text and "电梯" in ticket.text
    replies = say(running, caller, "河畔花园3栋")
    assert any("收到地点" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert "河畔花园3栋" in (ticket.place_text or "")


@pytest.mark.parametrize("swear", ["狗日的 ", ""])
def test_a_head_hit_with_a_bottle_in_a_fight_is_120_and_110_with_a_swear_word_or_without(running: Stack, swear: str):
    # B97: an ordinary ticket with 狗日的; B102: "请先拨打110" only without it.
    caller = PASSERS_BY[3] if swear else PASSERS_BY[4]
    replies = say(running, caller, f"{swear}楼下两个醉鬼打起来了 一个拿酒瓶子砸脑壳 河滨路烧烤摊")
    assert any("120和110" in bare(r) for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)


def _filed(stack: Stack, caller: str, text: str, place: str) -> list[str]:
    """What was said back to a report, the place given if asked."""
    replies = say(stack, caller, text)
    if not tickets_of(stack, caller) and any("在哪" in r for r in replies):
        replies += say(stack, caller, place)
    return replies


@pytest.mark.parametrize(("n", "text", "place"), [
    (5, "安居苑后面的围墙垮了一截 还好没得人", "安居苑"),
    (6, "菜市场门口的招牌掉下来了 砸在地上 莫得人遭", "人民路菜市场门口")])
def test_a_thing_down_with_nobody_hurt_is_an_ordinary_report(running: Stack, n: int, text: str, place: str):
    # A5: "情况紧急请先拨打119！"; A6: "情况紧急请先拨打110！".
    caller = PASSERS_BY[n]
    replies = _filed(running, caller, text, place)
    assert not any(number in r for r in replies for number in ("110", "119", "120")), replies
    [ticket] = tickets_of(running, caller)
    # An ordinary ticket; one with no grid yet goes to the duty officer to dispatch, never as an emergency.
    assert ticket.severity != "critical"
    assert not any("紧急" in n for n in told(running, DUTY_OFFICER, ticket.number or ""))


def test_a_wall_down_on_someone_is_still_an_emergency(running: Stack):
    caller = PASSERS_BY[7]
    replies = say(running, caller, "安居苑后面的围墙垮了 压到人了")
    assert any("情况紧急" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert raised(running, ticket)
