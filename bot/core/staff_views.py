"""What staff read of tickets by message: one ticket in full (`T1023 详情`) for whoever may act on it or see it,
and the open tickets a staff member holds (`我的工单`)."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.common.sms_parts import units
from bot.core import internal_notes, registry
from bot.core.lifecycle import STATUS_NAMES, TicketError, get_ticket, may_act
from bot.core.routing_rules import RoutingRules
from bot.core.scopes import scope_of, visible_ticket
from bot.core.staff_notices import clip, clip_place
from bot.core.tickets import CATEGORY_NAMES, OPEN_STATUSES, where_words
from bot.store.models import Person, Ticket

PART_BREAK = "\f"  # between the messages of one reply (a 详情 in parts); the adapters send each on its own
SMS_CHARS = 70
NOTE = "。内部备注："


def parts(reply: str) -> list[str]:
    """The messages a staff desk reply is sent as, in order."""
    return [part for part in reply.split(PART_BREAK) if part]


def details(session: Session, rules: RoutingRules, number: str | None, address: str) -> str:
    """A ticket in full, for staff who may act on it or see it (协办, a building head): the whole text, the place,
    photos, its status, the reporter's number to call back (staff see it whole), and the latest internal note when it
    fits. Every message within one SMS part (blind test 28, B-S1: a rider's ticket with its point was 91 characters):
    one when it fits (the grid's name, then the place shortened, go first), else the ticket's head (status, place,
    reporter) and then its words, in as many messages as they take, each its own (joined by PART_BREAK)."""
    ticket = get_ticket(session, number)
    actor = registry.person_by_address(session, address)
    if not may_act(session, rules, ticket, actor) and not may_see(session, ticket, actor):
        raise TicketError("not_allowed", ticket)
    named, point = where_words(ticket, ticket.unit)  # a location alone: 阳光小区附近, 定位25.0331,102.7123
    place = "，".join(w for w in (named, point) if w)
    # No grid yet: the status says 待分派 already (blind test 9, #28 read "待分派，待分派").
    unit = ticket.unit.name if ticket.unit else ("" if place else "地点不明")
    photos = f"，照片{len(ticket.photos)}张" if ticket.photos else ""
    reporter = ticket.reporter_address if ticket.reporter_address.startswith("+") else "群众"
    head = f"{ticket.number}【{CATEGORY_NAMES[ticket.category]}】{STATUS_NAMES[ticket.status]}"
    text = " ".join((ticket.text or "").replace(PART_BREAK, " ").split())
    who = f"反映人{reporter}{photos}"
    # Richest first. The point, when it is the only place staff have, stays in every form, with the place in words
    # beside it (阳光小区附近, blind test 17, #19) while the words of the problem fit; else they go to a message of
    # their own before either is dropped.
    wheres = [f"{unit}（{place}）" if unit and place else unit or place, place or unit]
    whole_wheres = list(dict.fromkeys(wheres))
    wheres += [f"{unit}（{point}）", point] if point else [clip_place(place, 10) or unit] + ([] if place else [""])
    wheres = list(dict.fromkeys(wheres))
    note = internal_notes.latest(session, ticket)
    for where in whole_wheres if point else wheres:
        whole = f"{head}，{where}：{text}。{who}" if where else f"{head}：{text}。{who}"
        if units(whole) <= SMS_CHARS:
            return whole + (NOTE + note if note and units(whole + NOTE + note) <= SMS_CHARS else "")
    first = next((f"{head}，{where}。{who}" for where in wheres if units(f"{head}，{where}。{who}") <= SMS_CHARS),
                 f"{head}，{clip_place(place or unit, 12)}。{who}")
    said = _in_parts(text, f"{ticket.number}问题：", f"{ticket.number}问题（续）：")
    if note and units(said[-1] + NOTE + note) <= SMS_CHARS:
        said[-1] += NOTE + note
    return PART_BREAK.join([first, *said])


_BREAKS = " ，,。.；;！!？?、"


def _in_parts(text: str, head: str, more: str) -> list[str]:
    """The text in messages of one SMS part each, the first after `head`, the rest after `more`, cut where a clause
    ends when one ends in the latter half of the room."""
    out: list[str] = []
    rest = text
    while rest:
        lead = more if out else head
        room = SMS_CHARS - units(lead)
        if units(rest) <= room:
            out.append(lead + rest)
            break
        fits = clip(rest, room)
        ends = [i + 1 for i, char in enumerate(fits) if char in _BREAKS and i + 1 >= len(fits) // 2]
        cut = ends[-1] if ends else len(fits)
        out.append(lead + rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    return out or [head.rstrip("：")]


def may_see(session: Session, ticket: Ticket, person: Person | None) -> bool:
    """Whether the ticket is in the person's scope, as on the workbench: a co-handler (协办) its, a grid
    worker his grid's, a building head his building's residents' (blind test 6, #106)."""
    return person is not None and visible_ticket(session, scope_of(session, person), ticket.number or "") is not None


def assigned_to(session: Session, person: Person) -> list[Ticket]:
    """The open tickets a staff member holds (assigned, or escalated to them), most urgent first."""
    tickets = session.scalars(select(Ticket).where(
        or_(Ticket.assignee_id == person.id, Ticket.escalated_to_id == person.id),
        Ticket.status.in_(OPEN_STATUSES)).order_by(Ticket.id.desc())).all()
    urgency = {"immediate": 0, "high": 1, "medium": 2}
    return sorted(tickets, key=lambda t: urgency.get(t.priority, 3))


def staff_queue(session: Session, person: Person, budget: int = 70) -> str:
    """'您的待办工单：T1004路灯待接单；…' for a staff member, as many as fit one SMS part (the most
    urgent, then the newest)."""
    tickets = assigned_to(session, person)
    if not tickets:
        return "您目前没有待办工单。"
    for shown in range(min(len(tickets), 4), 0, -1):
        lines = "；".join(f"{t.number}{CATEGORY_NAMES[t.category]}{STATUS_NAMES[t.status]}" for t in tickets[:shown])
        more = f"等{len(tickets)}件" if len(tickets) > shown else ""
        text = f"您的待办工单：{lines}{more}。回“工单号 详情”看全文"
        if len(text) <= budget:
            return text
    return text
