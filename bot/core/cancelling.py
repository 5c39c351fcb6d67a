"""A reporter withdrawing a report (撤销): whether a message says so, which open ticket it means, asking
which one when it is unclear, and telling whoever holds the ticket to stop; a staff member withdrawing one
they filed themselves by its number, or on a visit for a household (never someone else's)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import emergency_updates, points, registry
from bot.core.invalid_tickets import TO_REPORTER_MISTAKE
from bot.core.lifecycle import STATUS_NAMES, TicketError, reported_by, reporters_ticket, ticket_meant_among
from bot.core.notify import notify
from bot.core.other_problem import subjects_in, things_in
from bot.core.tickets import OPEN_STATUSES, event
from bot.store.message_models import OutboxMessage
from bot.store.models import Person, Ticket, TicketEvent, TicketFollower

# A reporter may withdraw an open report at any stage before it is resolved; once a worker holds it,
# they (and any co-handler) are told to stop.
CANCELLABLE = OPEN_STATUSES

# A cancel that names no ticket acts on the reporter's latest one only this soon after it was made; later
# (a question answered since, another matter) it is asked about: "回复“撤销 T1012”".
CANCEL_UNNAMED_WITHIN = timedelta(minutes=30)
# Nobody needed (不用来了, 不用管了; 灯那个不用修了 自己好了, blind test 30, A-B139).
_NOBODY = (r"(?:不用|不要|莫|别|不消|不需要)(?:你们|你)?再?(?:派人)?"  # 不用你们管了 (blind test 31, R17b)
           r"(?:(?:过?来|上门)(?:修|看|收|换|弄|管)?|管|弄|处理|修|收|换)了?")
CANCEL_WORDS = re.compile(r"取消|撤销|撤回|撤了|不要了|不用了|不报了|不办了|算了|作废|搞错了|弄错了|删了|删掉|"
                          + _NOBODY)
# The problem solved by someone else, nobody to come (3栋背后垃圾那个不用来了 物业已经拉走了, blind test 22, #59).
_NO_NEED = re.compile(_NOBODY)
_ASKING = re.compile(r"吗|[?？]|咋个|怎么|啥时候|什么时候|是不是")
# A question naming the ticket to withdraw: "撤销T1016（3栋背后垃圾）吗？" (`confirm_named`).
CONFIRM_NAMED = "撤销{number}（{label}）吗？要撤销请回复“撤销”。"
_CONFIRMED = re.compile(r"^撤销(T\d+)（")
_POINTER_END = re.compile(r"那个|那件|这个|那块|的事|的问题|不用|不要|莫|别|算了|撤|取消")


# A message that opens by taking the report back (撤销 我搞错了 是隔壁小区的, blind test 24, B116 moved the ticket to
# "隔壁小区"): a withdrawal first, whatever follows.
_LEADS = re.compile(r"^[\s，,。.!！]*(?:撤销|撤回|撤了|取消|不报了|不要了|不反映了|不用报了|"
                    r"算了\s*(?:吧|嘛)?\s*不报了)")


def leads_with_withdrawal(text: str) -> bool:
    """Whether a message starts with taking the report back (撤销 …, 不报了 …)."""
    return _LEADS.match(text or "") is not None


def says_cancel(text: str) -> bool:
    """Whether a message says to cancel at all (a cancel read into "那个" or "好的" is not one)."""
    return bool(CANCEL_WORDS.search(text))


# "刚才那个不是反映问题 算了 不报了" with nothing open: the message was never filed (blind test 7, #27).
_NOT_FILED_WORDS = re.compile(r"(?:不是|没有?|莫得|没得)(?:要|想)?(?:报事|报修|反映|反应|投诉|报问题|报告)"
                              r"|不报了|不反映了")
NOTHING_OPEN = "您现在没有可以撤销的工单。有事直接发消息说。"
NOTHING_FILED = "好的，刚才那条没有记成工单，不用撤销。有事直接发消息说。"


def solved_elsewhere(text: str) -> bool:
    """Nobody needs to come (不用来了 物业已经拉走了): the report withdrawn, said without a question."""
    return _NO_NEED.search(text) is not None and _ASKING.search(text) is None


def label(ticket: Ticket, text: str) -> str:
    """What names `ticket` in a question about it: the sender's own words for it (3栋背后垃圾那个… → 3栋背后垃圾)
    when they share something with it, else the start of its text."""
    said = "".join((text or "").split())
    cut = _POINTER_END.search(said)
    own = said[:cut.start()] if cut is not None else ""
    if 2 <= len(own) <= 10 and any(c in ticket.text for c in own if "\u4e00" <= c <= "\u9fff"):
        return own
    body = ticket.text.split("；补充：")[0].strip()
    return body if len(body) <= 8 else body[:7] + "…"


def confirm_named(ticket: Ticket, text: str) -> str:
    """"撤销T1016（3栋背后垃圾）吗？…": the question when unclear words may withdraw the ticket they name."""
    return CONFIRM_NAMED.format(number=ticket.number, label=label(ticket, text))


def asked_about(session: Session, clock: Clock, address: str) -> str | None:
    """The ticket the bot's latest reply asked the sender whether to withdraw (`CONFIRM_NAMED`), lately."""
    latest = session.scalar(select(OutboxMessage).where(
        OutboxMessage.recipient == address, OutboxMessage.reply_to_id.is_not(None),
        OutboxMessage.created_at >= clock.now() - CANCEL_UNNAMED_WITHIN).order_by(OutboxMessage.id.desc()).limit(1))
    found = _CONFIRMED.match(latest.text) if latest is not None else None
    return found.group(1) if found is not None else None


