"""Small helpers for the ticket tests: submit a report, read a ticket's events and notifications."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.sms_parts import segments
from bot.core import reports, staff_views
from bot.core.routing_rules import DEFAULT_PATH, load_rules
from bot.core.tickets import Opened, Report
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import Person, Ticket, TicketEvent
from tests.conftest import RESIDENT

RULES = load_rules(DEFAULT_PATH)
# 幸福社区 (XF) staff in the demo data.
COMMUNITY_SECRETARY = "+8613800001001"
BRANCH_SECRETARY = "+8613800001002"
AUX_POLICE = "+8613800001003"
MEDIATOR = "+8613800001004"
HOME_CARE = "+8613800001005"
EMPLOYMENT = "+8613800001006"


def make_report(text: str = "我家楼下路灯坏了好几天了", sender: str = RESIDENT, **kw: object) -> Report:
    return Report(text=text, category=str(kw.pop("category", "roads")), reporter_address=sender,
                  channel="simulator", **kw)  # type: ignore[arg-type]


def submit(db: Database, clock: Clock, report: Report | None = None) -> str:
    with db.session() as s:
        return reports.submit(s, clock, report or make_report(), RULES).ticket.number


def submit_opened(s: Session, clock: Clock, report: Report) -> Opened:
    return reports.submit(s, clock, report, RULES)


def ticket(db: Database, number: str) -> Ticket:
    with db.session() as s:
        row = s.scalar(select(Ticket).where(Ticket.number == number))
        _ = (row.assignee, row.unit)
        return row


def kinds(db: Database, number: str) -> list[str]:
    with db.session() as s:
        tid = s.scalar(select(Ticket.id).where(Ticket.number == number))
        return list(s.scalars(select(TicketEvent.kind).where(TicketEvent.ticket_id == tid).order_by(TicketEvent.id)))


def inbound(db: Database, clock: Clock, sender: str, text: str, channel: str = "simulator") -> int:
    """A message from sender stored as received now, as the gateway stores it before the worker reads it."""
    with db.session() as s:
        row = InboxMessage(channel=channel, external_id=uuid.uuid4().hex, sender=sender, text=text, payload={},
                           received_at=clock.now())
        s.add(row)
        s.flush()
        return row.id


def messages_to(db: Database, address: str) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == address)
                              .order_by(OutboxMessage.id)))


def resident_with_colour(db: Database, colour: str) -> str:
    from bot.store.models import Household

    with db.session() as s:
        return s.scalar(select(Person.phone).join(Household, Person.household_id == Household.id)
                        .where(Household.colour == colour, Person.kind == "resident").order_by(Person.id).limit(1))


def read_details(reply: str | None) -> tuple[list[str], str]:
    """A 详情 reply's messages, each checked to take one SMS part, and the ticket's words across them (spaces aside: a
    message may end where a space was)."""
    assert reply is not None
    parts = staff_views.parts(reply)
    assert parts and all(segments(part) == 1 for part in parts), parts
    words = parts[0] if len(parts) == 1 else "".join(part.split("：", 1)[1] for part in parts[1:])
    return parts, words.replace(" ", "")
