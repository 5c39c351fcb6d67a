"""Inbound steps that reach into the core, added to the channels' steps by the app (messaging and
the channels know nothing of the core's registry)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import (
    answers,
    asked_each,
    chatter,
    emergency_updates,
    lifecycle,
    promise_asked,
    registration,
    registry,
    return_questions,
    staff_desk,
    staff_views,
    staff_who,
    ticket_news,
    ticket_questions,
    triage,
    urging,
    visit_desk,
    when_collected,
)
from bot.core.commands import ticket_number_in
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES
from bot.engine.parse import category_of
from bot.messaging.ports import Claimed, Replies
from bot.store.db import Database


class RememberChannel:
    """A registered person is reached where they last wrote from: an SMS from their number, or a
    message from their linked Telegram account, makes that channel their notification channel."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        await asyncio.to_thread(self._remember, message.channel, message.sender)
        return message

    def _remember(self, channel: str, sender: str) -> None:
        with self.db.session() as s:
            registry.remember_channel(s, sender, channel)


STAFF_MENU_INTENTS = ("nlu_fallback", "out_of_scope", "greet", "help")
STAFF, RESIDENT = "staff", "resident"  # the sender's role told the engine (Claimed.role)


def from_staff(session: Session, message: Claimed) -> bool:
    """Whether staff sent it: the role the staff desk found this turn (one registry lookup a turn), else the
    registry's answer (a step run without the desk before it)."""
    if message.role is not None:
        return message.role == STAFF
    return staff_desk.staff_member(session, message.sender) is not None


class StaffDesk:
    """Who is speaking decides before the classifier: a staff member's message naming a ticket is a
    command on it, 我的工单/更多 their list, help words their menu (bot/core/staff_desk.py). With a
    `parse` (the engine's), what else a staff member sends that the classifier cannot place (or that
    is a greeting or a plea for help) gets the staff menu too, never the residents', as does a colleague's chat
    (兄弟 晚上一起吃火锅不) and a "report" with no ticket number and no problem in it. Anything else,
    and everything from residents, goes on to the engine with the sender's role it found (Claimed.role: "staff" for a
    staff entry or anyone holding a staff role, "resident" for everyone else, unknown numbers too), so the registry is
    asked once a turn."""

    def __init__(self, db: Database, clock: Clock, rules: RoutingRules,
                 parse: Callable[[str], Awaitable[dict[str, Any]]] | None = None) -> None:
        self.db = db
        self.clock = clock
        self.rules = rules
        self.parse = parse

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        if not message.text.strip():
            staff_member = await asyncio.to_thread(self._is_staff, message.sender)
            return replace(message, role=STAFF if staff_member else RESIDENT)
        photos = tuple(str(p) for p in message.payload.get("photos") or [])
        category = await self._category(visit_desk.problem_in(message.text))
        reply, staff = await asyncio.to_thread(self._answer, message.sender, message.text, photos, category)
        if reply is not None:  # a 详情 in parts: each its own message (staff_views.PART_BREAK)
            return [{"text": part} for part in staff_views.parts(reply)]
        if staff is None:
            if staff_desk.outsider_command(message.text):  # 我是街道值班员 T1030 派给 杨艳 (blind test 35, F15)
                return [{"text": staff_desk.reply("outsider_command")}]
            return replace(message, role=RESIDENT)
        if chatter.meant_for_someone_else(message.text):
            return [{"text": staff}]  # 兄弟 晚上一起吃火锅不: a colleague's chat, never a report (blind test 8, #65)
        message = replace(message, role=STAFF)
        if self.parse is None:
            return message
        try:
            intent = ((await self.parse(message.text)).get("intent") or {}).get("name")
        except Exception:  # the engine is down: its turn will wait and retry, the menu is not worth it
            return message
        if intent in STAFF_MENU_INTENTS or (intent == "report_issue" and not triage.has_problem(message.text)
                                            and ticket_number_in(message.text) is None):
            return [{"text": staff}]  # no ticket number and no problem: the staff menu, never the residents' flows
        return message

    def _is_staff(self, sender: str) -> bool:
        with self.db.session() as s:
            return staff_desk.staff_member(s, sender) is not None

    async def _category(self, problem: str) -> str | None:
        """The classifier's category for a problem a visit brings back (走访 H0008 反映 楼道灯坏了), else None
        (no problem, no engine, or it is down: the core decides by the words)."""
        if not problem or self.parse is None:
            return None
        try:
            return category_of(await self.parse(problem))
        except Exception:  # the engine is down: the visit is still recorded
            return None

    def _answer(self, sender: str, text: str, photos: tuple[str, ...],
                category: str | None = None) -> tuple[str | None, str | None]:
        """(the reply to a staff command, or None; the staff menu when the sender is staff, else None)."""
        with self.db.session() as s:
            person = staff_desk.staff_member(s, sender)
            if person is None:
                return None, None
            return (staff_desk.answer(s, self.clock, self.rules, sender, text, photos, category),
                    staff_desk.menu(s, person))


