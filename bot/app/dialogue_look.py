"""What the database says about a sender's conversation when a message comes in (`Reader.read` → `Look`):
the bot's most recent question that still stands (read from the outbox, `answers.question_in`), the ticket
awaiting a rating, the open report of the follow-up window, and what the sender sent alone just before (photos,
a location, a place, who alone: 我们楼上那家), from the inbox.
`bot/app/dialogue.py` decides with it how to read the message."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import answers, followup_words, followups, held_words, lifecycle, own_report, questions, reports
from bot.core.council import open_topics_for
from bot.messaging.ports import Claimed
from bot.store.council_models import Topic
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import Person

BARE_WORDS = followups.BARE_WORDS  # what a message says when it only goes with a photo or a location
QUESTIONS_LOOKED_AT = 8  # of the bot's latest messages to the sender
# Questions that stand as long as what they ask about does (a ticket waiting for its rating, an open topic's
# notice), whatever the bot said since; any other stands only in the bot's latest turn.
STATE_KEPT = frozenset({"rating", "ballot"})
# Questions a person may take a while to answer (blind test 31: "河畔花园2栋" 12 minutes after "请问在哪点？" was
# held as a place alone and the 停电 lost; "1" 10 minutes after a call back was offered asked "选哪一项？"): they
# stand for the follow-up window; the other numbered lists only for the answer window. A proposal's question too
# (blind test 32, B11: its 说明 12 minutes later was taken for a remark, "好的，记下了").
SLOW_ANSWERS = frozenset({"follow_up", "place", "callback", "topic_form"})


@dataclass
class Look:
    """What the database says about the sender's conversation when a message comes in."""

    staff: bool = False
    question: str | None = None  # kind of the bot's most recent question still open (answers.question_in)
    question_reply_to: int | None = None  # the inbox message that question answered
    rating_ticket: str | None = None  # the sender's ticket awaiting a rating
    open_report: str | None = None  # the sender's report of the follow-up window, still open
    open_report_point: tuple[float, float] | None = None
    held_photos: list[str] = field(default_factory=list)
    held_point: tuple[float, float] | None = None
    held_place: str | None = None  # a place sent alone (5栋2单元) just before, for the next report
    recent_place: str | None = None  # the place of the sender's newest report of the window, open or not
    again_place: str | None = None  # the place of their newest report of two weeks, for a problem back again
    place_before: str | None = None  # the estate named with a question just before (安居苑的水要停到好久嘛)
    held_who: str | None = None  # who alone (我们楼上那家) just before, asked what happened: the next report begins so


