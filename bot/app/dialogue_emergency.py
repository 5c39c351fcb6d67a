"""Words after the sender's own emergency (bot/app/dialogue.py): it is over (火灭了 没事了) — an update for everyone
alerted; it is not urgent (不是急事) — an ordinary ticket from now on; more of it, a worried question or a false
alarm (有个已经在流血了, 是不是要打120哦, 搞错了); a photo while it waits for its
place: kept on it, and the place asked again. A question about another ticket or a person, and words taking back
another ticket, are not the emergency's (blind test 24)."""

from __future__ import annotations

from datetime import timedelta

from bot.common.clock import Clock
from bot.core import (
    emergencies,
    emergency_context,
    emergency_downgrade,
    emergency_followups,
    emergency_numbers,
    emergency_questions,
    emergency_updates,
    reports,
)
from bot.core.routing_rules import RoutingRules
from bot.messaging.ports import Claimed, Replies
from bot.store.db import Database


class EmergencyTalk:
    def __init__(self, db: Database, clock: Clock, rules: RoutingRules, followup_window: timedelta) -> None:
        self.db = db
        self.clock = clock
        self.rules = rules
        self.followup_window = followup_window

    def update(self, message: Claimed, text: str) -> Replies | None:
        with self.db.session() as s:
            ticket = emergency_updates.over_meant(s, self.clock, message.sender, self.followup_window)
            if ticket is None:
                return None
            phone = emergency_numbers.number_to_call(self.rules, ticket.category, ticket.text)
            return [{"text": emergency_updates.add_update(s, self.clock, ticket, text, message.sender, message.id,
                                                          phone)}]

    def about_else(self, message: Claimed, text: str) -> bool:
        """师傅啥子时候来嘛 about another ticket, 张涛是哪个嘛: not the sender's open emergency's to answer."""
        with self.db.session() as s:
            return emergency_context.about_else(s, self.clock, message.sender, text, self.followup_window)

    def other_withdrawn(self, message: Claimed, text: str) -> str | None:
        """The number of the ticket other than the open emergency that words taking a report back name."""
        with self.db.session() as s:
            return emergency_context.other_withdrawn(s, self.clock, message.sender, text, self.followup_window)

    def downgrade(self, message: Claimed, text: str) -> Replies | None:
        """这个不是急事哈 after the sender's emergency: an ordinary ticket from now on (blind test 22, #1)."""
        with self.db.session() as s:
            ticket = emergency_updates.recent_emergency(s, self.clock, message.sender, self.followup_window)
            if ticket is None:  # 我是投诉油烟 不是着火了 after an ordinary report: that report, as it is (bt 30, B112)
                ordinary = emergency_downgrade.recent_report(s, self.clock, message.sender, self.followup_window) \
                    if emergency_downgrade.still_a_report(text) else None
                return None if ordinary is None else [
                    {"text": emergency_downgrade.ALREADY_ORDINARY.format(number=ordinary.number)}]
            said = emergency_downgrade.stand_down(s, self.clock, self.rules, ticket, text, message.sender, message.id)
            return [{"text": said}] if said is not None else None

    def about(self, message: Claimed, text: str) -> Replies | None:
        with self.db.session() as s:
            said = emergency_followups.answer(s, self.clock, self.rules, message.sender, text, self.followup_window,
                                              message.id)
        return [{"text": said}] if said is not None else None

    def stands_later(self, message: Claimed, text: str) -> Replies | None:
        """楼顶那个人劝下来没得 past the follow-up window: the emergency's state, open or closed (bt 30, A1c)."""
        with self.db.session() as s:
            ticket = emergency_questions.asked_later(s, self.clock, message.sender, text)
            if ticket is None:
                return None
            return [{"text": emergency_questions.later_answer(s, self.clock, ticket, text, message.sender,
                                                               message.id)}]

    def photo(self, message: Claimed, photos: list[str]) -> Replies | None:
        """A photo sent while the sender's emergency waits for its place: on that ticket, the place asked again."""
        with self.db.session() as s:
            ticket = emergencies.awaiting_place(s, self.clock, message.sender)
            if ticket is None:
                return None
            reports.add_photos(s, self.clock, ticket, tuple(photos), message.id, message.sender)
            return [{"text": emergencies.PHOTO_ON_EMERGENCY.format(number=ticket.number)}]
