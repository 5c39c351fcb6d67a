"""Steps the inbound worker runs on a claimed message before the engine sees it.

A step returns the message (perhaps with a richer payload: downloaded photos, a shared location)
to hand on, or a list of replies that answer it without the engine (STOP, 更多, /start…).
A step that raises leaves the message pending for a retry, like an engine outage.

A step may also offer `claim_ahead(inbox, worker, limit)`: messages it answers by itself, claimed
ahead of their sender's queue, so they are answered while the engine is down (STOP, HELP).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import bindparam, func, select

from bot.messaging import optout
from bot.messaging.inbox import Inbox, claimed
from bot.messaging.optout import OptOuts
from bot.messaging.ports import Claimed, Replies
from bot.store.channel_models import SmsContinuation
from bot.store.claims import claimable_now
from bot.store.db import Database
from bot.store.message_models import InboxMessage

# Answered without the engine and ahead of the sender's queue. "更多" is not: it continues the
# reply before it, so it waits its turn.
AHEAD_WORDS = optout.STOP_WORDS | optout.START_WORDS | optout.HELP_WORDS
# What the database can match cheaply (trimmed, upper-cased, Latin letters also full-width); the
# candidates it finds are then checked with `optout.keyword`, the one authority.
SCAN_ROWS = 200  # keyword-looking rows looked at per claim (a flood of STOPs is worked through in turns)
_TRIM = " \u3000\t\r\n。.!！"
_SQL_FORMS = sorted(AHEAD_WORDS | {w.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}) for w in AHEAD_WORDS})


_INBOX = InboxMessage.__table__
_LOOKS_LIKE_KEYWORD = func.upper(func.trim(_INBOX.c.text, _TRIM)).in_(_SQL_FORMS)
# Statements built once (run with bound values: the worker claims ahead before every engine claim).
_KEYWORD_ROWS = (select(_INBOX.c.id, _INBOX.c.sender, _INBOX.c.text).where(
    _INBOX.c.channel == bindparam("channel"),
    claimable_now(_INBOX.c, "processing"),
    _LOOKS_LIKE_KEYWORD).order_by(_INBOX.c.id).limit(SCAN_ROWS))
_EARLIER_KEYWORDS = select(_INBOX.c.sender, _INBOX.c.id, _INBOX.c.text).where(
    _INBOX.c.channel == bindparam("channel"), _INBOX.c.sender.in_(bindparam("senders", expanding=True)),
    _INBOX.c.id < bindparam("before"), _INBOX.c.status.in_(("pending", "processing")), _LOOKS_LIKE_KEYWORD)




class SmsKeywords:
    """STOP/退订/TD, START/订阅, HELP/帮助 and 更多, answered before the engine.
    An opted-out number's other messages (its reports) still go to the engine; the outbox policy
    keeps their replies from being sent."""

    def __init__(self, db: Database, optouts: OptOuts, *, channel: str = "sms") -> None:
        self.db = db
        self.optouts = optouts
        self.channel = channel

    def claim_ahead(self, inbox: Inbox, worker: str, limit: int) -> list[Claimed]:
        """Claim STOP/START/HELP messages ahead of their sender's other messages: they need no engine,
        so they are answered while it (or the action server) is down, even behind a report waiting
        for it. A sender's keywords keep their order among themselves (STOP, then START)."""
        now = inbox.clock.now()
        cutoff = now - timedelta(seconds=inbox.lease_seconds)
        with self.db.engine.begin() as conn:
            rows = conn.execute(_KEYWORD_ROWS, {"channel": self.channel, "now": now, "cutoff": cutoff}).all()
            first: dict[str, int] = {}
            for row in rows:
                if len(first) >= limit:
                    break
                if row.sender not in first and optout.keyword(row.text) in AHEAD_WORDS:
                    first[row.sender] = row.id
            if not first:
                return []
            # An earlier keyword of the sender still unfinished (being answered, or due later) goes first.
            earlier = conn.execute(_EARLIER_KEYWORDS, {"channel": self.channel, "senders": list(first),
                                                       "before": max(first.values())}).all()
            waiting = {r.sender for r in earlier if r.id < first[r.sender] and optout.keyword(r.text) in AHEAD_WORDS}
            ids = [i for sender, i in first.items() if sender not in waiting]
            return [claimed(row) for row in inbox.claimer.claim_ids(conn, ids, worker, now, cutoff)]

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        word = optout.keyword(message.text)
        if word in optout.STOP_WORDS:
            changed = await asyncio.to_thread(self.optouts.set, message.channel, message.sender, opted_out=True)
            # Confirm once: a repeated STOP is answered with silence.
            return [{"text": optout.STOP_CONFIRMATION, "custom": {"optout_notice": True}}] if changed else []
        if word in optout.START_WORDS:
            await asyncio.to_thread(self.optouts.set, message.channel, message.sender, opted_out=False)
            return [{"text": optout.START_CONFIRMATION}]
        if word in optout.HELP_WORDS:
            return [{"text": optout.HELP_TEXT}]
        if word in optout.MORE_WORDS:
            rest = await asyncio.to_thread(self._pop_continuation, message.channel, message.sender)
            if rest is not None:
                return [{"text": rest}]
        return message

    def _pop_continuation(self, channel: str, recipient: str) -> str | None:
        with self.db.session() as s:
            row = s.scalar(select(SmsContinuation).where(SmsContinuation.channel == channel,
                                                         SmsContinuation.recipient == recipient))
            if row is None:
                return None
            text = row.text
            s.delete(row)
            return text


class OptOutWords:
    """退订 / 订阅 on every channel (blind test 6, #101: they got 没太看懂 off SMS), also inside a sentence
    ("你们天天发短信烦死了 退订"). Off SMS the opt-out keeps broadcasts away (core/broadcasts.py leaves opted-out
    addresses out); on SMS it is the keyword's opt-out, confirmed once."""

    def __init__(self, optouts: OptOuts, *, sms: bool = False) -> None:
        self.optouts = optouts
        self.sms = sms

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        wish = optout.asked(message.text)
        if wish is None:
            return message
        changed = await asyncio.to_thread(self.optouts.set, message.channel, message.sender,
                                          opted_out=wish == "stop")
        if self.sms:
            if wish == "stop":
                return [{"text": optout.STOP_CONFIRMATION, "custom": {"optout_notice": True}}] if changed else []
            return [{"text": optout.START_CONFIRMATION}]
        if wish == "stop":
            return [{"text": optout.STOP_BROADCASTS if changed else optout.STILL_STOPPED}]
        return [{"text": optout.START_BROADCASTS}]