class AboutTheirTickets:
    """A resident's words about a ticket of theirs, before the classifier can file them as a new report or an
    unknown question (blind test 8): when someone comes (屋顶那个好久来修), where it went (垃圾那个转到哪里去了), who
    the new name is (张涛是哪个) are answered with its state (bot/core/ticket_questions.py), and a staff member on none
    of theirs with their role and grid (blind test 24, B70); a name said soon after
    asking to change one's number (我叫王秀英) goes onto that verification task (bot/core/registration.py). A question
    that urges too (电梯那个转到哪里去了 咋个还莫得人来, blind test 9, #50) is answered and the holder urged, with
    `rules`. Staff messages, numbered answers and everything else go on."""

    def __init__(self, db: Database, clock: Clock, window: timedelta, rules: RoutingRules | None = None) -> None:
        self.db = db
        self.clock = clock
        self.window = window
        self.rules = rules

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        text = message.text.strip()
        if not text or message.payload.get("context_read") or answers.choice_number(text) is not None:
            return message
        if ticket_questions.kind_of(text) is None and registration.name_said(text) is None:
            return message
        reply = await asyncio.to_thread(self._answer, message, text)
        if isinstance(reply, list):  # 树枝锯了没得 信报箱那个呢: each ticket asked after (blind test 31, A-B187)
            return [{"text": part} for part in reply]
        if reply is None and when_collected.asks_when_collected(text):
            # 好久来收嘛 with nothing of theirs open: rubbish uncollected reported, where asked (blind test 26, A54);
            # the ticket keeps only the words the resident typed
            said, own = when_collected.uncollected_report(text)
            return replace(message, text=said, payload={**message.payload, **own})
        return [{"text": reply}] if reply is not None else message

    def _answer(self, message: Claimed, text: str) -> str | list[str] | None:
        with self.db.session() as s:
            if from_staff(s, message):
                return None
            named = registration.add_name(s, self.clock, message.sender, text, message.id, self.window)
            if named is not None:
                return named
            each = asked_each.asked_each(s, self.clock, message.sender, text, self.window) \
                if not urging.urges(text) else []
            if each:
                return asked_each.answers(s, each)
            asked = ticket_questions.asked_about(s, self.clock, message.sender, text, self.window)
            if asked is not None and asked.kind == "when" and ticket_number_in(text) is None \
                    and promise_asked.about_another(s, asked.ticket, text):
                asked = None  # 医生明天几点来嘛 with a 墙皮 ticket promised: its own question (issue 17)
            if asked is None:  # 张涛是哪个嘛 about no ticket of theirs: who he is on the staff (blind test 24, B70)
                return staff_who.staff_asked_about(s, text)
            # 太慢了 urges too (blind test 29, B95); so does 还是莫得盖子 after a done-yet question when nobody has
            # said a word on the ticket yet (blind test 32, L6); with the worker's words, they are what it gets (L16)
            # 灯还是黑的 有人来看过没得 after a reopening: asked whether anyone came, still broken (blind test 35, RT3)
            pressed = (asked.done_yet or asked.kind == "status") and return_questions.still_broken(text) \
                and not ticket_news.has_news(s, asked.ticket)
            urged = self.rules is not None and (urging.urges(text) or asked.slow or pressed) \
                and asked.ticket.status in OPEN_STATUSES
            if urged:
                assert self.rules is not None
                lifecycle.urge(s, self.clock, self.rules, message.sender, asked.ticket.number,
                               text=ticket_questions.urge_words(text))
            promised = promise_asked.passed_on(s, asked.ticket, text) \
                if not urged and asked.kind == "when" and ticket_questions.asks_hour(text) else None
            answer = promised or ticket_questions.answer(s, asked, urged=urged)  # (blind test 35, E1)
            # 人早就出来了 电梯好久修得好: the all-clear to everyone alerted too, then the answer (blind test 35, M8n)
            cleared = emergency_updates.all_clear_beside(s, self.clock, asked.ticket, text, message.sender,
                                                         message.id)
            return [cleared, answer] if cleared is not None else answer
