"""The inbound step that reads a resident's message as part of a vote conversation before the engine
classifies it (context before classification): the answer to the vote question the bot just asked, a
ballot for a family member, taking a ballot back, a bare number answering a topic's notice. What it
does not take goes on to the engine; a lone 一/二/③ goes on as the digit, so menus read it too."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

from bot.common.clock import Clock
from bot.core import (
    council_asides,
    council_ballot_asked,
    council_dialogue,
    council_questions,
    council_status,
    council_turn,
    points,
    registry,
)
from bot.core.council_words import bare_number
from bot.messaging.ports import Claimed, Replies
from bot.store.db import Database

# A vote message is short; a longer one (a report, a question) is left to the engine without a query,
# unless a vote question is waiting for this sender (then it is read as the answer, or dropped).
MAX_VOTE_CHARS = 60


class CouncilTurn:
    def __init__(self, db: Database, clock: Clock, *, window: timedelta = council_dialogue.QUESTION_WINDOW,
                 rules: points.PointRules = points.DEFAULT_RULES) -> None:
        self.db = db
        self.clock = clock
        self.window = window
        self.rules = rules

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        if not message.text.strip():
            return message  # a photo or a location alone
        replies = await asyncio.to_thread(self._read, message)
        if replies:
            return [{"text": reply} for reply in replies]
        number = bare_number(message.text)
        if number is not None and message.text.strip() != str(number):
            return replace(message, text=str(number))  # 二, ②, 第二个: the engine reads the digit
        return message

    def _read(self, message: Claimed) -> list[str] | None:
        with self.db.session() as s:
            person = registry.person_by_address(s, message.sender)
            if person is None or person.kind != "resident":
                return None
            if len(message.text) > MAX_VOTE_CHARS:
                council_dialogue.forget(s, person)
                return None
            if council_asides.drops_proposal_asked(s, message.sender, message.text):
                council_dialogue.forget(s, person)
                return None  # 取消 while proposing: the proposal's form drops it, no ballot (blind test 30, V12)
            # 健身器材那个改投反对 while a proposal is drafted: the ballot, then the draft's question (blind 25, V8)
            amid = council_asides.ballot_amid_proposal(s, self.clock, person, message.sender, message.text,
                                                       self.rules)
            if amid is not None:
                return amid
            # When it closes, what I voted, my proposal's state, a named topic's result or state: questions, never
            # the answer to a vote question waiting nor a ballot (blind test 30, V9, B127, V21, V20, V2b)
            parts = council_status.closing_times(s, self.clock, person, message.text) \
                or council_status.own_choices(s, self.clock, person, message.text) \
                or council_status.meeting_times(s, self.clock, person, message.text)  # blind test 32, B108
            if parts:  # the talk moved on; a question still open (which topic, member, option) is kept
                council_questions.moved_on(s, person)
                return parts
            # 我那票还算数不, 我妈那票现在是哪个: the ballot as it stands, never 撤销 nor a withdrawal (blind test 31)
            parts = council_ballot_asked.ballot_asked(s, self.clock, person, message.text)
            if parts:
                return parts
            drafting = council_asides.proposal_asked(s, message.sender)  # 我的建议是… is the draft's own words
            if drafting:  # 交上去了没得: not yet, asked again; 投第二个: the ballot alone (blind test 32, B11, B133)
                parts = council_asides.amid_draft(s, self.clock, person, message.sender, message.text, self.rules)
                if parts:
                    return parts
            asked = (None if drafting else council_status.own_proposal(s, self.clock, person, message.text)) \
                or council_asides.topic_result(s, self.clock, person, message.sender, message.text)
            if asked is not None:  # the talk moved on: 撤回投票 next no longer means the ballot just cast
                council_questions.moved_on(s, person)
                return [asked]
            reply = council_turn.read_turn(s, self.clock, person, message.sender, message.text,
                                          window=self.window, rules=self.rules) \
                or council_asides.who_proposed(s, self.clock, person, message.text) \
                or council_asides.topic_detail(s, self.clock, person, message.text) \
                or council_asides.proxy_change(s, self.clock, person, message.text, self.rules)  # blind test 29
            if reply is None:
                council_dialogue.forget(s, person)
            return [reply] if reply is not None else None
