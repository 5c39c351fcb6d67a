"""What the conversation tests say through the simulator and read back: replies within one SMS part, the
ticket number in them, the sender's tickets and the notices about a ticket; and the people they register
beyond the demo (riders, residents of a named grid)."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.store.db import Database
from bot.store.models import OrgUnit, Person, Ticket
from tests.integration.stack import Stack

SMS = 70


def say(stack: Stack, sender: str, text: str, **extra: object) -> list[str]:
    answered = stack.say(sender, text, **extra)
    assert answered.status_code == 200, answered.text
    replies = answered.json()["replies"]
    assert all(len(reply) <= SMS for reply in replies), replies
    return replies


def number_in(replies: list[str]) -> str:
    found = re.search(r"T\d{4,}", " ".join(replies))
    assert found is not None, replies
    return found.group(0)


def tickets_of(stack: Stack, sender: str) -> list[Ticket]:
    """The sender's tickets, oldest first, with their photos and unit loaded."""
    db = Database(stack.settings.resolved_database_url)
    try:
        with db.session() as s:
            tickets = list(s.scalars(select(Ticket).where(Ticket.reporter_address == sender).order_by(Ticket.id)))
            for t in tickets:
                _ = (t.photos, t.unit)
            return tickets
    finally:
        db.dispose()


def told(stack: Stack, to: str, number: str) -> list[str]:
    return [m["text"] for m in stack.outbox(to) if m["kind"] == "notification" and number in m["text"]]


def assignee_phone(stack: Stack, number: str) -> str:
    """The phone of whoever holds ticket `number` now."""
    db = Database(stack.settings.resolved_database_url)
    try:
        with db.session() as s:
            ticket = s.scalar(select(Ticket).where(Ticket.number == number))
            assert ticket is not None and ticket.assignee is not None, number
            return str(ticket.assignee.phone)
    finally:
        db.dispose()


def register(stack: Stack, phone: str, kind: str = "rider", grid: str | None = None) -> str:
    """`phone` in the registry as an import would add them: a rider (no home grid) or a resident of `grid`;
    once per database. Returns the phone."""
    db = Database(stack.settings.resolved_database_url)
    try:
        with db.session() as s:
            if s.scalar(select(Person.id).where(Person.phone == phone)) is None:
                home = s.scalar(select(OrgUnit.id).where(OrgUnit.name == grid)) if grid else None
                assert grid is None or home is not None, grid
                s.add(Person(name=f"测试{phone[-2:]}", phone=phone, kind=kind, home_unit_id=home))
        return phone
    finally:
        db.dispose()


def file_report(stack: Stack, sender: str, text: str, **extra: object) -> str:
    """A report filed (a "是补充…还是新问题？" answered 2): its number."""
    replies = say(stack, sender, text, **extra)
    if any("新问题" in r for r in replies):
        replies = say(stack, sender, "2")
    return number_in(replies)
