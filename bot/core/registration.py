"""register: who a sender is in the registry, and a new or changed number as a task for a grid
worker to verify. Nobody takes over a registered identity by saying so: the worker calls the
number, checks who it is, and only then changes the registry.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import registry, reports
from bot.core.knowledge import Contact
from bot.core.questions import Whom, tell_number_to_call, whom_to_ask
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES, Opened, Report
from bot.store.models import Person, Ticket

TICKET_PREFIX = "登记核实："


@dataclass(frozen=True)
class Standing:
    """How the registry knows a sender: kind is resident, rider, staff or unknown."""

    person: Person | None
    kind: str
    place: str  # a resident's home grid
    whom: Whom  # who handles a change


def standing(session: Session, address: str, contact: Contact) -> Standing:
    person = registry.person_by_address(session, address)
    if person is None:
        return Standing(None, "unknown", "", whom_to_ask(session, None, contact))
    kind = person.kind if person.kind in ("resident", "rider", "staff") else "resident"
    place = person.home_unit.name if person.home_unit is not None else ""
    return Standing(person, kind, place, whom_to_ask(session, person, contact))


def open_verification(session: Session, address: str) -> Ticket | None:
    """The address's verification task still open, if any."""
    return session.scalar(select(Ticket).where(Ticket.reporter_address == address,
                                               Ticket.text.startswith(TICKET_PREFIX),
                                               Ticket.status.in_(OPEN_STATUSES)).order_by(Ticket.id.desc()).limit(1))


def request_verification(session: Session, clock: Clock, rules: RoutingRules, address: str, channel: str,
                         text: str, source_message_id: int | None = None) -> Opened:
    """A ticket for the grid worker of the place the message names (the duty officer when it names
    none), who is given the number to call; while one is open, asking again gives the same one."""
    existing = open_verification(session, address)
    if existing is not None:
        return Opened(existing, existing.assignee, created=False)
    report = Report(text=f"{TICKET_PREFIX}{text}", category="other", reporter_address=address, channel=channel,
                    source_message_id=source_message_id, earns_points=False)
    opened = reports.submit(session, clock, report, rules)
    if opened.created and address.startswith("+"):
        tell_number_to_call(session, opened, address, "是新号码登记，核实身份后再登记")
    session.flush()
    return opened
