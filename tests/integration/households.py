"""Households of two villagers and a pair of council topics open for them only, shared by the conversation tests
of the council (blind tests 30 and 31): proxy ballots need the two in one household, and each conversation's
topics are its own, closed at its end, so no other test's ballots or prompts meet them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import select

from bot.store.models import Household, Person
from tests.integration.stack import Stack
from tests.integration.talk import register, session_of
from tests.integration.test_conversation_votes import close_topic, open_topic

VILLAGE = "石桥村网格"
PER = ["按人头", "按户"]


def household(stack: Stack, phones: tuple[str, str], names: tuple[str, str], address: str) -> tuple[str, str]:
    """The two villagers registered in 石桥村网格 and put in one household under these names (once)."""
    for phone in phones:
        register(stack, phone, "resident", VILLAGE)
    with session_of(stack) as s:
        people = [s.scalar(select(Person).where(Person.phone == phone)) for phone in phones]
        if people[0].household_id is None:
            home = Household(code=f"H{phones[0]}", unit_id=people[0].home_unit_id, address=address)
            s.add(home)
            s.flush()
            for person, name in zip(people, names, strict=True):
                person.household_id, person.name = home.id, name
    return phones


@contextmanager
def topics(stack: Stack, voters: tuple[str, ...], fee: str, parking: str) -> Iterator[tuple[int, int]]:
    """A fee topic that allows proxy ballots (按人头/按户) and a parking topic (赞成/反对/弃权), open for the voters
    only; yields (fee, parking) and closes both."""
    fee_id = open_topic(stack, list(voters), fee, options=PER, allow_proxy=True)
    parking_id = open_topic(stack, list(voters), parking)
    try:
        yield fee_id, parking_id
    finally:
        close_topic(stack, fee_id)
        close_topic(stack, parking_id)


def joined(replies: list[str]) -> str:
    """The replies to one message as one text; there must be one."""
    assert replies, "no reply"
    return "\n".join(replies)
