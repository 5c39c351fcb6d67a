"""Blind test 33's false and wrong-number emergencies (docs/usertests/2026-12-07-blind21.md, B113, B170, B1, B162,
B172, B111, A38, A69, A73, B36, A46), through the gateway, the real engine and the real action server: an all-clear
after an emergency is news of it, never a new emergency asking where; more of an ordinary report (水还在流, 还在打)
is more of it; a confused elder at a named gate is the police's, and what follows is about him; a burglar is 110, a
stuck lift the lift's rescue, and smoking in a lift, a crash with nobody hurt or a coal stove's smoke ordinary.

Voices: +86139555590000 … +86139555590099 (not in the registry); places: buildings 661–679 of 安居苑 and 河畔花园."""

from __future__ import annotations

import pytest

from bot.core import danger_signs, nuisances, still_going
from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, left_ordinary, say, tickets_of, told, unnumbered

pytestmark = pytest.mark.engine
SENDERS = [f"+861395555900{n:02d}" for n in range(100)]
EMERGENCY_NUMBERS = ("119", "110", "120")
WHERE = "在哪"


def _no_emergency(replies: list[str]) -> None:
    said = unnumbered(replies)
    assert not any(n in said for n in EMERGENCY_NUMBERS) and "情况紧急" not in said, replies


@pytest.mark.parametrize(("n", "first", "number", "clear"), [
    (0, "河畔花园661栋楼顶上有个人站在边边上", "110", "人劝下来了"),  # B113
    (1, "安居苑662栋对面的变压器在冒火花 噼噼啪啪的", "119", "供电局来了 没冒火花了"),  # B170
])
def test_an_all_clear_after_an_emergency_is_news_of_it_never_a_new_one(running: Stack, n: int, first: str,
                                                                        number: str, clear: str):
    caller = SENDERS[n]
    assert number in unnumbered(say(running, caller, first))
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, clear)
    assert "情况紧急" not in unnumbered(replies) and WHERE not in unnumbered(replies), replies
    [ticket] = tickets_of(running, caller)
    assert any(clear in m for m in told(running, DUTY_OFFICER, ticket.number or ""))


def test_water_still_running_after_a_leak_is_more_of_that_report(running: Stack):
    caller = SENDERS[2]  # B1: "情况紧急请先拨打119！" + "在哪里？"
    say(running, caller, "安居苑663栋2单元的水管在漏 楼梯上全是水")
    as_if_earlier(running, caller, 3)
    replies = say(running, caller, "水还在流 都流到一楼了")
    _no_emergency(replies)
    assert WHERE not in unnumbered(replies), replies
    [ticket] = tickets_of(running, caller)
    assert left_ordinary(running, ticket) and "一楼" in ticket.text


def test_a_load_bearing_wall_still_being_knocked_is_more_of_it_with_12345(running: Stack):
    caller = SENDERS[3]  # B162: "情况紧急请先拨打119！" + "在哪里？"
    say(running, caller, "河畔花园664栋302在装修 把承重墙打了")
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, "他们还在打 整栋楼都在震")
    _no_emergency(replies)
    assert still_going.WALL_MEANWHILE in replies and WHERE not in unnumbered(replies), replies
    [ticket] = tickets_of(running, caller)
    assert "震" in ticket.text


def test_a_confused_elder_at_a_gate_is_the_polices_and_never_asked_where_again(running: Stack):
    caller = SENDERS[4]  # B172: "答不上", then a 120 emergency asking where
    first = say(running, caller, "有个老人在河畔花园665栋门口转来转去 问他住哪里他说不清楚")
    assert "110" in unnumbered(first) and WHERE not in unnumbered(first), first
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, "那个老人还在 天快黑了")
    assert WHERE not in unnumbered(replies) and "120" not in unnumbered(replies), replies
    assert len(tickets_of(running, caller)) == 1


@pytest.mark.parametrize(("n", "text", "number", "never"), [
    (5, "救命 我屋头进小偷了 人还在屋头 安居苑666栋302", "110", "119"),  # B111
    (6, "河畔花园667栋电梯里头有人 卡在3楼不动了", "电梯救援", "120"),  # B36
])
def test_the_right_number_first(running: Stack, n: int, text: str, number: str, never: str):
    replies = say(running, SENDERS[n], text)
    assert number in unnumbered(replies) and never not in unnumbered(replies), replies


@pytest.mark.parametrize(("n", "text"), [
    (7, "河畔花园668栋电梯里头有人抽烟 烟头丢一地"),  # A38
    (8, "河畔花园669栋门口有个车撞到花坛了 人没事 花坛砖头散一地"),  # A69
    (9, "安居苑670栋有人在楼道烧蜂窝煤 烟子大得很"),  # A46
])
def test_a_nuisance_or_nobody_hurt_is_an_ordinary_ticket(running: Stack, n: int, text: str):
    replies = say(running, SENDERS[n], text)
    assert "情况紧急" not in unnumbered(replies), replies
    [ticket] = tickets_of(running, SENDERS[n])
    assert left_ordinary(running, ticket)
    if "蜂窝煤" in text:
        assert nuisances.STOVE_SMOKE in replies, replies


def test_a_cats_scratch_that_bled_gets_the_bite_advice_never_120(running: Stack):
    replies = say(running, SENDERS[10], "遭猫抓了 流血了")  # A73: "情况紧急请先拨打120！" + "在哪里？"
    assert danger_signs.BITE_ADVICE in replies and "情况紧急" not in unnumbered(replies), replies
