"""Blind test 25 (docs/usertests/2026-12-06-blind13.md, rows A3, A58, A45), through the gateway, the real engine and
the real action server: a sentence answering an emergency's "在哪里？" gives only its place as the place, the rest goes
onto the emergency for everyone alerted; a bleeding head told then is told 120 as well as 110. A place with its floor
("安居苑5栋 三楼") is still the place whole.

Voices: passers-by (not in the registry), +86139777500 … +86139777539. Each runs on SQLite and PostgreSQL; the duty
officer is shared, so what is asserted of her is about this test's tickets."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import bare, raised, say, tickets_of, told

pytestmark = pytest.mark.engine

PASSERS_BY = [f"+86139777{n}" for n in range(500, 540)]  # not in the registry


def _asked_where(stack: Stack, caller: str, text: str) -> None:
    replies = say(stack, caller, text)
    assert any("在哪里" in r for r in replies), replies
    [ticket] = tickets_of(stack, caller)
    assert raised(stack, ticket)


@pytest.mark.parametrize(("caller", "first", "answer", "place", "said"), [
    # A3: "收到地点：他有老年痴呆 住阳光小区的，已告诉值班人员。"
    (PASSERS_BY[0], "我爸下午出去遛弯 到现在都没回来", "他有老年痴呆 住阳光小区的", "阳光小区", "老年痴呆"),
    (PASSERS_BY[1], "我妈早上出门买菜 到现在都没回来 电话也打不通", "她有点糊涂了 住在河畔花园的", "河畔花园", "糊涂"),
    # A58: "收到地点：我屋头进贼了 人还在里头 阳光小区6栋…"
    (PASSERS_BY[2], "救命", "我屋头进贼了 人还在里头 阳光小区6栋", "阳光小区6栋", "进贼"),
    (PASSERS_BY[3], "救命啊", "有人在撬我家门 我躲在屋头不敢出声 安居苑2栋", "安居苑2栋", "撬"),
])
def test_only_the_place_of_a_sentence_answering_where_is_the_place(running: Stack, caller: str, first: str,
                                                                    answer: str, place: str, said: str):
    _asked_where(running, caller, first)
    replies = say(running, caller, answer)
    assert any(f"收到地点：{place}，" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert ticket.place_text == place and said in ticket.text, (ticket.place_text, ticket.text)
    notices = told(running, DUTY_OFFICER, ticket.number or "")
    assert any(f"地点：{place}（" in n and said in n for n in notices), notices  # its grid in brackets


@pytest.mark.parametrize(("caller", "answer", "place", "said"), [
    # A45: 110 only; the duty officer read "地点：菜市场门口；我遭人打了 在 脑壳在流血".
    (PASSERS_BY[4], "我遭人打了 在菜市场门口 脑壳在流血", "菜市场门口", "我遭人打了 脑壳在流血"),
    (PASSERS_BY[5], "被人打了 就在河滨公园门口 手上好多血", "河滨公园门口", "被人打了 手上好多血"),
])
def test_a_beating_with_blood_told_with_the_place_after_救命_is_told_120_and_110(running: Stack, caller: str,
                                                                              answer: str, place: str, said: str):
    _asked_where(running, caller, "救命啊")
    replies = say(running, caller, answer)
    assert any(f"收到地点：{place}，" in r and "120和110" in bare(r) for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert ticket.place_text == place and ticket.category == "public_security", (ticket.place_text, ticket.category)
    notices = told(running, DUTY_OFFICER, ticket.number or "")
    assert any(f"地点：{place}" in n and said in n for n in notices), notices


def test_a_place_with_its_floor_is_the_place_whole(running: Stack):
    caller = PASSERS_BY[6]
    _asked_where(running, caller, "救命 快来人")
    replies = say(running, caller, "安居苑5栋 三楼")
    assert any("收到地点：安居苑5栋 三楼，" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert ticket.place_text == "安居苑5栋 三楼", ticket.place_text
