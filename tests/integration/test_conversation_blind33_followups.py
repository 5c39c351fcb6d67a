"""Blind test 33 (docs/usertests/2026-12-07-blind21.md), follow-ups that lost their own ticket, through the
gateway, the real engine and the real action server:

- 那个坑围起来没得 晚上好危险 minutes after a 路面塌了 report is a detail of it, never "请问在哪点？" (B42, B88, B20);
- 又有车来倒了 after a dumping report is more of it, never a placeless ticket (A83);
- 刚才又丢了个花盆下来 after a 高空抛物 report is more of it, never "您是要撤销…吗？" (B9);
- 就是刚才那个事 answers "补充还是新问题？" as 补充, and the detail it stood for reaches the worker (L14, L18);
- 单元门那个好久来修 minutes after the report asks after it, never a new ticket (B82);
- 门口垃圾桶又满了 你们说拉走了, 水还是黄的 35 minutes after 办结 reopen that ticket (L3, L13).

Senders: +86139555610000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 701–719. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.store.models import Ticket
from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    file_report,
    say,
    session_of,
    tickets_of,
    told,
    understood,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395556100{n:02d}" for n in range(0, 100)]


def _status(stack: Stack, number: str) -> str:
    with session_of(stack) as s:
        return str(s.scalar(select(Ticket.status).where(Ticket.number == number)))


def test_a_worry_about_the_hole_is_a_detail_of_the_collapsed_road(running: Stack):
    resident = SENDERS[0]  # B42
    road = file_report(running, resident, "河畔花园701栋西门这里路面塌了一块")
    as_if_earlier(running, resident, 10)
    replies = say(running, resident, "那个坑围起来没得 晚上好危险")
    assert "在哪" not in " ".join(replies), replies
    assert len(tickets_of(running, resident)) == 1, replies
    assert road in " ".join(replies), replies


def test_more_dumping_is_more_of_the_dumping_report(running: Stack):
    resident = SENDERS[10]  # A83
    dump = file_report(running, resident, "安居苑703栋后面 有人往河里倒建筑垃圾")
    as_if_earlier(running, resident, 7)
    replies = say(running, resident, "又有车来倒了")
    assert len(tickets_of(running, resident)) == 1, replies
    assert dump in " ".join(replies), replies
    assert any("又有车来倒了" in m for m in told(running, assignee_phone(running, dump), dump)), replies


def test_another_flowerpot_thrown_is_more_of_the_thrown_objects_report(running: Stack):
    resident = SENDERS[20]  # B9
    thrown = file_report(running, resident, "安居苑705栋楼上有人往下丢东西 差点砸到人")
    as_if_earlier(running, resident, 3)
    replies = say(running, resident, "刚才又丢了个花盆下来")
    assert "撤销" not in " ".join(replies), replies
    assert len(tickets_of(running, resident)) == 1 and _status(running, thrown) != "cancelled", replies
    assert any("花盆" in m for m in told(running, assignee_phone(running, thrown), thrown)), replies


def test_the_same_thing_answers_the_detail_or_new_question_as_a_detail(running: Stack):
    resident = SENDERS[30]  # L18
    noise = file_report(running, resident, "河畔花园707栋有一家在装修")
    replies = say(running, resident, "天天早上7点就开始打钻")
    if any("新问题" in r for r in replies):
        replies = say(running, resident, "是一件事嘛")
    assert "撤销" not in " ".join(replies), replies
    assert len(tickets_of(running, resident)) == 1, replies
    notes = told(running, assignee_phone(running, noise), noise)
    assert any("打钻" in m for m in notes), notes


def test_asking_when_the_door_is_mended_minutes_later_is_no_new_ticket(running: Stack):
    resident = SENDERS[40]  # B82
    door = file_report(running, resident, "安居苑709栋 我家门口那个单元门关不拢了")
    as_if_earlier(running, resident, 6)
    replies = say(running, resident, "单元门那个好久来修")
    assert len(tickets_of(running, resident)) == 1, replies
    assert door in understood(replies), replies


@pytest.mark.parametrize(("n", "report", "done", "back"), [
    (50, "安居苑711栋门口垃圾桶满了 好几天没人拉", "已办结 垃圾已经拉走了", "门口垃圾桶又满了 你们说拉走了"),  # L3
    (60, "河畔花园713栋 水龙头放出来的水是黄的", "已办结 管子换好了 水清了", "水还是黄的 烧开了也是黄的"),  # L13
])
def test_the_trouble_back_after_it_was_resolved_reopens_that_ticket(running: Stack, n: int, report: str, done: str,
                                                                    back: str):
    resident = SENDERS[n]
    number = file_report(running, resident, report)
    say(running, assignee_phone(running, number), f"{number} {done}")
    as_if_earlier(running, resident, 35)
    replies = say(running, resident, back)
    assert len(tickets_of(running, resident)) == 1, replies
    assert _status(running, number) == "reopened" and number in understood(replies), replies
