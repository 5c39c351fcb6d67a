"""Actions on tickets after they are opened: workers acknowledge, resolve or return (退单) them;
reporters ask for status, urge, rate and cancel; an emergency opens an immediate ticket.
Each action reads the tracker, calls `bot.core.lifecycle` (or `cancelling`) and utters a response from domain.yml."""

from __future__ import annotations

import re
import unicodedata

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_data
from actions.menu import answering
from actions.policy import ActionAnswerPolicy, ActionNotUnderstood, find_answer, subject_asked_again
from actions.runtime import ActionContext, context
from bot.core import (
    angry_words,
    answers,
    cancelling,
    lifecycle,
    other_problem,
    problem_match,
    rating_remarks,
    registry,
    staff_desk,
    staff_queue,
    staff_views,
    ticket_focus,
    ticket_listing,
    ticket_news,
    ticket_questions,
    triage,
    urging,
)
from bot.core.commands import ticket_number_in
from bot.core.council_dialogue import withdraw_latest
from bot.core.council_words import is_withdrawal
from bot.core.lifecycle import STATUS_NAMES, TicketError
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES, Ticket

REFUSALS = {
    "no_number": "utter_ticket_no_number",
    "not_found": "utter_ticket_not_found",
    "not_allowed": "utter_ticket_not_allowed",
    "wrong_state": "utter_ticket_wrong_state",
    "none_open": "utter_status_none",
}

def rules() -> RoutingRules:
    return context().rules


def number_of(tracker: Tracker) -> str | None:
    """The ticket number from the entity (already normalised: 工单一零二三 → 1023) or the text."""
    entity = tracker_data.entity(tracker, "ticket_id")
    return ticket_number_in(entity or "") or ticket_number_in(tracker_data.text(tracker))


def refuse(dispatcher: CollectingDispatcher, error: TicketError, number: str | None) -> None:
    dispatcher.utter_message(response=REFUSALS[error.reason], number=number or error.number or "",
                             status=STATUS_NAMES.get(error.status or "", ""))


def pending_rating(tracker: Tracker) -> int | None:
    """1, 2 or 3 when the latest message is just that digit and the sender has a ticket awaiting a
    rating (the rating request went out as a notification, so the database knows, not the tracker)."""
    text = unicodedata.normalize("NFKC", tracker_data.text(tracker)).strip(" 。.!！")
    if text not in ("1", "2", "3") or answering(tracker) not in (None, "rating"):
        return None
    with context().db.session() as session:
        return int(text) if lifecycle.awaiting_rating(session, tracker.sender_id) is not None else None


class ActionWorkerTicket(Action):
    """收到 T1023 / T1023 处理中 / T1023 已办结 路灯换好了 (+photo) / 退单 T1023 不是我们网格的 /
    T1023 派给 安居社区第1网格: the staff desk (bot/core/staff_desk.py) reads and carries it out. A
    staff member's message naming a ticket is usually answered there before the engine; this is the
    same desk when the classifier got there first."""

    def name(self) -> str:
        return "action_worker_ticket"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx = context()
        text = tracker_data.text(tracker)
        number = number_of(tracker)
        if number and ticket_number_in(text) is None:
            text = f"{number} {text}"  # the number came as an entity (工单一零二三)
        photos = tuple(str(p) for p in tracker_data.metadata(tracker).get("photos") or [])
        try:
            with ctx.db.session() as session:
                person = staff_desk.staff_member(session, tracker.sender_id)
                if person is None and number is None:  # 120打了 说10分钟到 read as 收到: never a staff prompt
                    return await _resident_words(dispatcher, tracker, domain)  # to a resident (blind test 8, #113)
                if person is None:
                    ticket = lifecycle.get_ticket(session, number)
                    if ticket.reporter_address == tracker.sender_id and URGING.search(text):
                        return await ActionUrge().run(dispatcher, tracker, domain)  # 催T1001: her own ticket
                    if ticket.reporter_address == tracker.sender_id and cancelling.says_cancel(text):
                        return await ActionCancelTicket().run(dispatcher, tracker, domain)  # 撤销 T1001: hers
                    raise TicketError("not_allowed")
                reply = staff_desk.command(session, ctx.clock, rules(), person, tracker.sender_id, text,
                                           tracker_data.intent(tracker), photos)
        except TicketError as error:
            refuse(dispatcher, error, number)
            return []
        for part in staff_views.parts(reply):  # a 详情 in parts: each its own message
            dispatcher.utter_message(text=part)
        return []


