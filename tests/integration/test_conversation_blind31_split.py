"""Blind test 31 (docs/usertests/2026-12-07-blind19.md), two problems in one message and 并单 into another's ticket
that is not the same thing, through the gateway, the real engine and the real action server:

- two problems at two estates: each goes to the worker of the estate it names, and the reply names both (B25, B25b);
- two problems said one after the other with no 还有/另外/也 are two tickets;
- 还有个事 路灯不亮 right after a report at one building is never merged into another's lamp at another (A-B14a2);
- stray dogs are never merged into another's report of a dog off its lead (A22a2).

Senders: +8613955544001 … 099, in no other test; places 安居苑 / 河畔花园 buildings 331–339. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import file_report, say, ticket_numbered, tickets_of

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555440{n:02d}" for n in range(1, 100)]


def _asked_new(stack: Stack, sender: str, replies: list[str]) -> list[str]:
    """Through the bot's 补充 or 新问题 question, when it asks: a new problem."""
    return say(stack, sender, "2") if any("新问题" in r for r in replies) else replies


@pytest.mark.parametrize(("n", "message", "first_estate", "second_estate"), [
    (0, "安居苑331栋门口井盖松了 河畔花园331栋那边路灯也坏了", "安居苑", "河畔花园"),  # B25
    (1, "河畔花园332栋门口井盖翘起来了，安居苑332栋那边路灯也不亮", "河畔花园", "安居苑"),  # B25b
])
def test_two_problems_at_two_estates_go_to_each_estates_worker(running: Stack, n: int, message: str,
                                                               first_estate: str, second_estate: str):
    resident, other = SENDERS[n], SENDERS[n + 40]
    theirs = file_report(running, other, f"{first_estate}{331 + n}栋门口路灯也不亮")  # a lamp where the first is
    replies = say(running, resident, message)
    tickets = tickets_of(running, resident)
    assert len(tickets) == 2, replies
    first, second = tickets
    assert "井盖" in first.text and "路灯" in second.text, replies
    assert second_estate in (second.place_text or "") and second.unit_id != first.unit_id, replies
    assert second.merged_into_id != ticket_numbered(running, theirs).id and "并入" not in " ".join(replies), replies
    workers = [ticket_numbered(running, t.number).assignee for t in tickets]
    assert all(w is not None for w in workers), replies
    assert all(w.name in " ".join(replies) for w in workers), replies


def test_two_things_said_one_after_the_other_are_two_tickets(running: Stack):
    resident = SENDERS[2]  # known gap: 安居苑门口井盖松了 路灯坏了 was one ticket
    replies = say(running, resident, "安居苑333栋门口井盖松了 路灯坏了 好几天了")
    tickets = tickets_of(running, resident)
    assert len(tickets) == 2, replies
    assert "井盖" in tickets[0].text and "路灯" in tickets[1].text, replies
    assert all("333栋" in (t.place_text or "") for t in tickets), replies


def test_a_lamp_said_after_a_report_at_one_building_is_not_another_buildings_lamp(running: Stack):
    resident, other = SENDERS[3], SENDERS[43]  # A-B14a2: merged into another stranger's lamp at 12栋
    file_report(running, other, "河畔花园334栋单元门坏了")
    _asked_new(running, other, say(running, other, "还有 路灯也不亮"))
    door = file_report(running, resident, "河畔花园335栋单元门坏了")
    replies = _asked_new(running, resident, say(running, resident, "还有个事 路灯莫得亮"))
    assert not any("并入" in r or "请问在哪点" in r for r in replies), replies
    tickets = tickets_of(running, resident)
    assert len(tickets) == 2 and tickets[0].number == door, replies
    assert "335栋" in (tickets[1].place_text or "") and tickets[1].merged_into_id is None, replies


def test_stray_dogs_are_never_merged_into_a_dog_off_its_lead(running: Stack):
    resident, other = SENDERS[4], SENDERS[44]  # A22a2
    file_report(running, other, "安居苑336栋有人遛狗不拴绳 吓到娃娃了")
    replies = say(running, resident, "安居苑336栋有几条流浪狗 晚上一直叫 还追人")
    assert not any("并入" in r for r in replies), replies
    tickets = tickets_of(running, resident)
    assert len(tickets) == 1 and tickets[0].merged_into_id is None, replies
