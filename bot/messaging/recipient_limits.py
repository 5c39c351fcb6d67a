"""Per-recipient send limits for a channel whose provider drops what goes past them without a word
(WeCom: 30 app messages a minute and 1000 an hour per member): the dispatcher holds a message back
until the oldest message of the full window ages out, so none is lost. Limits are set below the
provider's."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.common.clock import Clock
from bot.messaging.outbox import Outgoing
from bot.messaging.sms_policy import _RECENT, Review
from bot.store.db import Database


class RecipientLimits:
    def __init__(self, db: Database, clock: Clock, limits: Sequence[tuple[timedelta, int]]) -> None:
        self.db = db
        self.clock = clock
        self.limits = sorted(limits, key=lambda limit: limit[0])

    def review_all(self, messages: Sequence[Outgoing]) -> list[Review]:
        if not messages:
            return []
        [channel] = {m.channel for m in messages}
        now = self.clock.now()
        longest = self.limits[-1][0]
        recent: dict[str, list[datetime]] = defaultdict(list)
        with self.db.engine.connect() as conn:
            rows: Any = conn.execute(_RECENT, {"channel": channel, "recipients": [m.recipient for m in messages],
                                               "since": now - longest})
            for row in rows:
                recent[row.recipient].append(row.sent_at)
        return [self._judge(m, sorted(recent[m.recipient]), now) for m in messages]

    def _judge(self, message: Outgoing, times: list[datetime], now: datetime) -> Review:
        for window, most in self.limits:
            inside = [t for t in times if t >= now - window]
            if len(inside) >= most:
                return Review("defer", reason=f"{most} messages in {int(window.total_seconds())} s to this recipient",
                              until=inside[-most] + window)
        return Review("send", text=message.text)
