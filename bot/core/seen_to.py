"""A ticket waiting for dispatch (待分派, 退单待改派) that the dispatcher saw to herself: the duty officer, or a
secretary within her community, says it is done and what was done ("T1045 已办结 已回电说明了" on a call-back
ticket). It becomes hers and is resolved as any done job is: the reporter hears it was done and is asked to rate it.

Blind test 27, B59c: the call-back ticket was closed as 无效工单 and the caller read "经核实不需要办理". A bare
已办结 or 关掉, or words of no real problem (误报, 发错了, 重复了, 骂人的), still close it as invalid (invalid_tickets);
a number verification (登记核实) keeps its own path."""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import dispatch, invalid_tickets, registration, resolving
from bot.core.commands import says_done
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import event
from bot.store.models import Person, Ticket


def says_seen_to(ticket: Ticket, text: str, note: str) -> bool:
    """Whether a dispatcher's words on a waiting ticket say the job was done, with what was done, and nothing of a
    needless ticket."""
    return ticket.status in invalid_tickets.WAITING and not ticket.text.startswith(registration.TICKET_PREFIX) \
        and says_done(text) and not invalid_tickets.says_needless(text, note)


def resolve(session: Session, clock: Clock, rules: RoutingRules, person: Person, address: str, ticket: Ticket,
            text: str, note: str, photos: tuple[str, ...] = ()) -> resolving.Resolution | None:
    """The waiting ticket taken by the dispatcher who saw to it and resolved; None when the words do not say so or it
    is outside her scope (invalid_tickets answers those)."""
    if not says_seen_to(ticket, text, note):
        return None
    scopes = dispatch.scope_units(session, person)
    street = any(u.kind == "subdistrict" for u in scopes)
    if not scopes or (ticket.unit is None and not street) \
            or (ticket.unit is not None and not dispatch.within(session, ticket.unit, scopes)):
        return None
    now = clock.now()
    ticket.assignee_id, ticket.assignee_role, ticket.status = person.id, "dispatched", "assigned"
    event(session, ticket, "assigned", now, assignee_id=person.id, role="dispatched")
    session.flush()
    # "已经回电话告诉他了": a note between staff; the reporter is asked to rate without it (blind test 28, A-B59c-redo),
    # as a false alarm's reason about him never reaches him (invalid_tickets.ABOUT_THEM).
    return resolving.resolve(session, clock, rules, ticket.number, address, note, photo=photos[0] if photos else None,
                             note_to_reporter=invalid_tickets.ABOUT_THEM.search(note) is None)
