"""Resolving a ticket, by message or on the workbench: a number-verification task (登记核实) is closed
without a rating request and moves the verified resident's registration, any other ticket is resolved and
its reporters asked to rate it. One place, so both ways do the same."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import lifecycle, registration, registry, staff_notices
from bot.core.notify import notify
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import CATEGORY_NAMES
from bot.store.models import Person, Ticket


@dataclass(frozen=True)
class Resolution:
    # resolve / number_moved / number_taken / verify_refused, or verify_name (nothing done: the note must
    # name the verified resident, by old number or name, or say it was not verified)
    kind: str
    person: Person | None = None


def resolve(session: Session, clock: Clock, rules: RoutingRules, number: str | None, address: str, note: str,
            photo: str | None = None, *, note_to_reporter: bool = True) -> Resolution:
    """`note_to_reporter` False: the reporter's rating request leaves the note out (seen_to: words about him)."""
    check = registration.verdict(session, number, note)
    if check.needs_person:
        return Resolution("verify_name")
    verifying = check.ticket is not None  # blind test 4, #58: nobody rates a number verification
    ticket = lifecycle.resolve(session, clock, rules, number, address, note, photo=photo, rated=not verifying,
                              note_to_reporter=note_to_reporter)
    _tell_assignee(session, ticket, address)
    if check.ticket is not None and check.person is not None:
        moved = registration.move_number(session, clock, check.ticket, check.person, address)
        if not moved:
            registration.tell_not_moved(session, check.ticket)
        return Resolution("number_moved" if moved else "number_taken", check.person)
    if check.ticket is not None:
        registration.tell_not_moved(session, check.ticket)
        return Resolution("verify_refused")
    return Resolution("resolve")


def _tell_assignee(session: Session, ticket: Ticket, address: str) -> None:
    """Someone above the assignee resolved it (a secretary, the duty officer): the assignee hears who did,
    so they do not go on working it (blind test 5, #116)."""
    resolver = registry.person_by_address(session, address)
    holder = ticket.assignee
    if holder is None or resolver is None or holder.id == resolver.id:
        return
    note = (ticket.resolution_note or "").strip()
    note = "" if note in lifecycle.NO_NOTE else note
    notify(session, holder, staff_notices.resolved_by_other(ticket.number or "", CATEGORY_NAMES[ticket.category],
                                                            resolver.name, note), ticket_id=ticket.id)
