"""A fragment that goes on from one's earlier message which filed nothing (昨晚上又跳到十点半, 35 minutes after
河畔花园晚上跳广场舞音响开得好大声 was answered, not filed): read with that message, so the ticket carries the whole
matter and its place, never the fragment alone after "请问在哪点？" (blind test 35, E4n: T1121's whole text was
昨晚上又跳到十点半)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.plain_text import plain
from bot.core import place_parts, triage
from bot.core.other_problem import things_in
from bot.store.message_models import InboxMessage
from bot.store.models import Ticket

CARRY_WINDOW = timedelta(hours=2)  # she comes back the same evening, or the next morning's first message
FRAGMENT_CHARS = 20
# At it again, said with nothing of what (昨晚上又跳到十点半, 今天还在放).
_AGAIN = re.compile(r"又|还在|照样|今天也|昨晚上也|昨天也|昨晚也")
# Words of time and talk that no two matters share by meaning.
_COMMON = set("又还在是不的了到点半昨今明晚上早下午天夜个一二三四五六七八九十两嘛哦啊哈呢吧也都就我们你他她那这有得没")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def is_fragment(text: str) -> bool:
    """Short words at it again that name no thing nor place of their own (昨晚上又跳到十点半), no danger."""
    said = plain(text)
    return 0 < len(said) <= FRAGMENT_CHARS and _AGAIN.search(said) is not None and not things_in(said) \
        and not place_parts.names_place(said) and not triage.has_danger(said)


def goes_on_from(before: str, text: str) -> bool:
    """Whether the fragment shares a doing with the message before it (跳 in both), which told a trouble."""
    mine = set(_CJK.findall(plain(text))) - _COMMON
    return bool(mine & set(_CJK.findall(plain(before)))) and triage.has_problem(before)


def unfiled_matter(session: Session, clock: Clock, address: str, before_id: int, text: str) -> str | None:
    """The sender's latest message with words before `before_id`, within CARRY_WINDOW, when it filed no ticket and
    the fragment `text` goes on from it; else None."""
    rows = session.scalars(select(InboxMessage).where(
        InboxMessage.sender == address, InboxMessage.id < before_id,
        InboxMessage.received_at >= clock.now() - CARRY_WINDOW).order_by(InboxMessage.id.desc()).limit(10))
    for row in rows:
        if not row.text.strip():
            continue  # a photo or a location sent alone
        if session.scalar(select(Ticket.id).where(Ticket.source_message_id == row.id).limit(1)) is not None:
            return None  # filed: its ticket answers for it
        return " ".join(row.text.split()) if goes_on_from(row.text, text) else None
    return None