class Reader:
    def __init__(self, db: Database, clock: Clock, *, followup_window: timedelta, answer_window: timedelta,
                 hold_media: bool) -> None:
        self.db = db
        self.clock = clock
        self.followup_window = followup_window
        self.answer_window = answer_window
        self.hold_media = hold_media

    def read(self, message: Claimed) -> Look:
        now = self.clock.now()
        look = Look()
        with self.db.session() as s:
            if lifecycle.staff_member(s, message.sender) is not None:
                return Look(staff=True)
            waiting = lifecycle.awaiting_rating(s, message.sender, message.text)
            look.rating_ticket = waiting.number if waiting is not None else None
            self._question(s, message, look, now)
            ticket = followups.open_report(s, self.clock, message.sender, self.followup_window)
            if ticket is not None:  # never a stranger's ticket when the words are of the sender's own (bt 33, A31)
                ticket = own_report.meant(s, self.clock, message.sender, self.followup_window, ticket, message.text)
                look.open_report = ticket.number
                look.open_report_point = (ticket.lat, ticket.lon) if ticket.lat is not None else None
            if self.hold_media:
                self._held(s, message, look, now)
            look.recent_place = reports.recent_place(s, message.sender, now - self.followup_window)
            if not look.recent_place and followup_words.says_again(message.text):  # 柜子又搬回来了 (blind test 30)
                look.again_place = reports.recent_place(s, message.sender,
                                                        now - timedelta(days=followup_words.AGAIN_DAYS))
            if not look.held_place and not look.recent_place:  # 我们这点一早上都没得水 after 安居苑的水…好久 (bt 33)
                look.place_before = held_words.place_before(
                    s, message.channel, message.sender, message.id,
                    now - timedelta(minutes=held_words.PLACE_BEFORE_MINUTES))
            look.held_who = held_words.held_who(s, message.channel, message.sender, message.id,
                                               now - self.followup_window)
        return look

    def may_vote(self, sender: str) -> bool:
        """Whether a topic the sender may vote on is open: their bare digit is then the council's to ask about."""
        with self.db.session() as s:
            person = s.scalar(select(Person).where(Person.phone == sender))
            return person is not None and bool(open_topics_for(s, person, self.clock.now()))

    def callback_waiting(self, sender: str) -> bool:
        """Whether a question of the sender's went unanswered within the follow-up window and no call back was asked
        for yet: a bare 1 then asks for it, whatever the bot's later words (blind test 32, B69: a rider's 1 a minute
        after 答不上 got "选哪一项？")."""
        with self.db.session() as s:
            miss = questions.last_miss(s, self.clock, sender)
            return miss is not None and miss.ticket_id is None \
                and miss.asked_at >= self.clock.now() - self.followup_window

    def _question(self, s: Session, message: Claimed, look: Look, now: datetime) -> None:
        """The bot's most recent question to the sender, if it still stands."""
        rows = s.scalars(select(OutboxMessage).where(OutboxMessage.recipient == message.sender)
                         .order_by(OutboxMessage.id.desc()).limit(QUESTIONS_LOOKED_AT)).all()
        # The bot's latest reply in the conversation; notices sent on their own (the privacy notice after a first
        # reply, a ticket's news) do not end a question.
        latest_turn = next((row.reply_to_id for row in rows if row.reply_to_id is not None), None)
        for row in rows:
            kind = answers.question_in(row.text)
            if kind is None:
                continue
            if kind not in STATE_KEPT and row.reply_to_id is not None and row.reply_to_id != latest_turn:
                return  # asked before the bot's latest reply, which asked nothing: answered or passed by
            if self._stands(s, kind, row, look, now):
                look.question, look.question_reply_to = kind, row.reply_to_id
            return

    def _stands(self, s: Session, kind: str, row: OutboxMessage, look: Look, now: datetime) -> bool:
        if kind == "rating":
            return look.rating_ticket is not None
        if kind == "ballot":
            topic = s.get(Topic, (row.payload or {}).get("topic_id") or -1)
            return topic is not None and topic.status == "open"
        window = self.followup_window if kind in SLOW_ANSWERS else self.answer_window
        return now - row.created_at <= window

    def _held(self, s: Session, message: Claimed, look: Look, now: datetime) -> None:
        """Photos and a location the sender sent alone since their last message with words (a question aside),
        in the window; a place sent alone and held."""
        look.held_photos, look.held_point = self.held_before(s, message.channel, message.sender, message.id, now)
        if look.held_point is not None and self._point_used(s, message.sender, look.held_point):
            look.held_point = None
        look.held_place = held_words.held_place(s, message.channel, message.sender, message.id,
                                               now - self.followup_window)

    def held_before(self, s: Session, channel: str, sender: str, before_id: int,
                     now: datetime) -> tuple[list[str], tuple[float, float] | None]:
        """What the sender sent alone (photos not yet on a ticket, a location) before message `before_id`, within the
        window, whatever words came between without taking them."""
        rows = s.execute(select(InboxMessage.id, InboxMessage.text, InboxMessage.payload).where(
            InboxMessage.channel == channel, InboxMessage.sender == sender,
            InboxMessage.id < before_id, InboxMessage.received_at >= now - self.followup_window)
            .order_by(InboxMessage.id.desc()).limit(20)).all()
        kept: list[tuple[int, str]] = []
        point: tuple[float, float] | None = None
        words_between = False  # a location is held only up to the sender's last words (a report may have taken it)
        for row in rows:
            if followups.only_asks(row.text):
                continue  # 换电柜在哪 between the location and the report: answered, the location still held (#111)
            if answers.plain(row.text) not in BARE_WORDS:
                # Words that took nothing (a report read as a question, a greeting) leave the photo held: it goes
                # with the report filed at last (blind test 7, #63); photos a ticket took are left out below.
                words_between = True
                continue
            payload = row.payload or {}
            # The payload's photos (the simulator's) or the media a channel's step stored (an MMS).
            kept += [(row.id, p) for p in reversed(reports.photos_of_message(s, row.id))]
            if point is None and not words_between:
                point = point_of(payload)
        photos = reports.unattached_photos(s, sender, list(reversed(kept))) if kept else []
        return photos, point

    def _point_used(self, s: Session, sender: str, point: tuple[float, float]) -> bool:
        """Whether that location already went onto one of the sender's open reports."""
        ticket = followups.open_report(s, self.clock, sender, self.followup_window)
        return ticket is not None and ticket.lat is not None and (ticket.lat, ticket.lon) == point


def point_of(payload: dict[str, Any]) -> tuple[float, float] | None:
    lat, lon = payload.get("lat"), payload.get("lon")
    if isinstance(lat, int | float) and isinstance(lon, int | float) and not isinstance(lat, bool):
        return float(lat), float(lon)
    return None
