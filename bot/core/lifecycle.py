"""What people do to a ticket after it is opened: workers acknowledge, start, resolve or return
it (退单); reporters ask for status, urge or rate (withdrawing is `cancelling.py`'s). Every change is a
TicketEvent."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.sms_parts import clause_head
from bot.core import audit, points, registry, staff_notices, urging
from bot.core.escalation import chain_holders, escalate
from bot.core.notify import notify
from bot.core.places import grids_named, match_place
from bot.core.rating_remarks import (
    pass_concern,
    pass_praise,
    raises_concern,
    reopen_notice,
    says_unfinished,
    tell_others_reopened,
    thanks_or_praises,
)
from bot.core.routing_rules import RoutingRules
from bot.core.scopes import ROLE_NAMES
from bot.core.tickets import (
    CATEGORY_NAMES,
    OPEN_STATUSES,
    assign,
    event,
    schedule,
    set_deadlines,
    tell_reporters,
)
from bot.store.models import OrgUnit, Person, Ticket, TicketFollower

STATUS_NAMES = {
    "new": "待分派", "assigned": "待接单", "acknowledged": "已接单", "in_progress": "处理中",
    "resolved": "已办结待评价", "closed": "已完结", "reopened": "重新办理", "returned": "退单待改派",
    "merged": "已并单", "cancelled": "已撤销",
}
WORKABLE = ("assigned", "acknowledged", "in_progress", "reopened")
SMS_PART = 70


class TicketError(Exception):
    """Why an action on a ticket was refused: no_number, not_found, not_allowed, wrong_state, none_open; or
    what to ask first: confirm (that ticket?), which (several open, none named)."""

    def __init__(self, reason: str, ticket: Ticket | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        # Plain values: the session the ticket came from is rolled back when the error leaves it.
        self.number = ticket.number if ticket is not None else None
        self.status = ticket.status if ticket is not None else None


def get_ticket(session: Session, number: str | None) -> Ticket:
    if not number:
        raise TicketError("no_number")
    ticket = session.scalar(select(Ticket).where(Ticket.number == number))
    if ticket is None:
        raise TicketError("not_found")
    return ticket


def may_act(session: Session, rules: RoutingRules, ticket: Ticket, person: Person | None) -> bool:
    """The assignee, or someone above them in the ticket's chain."""
    if person is None:
        return False
    if person.id in (ticket.assignee_id, ticket.escalated_to_id):
        return True
    return person.id in chain_holders(session, rules, ticket)


def acting_on(session: Session, rules: RoutingRules, number: str | None, address: str,
              states: tuple[str, ...]) -> tuple[Ticket, Person]:
    """The ticket and the staff member acting on it, when they may and it is in one of `states`."""
    ticket = get_ticket(session, number)
    actor = registry.person_by_address(session, address)
    if actor is None or not may_act(session, rules, ticket, actor):
        raise TicketError("not_allowed", ticket)
    if ticket.status not in states:
        raise TicketError("wrong_state", ticket)
    return ticket, actor


def _audit(session: Session, clock: Clock, actor: Person, action: str, ticket: Ticket, **detail: object) -> None:
    """A staff action on a ticket, in the audit log (the ticket event says what; the log proves it)."""
    audit.record(session, clock, f"person:{actor.id}", f"ticket.{action}", ticket.number or "", detail)


def acknowledge(session: Session, clock: Clock, rules: RoutingRules, number: str | None, address: str,
                said: str = "") -> Ticket:
    """收到 T1023. Acknowledging twice is harmless. `said`: what the worker wrote with it ("我马上过去 已经打了119"),
    kept on the ticket as progress and passed to the reporters whole in the same notice (blind test 10, #69:
    they read "进展：我 已经打了119"); on a ticket already acknowledged, as a progress note."""
    ticket, actor = acting_on(session, rules, number, address, (*WORKABLE,))
    now = clock.now()
    if ticket.status in ("acknowledged", "in_progress"):
        if said:
            event(session, ticket, "progress", now, actor, note=said)
            tell_reporters(session, ticket, progress_notice(ticket.number or "", said, actor.name))
        return ticket
    ticket.status, ticket.acknowledged_at = "acknowledged", now
    event(session, ticket, "acknowledged", now, actor)
    _audit(session, clock, actor, "acknowledged", ticket)
    if said:
        event(session, ticket, "progress", now, actor, note=said)
        tell_reporters(session, ticket, ack_notice(ticket, actor, said))
        return ticket
    tell_reporters(session, ticket, f"您反映的问题（{ticket.number}）{actor.name}已接单，正在安排处理。")
    return ticket


