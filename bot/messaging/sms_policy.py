"""What may go out over SMS, checked by the dispatcher for each batch it claims, before sending it:
- an opted-out number gets nothing but its opt-out confirmation;
- a reply over the part budget is cut, the rest kept for "更多";
- the same text never goes to a number twice within 24 hours (carriers reject it);
- a number gets at most a daily budget of parts; beyond it the message waits.

A batch is read in two statements (who opted out; what went to these numbers lately). Read per
message, the review cost the dispatcher five round trips per SMS and more CPU than the send
(docs/benchmarks.md). A claim holds one message per number, so nothing in the batch changes what
another of its messages is judged on; an opt-out that lands while the batch goes out (at most
`batch / rate`, 2 s at the defaults) holds back the next batch, as it did the message in flight."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select

from bot.common.clock import Clock
from bot.messaging.optout import opted_out_among
from bot.messaging.outbox import Outgoing
from bot.messaging.sms_budget import fit, segments
from bot.store.channel_models import SmsContinuation
from bot.store.db import Database
from bot.store.message_models import OutboxMessage

_OUT = OutboxMessage.__table__
# What went to a number within the window: the same-text rule and the daily budget are read from it.
_RECENT = select(_OUT.c.recipient, _OUT.c.text, _OUT.c.sent_at).where(
    _OUT.c.channel == bindparam("channel"), _OUT.c.recipient.in_(bindparam("recipients", expanding=True)),
    _OUT.c.status == "sent", _OUT.c.sent_at >= bindparam("since", type_=_OUT.c.sent_at.type))


def opted_out_and_recent(db: Database, channel: str, recipients: Sequence[str],
                         since: datetime) -> tuple[set[str], defaultdict[str, list[Any]]]:
    """A batch's two reads: who among `recipients` opted out of `channel`, and what was sent to each of
    them since `since` (rows of recipient, text, sent_at)."""
    recent: defaultdict[str, list[Any]] = defaultdict(list)
    with db.engine.connect() as conn:
        stopped = opted_out_among(conn, channel, recipients)
        for row in conn.execute(_RECENT, {"channel": channel, "recipients": recipients, "since": since}):
            recent[row.recipient].append(row)
    return stopped, recent


@dataclass(frozen=True)
class Review:
    action: str  # send / suppress / defer
    text: str = ""
    reason: str = ""
    until: datetime | None = None


class SmsPolicy:
    def __init__(self, db: Database, clock: Clock, *, max_parts: int = 2, daily_parts: int = 20,
                 same_text_hours: float = 24.0) -> None:
        self.db = db
        self.clock = clock
        self.max_parts = max_parts
        self.daily_parts = daily_parts
        self.window = timedelta(hours=same_text_hours)

    def review_all(self, messages: Sequence[Outgoing]) -> list[Review]:
        """A review per message, in order: messages of one channel to distinct numbers, as a claim
        gives them."""
        if not messages:
            return []
        [channel] = {m.channel for m in messages}
        recipients = [m.recipient for m in messages]
        assert len(set(recipients)) == len(recipients), "one message per number"
        now = self.clock.now()
        stopped, recent = opted_out_and_recent(self.db, channel, recipients, now - self.window)
        return [self._judge(m, m.recipient in stopped, recent[m.recipient], now) for m in messages]

    def _judge(self, message: Outgoing, stopped: bool, recent: list[Any], now: datetime) -> Review:
        notice = bool((message.payload.get("custom") or {}).get("optout_notice"))
        if stopped and not notice:
            return Review("suppress", reason="recipient opted out")
        text, rest = fit(message.text, self.max_parts)
        if any(row.text == text for row in recent):
            return Review("suppress", reason="same text sent to this number within 24 h")
        used = sum(segments(row.text) for row in recent)
        if not notice and used + segments(text) > self.daily_parts:
            oldest = min((row.sent_at for row in recent), default=now)
            return Review("defer", reason="daily SMS budget used", until=oldest + self.window)
        if text != message.text:  # what goes out is what staff see; an uncut reply needs no write
            with self.db.session() as s:
                if rest is not None:
                    self._keep_rest(s, message, rest)
                s.execute(OutboxMessage.__table__.update().where(OutboxMessage.id == message.id).values(text=text))
        return Review("send", text=text)

    def _keep_rest(self, s, message: Outgoing, rest: str) -> None:  # noqa: ANN001
        row = s.scalar(select(SmsContinuation).where(SmsContinuation.channel == message.channel,
                                                     SmsContinuation.recipient == message.recipient))
        if row is None:
            s.add(SmsContinuation(channel=message.channel, recipient=message.recipient, text=rest,
                                  created_at=self.clock.now()))
        else:
            row.text, row.created_at = rest, self.clock.now()

    def sent_today(self, channel: str, recipient: str) -> int:
        with self.db.session() as s:
            return int(s.scalar(select(func.count()).select_from(OutboxMessage).where(
                OutboxMessage.channel == channel, OutboxMessage.recipient == recipient,
                OutboxMessage.status == "sent", OutboxMessage.sent_at >= self.clock.now() - self.window)) or 0)
