"""Blind test 23 (2026-12-06, docs/usertests/2026-12-06-blind11.md, "wrong ticket grabbed"): each message acts on
the ticket it is about, through the gateway, the real engine and the real action server.

- #R59, #N34: rubbish is never merged into a drain report at the same place, nor a traffic light into a crash.
- #N27: 我要反映 … after the sender's fall emergency is a new report, never an urge of the fall.
- #R42: 查302那家电话 他家漏水漏到我家了 after a drain report: a new problem, the number refused.
- #N29: 我可以帮隔壁王大爷投一票不 after a villager's road report: answered, never a detail of the report.
- #R59: "是的 撤销" to "撤销哪件？" withdraws nothing and asks again; the list shows readable labels.

Senders: residents +8613900000320 … 329 of 幸福社区第1网格, riders +8613600000091 … 094 and villagers
+8613500009931 … 934 of 石桥村网格, registered here and in no other test."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, number_in, register, say, tickets_of, told
from tests.integration.test_conversation_votes import ticket_status

pytestmark = pytest.mark.engine
GRID = "幸福社区第1网格"
RESIDENTS = [f"+86139{n:08d}" for n in range(320, 330)]
RIDERS = [f"+86136{n:08d}" for n in range(91, 95)]
VILLAGERS = [f"+86135{n:08d}" for n in range(9931, 9935)]
CROSSING = (25.41, 103.31)  # where the tester's crash and traffic light were


def resident(stack: Stack, n: int) -> str:
    return register(stack, RESIDENTS[n], "resident", GRID)


def file(stack: Stack, sender: str, text: str, **extra: object) -> str:
    """A report filed (a "new problem?" question answered 2, a place question answered): its number."""
    replies = say(stack, sender, text, **extra)
    if any("新问题" in r for r in replies):
        replies = say(stack, sender, "2")
    if any("在哪" in r for r in replies) and not any("工单" in r for r in replies):
        replies = say(stack, sender, "阳光小区17栋")
    return number_in(replies)


def test_rubbish_and_a_traffic_light_are_never_merged_into_a_drain_report_or_a_crash(running: Stack):
    drain = file(running, resident(running, 0), "阳光小区17栋门口那个阴沟臭得很 好多天了")
    replies = say(running, resident(running, 1), "阳光小区17栋背后垃圾堆起好高了 没人拉")
    assert not any("已并入" in r for r in replies) and drain not in " ".join(replies), replies
    crash = file(running, register(running, RIDERS[0]), "这里一个骑摩托的被大货车挂倒了 流了好多血",
                 lat=CROSSING[0], lon=CROSSING[1])
    replies = say(running, register(running, RIDERS[1]), "新华街口红绿灯坏了 一直闪黄灯 车子乱开",
                  lat=CROSSING[0], lon=CROSSING[1])
    assert not any("已并入" in r for r in replies) and crash not in " ".join(replies), replies
    assert ticket_status(running, crash) != "merged"


def test_announcing_a_report_after_a_fall_emergency_files_it_and_never_urges_the_fall(running: Stack):
    me = resident(running, 2)
    fall = file(running, me, "我家老头子在屋头摔了 起不来了 阳光小区17栋")
    holder = assignee_phone(running, fall)
    replies = say(running, me, "我要反映 好久没得人来收垃圾了 臭烘烘的")
    said = " ".join(replies)
    assert "催办" not in said and fall not in said, replies
    assert not any("催" in t for t in told(running, holder, fall))


def test_a_neighbours_leak_after_a_drain_report_is_its_own_ticket_and_the_number_refused(running: Stack):
    me = resident(running, 3)
    drain = file(running, me, "阳光小区17栋门口那个阴沟臭得很 好多天了")
    replies = say(running, me, "查302那家电话 他家漏水漏到我家了")
    said = " ".join(replies)
    assert "已补充到工单" not in said and "电话号码不能给" in said, replies
    assert not any("漏水" in t for t in told(running, assignee_phone(running, drain), drain))


def test_asking_to_vote_for_a_neighbour_is_answered_never_added_to_a_report(running: Stack):
    me = register(running, VILLAGERS[0], "resident", "石桥村网格")
    road = file(running, me, "石桥村机耕道垮了一截 拖拉机过不去")
    [answer] = say(running, me, "我可以帮隔壁王大爷投一票不 他不会用手机")
    assert "家人" in answer and "补充" not in answer, answer
    assert not [t for t in tickets_of(running, me) if t.number == road and "投一票" in t.text]


def test_yes_to_which_ticket_to_withdraw_withdraws_none_and_asks_again(running: Stack):
    me = resident(running, 4)
    rubbish = file(running, me, "阳光小区17栋背后垃圾堆起好高了 没人拉")
    leak = file(running, me, "还有 楼上那家漏水漏到我家厨房了 阳光小区17栋501")
    assert leak != rubbish
    asked = say(running, me, "撤销")
    if not any("撤销哪件" in r for r in asked):  # the latest report withdrawn by a bare 撤销: ask with two others
        assert ticket_status(running, leak) == "cancelled", asked
        leak = file(running, me, "另外 楼上那家漏水漏到我家厨房了 阳光小区17栋501")
        asked = say(running, me, "我要撤销一个")
    assert any("撤销哪件" in r for r in asked), asked
    assert "还有 楼" not in " ".join(asked) and "楼上那家漏水" in " ".join(asked), asked
    again = say(running, me, "是的 撤销")
    assert any("撤销哪件" in r for r in again) and not any("已撤销" in r for r in again), again
    assert ticket_status(running, rubbish) not in ("cancelled", "closed")
    assert ticket_status(running, leak) not in ("cancelled", "closed")
