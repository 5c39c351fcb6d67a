"""What a staff member's message asks for, read by who is speaking before any classifier guesses:
a message naming a ticket is a command on it (详情, 收到, 处理中/进度, 已办结, 退单 with its reason, for
those who may 派给, and for the grid's backup worker 我来处理 to take it over; other words are the holder's
progress note, or a 留言 for him from above: supervisor_words, or an internal note: internal_notes); 我的工单
lists what they hold, a page at a time (更多: staff_queue); anything else they may send gets the staff menu, never the
residents' one.

Every reply fits one SMS part; a ticket's 详情 too long for one comes as several messages, one part
each (staff_views.PART_BREAK)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import (
    cancelling,
    dispatch,
    internal_notes,
    invalid_tickets,
    lifecycle,
    resolving,
    seen_to,
    several_tickets,
    staff_queue,
    staff_views,
    supervisor_words,
    visit_desk,
)
from bot.core.commands import said_with_ack, ticket_number_in, ticket_numbers_in, worker_command
from bot.core.lifecycle import STATUS_NAMES, TicketError
from bot.core.routing_rules import RoutingRules
from bot.core.take_over import holder_name, is_backup_for, says_take_over, take_over
from bot.core.tickets import OPEN_STATUSES, assignee_label
from bot.store.message_models import OutboxMessage
from bot.store.models import Person, Ticket

RETURN_VERBS = ("退单", "退回", "退了", "退掉")
REASON_WINDOW = timedelta(minutes=10)  # a bare reason answers "请说明退单理由" asked this recently

MENU = "工作人员请回复：我的工单；T号+详情/收到/处理中/进度 说明/已办结 说明/退单 理由；我的走访"
MENU_DISPATCHER = "请回复：我的工单；T号+详情/收到/进度/已办结/退单；派单“T1016 派给 网格名或姓名”；我的走访"
HELP_WORDS = ("帮助", "菜单", "怎么用", "咋个用", "咋用", "命令", "怎么派", "咋个派", "咋个改派", "怎么改派",
              "怎么操作", "咋个操作", "help")

REPLIES = {
    "ack": "好的，工单{number}已接单。办结后回复“{number} 已办结 处理情况”。",
    "ack_told": "好的，工单{number}已接单，您说的情况已告诉反映人。办结后回复“{number} 已办结 情况”。",
    "start": "工单{number}已记为处理中。",
    "start_told": "工单{number}已记为处理中，已把进展告诉反映人。",
    "resolve": "工单{number}已办结，已请反映人评价。辛苦了！",
    "returned_rerouted": "工单{number}已退回，改派给{assignee}。",
    "returned": "工单{number}已退回，街道值班员会重新派单。",
    "return_reason": "请说明退单理由，如“退单 {number} 不归本网格，在安居苑”，值班员好重新派单。",
    "no_number": "请带上工单号，比如“收到 T1023”。",
    "not_found": "没有找到工单{number}，请核对单号。",
    "passed_to_holder": "已把您的话转给承办人{holder}。要告诉反映人请回“{number} 进度 说明”。",
    "view_only": "工单{number}由{holder}承办，您可以查看（回“{number} 详情”），办理由承办人操作。",
    "not_allowed": "工单{number}不归您办理，只有承办人或其上级可以操作。",
    "wrong_state": "工单{number}目前“{status}”，不能这样操作。",
    "awaiting": "工单{number}目前“{status}”，请回复“{number} 派给 网格名或姓名”派单。",
    "awaiting_not_dispatcher": "工单{number}目前“{status}”，由街道值班员或社区书记派单。",
    "verify_name": "请写明是哪位居民，如“{number} 已办结 原号13900000001”或姓名；核实不了写“{number} 已办结 未核实”。",
    "number_moved": "工单{number}已办结，{name}的登记已改用新号码，已通知本人。",
    "verify_refused": "工单{number}已办结，号码没有登记，已告诉来电人。",
    "number_taken": "工单{number}已办结，但新号码已被他人登记，{name}的号码没有改。",
    "dispatched": "好的，工单{number}已派给{assignee}，已通知承办人和反映人。",
    "dispatched_said": "好的，工单{number}已派给{assignee}，已通知承办人和反映人，您的交代也转给了承办人。",
    "taken_over": "好的，工单{number}由您接手，已告诉原承办人和反映人。办结后回复“{number} 已办结 情况”。",
    "take_over_refused": "工单{number}由{holder}承办，只有本网格备岗网格员可以接手；要改派请找街道值班员。",
    "dispatch_not_allowed": "抱歉，派单由街道值班员或本社区书记操作，您可以回复“退单 {number} 理由”。",
    "dispatch_outside": "抱歉，工单{number}或所派网格不在您的辖区，请联系街道值班员。",
    "dispatch_outside_person": "{name}在{unit}，不在您的辖区，不能派给{name}；跨辖区派单请找街道值班员。",
    "outsider_command": "只有登记过的工作人员才能派单、改工单，您的号码不在名单上，工单没有改动。",
    "dispatch_no_target": "没找到要派给谁，请写网格名或姓名，如“{number} 派给 安居社区第1网格”。",
    "dispatch_ambiguous": "有几个可选：{choices}。请写清楚派给哪一个。",
    "dispatch_returner": "工单{number}是{name}退回的：{why}。仍要派请回“{number} 派给 {words} 确认”",
    "dispatch_wrong_state": "工单{number}目前“{status}”，不用再派。",
}


def reply(key: str, **values: object) -> str:
    return REPLIES[key].format(**values)


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().lower()


def wants_menu(text: str) -> bool:
    plain = _plain(text)
    return len(plain) <= 20 and any(word in plain for word in HELP_WORDS)


def menu(session: Session, person: Person) -> str:
    return MENU_DISPATCHER if dispatch.may_dispatch(session, person) else MENU


# -- commands on a ticket ------------------------------------------------------------------------

def _dispatch(session: Session, clock: Clock, rules: RoutingRules, person: Person, number: str, address: str,
              words: str) -> str:
    if not dispatch.may_dispatch(session, person):
        return reply("dispatch_not_allowed", number=number)
    try:
        done = dispatch.dispatch(session, clock, rules, number, address, words)
    except dispatch.DispatchError as error:
        if error.reason == "not_found":
            return reply("not_found", number=number)
        if error.reason == "not_allowed":
            return reply("dispatch_outside", number=number)
        if error.reason == "returned_by":
            name, why = error.choices
            return reply("dispatch_returner", number=number, name=name, why=why or "未说明", words=words)
        if error.reason == "ambiguous":
            return reply("dispatch_ambiguous", choices="、".join(error.choices))
        if error.reason == "outside_person":
            name, unit = error.choices
            return reply("dispatch_outside_person", name=name, unit=unit)
        if error.reason == "wrong_state":
            ticket = session.scalar(select(Ticket).where(Ticket.number == number))
            return reply("dispatch_wrong_state", number=number, status=STATUS_NAMES.get(ticket.status, ""))
        return reply("dispatch_no_target", number=number)
    said = dispatch.instruction(words, done)
    if said and done.assignee is not None:  # "T1039 派给 杨艳 确认 市政那边我打过招呼了 你配合跟进"
        # blind test 9, #37, #48: the new holder, never the one just told 您无需再办
        supervisor_words.tell_holder(session, person, done.ticket, said, "交代", holder=done.assignee)
        return reply("dispatched_said", number=number, assignee=assignee_label(done.assignee))
    return reply("dispatched", number=number, assignee=assignee_label(done.assignee))


def _awaiting_reply(session: Session, person: Person, ticket: Ticket) -> str:
    key = "awaiting" if dispatch.may_dispatch(session, person) else "awaiting_not_dispatcher"
    return reply(key, number=ticket.number, status=STATUS_NAMES[ticket.status])


def command(session: Session, clock: Clock, rules: RoutingRules, person: Person, address: str, text: str,
            intent: str = "", photos: tuple[str, ...] = ()) -> str:
    """A staff member's message naming a ticket, carried out; the reply."""
    number = ticket_number_in(text)
    if number is None:
        return reply("no_number")
    numbers = ticket_numbers_in(text)
    if several_tickets.says_merge(text, numbers):  # T1050 跟T1049重复了 并到一起 (blind test 8, #136)
        merged = several_tickets.merge_duplicate(session, clock, rules, person, address, numbers,
                                                 on_word=not invalid_tickets.says_false_alarm(text))
        if several_tickets.was_merged(merged) or not invalid_tickets.says_false_alarm(text):
            return merged  # not merged but 误报 (T1029 误报 跟T1028一回事 关了): closed as one below (blind test 23)
    if len(numbers) > 1 and not dispatch.is_dispatch(text) and worker_command(text, intent).verb == "ack":
        return several_tickets.acknowledge_each(session, clock, rules, address, numbers)  # 收到 T1035 T1036 T1037
    if dispatch.is_dispatch(text):
        return _dispatch(session, clock, rules, person, number, address, dispatch.target_words(text))
    verb = worker_command(text, intent)
    ticket = session.scalar(select(Ticket).where(Ticket.number == number))
    if ticket is not None and ticket.status in staff_queue.AWAITING and ticket.reporter_address != address \
            and verb.verb != "details" and (invalid_tickets.says_invalid(text) or verb.verb == "resolve"):  # bt 8
        done = seen_to.resolve(session, clock, rules, person, address, ticket, text, verb.note, photos)  # bt 27, B59c
        return reply(done.kind, number=number, name="") if done else invalid_tickets.close(
            session, clock, person, ticket, verb.note)
    withdrawn = cancelling.own_withdrawal(session, clock, person, address, ticket, text, verb.verb)  # before 无效
    if withdrawn is not None:
        return withdrawn
    closed = invalid_tickets.close_assigned(session, clock, rules, person, address, ticket, text, verb)
    if closed is not None:  # blind test 9, #64, #65: "T1005 误报 是熏腊肉 关了" on an assigned emergency
        return closed
    withdrawn = cancelling.staff_withdrawal(session, clock, person, address, ticket, text, verb.verb)
    if withdrawn is not None:  # 撤销 T1014, T1014 是我发错了 撤销: a ticket they filed themselves
        return withdrawn
    if ticket is not None and ticket.status in staff_queue.AWAITING and verb.verb != "details":
        # The duty officer naming a grid or a person on a ticket waiting for one ("T1027 河畔花园",
        # "退单 T1027 在河畔花园"): that is a dispatch.
        words = dispatch.target_words(verb.note.replace("在", " "))
        if dispatch.may_dispatch(session, person) and words and dispatch.names_only_target(session, person, words):
            return _dispatch(session, clock, rules, person, number, address, words)
        if internal_notes.kept_for_staff(session, rules, person, ticket, verb.verb, text):  # bt 27, A-B86a
            return internal_notes.keep(session, clock, rules, person, address, ticket, verb.note)
        return _awaiting_reply(session, person, ticket)
    if ticket is not None and says_take_over(text) \
            and not lifecycle.may_act(session, rules, ticket, person):
        return _take_over(session, clock, person, ticket)
    if ticket is not None and ticket.assignee_id is not None and verb.verb in ("words", "start") \
            and ticket.status in OPEN_STATUSES and verb.note and not lifecycle.may_act(session, rules, ticket, person) \
            and staff_views.may_see(session, ticket, person):  # a building head's "T1004 我去看了 水还在滴"
        return supervisor_words.pass_observation(session, clock, person, ticket, verb.note)
    try:
        if supervisor_words.for_the_holder(verb.verb, text) \
                and supervisor_words.above_the_holder(session, rules, person, ticket):
            return supervisor_words.pass_to_holder(session, clock, rules, person, address, ticket, verb.note)
        if internal_notes.kept_for_staff(session, rules, person, ticket, verb.verb, text):  # bt 26, B86
            return internal_notes.keep(session, clock, rules, person, address, ticket, verb.note)
        if verb.verb == "words":
            verb = replace(verb, verb="start")  # blind test 6, #50: the holder's progress, in his own words
        return _worker_verb(session, clock, rules, verb, number, address, photos)
    except TicketError as error:
        if error.reason == "wrong_state" and error.status in staff_queue.AWAITING and ticket is not None:
            return _awaiting_reply(session, person, ticket)
        if error.reason == "not_allowed" and ticket is not None and staff_views.may_see(session, ticket, person):
            return reply("view_only", number=number, holder=holder_name(ticket))
        return reply(error.reason if error.reason in REPLIES else "not_found", number=number,
                     status=STATUS_NAMES.get(error.status or "", ""))


