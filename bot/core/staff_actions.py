"""What staff do to a ticket besides the SMS commands (which are `lifecycle.py`'s): dispatch it to a grid
or a person (分派/改派), keep a private note, and reply to the reporter through the channel they wrote
from. The same rules as the SMS commands: only the assignee or someone above them in the ticket's chain
acts; every action is a ticket event and an audit entry."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import audit, registry
from bot.core.dispatch import first_handler, tell_dispatched
from bot.core.lifecycle import TicketError, acting_on
from bot.core.notify import notify, notify_address
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES, assign, event, set_deadlines, worker_notice
from bot.store.models import OrgUnit, Person, StaffRole, Ticket

REPLY_MAX_CHARS = 60  # with "工单T1023：" it fits one SMS part
NOTE_MAX_CHARS = 500


def dispatch(session: Session, clock: Clock, rules: RoutingRules, number: str | None, address: str,
             unit_id: int, person_id: int | None = None) -> Person:
    """Send an open ticket to a grid (its handler by the routing table) or to a named staff member of
    that grid or a unit above it. The previous assignee is told it has gone; the new one gets the
    usual notice, the reporter whom it is with now. Raises TicketError("no_handler") when nobody there can take it."""
    ticket, actor = acting_on(session, rules, number, address, OPEN_STATUSES)
    unit = session.get(OrgUnit, unit_id)
    if unit is None:
        raise TicketError("no_handler", ticket)
    before, from_unit = ticket.assignee, ticket.unit_id
    now = clock.now()
    held = before if ticket.status not in ("new", "returned") else None
    if held is not None and ticket.unit_id == unit.id and (
            held.id == person_id if person_id is not None else first_handler(session, rules, ticket, unit) == held):
        assignee = held  # sent to the one who holds it already (blind test 8, #57): never told twice
    elif person_id is None:
        assignee = assign(session, clock, rules, ticket, unit, exclude=set())
        if assignee is None:
            raise TicketError("no_handler", ticket)
    else:
        chain = [u.id for u in registry.ancestors(session, unit)]
        role = session.scalar(select(StaffRole.role).where(StaffRole.person_id == person_id,
                                                            StaffRole.unit_id.in_(chain)).limit(1))
        assignee = session.get(Person, person_id)
        if role is None or assignee is None:
            raise TicketError("no_handler", ticket)
        ticket.unit_id, ticket.assignee_id, ticket.assignee_role, ticket.status = unit.id, assignee.id, role, "assigned"
        set_deadlines(session, rules, ticket, now)
        event(session, ticket, "assigned", now, assignee_id=assignee.id, role=role)
        notify(session, assignee, worker_notice(ticket, unit), ticket_id=ticket.id)
    event(session, ticket, "dispatched", now, actor, from_unit=from_unit, to_unit=unit.id, to=assignee.id)
    audit.record(session, clock, f"person:{actor.id}", "ticket.dispatched", ticket.number or "",
                 {"to_unit": unit.id, "to": f"person:{assignee.id}"})
    if before is not None and before.id != assignee.id:
        notify(session, before, f"工单{ticket.number}已改派{assignee.name}办理，您无需再处理。", ticket_id=ticket.id)
    if assignee is not held:  # as dispatch by message tells them (bot/core/dispatch.py); a holder kept, nothing new
        tell_dispatched(session, ticket, assignee)
    return assignee


def private_note(session: Session, clock: Clock, rules: RoutingRules, number: str | None, address: str,
                 note: str) -> Ticket:
    """A note for staff only, on the ticket's timeline; nobody is messaged."""
    text = note.strip()[:NOTE_MAX_CHARS]
    if not text:
        raise TicketError("empty")
    ticket, actor = acting_on(session, rules, number, address, tuple({*OPEN_STATUSES, "resolved", "closed"}))
    event(session, ticket, "note", clock.now(), actor, note=text, private=True)
    audit.record(session, clock, f"person:{actor.id}", "ticket.note", ticket.number or "")
    return ticket


def reply(session: Session, clock: Clock, rules: RoutingRules, number: str | None, address: str, text: str) -> Ticket:
    """A message to the reporter, on the channel they reported from (SMS, Telegram, the simulator),
    kept on the timeline."""
    body = " ".join(text.split())[:REPLY_MAX_CHARS]
    if not body:
        raise TicketError("empty")
    ticket, actor = acting_on(session, rules, number, address, tuple({*OPEN_STATUSES, "resolved", "closed"}))
    if ticket.reporter_address.startswith("erased:"):
        raise TicketError("no_reporter", ticket)
    notify_address(session, ticket.reporter_channel, ticket.reporter_address, f"工单{ticket.number}：{body}",
                   ticket_id=ticket.id)
    event(session, ticket, "replied", clock.now(), actor, note=body)
    audit.record(session, clock, f"person:{actor.id}", "ticket.replied", ticket.number or "")
    return ticket
