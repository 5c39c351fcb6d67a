"""A grid worker on WeCom, through the real engine and action server: a resident reports by the
simulator, the worker's WeCom member (linked by the mobile WeCom holds) acknowledges with the same words
as by SMS, encrypted as WeCom sends them; the ticket is acknowledged, and the answer goes back to WeCom
as a text card into the workbench. The worker is reached by the simulator again afterwards, for the
tests that follow."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest
from sqlalchemy import select

from bot.store.db import Database
from bot.store.models import Person, Ticket
from tests.conftest import WORKER
from tests.fakes.wecom import AES_KEY, AGENT_ID, CORP_ID, SECRET, TOKEN, FakeWeCom, Member
from tests.integration.stack import Stack
from tests.waiting import eventually_sync

pytestmark = pytest.mark.engine
REPORTER = "+8613900000001"
TICKET_URL = "https://grid.example.org/workbench/tickets/{number}"


@pytest.fixture
def wecom_stack(stack: Stack) -> Iterator[tuple[Stack, FakeWeCom]]:
    wecom = FakeWeCom().start()
    wecom.mobiles["wangwu"] = WORKER.removeprefix("+86")
    env = {"WECOM_CORP_ID": CORP_ID, "WECOM_AGENT_ID": str(AGENT_ID), "WECOM_SECRET": SECRET, "WECOM_TOKEN": TOKEN,
           "WECOM_ENCODING_AES_KEY": AES_KEY, "WECOM_API_BASE_URL": wecom.base_url, "WECOM_TICKET_URL": TICKET_URL}
    try:
        with stack.gateway_with(env):
            yield stack, wecom
    finally:
        wecom.stop()


def test_a_worker_acknowledges_a_ticket_from_wecom(wecom_stack):
    stack, wecom = wecom_stack
    db = Database(stack.settings.resolved_database_url)
    try:
        opened = stack.say(REPORTER, "小区门口的路灯坏了好几天了，晚上黑得很").json()["replies"]
        number = re.search(r"T\d{4,}", " ".join(opened)).group(0)
        member = Member("wangwu")
        query, body = member.request(member.text(f"收到 {number}"))
        response = httpx.post(f"{stack.gateway_url}/channels/wecom?{query}", content=body, timeout=15)
        assert (response.status_code, response.text) == (200, "success")

        def status() -> str | None:
            with db.session() as s:
                found = s.scalar(select(Ticket.status).where(Ticket.number == number))
                return found if found == "acknowledged" else None

        assert eventually_sync(status, timeout=60, interval=0.2) == "acknowledged"
        cards = eventually_sync(lambda: [m for m in wecom.sent if m["msgtype"] == "textcard"
                                         and number in m["textcard"]["title"]], timeout=60, interval=0.2)
        assert cards[0]["touser"] == "wangwu" and "已接单" in cards[0]["textcard"]["description"]
        assert cards[0]["textcard"]["url"] == TICKET_URL.format(number=number)
    finally:
        with db.session() as s:
            s.scalar(select(Person).where(Person.phone == WORKER)).preferred_channel = "simulator"
        db.dispose()