def withdrawal_meant(session: Session, clock: Clock, address: str, text: str) -> str | None:
    """The open ticket a withdrawal means besides the report just made: the one its words name among several
    (垃圾那个 with the leak filed since), else the one the bot just asked about withdrawing (是的 撤销); None."""
    tickets = reported_by(session, address, CANCELLABLE)
    number = cancel_meant(tickets, text) if len(tickets) > 1 else None
    asked = asked_about(session, clock, address) if number is None else None
    return number or (asked if asked in {t.number for t in tickets} else None)


def nothing_to_cancel(text: str) -> str:
    """The reply to a cancel with no open ticket: "it was never filed" when the words say it was no report."""
    return NOTHING_FILED if _NOT_FILED_WORDS.search(text) else NOTHING_OPEN


# Found again (电瓶车找到了 在车棚头 不用管了, blind test 31, R17b: an emergency for 110): the theft's or the loss's.
_FOUND = re.compile(r"找到了|找回来了|找着了|寻到了|找到的")
_LOST = re.compile(r"偷|盗|丢|不见了|找不到|遭贼|被贼|进贼")


def cancel_meant(tickets: list[Ticket], text: str) -> str | None:
    """The open ticket a cancel's words point at ("不报了 水管那个我自己找人修了"): the one naming the same thing,
    the one of a theft or a loss when the words say it was found, else the one the words share most with (as for
    urging); None when none or several."""
    lost = [t.number for t in tickets if _LOST.search(t.text)] if _FOUND.search(text or "") else []
    if len(lost) == 1:
        return lost[0]
    named = things_in(text)
    if named:
        naming = [t.number for t in tickets if things_in(t.text) & named]
        if len(naming) == 1:
            return naming[0]
    rest = CANCEL_WORDS.sub(" ", text)
    return ticket_meant_among(tickets, rest) or _pointed(tickets, rest)


# A thing pointed at in a word or two before 那个 (灯那个不用修了: 灯 of 路灯, blind test 30, A-B139).
_POINTED = re.compile(r"([\u4e00-\u9fff]{1,2})(?:那个|那件|那块|的那个)")


def _pointed(tickets: list[Ticket], text: str) -> str | None:
    """The one ticket whose text holds the word or two the words point at with 那个, else None."""
    found = _POINTED.search(text)
    holding = [t.number for t in tickets if found is not None and found.group(1) in t.text]
    return holding[0] if len(holding) == 1 else None


def which_to_cancel(session: Session, address: str, budget: int = 70) -> str:
    """"您有2件在办：T1018垃圾没人…、T1002水管漏水…，撤销哪件？回“撤销 T1018”" within one SMS part."""
    tickets = reported_by(session, address, CANCELLABLE)
    for room in (6, 4, 2):
        for shown in range(min(len(tickets), 3), 0, -1):
            lines = "、".join(f"{t.number}{short_label(t, room)}" for t in tickets[:shown])
            more = "等" if len(tickets) > shown else ""
            text = f"您有{len(tickets)}件在办：{lines}{more}，撤销哪件？回“撤销 {tickets[0].number}”"
            if len(text) <= budget:
                return text
    return f"您有{len(tickets)}件在办，撤销哪件？请回“撤销 {tickets[0].number}”这样带上工单号"


