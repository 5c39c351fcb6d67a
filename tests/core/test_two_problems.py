"""Two problems in one message are split into two reports, each its own ticket (blind test 17, #38, #102)."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import reports, two_problems
from bot.core.tickets import Opened
from bot.store.db import Database
from tests.core.helpers import RULES, make_report


@pytest.mark.parametrize(("text", "first", "second"), [
    ("楼梯间的灯坏了 还有垃圾桶满了没人倒", "楼梯间的灯坏了", "垃圾桶满了没人倒"),
    ("路灯坏了，另外隔壁天天半夜吵架", "路灯坏了", "隔壁天天半夜吵架"),
    ("下水道堵了。还有就是楼下车子乱停 堵到门口", "下水道堵了", "楼下车子乱停 堵到门口"),
])
def test_a_second_problem_begins_at_还有_or_另外(text: str, first: str, second: str):
    assert two_problems.clauses(text) == (first, second)


@pytest.mark.parametrize("text", [
    "路灯坏了 还有人在那里摔了",  # the same problem's detail
    "还有楼上那家天天剁东西",  # a new problem of its own, one only
    "路灯坏了好几天了 还有点危险",
    "水管漏了 还有",
    "垃圾桶满了还有苍蝇",  # no pause: one problem
])
def test_a_detail_or_a_single_problem_is_not_split(text: str):
    assert two_problems.clauses(text) is None


def test_the_reply_names_both_tickets_within_one_sms_part():
    reply = two_problems.opened_reply("T1009", "T1010", "王秀英（13700000001）")
    assert "T1009" in reply and "T1010" in reply and "王秀英" in reply and len(reply) <= 70
    assert len(two_problems.opened_reply("T10009", "T10010", "欧阳秀英（13700000001）")) <= 70


def test_the_second_ticket_is_opened_once_when_the_message_is_processed_again(demo_db: Database, clock: FakeClock):
    first = make_report("楼梯间的灯坏了", source_message_id=None)
    second = make_report("垃圾桶满了没人倒", category="sanitation")
    with demo_db.session() as s:
        opened = reports.submit(s, clock, first, RULES)
        made = reports.submit_second(s, clock, second, opened, RULES)
        again = reports.submit_second(s, clock, second, Opened(opened.ticket, opened.assignee, created=False), RULES)
        assert made.created and made.ticket.number != opened.ticket.number
        assert made.ticket.category == "sanitation"
        assert again.ticket.id == made.ticket.id and not again.created