async def _resident_words(dispatcher: CollectingDispatcher, tracker: Tracker,
                          domain: DomainDict) -> list[EventType]:
    """A resident's words the classifier took for a worker's command (120打了 说10分钟到): not understood, or
    answered from the knowledge base, never a staff prompt."""
    return await ActionNotUnderstood().run(dispatcher, tracker, domain)


class ActionCheckStatus(Action):
    """All the sender's open tickets, short enough for one SMS. Staff asking get the tickets they hold
    (or, naming one, that ticket in full)."""

    def name(self) -> str:
        return "action_check_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx = context()
        with ctx.db.session() as session:
            staff = lifecycle.staff_member(session, tracker.sender_id)
            if staff is not None:
                number = number_of(tracker)
                try:
                    text = staff_views.details(session, rules(), number, tracker.sender_id) if number \
                        else staff_queue.show_queue(session, ctx.clock, staff)
                except TicketError as error:
                    refuse(dispatcher, error, number)
                    return []
                for part in staff_views.parts(text):
                    dispatcher.utter_message(text=part)
                return []
            # 垃圾那个搞得咋样了, or right after a reply about an older one: that one (blind test 7, #13); else all
            mine = lifecycle.reported_by(session, tracker.sender_id, (*OPEN_STATUSES, "resolved"))
            listed = ticket_listing.listing(mine, tracker_data.text(tracker))  # 查一下我的报事进度 (blind 10, #58)
            for part in listed or []:
                dispatcher.utter_message(text=part)
            if listed:
                return []
            focus = ticket_focus.meant(session, ctx.clock, tracker.sender_id, mine, tracker_data.text(tracker))
            if focus is not None and (focus is not mine[0] or ticket_focus.by_words(mine, tracker_data.text(tracker))):
                dispatcher.utter_message(text=ticket_questions.status_reply(session, focus))
                return []
            if len(mine) == 1 and (ticket_news.has_news(session, mine[0]) or mine[0].status == "reopened"):
                # 路灯那个搞得咋样了, of one (maybe merged) ticket being worked: its state and the latest progress,
                # never "T1011 处理中" alone (blind test 9, #60); reopened: why it is done again (blind test 34, L1)
                dispatcher.utter_message(text=ticket_questions.status_reply(session, mine[0]))
                return []
            lines = lifecycle.status_lines(session, tracker.sender_id)
        if not lines and _asked_of_an_answer(tracker):
            # 好久都莫得物业了 到底哪个来管嘛, nothing of theirs open: a question, answered (blind test 27, B9);
            # 我们那一批到底啥时候发嘛 after the relocation allowance's answer: asked of it (blind test 35, B7)
            return await ActionAnswerPolicy(after_answer=True).run(dispatcher, tracker, domain)
        if not lines:
            dispatcher.utter_message(response="utter_status_none")
        else:
            dispatcher.utter_message(response="utter_status", lines="；".join(lines[:4]),
                                     more=f"等{len(lines)}件" if len(lines) > 4 else "")
        return []


URGING = re.compile(r"催")


def _asked_of_an_answer(tracker: Tracker) -> bool:
    """Whether the words are a question the knowledge base answers, or one asked of the answer just given (never
    "您目前没有在办的工单" to someone with no ticket asking after a policy, blind test 35, B7)."""
    text = tracker_data.text(tracker)
    return find_answer(tracker, text) is not None or subject_asked_again(tracker, text) is not None


def impatient_policy_question(ctx: ActionContext, tracker: Tracker, text: str) -> bool:
    """Whether an "urge" is a policy question asked impatiently (blind test 8, #8, #144), or right after its
    answer (我们那一批到底啥时候发嘛, blind test 35, B7: 没有在办的工单): the knowledge base answers it and none of the
    sender's open tickets is about its subject (a call-back ticket about 搬迁补助 is urged)."""
    found = find_answer(tracker, text) or subject_asked_again(tracker, text)
    if found is None:
        return False
    with ctx.db.session() as session:
        mine = lifecycle.reported_by(session, tracker.sender_id, OPEN_STATUSES)
        return not any(keyword in t.text for t in mine for keyword in found.entry.keywords)


URGED_LATEST = "已催办最新的工单{number}。您还有{others}在办，要催请回“催{other}”。"


