"""What the conversation tests say through the simulator and read back: replies within one SMS part, the
ticket number in them, the sender's tickets and the notices about a ticket; and the people they register
beyond the demo (riders, residents of a named grid, with a household address)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import Household, OrgUnit, Person, Ticket
from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack

SMS = 70


@contextmanager
def session_of(stack: Stack) -> Iterator[Session]:
    """A session on the stack's database, committed on leaving; what it returns stays readable after."""
    db = Database(stack.settings.resolved_database_url)
    try:
        with db.session() as s:
            yield s
    finally:
        db.dispose()


def say(stack: Stack, sender: str, text: str, **extra: object) -> list[str]:
    answered = stack.say(sender, text, **extra)
    assert answered.status_code == 200, answered.text
    replies = answered.json()["replies"]
    assert all(len(reply) <= SMS for reply in replies), replies
    return replies


# What the bot says when it did not understand or answer (ask where, no rating awaited): never the answer to a
# question it should know.
NOT_UNDERSTOOD = ("没太看懂", "答不上", "帮不上忙", "请问在哪点", "没有待评价")


def understood(replies: list[str]) -> str:
    """The replies joined, asserted to be none of the bot's not-understood words."""
    answer = " ".join(replies)
    assert not any(words in answer for words in NOT_UNDERSTOOD), answer
    return answer


def bare(reply: str) -> str:
    """A reply without its ticket numbers: T1104 or T1120 must not read as a call to 110 or 120."""
    return re.sub(r"T\d{4,}", "T…", reply)


def unnumbered(replies: list[str]) -> str:
    """The replies joined, each without its ticket numbers: what to search for an emergency number."""
    return " ".join(bare(r) for r in replies)


def number_in(replies: list[str]) -> str:
    found = re.search(r"T\d{4,}", " ".join(replies))
    assert found is not None, replies
    return found.group(0)


def tickets_of(stack: Stack, sender: str) -> list[Ticket]:
    """The sender's tickets, oldest first, with their photos and unit loaded."""
    with session_of(stack) as s:
        tickets = list(s.scalars(select(Ticket).where(Ticket.reporter_address == sender).order_by(Ticket.id)))
        for t in tickets:
            _ = (t.photos, t.unit, t.assignee)
        return tickets


def ticket_numbered(stack: Stack, number: str) -> Ticket:
    """Ticket `number` with its assignee, unit and photos loaded."""
    with session_of(stack) as s:
        found = s.scalar(select(Ticket).where(Ticket.number == number))
        assert found is not None, number
        _ = (found.photos, found.unit, found.assignee)
        return found


def told(stack: Stack, to: str, number: str) -> list[str]:
    return [m["text"] for m in stack.outbox(to) if m["kind"] == "notification" and number in m["text"]]


def raised(stack: Stack, ticket: Ticket) -> bool:
    """`ticket` is an emergency and the duty officer was told of it."""
    return ticket.severity == "critical" and bool(told(stack, DUTY_OFFICER, ticket.number or ""))


def left_ordinary(stack: Stack, ticket: Ticket) -> bool:
    """`ticket` is no emergency and the duty officer heard nothing of it."""
    return ticket.severity != "critical" and not told(stack, DUTY_OFFICER, ticket.number or "")


def assignee_phone(stack: Stack, number: str) -> str:
    """The phone of whoever holds ticket `number` now."""
    ticket = ticket_numbered(stack, number)
    assert ticket.assignee is not None, number
    return str(ticket.assignee.phone)


def register(stack: Stack, phone: str, kind: str = "rider", grid: str | None = None) -> str:
    """`phone` in the registry as an import would add them: a rider (no home grid) or a resident of `grid`;
    once per database. Returns the phone."""
    with session_of(stack) as s:
        if s.scalar(select(Person.id).where(Person.phone == phone)) is None:
            home = s.scalar(select(OrgUnit.id).where(OrgUnit.name == grid)) if grid else None
            assert grid is None or home is not None, grid
            s.add(Person(name=f"测试{phone[-2:]}", phone=phone, kind=kind, home_unit_id=home))
    return phone


def live_at(stack: Stack, phone: str, grid: str, address: str) -> str:
    """`phone` registered as a resident of `grid` whose household lives at `address`, as a household import
    would have it; once per database. Returns the phone."""
    register(stack, phone, "resident", grid)
    with session_of(stack) as s:
        person = s.scalar(select(Person).where(Person.phone == phone))
        if person.household_id is None:
            household = Household(code=f"H{phone}", unit_id=person.home_unit_id, address=address)
            s.add(household)
            s.flush()
            person.household_id = household.id
    return phone


def as_if_earlier(stack: Stack, sender: str, minutes: int) -> None:
    """Time passes for `sender`'s conversation: their tickets, messages and the replies to them moved `minutes`
    into the past (the follow-up window is 30 minutes), as a resident coming back later would find them."""
    back = timedelta(minutes=minutes)
    with session_of(stack) as s:
        for ticket in s.scalars(select(Ticket).where(Ticket.reporter_address == sender)):
            ticket.created_at -= back
            if ticket.resolved_at is not None:  # resolved or rated then too (blind test 31)
                ticket.resolved_at -= back
            if ticket.closed_at is not None:
                ticket.closed_at -= back
        for message in s.scalars(select(InboxMessage).where(InboxMessage.sender == sender)):
            message.received_at -= back
        for reply in s.scalars(select(OutboxMessage).where(OutboxMessage.recipient == sender)):
            reply.created_at -= back


def file_report(stack: Stack, sender: str, text: str, **extra: object) -> str:
    """A report filed (a "是补充…还是新问题？" answered 2): its number."""
    replies = say(stack, sender, text, **extra)
    if any("新问题" in r for r in replies):
        replies = say(stack, sender, "2")
    return number_in(replies)


def call_back_ticket(stack: Stack, sender: str) -> str:
    """A question the bot cannot answer (答不上), then 1: the call-back ticket's number."""
    unanswered = " ".join(say(stack, sender, "去外国旅游的签证在哪里办"))
    assert "答不上" in unanswered, unanswered
    return number_in(say(stack, sender, "1"))