# What opens a report and says nothing of it (还有 楼上那家漏水: "T1022还有 楼上那" read badly, blind test 23, #R59).
_OPENERS = re.compile(r"^(?:还有|另外|另一个|我要反映|我要报|反映个事|那个|我们|我家|我屋头)+")
_WHICH_ASKED = "撤销哪件"


def short_label(ticket: Ticket, room: int) -> str:
    """A few readable words for `ticket` in a list: its first words less an opener (楼上那家漏水…), whole words
    where a space or a comma ends them within `room`."""
    body = _OPENERS.sub("", ticket.text.split("；补充：")[0].strip()).strip()
    words = re.split(r"[\s，,。！!？?；;]+", body)[0] if body else ""
    if not words:
        return ""
    return words if len(words) <= room else words[:room] + "…"


def asked_which(session: Session, clock: Clock, address: str) -> bool:
    """Whether the bot's latest reply to the sender, lately, asked which of their tickets to withdraw."""
    latest = session.scalar(select(OutboxMessage.text).where(
        OutboxMessage.recipient == address, OutboxMessage.reply_to_id.is_not(None),
        OutboxMessage.created_at >= clock.now() - CANCEL_UNNAMED_WITHIN).order_by(OutboxMessage.id.desc()).limit(1))
    return latest is not None and _WHICH_ASKED in latest


def cancel(session: Session, clock: Clock, address: str, number: str | None = None, text: str = "", *,
           by: Person | None = None) -> Ticket:
    """The reporter withdraws an open ticket (blind test 4, #49: also once the worker has taken it): the one
    named by number or by what it is about (blind test 5, #81), or their latest if it is their only open one
    (else TicketError "which", to ask which) and they made it in the last CANCEL_UNNAMED_WITHIN (else
    TicketError "confirm" with that ticket, to be asked about); words naming none of their open ones withdraw nothing
    (TicketError "not_named"). Its assignee and co-handlers are told to stop.
    `by`: who withdraws it when not the reporter themselves (the worker who filed it on a visit)."""
    if number is None and text:
        number = cancel_meant(reported_by(session, address, CANCELLABLE), text) \
            or withdrawal_meant(session, clock, address, text)
        named = things_in(text)
        if number is None and named and not any(things_in(t.text) & named
                                                for t in reported_by(session, address, CANCELLABLE)):
            raise TicketError("not_named")  # 窗户那个算了 with only a 减速带 open: never that one (blind test 28)
    if number is None and len(reported_by(session, address, CANCELLABLE)) > 1:
        raise TicketError("which", reporters_ticket(session, address, None, CANCELLABLE))
    ticket = reporters_ticket(session, address, number, CANCELLABLE)
    if number is None and clock.now() - ticket.created_at > CANCEL_UNNAMED_WITHIN:
        raise TicketError("confirm", ticket)
    if ticket.reporter_address != address:
        raise TicketError("not_allowed", ticket)
    now = clock.now()
    before, ticket.status = ticket.status, "cancelled"
    withdrawer = by or registry.person_by_address(session, address)
    event(session, ticket, "cancelled", now, withdrawer, from_status=before)
    if ticket.reporter_id is not None:  # a withdrawn report earns nothing (blind test 6, #72)
        points.take_back_report(session, clock, ticket.reporter_id, ticket.number)
    themselves = withdrawer.id if withdrawer is not None else None  # a worker who filed it in his own grid
    if ticket.assignee is not None and ticket.assignee_id != themselves:
        notify(session, ticket.assignee, stop_notice(ticket, text), ticket_id=ticket.id)
    for helper in session.scalars(select(TicketFollower).where(TicketFollower.ticket_id == ticket.id,
                                                               TicketFollower.role == "co_handler")):
        person = session.get(Person, helper.person_id) if helper.person_id else None
        if person is not None and person.id not in (ticket.assignee_id, themselves):
            notify(session, person, f"协办工单{ticket.number}已被反映人撤销，无需再协办。", ticket_id=ticket.id)
    # An emergency's alert reached the duty officer and the secretary: they hear it was withdrawn (blind test 8, #130).
    emergency_updates.tell_withdrawn(session, ticket, text)
    return ticket


ALREADY_WITHDRAWN = "好的，工单{number}已经撤销了，不用再管。有事随时发消息。"