class ActionUrge(Action):
    """催办: recorded, the assignee reminded; repeated urging escalates (in the core)."""

    def name(self) -> str:
        return "action_urge"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx, number, text = context(), number_of(tracker), tracker_data.text(tracker)
        if number is None and other_problem.announces_report(text):
            # 我要反映 好久没得人来收垃圾了: a report of its own, never an urge of the sender's other ticket (#N27)
            return [FollowupAction("action_unsure")]  # it files a message naming a problem as a report
        if number is None and angry_words.left_unattended(text) and not _about_one_of_theirs(ctx, tracker.sender_id,
                                                                                            text):
            # 发了八百遍了 到底有没有人管 安居苑路灯, with no open report of theirs about it: a report (blind test 28)
            return [FollowupAction("action_unsure")]
        if number is None and impatient_policy_question(ctx, tracker, text):
            # 搬迁补助到底好久发得下来 等了半年了: impatience about a policy, never an urge on an unrelated ticket
            return await ActionAnswerPolicy(after_answer=True).run(dispatcher, tracker, domain)
        if number is None and urging.only_asks(text) and _has_open(ctx, tracker.sender_id):
            # 防水要等好久嘛, 他到底是不是网格员嘛: asked, nothing pressed: its state, never 已催办 (blind test 31)
            return await ActionCheckStatus().run(dispatcher, tracker, domain)
        try:
            with ctx.db.session() as session:
                mine = lifecycle.reported_by(session, tracker.sender_id, OPEN_STATUSES)
                # The words' ticket, the one urged last (再催), the one the conversation is about when not the newest
                # (blind test 7, #13); else the newest, and the reply names the others.
                talked = ticket_focus.meant(session, ctx.clock, tracker.sender_id, mine, "")
                meant = number or _number(ticket_focus.by_words(mine, text) if len(mine) > 1 else None) or \
                    urging.urged_again(session, ctx.clock, mine, text) or \
                    _number(talked if talked is not None and talked is not mine[0] else None)
                ticket = lifecycle.urge(session, ctx.clock, rules(), tracker.sender_id, meant, text=text)
                number, reply = ticket.number, urging.urged_reply(session, ticket)
                others = [t.number for t in lifecycle.reported_by(session, tracker.sender_id, OPEN_STATUSES)
                          if t.number != number]
        except TicketError as error:
            refuse(dispatcher, error, number)
            return []
        if meant is None and others:  # 催一下 with several open: say which, and how to urge another
            dispatcher.utter_message(text=URGED_LATEST.format(number=number, others="、".join(others[:3]),
                                                              other=others[0]))
            return []
        if reply != urging.URGED.format(number=number):  # again, or raised to 片区督办: said (blind test 25, R5)
            dispatcher.utter_message(text=reply)
            return []
        dispatcher.utter_message(response="utter_urged", number=number)
        return []


def _has_open(ctx: ActionContext, sender: str) -> bool:
    with ctx.db.session() as session:
        return bool(lifecycle.reported_by(session, sender, OPEN_STATUSES))


def _about_one_of_theirs(ctx: ActionContext, sender: str, text: str) -> bool:
    """Whether a thing the words name is one an open report of the sender's is about (路灯 after their 路灯 report)."""
    things = problem_match.objects_in(text)
    with ctx.db.session() as session:
        return any(things & problem_match.objects_in(t.text or "")
                   for t in lifecycle.reported_by(session, sender, OPEN_STATUSES))


def _number(ticket: Ticket | None) -> str | None:
    return ticket.number if ticket is not None else None