def _take_over(session: Session, clock: Clock, person: Person, ticket: Ticket) -> str:
    """"T1002 我来处理" from someone who does not hold it: the grid's backup worker takes it, anyone else
    is told who holds it."""
    if not is_backup_for(session, person, ticket):
        return reply("take_over_refused", number=ticket.number, holder=holder_name(ticket))
    try:
        take_over(session, clock, ticket.number, person)
    except TicketError as error:
        return reply("wrong_state", number=ticket.number, status=STATUS_NAMES.get(error.status or "", ""))
    return reply("taken_over", number=ticket.number)


def _worker_verb(session: Session, clock: Clock, rules: RoutingRules, verb, number: str,  # noqa: ANN001
                 address: str, photos: tuple[str, ...]) -> str:
    if verb.verb == "details":
        return staff_views.details(session, rules, number, address)
    if verb.verb == "return":
        reason = return_reason(verb.note)
        if not reason:  # blind test 4, #50: never "理由：未说明"; the duty officer needs it to re-dispatch
            lifecycle.check_returnable(session, rules, number, address)
            return reply("return_reason", number=number)
        _, assignee = lifecycle.return_ticket(session, clock, rules, number, address, reason)
        label = assignee_label(assignee)
        return reply("returned_rerouted", number=number, assignee=label) if label else reply("returned", number=number)
    if verb.verb == "resolve":
        done = resolving.resolve(session, clock, rules, number, address, verb.note, photo=photos[0] if photos else None)
        return reply(done.kind, number=number, name=done.person.name if done.person else "")
    if verb.verb == "start":
        lifecycle.start_work(session, clock, rules, number, address, verb.note)
        told = bool(lifecycle.progress_words(verb.note))
        return reply("start_told" if told else "start", number=number)
    said = said_with_ack(verb.note)
    holder = lifecycle.staff_member(session, address)
    ticket = session.scalar(select(Ticket).where(Ticket.number == number))
    # Blind test 8, #126 ("T1044 收到 到了 是有人在楼梯间烧纸": the words were lost) and blind test 10, #69 ("T1007
    # 收到 我马上过去 已经打了119": the reporter read "我 已经打了119"): the holder's words reach the reporter whole.
    mine = said and holder is not None and ticket is not None and holder.id == ticket.assignee_id
    told = internal_notes.told_with_ack(session, clock, rules, ticket, address, said) if mine else ""
    lifecycle.acknowledge(session, clock, rules, number, address, said=told)
    return reply("ack_told" if told else "ack", number=number)


