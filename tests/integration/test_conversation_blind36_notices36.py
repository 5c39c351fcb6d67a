"""Blind test 34 (docs/usertests/2026-12-07-blind22.md, rows E23, L1, N7, A98, A42): a place is only this report's,
and a reporter's own trouble said again is hers, through the gateway, the real engine and the real action server:

- a detail that is no place (黑黢黢的 老年人上下楼怕摔) never becomes a ticket's place, nor the next report's (E23, L1);
- her own open ticket's trouble said again later (狗屎还是到处都是) urges it, worded as hers, never "已有人反映" (N7);
- 门口还是停满了车 at 35 minutes urges the open ticket (A98); 楼上的水管修好没有 gets the first ticket's state (A42).

Senders: +86139555752000 … +86139555753099, in no other test; buildings 870–879. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    file_report,
    register,
    say,
    ticket_numbered,
    tickets_of,
    told,
    unnumbered,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557{n}" for n in range(52000, 53100)]
GRID = "幸福社区第1网格"  # 阳光小区


def _resident(running: Stack, n: int) -> str:
    return register(running, SENDERS[n], "resident", GRID)


def _detail(running: Stack, sender: str, text: str) -> list[str]:
    """More of the report just made: a "是补充…还是新问题？" answered 1."""
    replies = say(running, sender, text)
    return say(running, sender, "1") if any("新问题" in r for r in replies) else replies


@pytest.mark.parametrize(("n", "report", "detail"), [
    (0, "楼道灯又坏了", "黑黢黢的 老年人上下楼怕摔"),  # L1
    (1, "楼道里的灯又不亮了", "晚上黑黢黢的 上楼下楼都看不到"),
    (2, "单元门的门禁又坏了", "关不上 哪个都进得来"),
])
def test_a_detail_that_is_no_place_is_never_a_tickets_place_nor_the_next_reports(running: Stack, n: int,
                                                                              report: str, detail: str):
    caller = _resident(running, n)  # E23: 李磊's notice of the drain said "（黑黢黢的 老年人上下楼怕摔）"
    first = file_report(running, caller, report)
    _detail(running, caller, detail)
    assert detail not in (ticket_numbered(running, first).place_text or "")
    as_if_earlier(running, caller, 20)
    drain = file_report(running, caller, "我家楼下的下水道盖子松了 踩上去咣当咣当响")
    assert drain != first
    notices = told(running, assignee_phone(running, drain), drain)
    assert notices and not any(detail in m for m in notices), notices
    assert detail not in (ticket_numbered(running, drain).place_text or "")
    as_if_earlier(running, caller, 7)
    _detail(running, caller, "就在870栋门口")
    assert "870栋" in (ticket_numbered(running, drain).place_text or "") + ticket_numbered(running, drain).text


@pytest.mark.parametrize(("n", "report", "progress", "again"), [
    (10, "阳光小区874栋有人遛狗不捡屎", "贴了告示 找到狗主人了", "狗屎还是到处都是"),  # N7
    (11, "阳光小区875栋门口天天有人遛狗 狗屎到处都是", "贴了告示了", "还是好多狗屎 踩都踩到了"),
    (12, "阳光小区876栋的路灯不亮了", "报给供电所了", "路灯到现在都还是黑的"),
])
def test_her_own_open_trouble_said_again_later_urges_her_ticket_worded_as_hers(running: Stack, n: int, report: str,
                                                                             progress: str, again: str):
    caller = SENDERS[n]  # N7: "收到，这个问题已有人反映，已并入工单T1123" — her own ticket, not urged
    number = file_report(running, caller, report)
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} 进度 {progress}")
    as_if_earlier(running, caller, 35)
    replies = say(running, caller, again)
    said = unnumbered(replies) + " ".join(replies)
    assert number in said and "有人反映" not in said and "并入" not in said, replies
    assert f"您的工单{number}" in " ".join(replies) and "催办" in said, replies
    assert len(tickets_of(running, caller)) == 1, replies
    assert any("催" in m or again[:4] in m for m in told(running, worker, number)), "the worker never heard of it"


def test_parking_still_blocking_at_35_minutes_urges_the_open_ticket_never_a_new_one(running: Stack):
    caller = SENDERS[20]  # A98: 门口还是停满了车 → a new ticket T1145 while T1028 was 待接单
    number = file_report(running, caller, "阳光小区877栋门口乱停车把消防通道堵了")
    say(running, caller, "消防车都进不来")
    as_if_earlier(running, caller, 7)
    asked = say(running, caller, "车子挪走没得")
    assert any(number in r for r in asked), asked
    as_if_earlier(running, caller, 30)
    replies = say(running, caller, "门口还是停满了车")
    assert any(number in r and "催办" in r for r in replies), replies
    assert len(tickets_of(running, caller)) == 1, replies


def test_asking_after_the_upstairs_pipe_at_35_minutes_gets_the_first_tickets_state(running: Stack):
    caller = SENDERS[21]  # A42: "楼上回来了 说是他们家水管爆了" became T1102; the 35-minute question went to it
    number = file_report(running, caller, "楼上漏水漏到我家了 阳光小区878栋302")
    say(running, caller, "楼上没人 敲门没人开")
    as_if_earlier(running, caller, 5)
    say(running, caller, "楼上回来了 说是他们家水管爆了")
    assert len(tickets_of(running, caller)) == 1
    as_if_earlier(running, caller, 30)
    replies = say(running, caller, "楼上的水管修好没有 我屋头天花板还在滴水")
    assert any(number in r for r in replies), replies
    assert len(tickets_of(running, caller)) == 1, replies


def test_a_detail_that_is_a_place_still_places_the_ticket(running: Stack):
    caller = _resident(running, 30)  # what E23's fix must not catch: 就在…门口 after a report naming no place
    number = file_report(running, caller, "路灯不亮了 黑黢黢的")
    _detail(running, caller, "就在873栋门口")
    assert "873栋门口" in (ticket_numbered(running, number).place_text or "")


def test_another_thing_said_to_go_on_is_no_urge_of_her_open_ticket(running: Stack):
    caller = SENDERS[31]  # what N7's fix must not catch: a thing her open ticket never named
    lamp = file_report(running, caller, "阳光小区879栋的路灯不亮了")
    as_if_earlier(running, caller, 35)
    replies = say(running, caller, "879栋门口的垃圾还是没人拉")
    assert not any(lamp in r and "催办" in r for r in replies), replies
    assert len(tickets_of(running, caller)) == 2, replies