def withdrawn_lately(session: Session, clock: Clock, address: str, text: str) -> str | None:
    """The number of the sender's ticket withdrawn in the last `CANCEL_UNNAMED_WITHIN` that words taking a report
    back name again (不是报警 我是说车找到了 不用你们管了, just after 电瓶车找到了 withdrew the theft: blind test 31,
    R17b got 没太看懂), else None."""
    withdrawn = list(session.scalars(select(Ticket).join(TicketEvent, TicketEvent.ticket_id == Ticket.id).where(
        Ticket.reporter_address == address, Ticket.status == "cancelled", TicketEvent.kind == "cancelled",
        TicketEvent.at >= clock.now() - CANCEL_UNNAMED_WITHIN).order_by(Ticket.id.desc()).distinct()))
    return cancel_meant(withdrawn, text) if withdrawn else None


FOLLOW_WITHDRAWN = "好的，您反映的这件已撤销。它和工单{number}是同一件，已把您的话转告承办人。"
FOLLOW_WITHDRAWN_NOTICE = "工单{number}的一位反映人撤回了反映，说：{said}。请核实后办结或继续办。"
NOT_NAMED = "您在办的工单里没找到您说的这件，没有撤销。要撤销{number}请回“撤销 {number}”。"


def stop_following(session: Session, clock: Clock, address: str, ticket: Ticket, text: str) -> str:
    """The sender withdraws their report merged (并单) into `ticket`, someone else's (blind test 24: "2栋门口垃圾那个
    不用来了哈 有人扫干净了" was added to the sender's leak ticket): their own merged report is withdrawn, they no
    longer follow `ticket`, and its holder hears their words to check; `ticket` stays its first reporter's."""
    now = clock.now()
    withdrawer = registry.person_by_address(session, address)
    for own in session.scalars(select(Ticket).where(Ticket.reporter_address == address, Ticket.status == "merged",
                                                    Ticket.merged_into_id == ticket.id)):
        own.status = "cancelled"
        event(session, own, "cancelled", now, withdrawer, from_status="merged")
    for follower in session.scalars(select(TicketFollower).where(
            TicketFollower.ticket_id == ticket.id, TicketFollower.address == address,
            TicketFollower.role == "reporter")):
        session.delete(follower)
    said = "".join((text or "").split())[:30]
    event(session, ticket, "note", now, withdrawer, note=f"一位反映人撤回：{said}"[:500], private=True)
    if ticket.assignee is not None:
        notify(session, ticket.assignee, FOLLOW_WITHDRAWN_NOTICE.format(number=ticket.number, said=said),
               ticket_id=ticket.id)
    return FOLLOW_WITHDRAWN.format(number=ticket.number)


def names_none(tickets: list[Ticket], text: str) -> bool:
    """Whether a withdrawal names something (垃圾) that none of `tickets` is about: none of them is meant."""
    named = subjects_in(text)
    return bool(named) and not any(subjects_in(t.text) & named for t in tickets)


def not_named(session: Session, address: str) -> str:
    """The reply to a withdrawal naming nothing the sender has open: nothing withdrawn, how to name one, or which
    of several (blind test 24: never the leak for 垃圾那个不用来了)."""
    tickets = reported_by(session, address, CANCELLABLE)
    if len(tickets) > 1:
        return which_to_cancel(session, address)
    return NOT_NAMED.format(number=tickets[0].number) if tickets else NOTHING_OPEN


def stop_notice(ticket: Ticket, text: str) -> str:
    """What the holder hears: withdrawn, and when someone else solved it, the reporter's words (物业已经拉走了)."""
    if not solved_elsewhere(text):
        return f"工单{ticket.number}已被反映人撤销，无需再处理。"
    said = "".join(text.split())[:30]
    return f"工单{ticket.number}已被反映人撤销，无需再去。反映人说：{said}"


# A staff member withdrawing a ticket they filed themselves by message, naming it (blind test 7, #35: "算了 T1014 是我
# 发错了 撤销" was taken for a progress note): the words of a mistake or a withdrawal. Someone else's report is
# never withdrawn this way: the words that can only mean it (撤销, 作废) get how to 退单 or 办结 instead.
STAFF_WITHDRAW = re.compile(r"撤销|撤回|作废|删掉|删除|删了|发错|报错了|填错|弄错了|搞错了|不要了|不报了")
ONLY_WITHDRAWAL = re.compile(r"撤销|撤回|作废|删掉|删除")
STAFF_REPLIES = {
    "withdrawn": "好的，工单{number}已撤销。",
    "withdrawn_told": "好的，工单{number}已撤销，已告诉承办人{holder}。",
    "closed": "工单{number}目前“{status}”，不能撤销了。",
    "not_theirs": "工单{number}不是您报的，不能撤销。不归您办请回“退单 {number} 理由”，"
                  "办好了回“{number} 已办结 情况”。",
    # Its holder, not its filer, saying the mistake was his (blind test 26, B117): asked which he means.
    "not_theirs_holder": "工单{number}不是您报的，不能撤销。是报错了请回“{number} 无效工单 关掉”，"
                         "不归您办回“退单 {number} 理由”。",
}
# "是我发错了": the sender says the mistake was their own, so the ticket they mean to take back is one they filed.
OWN_MISTAKE = re.compile(r"我(?:自己)?.{0,2}(?:发|报|填|录|登记|写|弄|搞|输|打)错")