def return_reason(note: str) -> str:
    """The reason a 退单 gives, less the words that say it is one ("退回", "退单")."""
    for word in RETURN_VERBS:
        note = note.replace(word, " ")
    return " ".join(note.split()).strip(" ，,。:：!！")


# -- a staff member's message --------------------------------------------------------------------

def staff_member(session: Session, address: str) -> Person | None:
    return lifecycle.staff_member(session, address)


def answer(session: Session, clock: Clock, rules: RoutingRules, address: str, text: str,
           photos: tuple[str, ...] = (), category: str | None = None) -> str | None:
    """The reply to a staff member's message that is a staff command, or None: not staff, or a
    message for the resident flows (a report of their own, a policy question). `category`: the
    classifier's for the problem a visit brings back (visit_desk.problem_in), when there is one."""
    person = staff_member(session, address)
    if person is None:
        return None
    visit = visit_desk.answer(session, clock, rules, person, text, category)  # 走访 H0012 …, 我的走访 (四万行动)
    if visit is not None:
        return visit
    if ticket_number_in(text) is not None and not _looks_like_report(text):
        return command(session, clock, rules, person, address, text, photos=photos)
    if staff_queue.wants_queue(text):
        return staff_queue.show_queue(session, clock, person)
    if staff_queue.is_more(text):  # the next page of a list shown lately, else the list from the top
        return staff_queue.show_queue(session, clock, person, more=True)
    if wants_menu(text):
        return menu(session, person)
    asked = return_reason_asked(session, clock, address)
    if asked is not None:  # blind test 5, #11: the reason the bot just asked for, sent alone
        return command(session, clock, rules, person, address, f"退单 {asked} {text}", photos=photos)
    return None


