"""A detail joined to the wrong report taken back out by its sender (按错了 楼上拖椅子是另外一个事 跟下水道不相干,
after a wrong "1" put 楼上天天半夜拖椅子 吵死人了 on her 下水道 ticket): off that ticket, its holder told, and its
ORIGINAL words filed as a report of their own, never the correction sentence (blind test 35, E21n: T1107's text was
the correction)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.plain_text import plain
from bot.core import registry
from bot.core.followups import handlers
from bot.core.lifecycle import reported_by
from bot.core.notify import notify
from bot.core.tickets import OPEN_STATUSES, event
from bot.store.models import Ticket, TicketEvent

APART_CHARS = 40  # 按错了 楼上拖椅子是另外一个事 跟下水道不相干: a correction, not a report of its own
# Said to be another matter than the one it was joined to.
_APART = re.compile(r"另外一?[个件回码桩]?(?:事|问题)|另一[个件回码桩]?(?:事|问题)|两[个件回码桩](?:事|问题)|不相干|"
                    r"不相关|(?:没得|没有|莫得|没)(?:啥子?|什么)?关系|不是(?:一回事|一个事|一件事|一码事|补充)|"
                    r"不该补充|不是一起的")
_MISTAKE = re.compile(r"[按点搞弄说讲打选]错了?|不对|跟|和|那个|这个|是|的|了|嘛|哈")
_NOT_CHINESE = re.compile(r"[^\u4e00-\u9fff]")
TAKEN_BACK_NOTICE = "工单{number}：刚补充的“{words}”是另一件事，已撤回另报。"
NOTICE_WORDS = 16


def says_apart(text: str) -> bool:
    """Whether short words say what was joined is another matter (是另外一个事, 跟下水道不相干, 不是补充)."""
    said = plain(text)
    return 0 < len(said) <= APART_CHARS and _APART.search(said) is not None


def _pairs(text: str) -> set[str]:
    chars = _NOT_CHINESE.sub(" ", text)
    return {chars[i:i + 2] for i in range(len(chars) - 1) if " " not in chars[i:i + 2]}


def joined_by_mistake(session: Session, clock: Clock, address: str, text: str,
                      window: timedelta) -> tuple[Ticket, TicketEvent] | None:
    """The sender's open ticket and the detail the words take back: added within `window`, and named by the words
    (拖椅子 in both, not the report's own words), else the only one added when the words name nothing else."""
    since = clock.now() - window
    said = _pairs(plain(text))
    found: list[tuple[Ticket, TicketEvent]] = []
    for ticket in reported_by(session, address, OPEN_STATUSES):
        for added in session.scalars(select(TicketEvent).where(
                TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "detail_added", TicketEvent.at >= since)):
            if added.note and f"；补充：{added.note}" in (ticket.text or ""):
                found.append((ticket, added))
    found.sort(key=lambda pair: pair[1].at, reverse=True)
    for ticket, added in found:
        own = _pairs(plain(ticket.text.split("；补充：")[0]))
        if (_pairs(plain(added.note)) - own) & said:
            return ticket, added
    rest = _NOT_CHINESE.sub("", _MISTAKE.sub("", _APART.sub("", plain(text))))
    return found[0] if len(found) == 1 and not rest else None  # 按错了 不是补充: the one just added


def take_out(session: Session, clock: Clock, ticket: Ticket, added: TicketEvent, address: str,
             message_id: int | None) -> str:
    """The detail `added` taken off `ticket`, its holder told; its original words returned, to be filed."""
    words = added.note
    ticket.text = ticket.text.replace(f"；补充：{words}", "", 1)
    event(session, ticket, "detail_taken_back", clock.now(), registry.person_by_address(session, address),
          note=words[:500], message_id=message_id)
    short = words if len(words) <= NOTICE_WORDS else words[:NOTICE_WORDS - 1] + "…"
    for person in handlers(session, ticket):
        notify(session, person, TAKEN_BACK_NOTICE.format(number=ticket.number, words=short), ticket_id=ticket.id)
    return words
