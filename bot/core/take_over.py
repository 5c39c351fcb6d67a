"""A grid's backup worker (备岗网格员) taking a ticket over by message: "T1002 我来处理" / "T1002 接单".
The ticket becomes theirs (accepted), the worker who had it is told to stop and the reporter who now
handles it. Anyone else who may not act on the ticket is refused, with who may."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import audit
from bot.core.lifecycle import WORKABLE, TicketError, get_ticket
from bot.core.notify import notify
from bot.core.tickets import assignee_label, event, tell_reporters
from bot.store.models import Person, StaffRole, Ticket

TAKE_OVER = re.compile(r"我来处理|我来办|我来接|我来弄|我来跟|我接了|我接手|接手|接单")


def says_take_over(text: str) -> bool:
    return TAKE_OVER.search(unicodedata.normalize("NFKC", text or "")) is not None


def is_backup_for(session: Session, person: Person, ticket: Ticket) -> bool:
    """Whether the person is the backup grid worker of the ticket's grid."""
    return ticket.unit_id is not None and session.scalar(select(StaffRole.id).where(
        StaffRole.person_id == person.id, StaffRole.unit_id == ticket.unit_id,
        StaffRole.role == "backup_grid_worker").limit(1)) is not None


def take_over(session: Session, clock: Clock, number: str | None, person: Person) -> Ticket:
    """The backup worker takes the ticket: TicketError not_allowed (not its grid's backup) or wrong_state
    (not being worked on)."""
    ticket = get_ticket(session, number)
    if not is_backup_for(session, person, ticket):
        raise TicketError("not_allowed", ticket)
    if ticket.status not in WORKABLE:
        raise TicketError("wrong_state", ticket)
    if ticket.assignee_id == person.id:
        return ticket
    now = clock.now()
    before = ticket.assignee
    ticket.assignee_id, ticket.assignee_role = person.id, "backup_grid_worker"
    if ticket.status in ("assigned", "reopened"):
        ticket.status, ticket.acknowledged_at = "acknowledged", now
    event(session, ticket, "taken_over", now, person, assignee_id=person.id,
          previous=before.id if before is not None else None)
    audit.record(session, clock, f"person:{person.id}", "ticket.taken_over", ticket.number or "",
                 {"previous": f"person:{before.id}" if before is not None else None})
    if before is not None:
        notify(session, before, f"工单{ticket.number}已由备岗网格员{person.name}接手，您无需再办。",
               ticket_id=ticket.id)
    tell_reporters(session, ticket, f"您反映的问题（{ticket.number}）改由{assignee_label(person)}办理。")
    return ticket


def holder_name(ticket: Ticket) -> str:
    return ticket.assignee.name if ticket.assignee is not None else "值班员"

