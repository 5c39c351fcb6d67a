"""What may go out as a template SMS (mainland China), checked by the dispatcher before sending:
- an opted-out number gets nothing but its opt-out confirmation;
- the same text never goes to a number twice within 24 hours;
- a number gets at most `per_hour` and `per_day` messages, stricter than the provider's limits (Aliyun:
  50 notifications a day per template and number, codes 1 a minute, 5 an hour, 10 a day), so the
  provider never refuses one for a limit; beyond them the message waits until the oldest ages out.
A template SMS is one part: nothing is cut (a template carries it whole or not at all)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.common.clock import Clock
from bot.messaging.outbox import Outgoing
from bot.messaging.sms_policy import Review, opted_out_and_recent
from bot.store.db import Database

DAY = timedelta(hours=24)
HOUR = timedelta(hours=1)


class TemplateSmsPolicy:
    def __init__(self, db: Database, clock: Clock, *, per_hour: int = 5, per_day: int = 10) -> None:
        self.db = db
        self.clock = clock
        self.per_hour = per_hour
        self.per_day = per_day

    def review_all(self, messages: Sequence[Outgoing]) -> list[Review]:
        if not messages:
            return []
        [channel] = {m.channel for m in messages}
        recipients = [m.recipient for m in messages]
        now = self.clock.now()
        stopped, recent = opted_out_and_recent(self.db, channel, recipients, now - DAY)
        return [self._judge(m, m.recipient in stopped, recent[m.recipient], now) for m in messages]

    def _judge(self, message: Outgoing, stopped: bool, recent: list[Any], now: datetime) -> Review:
        notice = bool((message.payload.get("custom") or {}).get("optout_notice"))
        if stopped and not notice:
            return Review("suppress", reason="recipient opted out")
        if any(row.text == message.text for row in recent):
            return Review("suppress", reason="same text sent to this number within 24 h")
        times = sorted(row.sent_at for row in recent)
        last_hour = [t for t in times if t >= now - HOUR]
        if len(times) >= self.per_day:
            return Review("defer", reason="template SMS: daily limit per number", until=times[-self.per_day] + DAY)
        if len(last_hour) >= self.per_hour:
            return Review("defer", reason="template SMS: hourly limit per number",
                          until=last_hour[-self.per_hour] + HOUR)
        return Review("send", text=message.text)
