"""A ticket's whole life through the gateway, the real engine and the real action server:
report → acknowledge → resolve → rating, with a refusal for someone outside the chain."""

import re

import pytest
from sqlalchemy import select

from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import STRANGER, WORKER
from tests.integration.stack import Stack

pytestmark = pytest.mark.engine
REPORTER = "+8613900000003"  # a resident of 幸福社区第1网格 (green household), not used by other tests


def only_reply(stack: Stack, sender: str, text: str) -> str:
    response = stack.say(sender, text)
    assert response.status_code == 200, response.text
    replies = response.json()["replies"]
    assert len(replies) == 1, replies
    return replies[0]


def stored(stack: Stack, number: str) -> Ticket:
    db = Database(stack.settings.resolved_database_url)
    try:
        with db.session() as s:
            return s.scalar(select(Ticket).where(Ticket.number == number))
    finally:
        db.dispose()


def test_report_acknowledge_resolve_and_rate_through_the_engine(stack: Stack):
    opened = only_reply(stack, REPORTER, "楼下的路灯坏了好几天了，晚上黑得很")
    number = re.search(r"T\d{4,}", opened).group(0)
    assert "13700000001" in opened

    refused = only_reply(stack, STRANGER, f"收到 {number}")
    assert "不归您办理" in refused and stored(stack, number).status == "assigned"

    acknowledged = only_reply(stack, WORKER, f"收到 {number}")
    assert number in acknowledged and "已接单" in acknowledged
    assert stored(stack, number).status == "acknowledged"

    resolved = only_reply(stack, WORKER, f"{number} 已办结 路灯换好了")
    assert "已办结" in resolved
    ticket = stored(stack, number)
    assert (ticket.status, ticket.resolution_note) == ("resolved", "路灯换好了")
    requests = [m["text"] for m in stack.outbox(REPORTER) if m["kind"] == "notification" and "请评价" in m["text"]]
    assert requests and number in requests[-1] and "1 满意 2 基本满意 3 不满意" in requests[-1]

    # A bare digit answers the rating request (engine_ext.components.BareNumberIntent → the vote
    # action, which hands it to the rating action because a rating is pending).
    thanked = only_reply(stack, REPORTER, "1")
    assert "感谢评价" in thanked
    ticket = stored(stack, number)
    assert (ticket.status, ticket.rating) == ("closed", 1)


def test_a_reporter_checks_status_and_urges_through_the_engine(stack: Stack):
    reporter = "+8613900000004"
    opened = only_reply(stack, reporter, "小区垃圾堆了好几天没人收，臭得很")
    number = re.search(r"T\d{4,}", opened).group(0)
    status = only_reply(stack, reporter, "查一下我的报事进度")
    assert number in status and len(status) <= 70
    urged = only_reply(stack, reporter, "催一下")
    assert number in urged and stored(stack, number).urge_count == 1
