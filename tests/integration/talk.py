"""What the conversation tests say through the simulator and read back: replies within one SMS part, the
ticket number in them, the sender's tickets and the notices about a ticket."""

from __future__ import annotations

import re

from sqlalchemy import select

from bot.store.db import Database
from bot.store.models import Ticket
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
