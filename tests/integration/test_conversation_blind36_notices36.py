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
    bare,
    file_report,
    register,
    say,
    ticket_numbered,
    tickets_of,
    told,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557{n}" for n in range(52000, 53100)]
GRID = "幸福社区第1网格"  # 阳光小区


def _said(replies: list[str]) -> str:
    return " ".join(bare(r) for r in replies)


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