def ack_notice(ticket: Ticket, actor: Person, said: str) -> str:
    """"工单T1007网格员徐建国已收到：我马上过去 已经打了119" in one SMS part; long words cut, with whom to ask."""
    role = ROLE_NAMES.get(ticket.assignee_role or "", "") if actor.id == ticket.assignee_id else ""
    head = f"工单{ticket.number}{role}{actor.name}已收到："
    if len(head) + len(said) <= SMS_PART:
        return head + said
    tail = f"…（详情请问{actor.name}）"
    return head + said[:SMS_PART - len(head) - len(tail)] + tail


def start_work(session: Session, clock: Clock, rules: RoutingRules, number: str | None, address: str,
               note: str = "") -> Ticket:
    """T1023 处理中 — or a progress note (T1023 进度 已联系物业): kept on the ticket, and the reporter
    hears it."""
    ticket, actor = acting_on(session, rules, number, address, (*WORKABLE,))
    now = clock.now()
    if ticket.status != "in_progress":
        ticket.acknowledged_at = ticket.acknowledged_at or now
        ticket.status = "in_progress"
        event(session, ticket, "in_progress", now, actor, note=note)
        _audit(session, clock, actor, "in_progress", ticket)
    elif note:
        event(session, ticket, "progress", now, actor, note=note)
        _audit(session, clock, actor, "progress", ticket)
    progress = progress_words(note)
    if progress:
        tell_reporters(session, ticket, progress_notice(ticket.number or "", progress, actor.name))
    return ticket


def progress_words(note: str) -> str:
    """A worker's note less the command words (进度, 处理中): what the reporter is told."""
    for word in ("进度", "处理中", "正在处理"):
        note = note.replace(word, " ")
    return " ".join(note.split()).strip(" ，,。:：")


def progress_notice(number: str, note: str, writer: str) -> str:
    """"工单T1015进展：师傅已经把总阀关了 明天换管子" in one SMS part; a long note cut, with whom to ask."""
    head = f"工单{number}进展："
    if len(head) + len(note) <= SMS_PART:
        return head + note
    tail = f"（详情请问{writer}）" if writer else ""
    return head + clause_head(note, SMS_PART - len(head) - len(tail)) + tail  # "…" where a clause ends (bt 9, #47)


def resolve(session: Session, clock: Clock, rules: RoutingRules, number: str | None, address: str, note: str,
            photo: str | None = None, *, rated: bool = True, note_to_reporter: bool = True) -> Ticket:
    """T1023 已办结 路灯换好了: the rectification is recorded and the reporters asked to rate it. A task
    nobody rates (a number verification, `rated=False`) is closed at once, and the reporter hears
    nothing of the note (it may hold another resident's number); nor with `note_to_reporter` False (staff's words
    about the reporter, seen_to)."""
    ticket, actor = acting_on(session, rules, number, address, WORKABLE)
    now = clock.now()
    ticket.status, ticket.resolved_at, ticket.resolved_by_id = "resolved", now, actor.id
    ticket.resolution_note, ticket.resolution_photo = note or "已办结", photo
    ticket.rating_due_at = now + timedelta(hours=rules.rating_wait_hours)
    event(session, ticket, "resolved", now, actor, note=ticket.resolution_note, photo=photo)
    _audit(session, clock, actor, "resolved", ticket, photo=photo)
    if not rated:
        ticket.status, ticket.closed_at, ticket.rating_due_at = "closed", now, None
        event(session, ticket, "closed", now, actor)
        return ticket
    schedule(session, ticket, "rating", ticket.rating_due_at, ticket.rating_due_at)
    tell_reporters(session, ticket, rating_request(ticket, with_note=note_to_reporter))
    return ticket


# A resolve that says nothing but that it is done ("T1014 已办结"): no note to pass on.
NO_NOTE = ("已办结", "办结", "办结了", "已办好", "办好了", "已完成", "完成了", "搞定了")


RATE_ASK = "请评价：1 满意 2 基本满意 3 不满意"
# A note that speaks of doing for or telling the reporter in the third person ("已经回电话告诉他了", "跟她说清楚了",
# "给他换了灯泡"): between staff, never read back to the reporter as if written to them (blind test 28, A-B59c-redo).
_TOLD_THEM = re.compile(r"(?:告诉|通知|答复|回复|联系|回电话?给?|打电话给|跟|给|和|同|帮)了?[他她](?!们)")


def rating_request(ticket: Ticket, *, with_note: bool = True) -> str:
    """The reporter's rating request, with the worker's note; with none, never "已办结：已办结" (blind test 5, #58).
    The note takes what room one SMS part leaves, cut only where a clause ends (never "…烧垃圾 已。", blind test 9,
    #47). A note telling of telling the reporter (告诉他了) is left out, as is any with `with_note` False."""
    note = (ticket.resolution_note or "").strip(" 。.，,")
    if not with_note or not note or note in NO_NOTE or _TOLD_THEM.search(note):
        return f"工单{ticket.number}已办结，{RATE_ASK}"
    head, tail = f"工单{ticket.number}已办结：", f"。{RATE_ASK}"
    note = clause_head(note, SMS_PART - len(head) - len(tail))
    return head + note + (RATE_ASK if note.endswith("…") else tail)


