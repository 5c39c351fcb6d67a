"""Per-recipient send limits for a channel whose provider drops what goes past them without a word
(WeCom: 30 app messages a minute and 1000 an hour per member): the dispatcher holds a message back
until the oldest message of the full window ages out, so none is lost. Limits are set below the
provider's. When a burst has piled up behind the message about to go (`digest_after` or more waiting
for the same recipient), they go as one digest (DIGEST_MARK, numbered) and the others are marked
suppressed, merged into it: a member reads one message, not forty."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from bot.common.clock import Clock
from bot.messaging.outbox import Outgoing
from bot.messaging.sms_policy import _RECENT, Review
from bot.store.db import Database
from bot.store.message_models import OutboxMessage

DIGEST_MARK = "【汇总】"
DIGEST_MAX_CHARS = 600


class RecipientLimits:
    def __init__(self, db: Database, clock: Clock, limits: Sequence[tuple[timedelta, int]], *,
                 digest_after: int | None = None) -> None:
        self.db = db
        self.clock = clock
        self.limits = sorted(limits, key=lambda limit: limit[0])
        self.digest_after = digest_after

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
        if self.digest_after is not None:
            return Review("send", text=self._digest(message))
        return Review("send", text=message.text)

    def _digest(self, message: Outgoing) -> str:
        """The message with everything waiting behind it for the same recipient, when that is a burst."""
        now = self.clock.now()
        with self.db.session() as s:
            waiting = s.execute(select(OutboxMessage.id, OutboxMessage.text).where(
                OutboxMessage.channel == message.channel, OutboxMessage.recipient == message.recipient,
                OutboxMessage.status == "pending", OutboxMessage.id > message.id,
                OutboxMessage.next_attempt_at <= now).order_by(OutboxMessage.id)).all()
            if len(waiting) < (self.digest_after or 0):
                return message.text
            texts, merged = [message.text], []
            for row in waiting:
                if sum(len(t) for t in texts) + len(row.text) > DIGEST_MAX_CHARS:
                    break
                texts.append(row.text)
                merged.append(row.id)
            s.execute(update(OutboxMessage).where(OutboxMessage.id.in_(merged), OutboxMessage.status == "pending")
                      .values(status="suppressed", last_error=f"merged into the digest of outbox {message.id}"))
            text = DIGEST_MARK + "\n".join(f"{n}. {t}" for n, t in enumerate(texts, 1))
            s.execute(update(OutboxMessage).where(OutboxMessage.id == message.id).values(text=text))
            return text
