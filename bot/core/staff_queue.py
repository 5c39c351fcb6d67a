"""我的工单 by message: what a staff member has to do (the tickets they hold, those waiting for them to dispatch, a
building head's residents' tickets), one SMS part at a time, 更多 going on with the tickets not shown yet."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import dispatch, staff_views
from bot.core.lifecycle import STATUS_NAMES
from bot.core.scopes import Scope, scope_of
from bot.core.tickets import CATEGORY_NAMES, OPEN_STATUSES
from bot.store.models import Person, StaffQueuePage, Ticket

SMS_CHARS = 70
AWAITING = ("new", "returned")
PAGE_WINDOW = timedelta(minutes=30)  # 更多 continues the list shown this recently
QUEUE_WORDS = ("我的工单", "我有哪些工单", "我有哪些单", "有哪些工单", "有哪些单子", "新单子", "新工单", "待办",
               "工单列表", "我的单子", "有哪些待派", "待派", "待分派", "查工单", "看工单", "有啥子单")
MORE_WORDS = ("更多", "下一页", "下页", "还有呢", "还有吗", "继续")


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().lower()


def is_more(text: str) -> bool:
    return _plain(text).strip(" 。.!！?？") in MORE_WORDS


# Blind test 33, B55: "我手上有好多单子" got the staff menu. The tickets in one's hands, or how many one has.
# Blind test 34: 单子太多了 看不过来, 一大堆单子, 还有哪些单子没办 are the same list.
_HELD = re.compile(r"(?:手上|手头|手里|身上|名下)[^，,。？?]{0,5}(?:单子|工单|单)|"
                   r"我(?:还|都)?有(?:好多|好些|很多|多少|几个|几张|几单|哪些|啥子|些)(?:个)?(?:单子|工单|单)|"
                   r"(?:好多|好些|很多|一大堆|一堆|这么多|恁个多|那么多)(?:个)?(?:单子|工单)|"
                   r"(?:单子|工单)(?:太多|好多|多得很|一大堆|堆起|堆成山|没办完|还没办)|"
                   r"(?:哪些|啥子|几个)(?:单子|工单)(?:没|还没)(?:办|弄|处理)")


def wants_queue(text: str) -> bool:
    plain = _plain(text)
    return len(plain) <= 20 and (any(word in plain for word in QUEUE_WORDS) or _HELD.search(plain) is not None)


# -- the queue -----------------------------------------------------------------------------------

def awaiting_dispatch(session: Session, person: Person) -> list[Ticket]:
    """Tickets waiting for a grid (待分派, 退单待改派) this person may dispatch, newest first."""
    scopes = dispatch.scope_units(session, person)
    if not scopes:
        return []
    street = any(u.kind == "subdistrict" for u in scopes)
    rows = session.scalars(select(Ticket).where(Ticket.status.in_(AWAITING)).order_by(Ticket.id.desc()))
    return [t for t in rows if (t.unit is None and street) or dispatch.within(session, t.unit, scopes)]


def queue(session: Session, person: Person) -> list[Ticket]:
    """What a staff member has to do: the tickets they hold (most urgent, then newest), then those
    waiting for them to dispatch."""
    held = staff_views.assigned_to(session, person)
    seen = {t.id for t in held}
    return held + [t for t in awaiting_dispatch(session, person) if t.id not in seen]


def buildings_tickets(session: Session, person: Person) -> list[Ticket]:
    """A building head's: the open tickets of his building's residents, newest first, as his workbench
    shows them (blind test 6, #106)."""
    scope = scope_of(session, person)
    if not scope.building_ids:
        return []
    residents = Scope(person.id, False, frozenset(), scope.building_ids, ())
    return list(session.scalars(select(Ticket).where(residents.tickets(), Ticket.status.in_(OPEN_STATUSES))
                                .order_by(Ticket.id.desc())))


def _line(ticket: Ticket) -> str:
    return f"{ticket.number}{CATEGORY_NAMES[ticket.category]}{STATUS_NAMES[ticket.status]}"


def queue_page(tickets: list[Ticket], offset: int, budget: int = SMS_CHARS,
               title: str = "您的待办工单", total: int | None = None) -> tuple[str, int]:
    """One SMS part of the list from `offset`: the text and where the next page starts (`total`: how many the
    whole list holds, when `tickets` is what is left of it)."""
    if offset >= len(tickets):
        return "没有更多了。回复“我的工单”从头看。", len(tickets)
    total = len(tickets) if total is None else total
    head = title if offset == 0 else "接上"
    shown, text = 0, ""
    for count in range(1, len(tickets) - offset + 1):
        lines = "；".join(_line(t) for t in tickets[offset:offset + count])
        rest = len(tickets) - offset - count
        tail = f"。共{total}件，回“更多”看下页" if rest else "。回“T号 详情”看全文"
        candidate = f"{head}：{lines}{tail}"
        if len(candidate) > budget and shown:
            break
        shown, text = count, candidate
    return text, offset + shown


def show_queue(session: Session, clock: Clock, person: Person, *, more: bool = False) -> str:
    """我的工单 (the first page) or 更多 (the tickets not shown yet, while the list was shown recently; never by a
    count: blind test 29, B80, one closed in between shifted the list, one ticket shown twice and one never)."""
    tickets = queue(session, person)
    seen = {t.id for t in tickets}
    watched = [t for t in buildings_tickets(session, person) if t.id not in seen]
    if not tickets and not watched:
        return "您目前没有待办工单。"
    page = session.get(StaffQueuePage, person.id)
    now = clock.now()
    going_on = more and page is not None and now - page.shown_at <= PAGE_WINDOW
    shown = [int(i) for i in page.shown_ids.split(",") if i.isdigit()] if going_on and page is not None else []
    listed = [t for t in tickets + watched if t.id not in set(shown)]
    title = "接上" if going_on else "您的待办工单" if tickets else "您楼栋居民的工单"
    text, count = queue_page(listed, 0, title=title, total=len(tickets + watched))
    shown += [t.id for t in listed[:count]]
    page = page or StaffQueuePage(person_id=person.id)
    session.add(page)
    page.next_offset, page.shown_ids, page.shown_at = len(shown), ",".join(map(str, shown)), now
    return text