# A ticket a worker filed on a visit (走访 … 反映 …) stands in the household's name (`visits._open_for`); it is his
# all the same: he may withdraw it (blind test 25, A54: "T1034 填错户了 撤销" was "不是您报的"), and the household hears
# it was a mistake, as when he closes it as one (`invalid_tickets`: "T1034 是我发错了 撤销").
VISIT_NOTE = "网格员走访"


def filed_on_visit(session: Session, person: Person, ticket: Ticket) -> bool:
    """Whether `person` opened `ticket` on a household's behalf during a visit."""
    return session.scalar(select(TicketEvent.id).where(
        TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "note", TicketEvent.actor_id == person.id,
        TicketEvent.note.startswith(VISIT_NOTE)).limit(1)) is not None


def withdraws_own(session: Session, person: Person, address: str, ticket: Ticket | None, text: str) -> bool:
    """Whether a staff member's words on `ticket` take it back as its filer's (read before any closing as invalid:
    blind test 26, B117, "T1095 是我发错了 撤销" on his own visit report was closed as 无效工单): they filed it, or
    they say the mistake was theirs and 撤销 it (to be told it is not theirs to withdraw, and asked)."""
    if ticket is None or STAFF_WITHDRAW.search(text) is None:
        return False
    if ticket.reporter_address == address or filed_on_visit(session, person, ticket):
        return True
    return OWN_MISTAKE.search(text) is not None and ONLY_WITHDRAWAL.search(text) is not None


def own_withdrawal(session: Session, clock: Clock, person: Person, address: str, ticket: Ticket | None, text: str,
                   verb: str) -> str | None:
    """`staff_withdrawal` when the words take the ticket back as its filer's (`withdraws_own`), else None."""
    if not withdraws_own(session, person, address, ticket, text):
        return None
    return staff_withdrawal(session, clock, person, address, ticket, text, verb)


def staff_withdrawal(session: Session, clock: Clock, person: Person, address: str, ticket: Ticket | None,
                     text: str, verb: str) -> str | None:
    """The reply when a staff member's message on `ticket` (read as `verb` by commands.worker_command) withdraws
    it: theirs (they reported it), withdrawn and its holder told; someone else's, refused with what to do
    instead. None when the message is no withdrawal (a 退单, an 办结, a note)."""
    if ticket is None or verb in ("resolve", "return"):
        return None
    number = ticket.number or ""
    visited = filed_on_visit(session, person, ticket)
    if ticket.reporter_address != address and not visited:
        refused = ONLY_WITHDRAWAL.search(text) is not None and verb != "details"
        mistaken = ticket.assignee_id == person.id and OWN_MISTAKE.search(text) is not None  # 是我发错了: which?
        key = "not_theirs_holder" if mistaken else "not_theirs"
        return STAFF_REPLIES[key].format(number=number) if refused else None
    if STAFF_WITHDRAW.search(text) is None:
        return None
    if ticket.status not in CANCELLABLE:
        return STAFF_REPLIES["closed"].format(number=number, status=STATUS_NAMES.get(ticket.status, ticket.status))
    cancel(session, clock, ticket.reporter_address, number, by=person)
    if visited and ticket.reporter_address != address:  # the household hears its 走访 report is gone
        reporter = registry.person_by_address(session, ticket.reporter_address)
        if reporter is not None and reporter.id != person.id:
            notify(session, reporter, TO_REPORTER_MISTAKE.format(number=number), ticket_id=ticket.id)
    holder = ticket.assignee
    if holder is None or holder.id == person.id:
        return STAFF_REPLIES["withdrawn"].format(number=number)
    return STAFF_REPLIES["withdrawn_told"].format(number=number, holder=holder.name)
