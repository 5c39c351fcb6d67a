"""Whether a message with no report open is only a place, held for the report that follows (5栋2单元 first): its
words are a place and the classifier is sure of nothing else (a crash at 河滨路口 is a report); right after abuse
(sb 傻逼东西 → 河滨路) nothing was reported, so the place is only a place (blind test 23, #6); a place the registry
knows said alone (安居苑的, 阳光小区5栋) is held whatever the classifier says (blind test 28, B61), unless it says where
one lives (我住河滨社区; 河畔花园的 right after 网格员电话多少): bot/core/residence.py answers that."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.common.clock import Clock
from bot.core import chatter, followups, held_words, registration, triage
from bot.messaging.ports import Claimed
from bot.store.db import Database
from bot.store.message_models import InboxMessage

Classify = Callable[[str], Awaitable[dict[str, Any]]]
LIVES_AT = re.compile(r"^我?家?住|住在|住$|住的$")  # 我住河滨社区, 我在河畔花园住: where one lives


class PlaceOnly:
    def __init__(self, db: Database, clock: Clock, classify: Classify | None, window: timedelta) -> None:
        self.db = db
        self.clock = clock
        self.classify = classify
        self.window = window

    async def __call__(self, text: str, message: Claimed) -> bool:
        read = await asyncio.to_thread(self._read, text, message)
        if read is None:
            return False
        after_abuse, known = read
        if self.classify is None or after_abuse or known:
            return True
        intent = str(((await self.classify(text)).get("intent") or {}).get("name") or "")
        # A bare address read as *register* (5栋2单元) names no new number: held as a place all the same.
        return intent in ("nlu_fallback", "out_of_scope") or (intent == "register" and registration.bare_address(text))

    def reply(self, text: str, message: Claimed) -> str:
        """"已记下地点：…" for the place held; just after a fever's or a bite's advice, that advice stands (bt 31)."""
        with self.db.session() as s:
            before = chatter.said_before(s, message.channel, message.sender, message.id,
                                         self.clock.now() - self.window)
        return held_words.place_reply(text, before)

    def _read(self, text: str, message: Claimed) -> tuple[bool, bool] | None:
        """None when the words are no place; else (said right after abuse, a known place said alone), one session."""
        with self.db.session() as s:
            if not followups.place_only(s, text):
                return None
            before = s.scalar(select(InboxMessage.text).where(
                InboxMessage.channel == message.channel, InboxMessage.sender == message.sender,
                InboxMessage.id < message.id, InboxMessage.received_at >= self.clock.now() - self.window)
                .order_by(InboxMessage.id.desc()).limit(1))
            after_abuse = before is not None and triage.abuse_only(before)
            lives_at = LIVES_AT.search(text) is not None or (
                before is not None and triage.information_request(before) == "contact")
            return after_abuse, not lives_at and held_words.known_place_alone(s, text)