RETURNABLE = ("assigned", "acknowledged", "reopened")


def check_returnable(session: Session, rules: RoutingRules, number: str | None, address: str) -> Ticket:
    """The ticket, when this sender may return it now; else the TicketError return_ticket would raise."""
    return acting_on(session, rules, number, address, RETURNABLE)[0]


# What the reporter hears of a 退单: where it goes, never who returned it or why.
RETURNED_NOTE = "您反映的问题（{number}）正转交负责的部门办理，请耐心等候。"


def return_ticket(session: Session, clock: Clock, rules: RoutingRules, number: str | None, address: str,
                  reason: str) -> tuple[Ticket, Person | None]:
    """退单 T1023 不是我们网格的: rerouted to the grid the reason names, else to the duty officer."""
    ticket, actor = acting_on(session, rules, number, address, RETURNABLE)
    now = clock.now()
    old_unit = ticket.unit_id
    ticket.status = "returned"
    event(session, ticket, "returned", now, actor, note=reason, from_unit=old_unit)
    _audit(session, clock, actor, "returned", ticket, from_unit=old_unit)
    target = _named_elsewhere(session, reason, old_unit)
    if target is not None and target.id != old_unit:
        assignee = assign(session, clock, rules, ticket, target, exclude={actor.id})
        if assignee is not None:
            event(session, ticket, "rerouted", now, actor, to_unit=target.id)
            notify(session, assignee, staff_notices.rerouted(ticket.number or "", target.name, ticket.place_text or "",
                                                             actor.name, reason), ticket_id=ticket.id)
            tell_reporters(session, ticket, RETURNED_NOTE.format(number=ticket.number))
            return ticket, assignee
    ticket.assignee_id = None
    tell_reporters(session, ticket, RETURNED_NOTE.format(number=ticket.number))
    for officer in registry.duty_officers(session):
        notify(session, officer, staff_notices.returned(ticket.number or "", CATEGORY_NAMES[ticket.category],
                                                        actor.name, reason), ticket_id=ticket.id)
    return ticket, None


def _named_elsewhere(session: Session, reason: str, own: int | None) -> OrgUnit | None:
    """The grid a 退单's reason says the job belongs to: the one grid it names besides the returner's own ("纸箱子是
    隔壁阳光小区2栋的 不归我管 是幸福家园的" names his 阳光小区 and 幸福家园: blind test 29, B82), else the place
    it names."""
    others = [g for g in grids_named(session, reason) if g.id != own]
    return others[0] if len(others) == 1 else match_place(session, reason).grid


def reported_by(session: Session, address: str, statuses: tuple[str, ...]) -> list[Ticket]:
    """Tickets this person reported or follows as a reporter (并单), newest first."""
    followed = select(TicketFollower.ticket_id).where(TicketFollower.address == address,
                                                      TicketFollower.role == "reporter")
    return list(session.scalars(
        select(Ticket).where(or_(Ticket.reporter_address == address, Ticket.id.in_(followed)),
                             Ticket.status.in_(statuses)).order_by(Ticket.id.desc())))


_NOT_CLUES = re.compile(r"催|一下|那个|这个|咋个|怎么|还没|没有|莫得|快点|好久|几天|"
                        r"了|的|嘛|啊|呢|吧|我|你们|[，。！？、\s]")


def ticket_meant(session: Session, address: str, text: str) -> str | None:
    """The sender's open ticket their words point at ("路灯那个也催一下"), or None."""
    return ticket_meant_among(reported_by(session, address, OPEN_STATUSES), text)


def ticket_meant_among(tickets: list[Ticket], text: str) -> str | None:
    """The number of the one ticket whose text shares the most two-character pieces with `text` (what is left
    of it once the urging words are gone); None when none or several share as much."""
    clues = _NOT_CLUES.sub(" ", text)
    pieces = {clue[i:i + 2] for clue in clues.split() for i in range(len(clue) - 1)}
    if not pieces:
        return None
    scores = sorted(((sum(piece in t.text for piece in pieces), t.number) for t in tickets), reverse=True)
    if not scores or scores[0][0] == 0 or (len(scores) > 1 and scores[1][0] == scores[0][0]):
        return None
    return scores[0][1]


