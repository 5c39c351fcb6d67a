"""What staff read of tickets by message: one ticket in full (`T1023 详情`) for whoever may act on it or see it,
and the open tickets a staff member holds (`我的工单`)."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.common.sms_parts import segments
from bot.core import internal_notes, registry
from bot.core.lifecycle import STATUS_NAMES, TicketError, get_ticket, may_act
from bot.core.routing_rules import RoutingRules
from bot.core.scopes import scope_of, visible_ticket
from bot.core.tickets import CATEGORY_NAMES, OPEN_STATUSES, where_words
from bot.store.models import Person, Ticket


def details(session: Session, rules: RoutingRules, number: str | None, address: str) -> str:
    """A ticket in full, for staff who may act on it or see it (协办, a building head): the whole text, the place,
    photos, its status, the reporter's number to call back (staff see it whole), and the latest internal note when it
    takes no more SMS parts. In as few SMS parts as it takes (the grid's name goes when a place is named and it would
    take another part); past the SMS policy's parts the rest comes on 更多."""
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
    head = f"{ticket.number}【{CATEGORY_NAMES[ticket.category]}】"
    tail = f"：{ticket.text}。反映人{reporter}{photos}"
    status = f"{STATUS_NAMES[ticket.status]}，"
    # Richest first; the first that takes no more parts than the leanest one is sent.
    where = f"{unit}（{place}）" if unit and place else unit or place
    forms = [f"{head}{status}{where}{tail}",
             f"{head}{status}{place or unit}{tail}",
             f"{head}{status}{place[:10] or unit}{tail}",
             f"{head}{status.rstrip('，')}{tail}"]
    if point:  # the only place staff have: kept in every form
        forms = [forms[0], f"{head}{status}{place}{tail}"]
    fewest = min(segments(form) for form in forms)
    chosen = next(form for form in forms if segments(form) == fewest)
    note = internal_notes.latest(session, ticket)  # when it takes no more parts; the workbench shows every note
    return f"{chosen}。内部备注：{note}" if note and segments(f"{chosen}。内部备注：{note}") <= fewest else chosen


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
