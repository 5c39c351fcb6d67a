"""`AfterReport`: what `DialogueContext` does with the words a reporter sends right after a report or an answer
(bot/core/after_report.py and bot/core/chatter.py decide by the words; blind test 8): a withdrawal withdraws that
report, a plea is told who has it, a remark with a question joins the report and leaves the question to the
worker, "that was a detail" puts an extra ticket back into the report, news that help is coming reaches everyone
an emergency alerted, and a remark after a question just answered is noted, never filed."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from bot.app.dialogue_look import Look
from bot.common.clock import Clock
from bot.core import (
    after_report,
    cancelling,
    chatter,
    corrections,
    emergency_updates,
    followups,
    lifecycle,
    residence,
)
from bot.messaging.ports import Claimed, Replies
from bot.store.db import Database
from bot.store.models import Ticket

Classify = Callable[[str], Awaitable[dict[str, Any]]]
# follow_up_reading.read_follow_up's readings acted on here
READINGS = frozenset({"withdraw", "worker", "what_now", "detail_asked", "person_asked"})
WITHDRAWN = "好的，工单{number}已撤销。"  # as utter_ticket_cancelled
SOLVED_TOLD = "好的，工单{number}已撤销，已告诉承办人不用再去了。"
# What the classifier makes of a remark after an answer (房东是安居苑的 was a 【消防安全】 report): never a ticket.
REMARK_INTENTS = frozenset({"report_issue", "nlu_fallback", "out_of_scope", "register", "affirm", "deny",
                            "ask_policy"})


class AfterReport:
    def __init__(self, db: Database, clock: Clock, *, classify: Classify | None, followup_window: timedelta,
                 answer_window: timedelta) -> None:
        self.db = db
        self.clock = clock
        self.classify = classify
        self.followup_window = followup_window
        self.answer_window = answer_window

    def act(self, s: Session, message: Claimed, ticket: Ticket, reading: str, text: str) -> Replies | None:
        """The reply for a reading of `READINGS` about the open report `ticket`; None: the engine's to answer."""
        if reading == "withdraw":  # 算了 不报了 (blind test 8, #13): this report, never "which one?"
            done = after_report.withdrawn_since(s, message.sender, ticket.created_at)
            if done is not None:  # 都不是 撤了嘛 after it was withdrawn: nothing more
                return [{"text": WITHDRAWN.format(number=done.number)}]
            # 是的 撤销 after "撤销T1016（3栋背后垃圾）吗？", or words naming an older one (blind test 22, #59)
            number = cancelling.withdrawal_meant(s, self.clock, message.sender, text)
            if number is None and cancelling.asked_which(s, self.clock, message.sender):
                # 是的 撤销 after "撤销哪件？": no choice, asked again, never the first listed (blind test 23, #R59)
                return [{"text": cancelling.which_to_cancel(s, message.sender)}]
            if number is None and cancelling.names_none([ticket], text):
                # 垃圾那个不要了 with only the leak open: never the leak withdrawn (blind test 24)
                return [{"text": cancelling.not_named(s, message.sender)}]
            number = number or ticket.number
            meant = lifecycle.get_ticket(s, number)
            if meant.reporter_address != message.sender:  # their report merged into someone else's (blind test 24)
                return [{"text": cancelling.stop_following(s, self.clock, message.sender, meant, text)}]
            try:
                cancelling.cancel(s, self.clock, message.sender, number, text=text)
            except lifecycle.TicketError:
                return None
            return [{"text": WITHDRAWN.format(number=number)}]
        if reading == "person_asked":  # 那个狗主人是哪家嘛: the worker asked, no one's details (blind test 33, B19)
            return [{"text": after_report.person_asked(s, ticket, text)}]
        if reading == "worker":  # 麻烦网格员去看一哈嘛 (#59)
            return [{"text": after_report.worker_has_it(s, ticket)}]
        followups.add_detail(s, self.clock, ticket, text, message.sender, message.id)  # 是不是在修管子哦 (#85)
        if reading == "what_now":  # 满屋都是 咋个办: what to do meanwhile, the words on it (blind test 33, B100)
            return [{"text": after_report.what_now(s, ticket)}]
        return [{"text": after_report.detail_asked(s, ticket)}]

    def solved(self, message: Claimed, text: str, number: str | None = None) -> Replies | None:
        """3栋背后垃圾那个不用来了 物业已经拉走了 (blind test 22, #59): the open ticket the words name (or `number`) is
        withdrawn and its holder told not to come, whichever report came last; None when the words name none."""
        with self.db.session() as s:
            tickets = lifecycle.reported_by(s, message.sender, cancelling.CANCELLABLE)
            number = number or (cancelling.cancel_meant(tickets, text) if tickets else None)
            if number is None:  # 车找到了 不用你们管了 again, once withdrawn: said so (blind test 31, R17b)
                again = cancelling.withdrawn_lately(s, self.clock, message.sender, text)
                return [{"text": cancelling.ALREADY_WITHDRAWN.format(number=again)}] if again is not None else None
            meant = next(t for t in tickets if t.number == number)
            if meant.reporter_address != message.sender:  # 2栋门口垃圾那个不用来了, merged into another's (bt 24)
                return [{"text": cancelling.stop_following(s, self.clock, message.sender, meant, text)}]
            try:
                ticket = cancelling.cancel(s, self.clock, message.sender, number, text=text)
            except lifecycle.TicketError:
                return None
            return [{"text": (SOLVED_TOLD if ticket.assignee is not None else WITHDRAWN).format(number=number)}]

    def emergency_news(self, message: Claimed, text: str) -> Replies | None:
        """120打了 说10分钟到 soon after the sender's emergency: everyone alerted hears it (blind test 8, #113: it
        got the staff's "请带上工单号")."""
        if not after_report.help_coming(text):
            return None
        with self.db.session() as s:
            ticket = emergency_updates.recent_emergency(s, self.clock, message.sender, self.followup_window)
            if ticket is None:
                return None
            emergency_updates.add_update(s, self.clock, ticket, text, message.sender, message.id)
            return [{"text": after_report.HELP_COMING_ACK}]

    async def read(self, message: Claimed, look: Look, text: str) -> Replies | None:
        """"That was a detail" after the bot filed a second ticket, or a remark after a question just answered
        (while the bot asks nothing: 麻烦你们打给我 answers its "回复1，请工作人员给您回电")."""
        if look.open_report is not None and after_report.says_was_detail(text):
            return await asyncio.to_thread(self._was_detail, message, look.open_report)
        if look.open_report is None and look.question is None and chatter.remark(text) \
                and not after_report.acknowledges(text) \
                and not cancelling.says_cancel(text):
            return await self._remark(message, text)
        return None

    def _was_detail(self, message: Claimed, number: str) -> Replies:
        """后面那个是补充的 不是新的 (blind test 8, #70): the newest ticket goes back into the one before it."""
        with self.db.session() as s:
            merged = corrections.merge_back(s, self.clock, message.sender, message.id)
        return [{"text": merged or after_report.ALREADY_IN.format(number=number)}]

    async def _remark(self, message: Claimed, text: str) -> Replies | None:
        """房东是安居苑的 right after 外地人租房子要去哪点登记 was answered (blind test 8, #80): noted, no ticket;
        我住河畔花园 right after the grid worker's number was asked for: that place's grid worker (bt 25, A30)."""
        answered, contact = await asyncio.to_thread(self._answered_before, message, text)
        if contact is not None:
            return [{"text": contact}]
        if not answered:
            return None
        if self.classify is not None:
            intent = str(((await self.classify(text)).get("intent") or {}).get("name") or "")
            if intent not in REMARK_INTENTS:
                return None
        return [{"text": chatter.NOTED}]

    def _answered_before(self, message: Claimed, text: str) -> tuple[bool, str | None]:
        """(whether a question was just answered, the grid worker's contact when it asked for one and the words
        name a place)."""
        with self.db.session() as s:
            row = chatter.answered_just_before(s, message.channel, message.sender, message.id,
                                               self.clock.now() - self.answer_window)
            return row is not None, residence.contact_asked_before(s, row.text if row else None, text)