_ASKED_REASON = re.compile("^" + re.escape(REPLIES["return_reason"].split("{number}")[0]) + r"(T\d+)")


def return_reason_asked(session: Session, clock: Clock, address: str) -> str | None:
    """The ticket whose 退单 reason the bot asked this staff member for in its latest reply, within
    REASON_WINDOW; None when its latest reply asked something else (or nothing), or long ago."""
    latest = session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == address,
                                                        OutboxMessage.reply_to_id.is_not(None))
                            .order_by(OutboxMessage.id.desc()).limit(1))
    if latest is None or clock.now() - latest.created_at > REASON_WINDOW:
        return None
    found = _ASKED_REASON.match(latest.text)
    return found.group(1) if found else None


_REPORT_SHAPE = re.compile(r"坏了|漏水|着火|起火|冒烟|晕倒|堵了")


def _looks_like_report(text: str) -> bool:
    """A long message whose only number-like thing is a 1023号 address is a report, not a command."""
    plain = unicodedata.normalize("NFKC", text or "")
    explicit = re.search(r"(?<![A-Za-z])[Tt]\s*\d{3,}|工单|单号", plain)
    return explicit is None and _REPORT_SHAPE.search(plain) is not None


# A staff command from a number with no staff role (我是街道值班员 T1030 派给 杨艳, blind test 35, F15: 没太看懂):
# told only registered staff may, nothing changed. A resident asking where his ticket went (T1030 转到哪里去了) is not.
_STAFF_VERB = re.compile(r"派给|改派|转派|指派|派单|退单")
_CLAIMS_STAFF = re.compile(r"我是[^，,。\s]{0,4}(?:值班员|网格员|网格长|书记|主任|工作人员)")
_ASKING = re.compile(r"[?？吗嘛没哪啥咋谁]|什么|怎么|为什么|好久")


def outsider_command(text: str) -> bool:
    """Whether the words are a staff command on a ticket (T1030 派给 杨艳), as a non-staff sender may send them."""
    plain = _plain(text)
    if ticket_number_in(plain) is None or _ASKING.search(plain) is not None:
        return False
    return _STAFF_VERB.search(plain) is not None or _CLAIMS_STAFF.search(plain) is not None
