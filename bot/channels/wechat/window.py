"""The customer-service window (客服消息): an account may write to a follower within 48 hours of the
follower's last message (or menu click, or subscribing), at most 5 messages per such message;
otherwise WeChat answers 45015 (45047 past the count).

Read from the inbox and the outbox themselves, so every process agrees: the follower's newest stored
message on the channel opens the window, and the messages sent to them since then count against it.
A message WeChat never opened the window for (unsubscribing, a location reported in the background)
does not count.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.common.clock import Clock
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage

WINDOW = timedelta(hours=48)
REPLIES_PER_MESSAGE = 5
NOT_OPENING = ("unsubscribe", "location")  # wechat_event values that open no window


@dataclass(frozen=True)
class Window:
    opened_at: datetime | None
    sent_since: int
    now: datetime

    @property
    def open(self) -> bool:
        return (self.opened_at is not None and self.now - self.opened_at < WINDOW
                and self.sent_since < REPLIES_PER_MESSAGE)

    @property
    def why_closed(self) -> str:
        if self.opened_at is None or self.now - self.opened_at >= WINDOW:
            return "no message from the follower in 48 h"
        return f"{self.sent_since} replies already sent since their last message"


class WindowTracker:
    def __init__(self, db: Database, clock: Clock, channel: str = "wechat") -> None:
        self.db = db
        self.clock = clock
        self.channel = channel

    def window(self, address: str) -> Window:
        now = self.clock.now()
        with self.db.session() as s:
            rows = s.execute(select(InboxMessage.received_at, InboxMessage.payload).where(
                InboxMessage.channel == self.channel, InboxMessage.sender == address,
                InboxMessage.received_at >= now - WINDOW).order_by(InboxMessage.id.desc()).limit(20)).all()
            opened = next((row.received_at for row in rows
                           if (row.payload or {}).get("wechat_event") not in NOT_OPENING), None)
            if opened is None:
                return Window(None, 0, now)
            sent = s.scalar(select(func.count()).select_from(OutboxMessage).where(
                OutboxMessage.channel == self.channel, OutboxMessage.recipient == address,
                OutboxMessage.status == "sent", OutboxMessage.sent_at >= opened))
            return Window(opened, int(sent or 0), now)
