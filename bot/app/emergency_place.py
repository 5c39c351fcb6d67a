"""The answer to "where?" after an emergency without a place, put onto that emergency before the engine reads it
(a step the app adds to the channels' inbound steps, like those in bot/app/steps.py)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from bot.common.clock import Clock
from bot.core import (
    emergencies,
    emergency_context,
    emergency_followups,
    emergency_updates,
    followups,
    registration,
    triage,
)
from bot.core.routing_rules import RoutingRules
from bot.messaging.ports import Claimed, Replies
from bot.store.db import Database

# Intents that, when the engine is this sure of them, say a message is not the answer to "where?".
SURE_OTHER_INTENTS = frozenset({"check_status", "urge", "cancel", "vote", "ask_topics", "ask_points", "ask_policy",
                                "register", "propose_topic", "rate_service", "greet", "goodbye", "thank", "help"})
SURE_CONFIDENCE = 0.8


class EmergencyPlace:
    """The answer to "where?" after an emergency without a place goes onto that emergency, before the
    classifier can read it as a new report (context before classification). A message that does not
    read as a place goes on to the engine as usual: a question or a request ("帮我查一下阳光小区1栋101那家的
    电话", blind test 5, #89), a long sentence, or what the engine (`parse`, when given) is sure is something
    else; but a worried question while "where?" stands ("你们好久能到嘛") is calmed, told to call first and
    asked the place again (`emergencies.calm_reply`), and the place that follows still answers it; a question about
    another ticket or a person (师傅啥子时候来嘛, 张涛是哪个嘛, blind test 24) goes on to be answered as ever. Someone
    shut in the lift (我儿子关在里面) is more of its emergency, for the dialogue, never its place; "at home" (我在家的
    就是我们那栋) after an emergency sent to the registered home keeps that address (blind test 28)."""

    def __init__(self, db: Database, clock: Clock,
                 parse: Callable[[str], Awaitable[dict[str, Any]]] | None = None, *,
                 rules: RoutingRules | None = None, window: timedelta = timedelta(minutes=30)) -> None:
        self.db = db
        self.clock = clock
        self.parse = parse
        self.rules = rules
        self.window = window  # an emergency this recent is the one a question may be about

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        if "lat" not in message.payload and emergency_followups.never_a_place(message.text):
            if emergency_updates.says_over(message.text):
                return message  # 医院说没得大问题 谢谢: an update (blind test 23, N47)
            # 他穿灰色外套 河畔花园的 (blind test 27, A53): the estate is the place, how he looks goes onto it;
            # 他穿的蓝色棉袄 alone is a detail (blind test 23, N14)
            return await self._with_detail(message) or message
        placed = await self._with_detail(message) or await self._place(message)
        if placed is not None:
            return placed
        asks = emergencies.anxious(message.text) or emergencies.asks_aside(message.text)
        if "lat" not in message.payload and asks and not emergency_updates.says_over(message.text) \
                and not await asyncio.to_thread(self._about_else, message.sender, message.text) \
                and (emergencies.worried(message.text) or not await self._something_else(message.text)):
            # 你们好久能到嘛, 帮我查一下最近的医院在哪点 while "where?" stands (blind test 7, #68; blind test 9, #33):
            # calmed, told to call and asked again, never the menu; a bare question the engine is sure is another
            # request (居家养老咋个申请嘛: ask_policy) goes on (blind test 30)
            calm = await asyncio.to_thread(self._calm, message.sender, message.text)
            if calm is not None:
                return [{"text": calm}]
        return message

    async def _place(self, message: Claimed) -> Replies | None:
        point = "lat" in message.payload
        if not point and not emergencies.answers_where(message.text):
            return None  # no query for what cannot be an answer to "where?"
        if triage.has_problem(message.text):
            return None  # a problem of its own (楼上水管爆了 after a gas report, blind test 4, #9), not a place
        if not await asyncio.to_thread(self._awaited, message.sender):
            return None
        if not point and await self._something_else(message.text):
            return None
        reply = await asyncio.to_thread(self._answer, message)
        return [{"text": reply}] if reply is not None else None

    def _about_else(self, sender: str, text: str) -> bool:
        with self.db.session() as s:
            return emergency_context.about_else(s, self.clock, sender, text, self.window)

    def _calm(self, sender: str, text: str) -> str | None:
        with self.db.session() as s:
            return emergencies.calm_reply(s, self.clock, self.rules, sender, text)

    async def _with_detail(self, message: Claimed) -> Replies | None:
        """The place with words of its own ("安居苑5栋2单元 三楼冒烟", blind test 8, #16 and #117; "他有老年痴呆
        住阳光小区的", blind test 25, A3): the place alone onto the emergency and the words along, never a second,
        ordinary ticket, 没太看懂, nor the whole sentence as the place. A place alone is a plain answer (below)."""
        text = message.text
        if "lat" in message.payload or not emergencies.could_be_place(text):
            return None
        found = await asyncio.to_thread(self._split, message.sender, text)
        if found is None or not found[1]:
            return None  # no place in it, or a place alone: a plain answer to "where?" (below)
        if emergencies.answers_where(text) and not triage.has_problem(text) and (
                not emergency_followups.says_more(found[1]) or await self._something_else(text)):
            return None  # "安居苑5栋 三楼", "河滨社区3栋" are all the place (below); a request of its own is none
        reply = await asyncio.to_thread(self._answer_with_detail, message, found)
        return [{"text": reply}] if reply is not None else None

    def _split(self, sender: str, text: str) -> tuple[str, str] | None:
        with self.db.session() as s:
            ticket = emergencies.awaiting_place(s, self.clock, sender)
            return emergency_followups.place_with_detail(text, ticket, s) if ticket is not None else None

    def _answer_with_detail(self, message: Claimed, found: tuple[str, str]) -> str | None:
        with self.db.session() as s:
            ticket = emergencies.awaiting_place(s, self.clock, message.sender)
            if ticket is None:
                return None
            return emergencies.give_place(s, self.clock, ticket, found[0], rules=self.rules, detail=found[1])

    def _awaited(self, sender: str) -> bool:
        with self.db.session() as s:
            return emergencies.awaiting_place(s, self.clock, sender) is not None

    async def _something_else(self, text: str) -> bool:
        """Whether the engine is sure the message is a request of its own (a status check, a vote, a policy
        question), not a place. With no engine, or when it is down, the words alone decide."""
        if self.parse is None:
            return False
        try:
            intent = (await self.parse(text)).get("intent") or {}
        except Exception:  # the engine is down: the place is not worth losing
            return False
        name = str(intent.get("name") or "")
        if name == "register" and registration.bare_address(text):
            return False  # 河畔花园2栋1单元301 is the place, never a number change (blind test 25, E2 and Z4)
        return name in SURE_OTHER_INTENTS and float(intent.get("confidence") or 0.0) >= SURE_CONFIDENCE

    def _answer(self, message: Claimed) -> str | None:
        with self.db.session() as s:
            ticket = emergencies.awaiting_place(s, self.clock, message.sender)
            if ticket is None:
                return None
            lat, lon = message.payload.get("lat"), message.payload.get("lon")
            has_point = isinstance(lat, int | float) and isinstance(lon, int | float)
            if not has_point and emergencies.names_no_place(s, message.text):
                return emergencies.PLACE_UNKNOWN_ASKED  # 我也不晓得几栋 我在外面路过听到喊 (blind test 30, A32b)
            if not has_point and emergencies.says_at_home(message.text):  # 我在家的 就是我们那栋 (blind test 28)
                # the registered home kept, else which estate and building (blind test 29, A32)
                return emergencies.kept_at_home(s, self.clock, ticket, self.rules) or emergencies.HOME_ASKED
            if not has_point and (not emergencies.reads_as_place(s, message.text)
                                  or emergency_followups.shut_in_unplaced(s, message.text, ticket)):
                return None  # 我儿子关在里面 after 电梯不动了: more of it, for the dialogue (blind test 28, A12)
            place = emergencies.spoken_place(message.text.strip())  # 我们是河畔花园3栋的: 河畔花园3栋 (blind test 27)
            if has_point and place in followups.BARE_WORDS:
                place = ""  # a location alone ("我在这"): told as its grid and point (give_place)
            return emergencies.give_place(s, self.clock, ticket, place, *((lat, lon) if has_point else (None, None)),
                                          rules=self.rules)