class ActionRateService(Action):
    """1 满意 2 基本满意 3 不满意 (or the words) for the ticket awaiting a rating."""

    def name(self) -> str:
        return "action_rate_service"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx = context()
        found = answers.rating_in(tracker_data.text(tracker))
        score, reason = (found.score, found.reason) if found is not None else (None, "")
        with ctx.db.session() as session:
            waiting = lifecycle.awaiting_rating(session, tracker.sender_id, tracker_data.text(tracker))
            if waiting is None:
                redone = lifecycle.reported_by(session, tracker.sender_id, ("reopened",))
                if redone:  # 一般般嘛 after another reporter's rating reopened it (blind test 22, #72): say why
                    dispatcher.utter_message(text=rating_remarks.STILL_WORKING.format(number=redone[0].number))
                    return []
                if answers.rating_in(tracker_data.text(tracker)) is None \
                        and triage.information_request(tracker_data.text(tracker)) == "question":
                    # 垃圾分类咋个分嘛: 分 read as a score; asked, nothing to rate: answered (blind test 29)
                    return await ActionAnswerPolicy().run(dispatcher, tracker, domain)
                dispatcher.utter_message(response="utter_nothing_to_rate")
                return []
            number = waiting.number
            if score is None:
                dispatcher.utter_message(response="utter_ask_rating", number=number)
                return []
            ticket = lifecycle.rate(session, ctx.clock, rules(), tracker.sender_id, score, number, reason)
            reopened = ticket.status == "reopened"
        concern = None if reopened else rating_remarks.closed_reply(number, reason)
        if concern is not None:  # 2 管子是换了 但是天花板泡坏了哪个赔: passed on, an answer to come (blind test 8, #96)
            dispatcher.utter_message(text=concern)
            return [SlotSet("last_ticket", number)]
        dispatcher.utter_message(response="utter_rated_reopened" if reopened else "utter_rated_closed", number=number)
        return [SlotSet("last_ticket", number)]


ASK_CANCEL = "您是要撤销刚反映的问题吗？要撤销请回复“撤销”。"
CONFIRM_CANCEL = "要撤销工单{number}吗？请回复“撤销 {number}”。"


def _ask_cancel(address: str, text: str) -> str:
    """"撤销T1016（3栋背后垃圾）吗？" when the words point at one open ticket, else the plain question."""
    with context().db.session() as session:
        tickets = lifecycle.reported_by(session, address, cancelling.CANCELLABLE)
        meant = cancelling.cancel_meant(tickets, text) if tickets else None
        ticket = next((t for t in tickets if t.number == meant), None)
        return cancelling.confirm_named(ticket, text) if ticket is not None else ASK_CANCEL


class ActionCancelTicket(Action):
    """The reporter withdraws their latest ticket (or the one named) before work starts. A worker's
    退单 that the NLU read as cancel is handed to the worker action."""

    def name(self) -> str:
        return "action_cancel_ticket"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if "退单" in tracker_data.text(tracker):
            return await ActionWorkerTicket().run(dispatcher, tracker, domain)
        if is_withdrawal(tracker_data.text(tracker)) and self._withdraw_ballot(dispatcher, tracker):
            return []  # 撤回投票 / 我那票不算了: the ballot, never a report
        ctx, number = context(), number_of(tracker)
        if number is None and not cancelling.says_cancel(tracker_data.text(tracker)):
            # "那个" read as cancel: ask, never withdraw a report on it; naming the one the words point at
            dispatcher.utter_message(text=_ask_cancel(tracker.sender_id, tracker_data.text(tracker)))
            return []
        try:
            with ctx.db.session() as session:
                try:
                    number = cancelling.cancel(session, ctx.clock, tracker.sender_id, number,
                                              text=tracker_data.text(tracker)).number
                except TicketError as error:
                    if error.reason == "not_named":  # 窗户那个算了 with no 窗户 open: nothing withdrawn (blind 28)
                        dispatcher.utter_message(text=cancelling.not_named(session, tracker.sender_id))
                        return []
                    if error.reason != "which":
                        raise
                    dispatcher.utter_message(text=cancelling.which_to_cancel(session, tracker.sender_id))
                    return []  # several open, none named: never the latest on a guess (blind test 5, #81)
        except TicketError as error:
            if error.reason == "confirm":
                dispatcher.utter_message(text=CONFIRM_CANCEL.format(number=error.number))
            elif error.reason == "wrong_state":
                dispatcher.utter_message(response="utter_cannot_cancel", number=error.number)
            elif error.reason == "none_open":
                # never "已取消" when nothing was; "没有记成工单" when the words say it was no report
                dispatcher.utter_message(text=cancelling.nothing_to_cancel(tracker_data.text(tracker)))
            else:
                refuse(dispatcher, error, number)
            return []
        dispatcher.utter_message(response="utter_ticket_cancelled", number=number)
        return []

    @staticmethod
    def _withdraw_ballot(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
        ctx = context()
        with ctx.db.session() as session:
            voter = registry.person_by_address(session, tracker.sender_id)
            if voter is None or voter.kind != "resident":
                return False
            dispatcher.utter_message(text=withdraw_latest(session, ctx.clock, voter, tracker_data.text(tracker)))
        return True
