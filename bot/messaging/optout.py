"""Opt-out state per address: STOP/退订/TD stop everything but the confirmation; START/订阅 resume."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.store.channel_models import OptOut
from bot.store.db import Database
from bot.store.message_models import OutboxMessage

STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "CANCEL", "OPTOUT", "REVOKE", "TD", "退订"}
START_WORDS = {"START", "UNSTOP", "订阅"}
HELP_WORDS = {"HELP", "INFO", "帮助"}
MORE_WORDS = {"更多", "MORE"}

STOP_CONFIRMATION = "已退订网格通短信，不再发送。回复 订阅 可恢复。"
START_CONFIRMATION = "已恢复网格通短信。回复 退订 可停止。"
# On a channel that is not SMS an opt-out stops broadcasts only: replies and a ticket's news still come.
STOP_BROADCASTS = "好的，已退订群发通知，不再给您群发。反映问题照常回复。回复 订阅 可恢复。"
STILL_STOPPED = "您已退订群发通知。回复 订阅 可恢复。"
START_BROADCASTS = "好的，已恢复群发通知。回复 退订 可停止。"
HELP_TEXT = "网格通：向社区网格员反映问题、查进度。直接发送问题即可。回复 退订 停止接收。"


def keyword(text: str) -> str:
    """The message as a keyword: full-width folded, trimmed, upper case, trailing punctuation dropped."""
    return unicodedata.normalize("NFKC", text or "").strip().strip("。.!！ ").upper()


# 退订 inside a sentence ("天天发短信烦死了 退订"), or a resume in words ("重新订阅"): blind test 6, #101.
_STOP_IN_WORDS = re.compile(r"退订|取消订阅")
_START_IN_WORDS = re.compile(r"^(?:我要|我想|帮我)?(?:重新|恢复|继续)?订阅(?:吧|一下)?$|恢复订阅|重新订阅")


def asked(text: str) -> str | None:
    """"stop" or "start" when a message asks to leave or rejoin broadcasts in words (any channel), else None."""
    word = keyword(text)
    if word in STOP_WORDS:
        return "stop"
    if word in START_WORDS:
        return "start"
    plain = unicodedata.normalize("NFKC", text or "").strip()
    if _START_IN_WORDS.search(plain):
        return "start"
    if _STOP_IN_WORDS.search(plain):
        return "stop"
    return None


_OPT_OUTS = OptOut.__table__
# Built once: the SMS policy reads it for every batch the dispatcher claims.
_OPTED_OUT_AMONG = select(_OPT_OUTS.c.address).where(
    _OPT_OUTS.c.channel == bindparam("channel"), _OPT_OUTS.c.address.in_(bindparam("addresses", expanding=True)),
    _OPT_OUTS.c.active.is_(True))


def opted_out_among(s: Session | Connection, channel: str, addresses: Collection[str]) -> set[str]:
    """Which of these addresses are opted out, read in the caller's session or on its connection."""
    if not addresses:
        return set()
    return set(s.scalars(_OPTED_OUT_AMONG, {"channel": channel, "addresses": list(addresses)}))


class OptOuts:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def set(self, channel: str, address: str, *, opted_out: bool) -> bool:
        """Record the choice; True when it changed something (so a confirmation is due).
        Opting out also holds back what was still queued for the address (it would wait in front of
        the confirmation otherwise: the outbox sends one message at a time per recipient)."""
        with self.db.session() as s:
            if opted_out:
                s.execute(update(OutboxMessage)
                          .where(OutboxMessage.channel == channel, OutboxMessage.recipient == address,
                                 OutboxMessage.status == "pending")
                          .values(status="suppressed", last_error="recipient opted out")
                          .execution_options(synchronize_session=False))
            row = s.scalar(select(OptOut).where(OptOut.channel == channel, OptOut.address == address)
                           .with_for_update())
            if row is None:
                if not opted_out:
                    return False
                s.add(OptOut(channel=channel, address=address, active=True, changed_at=self.clock.now()))
                return True
            if row.active == opted_out:
                return False
            row.active = opted_out
            row.changed_at = self.clock.now()
            return True
