"""Staff's words on a ticket that are for staff only: kept on its timeline as an internal note (内部备注, shown in
详情), never sent to the reporter as progress.

Only the ticket's holder reports progress to the reporter in his own words (blind test 6, #50: "T1023 灯泡订了 后天到货"
is progress). Free words are an internal note when they come from anyone else who may act on the ticket (the one it
was escalated to, a secretary or the duty officer over a ticket nobody holds; over a holder they are his 留言:
supervisor_words), or from the holder himself when he says so (备注, 内部, 别告诉) or when the ticket is a complaint
about a colleague: what the secretary does about the worker complained of ("T1041 这个我明天去找李磊谈一下",
blind test 26, B86: the complainant read it as 进展) is staff business; the menu's "T1041 进度 …" still tells the
complainant. Anyone's 进度/处理中 and every other command (派给, 已办结, 退单 …) are untouched."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import complaints, lifecycle, staff_actions, supervisor_words
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES
from bot.store.models import Person, Ticket, TicketEvent

# The holder saying his words are for the record, not for the reporter.
FOR_THE_RECORD = re.compile(r"备注|内部|记一下|记录一下|记个账|留个底|(?:不用|别|莫|不要)(?:告诉|跟.{0,3}说|通知)")
KEPT = "好的，已记为工单{number}的内部备注，反映人不会收到。要告诉反映人请回“{number} 进度 说明”。"
DETAILS_NOTE_CHARS = 40  # the latest note in 详情, cut


def kept_for_staff(session: Session, rules: RoutingRules, person: Person, ticket: Ticket | None, verb: str,
                   text: str) -> bool:
    """Whether a staff member's free words on `ticket` (read as `verb`) are an internal note rather than progress."""
    if ticket is None or ticket.status not in OPEN_STATUSES or not supervisor_words.for_the_holder(verb, text):
        return False
    if person.id != ticket.assignee_id:
        return lifecycle.may_act(session, rules, ticket, person)
    return complaints.is_complaint(ticket) or FOR_THE_RECORD.search(text) is not None


def keep(session: Session, clock: Clock, rules: RoutingRules, person: Person, address: str, ticket: Ticket,
         words: str) -> str:
    """The words kept on the timeline for staff only (and, from above someone else holding it, sent to him as a
    留言); the reply saying the reporter was not told."""
    if ticket.assignee_id is not None and ticket.assignee_id != person.id:
        return supervisor_words.pass_to_holder(session, clock, rules, person, address, ticket, words)
    staff_actions.private_note(session, clock, rules, ticket.number, address, words)
    return KEPT.format(number=ticket.number)


def told_with_ack(session: Session, clock: Clock, rules: RoutingRules, ticket: Ticket, address: str,
                  said: str) -> str:
    """What of the holder's words with 收到 the reporter hears: all of them, or on a complaint about a colleague none
    ("T1041 收到 我找李磊谈", kept as an internal note instead)."""
    if said and complaints.is_complaint(ticket):
        staff_actions.private_note(session, clock, rules, ticket.number, address, said)
        return ""
    return said


def latest(session: Session, ticket: Ticket) -> str:
    """The latest internal note on `ticket`, cut, for its 详情; "" when none."""
    note = session.scalar(select(TicketEvent.note).where(
        TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "note").order_by(TicketEvent.id.desc()).limit(1))
    if not note:
        return ""
    return note if len(note) <= DETAILS_NOTE_CHARS else note[:DETAILS_NOTE_CHARS - 1] + "…"