def reporters_ticket(session: Session, address: str, number: str | None, statuses: tuple[str, ...]) -> Ticket:
    """The sender's own ticket by number, else their latest one, in one of `statuses` (else a TicketError)."""
    mine = reported_by(session, address, tuple(STATUS_NAMES))
    if number:
        ticket = next((t for t in mine if t.number == number), None)
        if ticket is None:
            raise TicketError("not_found")
        if ticket.status not in statuses:
            raise TicketError("wrong_state", ticket)
        return ticket
    candidates = [t for t in mine if t.status in statuses]
    if not candidates:
        raise TicketError("none_open")
    return candidates[0]


def status_lines(session: Session, address: str) -> list[str]:
    """'T1023 路灯… 已接单' for each open or awaiting-rating ticket, newest first."""
    return [f"{t.number}{CATEGORY_NAMES[t.category]}{STATUS_NAMES[t.status]}"
            for t in reported_by(session, address, (*OPEN_STATUSES, "resolved"))]


def staff_member(session: Session, address: str) -> Person | None:
    """The person behind an address when they are staff (a staff entry or any staff role), else None."""
    person = registry.person_by_address(session, address)
    if person is None or (person.kind != "staff" and not registry.roles_of(session, person.id)):
        return None
    return person


def urge(session: Session, clock: Clock, rules: RoutingRules, address: str, number: str | None = None,
         text: str = "") -> Ticket:
    """催办: recorded, the assignee reminded (with what the words say besides urging: 老汉摔了一跤了); every
    few urges escalate one level. With no number, the open ticket the words point at ("催一下 路灯那个"), else
    the latest."""
    if number is None and text:
        number = ticket_meant_among(reported_by(session, address, OPEN_STATUSES), text)
    ticket = reporters_ticket(session, address, number, OPEN_STATUSES)
    now = clock.now()
    ticket.urge_count += 1
    reason = urging.reason_in(text)
    event(session, ticket, "urged", now, registry.person_by_address(session, address), count=ticket.urge_count,
          **({"note": reason[:500]} if reason else {}))
    if ticket.assignee is not None:
        notify(session, ticket.assignee, urging.urge_notice(ticket.number or "", ticket.urge_count, reason),
               ticket_id=ticket.id)
    if ticket.urge_count % rules.escalation.urges_per_level == 0:
        escalate(session, clock, rules, ticket, "urged")
    return ticket


def awaiting_rating(session: Session, address: str, text: str = "") -> Ticket | None:
    """The sender's ticket awaiting a rating: of several, the one the words point at (电梯三天两头坏), else the one
    whose rating request came last (blind test 8, #79: a 3 rated the older request)."""
    found = reported_by(session, address, ("resolved",))
    if len(found) > 1 and text:
        meant = ticket_meant_among(found, text)
        if meant is not None:
            return next(t for t in found if t.number == meant)
    return max(found, key=lambda t: (t.resolved_at or t.created_at, t.id)) if found else None


def rate(session: Session, clock: Clock, rules: RoutingRules, address: str, score: int,
         number: str | None = None, reason: str = "") -> Ticket:
    """1 满意 / 2 基本满意 close it; 3 不满意 reopens it for the same assignee with new deadlines, and
    the reason the reporter gave ("还是一闪一闪的") goes with the notice; so does a 2 whose reason says part
    of the job is still not done ("灯是亮了 垃圾还没得人倒")."""
    if score not in (1, 2, 3):
        raise ValueError(f"rating must be 1, 2 or 3, not {score}")
    ticket = reporters_ticket(session, address, number, ("resolved",))
    now = clock.now()
    rater = registry.person_by_address(session, address)
    event(session, ticket, "rated", now, rater, note=reason[:500], score=score)
    if rater is not None:
        points.credit(session, clock, rater.id, "rating", ticket.number)
    unfinished = score == 2 and says_unfinished(reason)  # 2 灯是亮了 垃圾还没得人倒 (rating_remarks)
    if score == 1 or (score == 2 and not unfinished):
        ticket.status, ticket.rating, ticket.closed_at = "closed", score, now
        event(session, ticket, "closed", now, rater, score=score)
        if raises_concern(reason):  # 2 饭是送了 以后哪个管他嘛: closed, the question passed on (blind test 8, #60)
            pass_concern(session, ticket, score, reason)
        elif thanks_or_praises(reason):  # 满意 李师傅来得快 点个赞, 1 狗抓走了 谢谢周网格员 (blind tests 28, 30)
            pass_praise(session, clock, ticket, reason, address)
        return ticket
    ticket.status, ticket.rating = "reopened", None
    ticket.resolved_at = None
    event(session, ticket, "reopened", now, rater, note=reason[:500])
    set_deadlines(session, rules, ticket, now)
    if ticket.assignee is not None:
        notify(session, ticket.assignee, reopen_notice(ticket, reason, unfinished=unfinished), ticket_id=ticket.id)
    tell_others_reopened(session, ticket, address)
    return ticket
