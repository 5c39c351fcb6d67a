"""Blind test 26 (2026-12-06, docs/usertests/2026-12-06-blind14.md, #8): a half-finished proposal does not hang
about. A new "我要提个建议" while an old draft waits starts a fresh draft, and a no at the confirmation cancels it,
never a ticket, through the gateway, the real engine and the real action server.

Senders: villagers +86135555140 … 159 (households of two in 石桥村网格), in no other test."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.store.council_models import Topic
from bot.store.models import Household, Person
from tests.integration.stack import Stack
from tests.integration.talk import register, say, session_of, tickets_of

pytestmark = pytest.mark.engine
PEOPLE = [f"+86135555{n:03d}" for n in range(140, 160)]


def villager(stack: Stack, n: int) -> str:
    """PEOPLE[n], a villager of 石桥村网格 in a household of their own, as a household import would have them."""
    phone = register(stack, PEOPLE[n], "resident", "石桥村网格")
    with session_of(stack) as s:
        person = s.scalar(select(Person).where(Person.phone == phone))
        if person.household_id is None:
            home = Household(code=f"H5555{140 + n:03d}", unit_id=person.home_unit_id, address="石桥村五组")
            s.add(home)
            s.flush()
            person.household_id = home.id
    return phone


def topics_of(stack: Stack, phone: str) -> list[str]:
    with session_of(stack) as s:
        person = s.scalar(select(Person).where(Person.phone == phone))
        return list(s.scalars(select(Topic.title).where(Topic.proposer_id == person.id)))


@pytest.mark.parametrize(("n", "anew", "no"), [
    (0, "我要提个建议", "不"),
    (2, "我想提个议题", "刚才那个议题不提了"),
    (4, "我还想提个建议", "算了 不提了"),
])
def test_a_new_proposal_starts_a_fresh_draft_and_a_no_cancels_it(running: Stack, n: int, anew: str, no: str) -> None:
    me = villager(running, n)
    assert "想议什么事" in " ".join(say(running, me, "我想提个议题"))
    assert "请简单说明一下" in " ".join(say(running, me, "组里的路灯太少了"))
    fresh = " ".join(say(running, me, anew))
    assert "想议什么事" in fresh and "说明：" not in fresh, fresh
    assert "请简单说明一下" in " ".join(say(running, me, "村口那个垃圾池太臭了 想搬远点"))
    confirm = " ".join(say(running, me, "夏天臭得很 搬到村外头去"))
    assert "垃圾池" in confirm and "路灯" not in confirm and "提交给村里审核吗" in confirm, confirm
    dropped = " ".join(say(running, me, no))
    assert "取消" in dropped or "先不提了" in dropped, dropped
    assert tickets_of(running, me) == [] and topics_of(running, me) == []


def test_a_new_proposal_naming_its_subject_takes_it_as_the_title(running: Stack) -> None:
    me = villager(running, 6)
    say(running, me, "我想提个议题")
    say(running, me, "组里的路灯太少了")
    assert "请简单说明一下" in " ".join(say(running, me, "我要提个建议 村口修个停车场"))
    confirm = " ".join(say(running, me, "车子没得地方停"))
    assert "停车场" in confirm and "路灯" not in confirm, confirm
    assert "取消" in " ".join(say(running, me, "不"))
