"""Leftovers of the blind user tests, through the gateway, the real engine and the real action server: a missing
person said across a space (我妈出去买菜 到现在没回来) is an emergency for 110, the duty officer alerted and the
place asked; a lost dog is none; the assignee's notice shows the reporter's number as 139****0351 (first three,
last four); someone's number asked for beside a leak is refused politely and the leak filed with whose it is; a
ticket dispatched on the workbench tells its reporter what one dispatched by message does.

Voices: passers-by (not in the registry, +8613999990521 …) and residents of 幸福社区第1网格 added here
(+8613900000350 …). Each runs on SQLite and PostgreSQL; the duty officer is shared, so what is asserted of her is
about this test's tickets."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import select

from bot.app.demo_staff import DEMO_PASSWORD
from bot.common.clock import Clock
from bot.core import someones_number, staff_accounts
from bot.store.db import Database
from bot.store.models import OrgUnit, Person
from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, bare, number_in, register, say, tickets_of, told

pytestmark = pytest.mark.engine

PASSERS_BY = [f"+86139999905{n}" for n in range(21, 41)]  # not in the registry
RESIDENTS = [f"+86139000003{n}" for n in range(50, 60)]  # added to 幸福社区第1网格
GRID = "幸福社区第1网格"


@pytest.mark.parametrize(("caller", "text"), [(PASSERS_BY[0], "我妈出去买菜 到现在没回来"),
                                              (PASSERS_BY[1], "我屋头老汉儿走丢了 他有老年痴呆")])
def test_a_missing_person_said_in_a_few_words_is_an_emergency_for_110_with_the_place_asked(
        running: Stack, caller: str, text: str):
    replies = say(running, caller, text)
    assert any("110" in bare(r) for r in replies) and not any("120" in bare(r) for r in replies), replies
    assert any("哪" in r or "地点" in r or "位置" in r for r in replies), replies  # nowhere known: asked
    [ticket] = tickets_of(running, caller)
    assert ticket.severity == "critical" and told(running, DUTY_OFFICER, ticket.number or "")


def test_a_lost_dog_is_no_emergency(running: Stack):
    caller = PASSERS_BY[2]
    replies = say(running, caller, "我家狗走丢了 到现在没回来")
    assert not any("110" in bare(r) or "120" in bare(r) for r in replies), replies
    assert all(t.severity != "critical" for t in tickets_of(running, caller))


def test_the_assignees_notice_shows_the_reporter_by_first_three_and_last_four_digits(running: Stack):
    resident = register(running, RESIDENTS[1], "resident", GRID)
    say(running, resident, "阳光小区8栋后面那盏路灯坏了")  # not 3栋: test_wechat_report's lamp would merge into it
    [ticket] = tickets_of(running, resident)
    [notice] = [n for n in told(running, assignee_phone(running, ticket.number or ""), ticket.number or "")
                if "反映人" in n]
    assert "反映人139****0351" in notice and resident[3:] not in notice, notice


def test_someones_number_beside_a_leak_is_refused_and_the_leak_filed_with_whose_it_is(running: Stack):
    asker = register(running, RESIDENTS[0], "resident", GRID)
    replies = say(running, asker, "帮我找下楼上李婆婆家的电话 她家水管爆了 水漏到我家了")
    assert someones_number.REFUSED in replies, replies
    [ticket] = tickets_of(running, asker)
    assert "楼上李婆婆家水管爆了 水漏到我家了" in ticket.text and "电话" not in ticket.text, ticket.text
    assert ticket.number in " ".join(replies), replies


def _workbench_dispatch(stack: Stack, number: str, grid_code: str) -> None:
    """The duty officer signs in to the workbench and 派给 the grid from the ticket's page, as a browser would."""
    db = Database(stack.settings.resolved_database_url)
    try:
        with db.session() as s:
            if not staff_accounts.has_password(s, s.scalar(select(Person.id).where(Person.phone == DUTY_OFFICER))):
                staff_accounts.set_password(s, Clock(), DUTY_OFFICER, DEMO_PASSWORD, actor="test")
            grid = s.scalar(select(OrgUnit.id).where(OrgUnit.code == grid_code))
    finally:
        db.dispose()
    with httpx.Client(base_url=stack.gateway_url, timeout=30) as browser:
        login = browser.get("/staff/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', login.text).group(1)
        browser.post("/staff/login", data={"phone": DUTY_OFFICER, "password": DEMO_PASSWORD, "csrf": csrf,
                                           "next": "/staff/"})
        page = browser.get(f"/staff/tickets/{number}")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        done = browser.post(f"/staff/tickets/{number}/dispatch", data={"csrf": csrf, "target": f"unit:{grid}"})
    assert done.status_code == 303 and "error" not in done.headers["location"], done.headers["location"]


def test_a_ticket_dispatched_on_the_workbench_tells_its_reporter_what_dispatch_by_message_does(running: Stack):
    by_message, on_workbench = (register(running, phone, "resident", GRID) for phone in RESIDENTS[2:4])
    first = number_in(say(running, by_message, "阳光小区5栋门口路灯坏了"))
    second = number_in(say(running, on_workbench, "阳光小区6栋门口的井盖翻了"))
    assert say(running, DUTY_OFFICER, f"{first} 派给安居社区第1网格")
    _workbench_dispatch(running, second, "AJ-G1")
    [heard_first] = [m["text"] for m in running.outbox(by_message) if "已交给" in m["text"]]
    [heard_second] = [m["text"] for m in running.outbox(on_workbench) if "已交给" in m["text"]]
    assert heard_second == heard_first.replace(first, second), (heard_first, heard_second)
    assert "13700000005" in heard_second, heard_second
