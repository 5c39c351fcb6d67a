"""Which report a follow-up is about when the sender's newest report was merged on arrival into someone else's
ticket (blind test 33, A31: 电瓶车是绿色的雅迪 went onto a stranger's 垃圾桶遭人翻倒了 his 建筑垃圾 had been merged
into, not onto his own theft report): the sender's own open report the words share more with, else that ticket."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core.tickets import OPEN_STATUSES
from bot.store.models import Ticket

_HAN = re.compile(r"[\u4e00-\u9fff]+")


def _pairs(text: str) -> set[str]:
    """The two-character runs of the Chinese in `text`: what two messages share when they name one thing."""
    return {run[i:i + 2] for run in _HAN.findall(text or "") for i in range(len(run) - 1)}


def meant(session: Session, clock: Clock, address: str, within: timedelta, ticket: Ticket, text: str) -> Ticket:
    """`ticket` (the sender's open report), unless it is another reporter's that the sender's report was merged into
    and one of the sender's own open reports of the last `within` shares more words with `text` than that ticket and
    the sender's words merged into it (电瓶车 … 雅迪 and 我电瓶车…遭偷了), or the words share none with them (120来了
    拉走了 after his fall): that one, the newest when several share as much."""
    if ticket.reporter_address == address:
        return ticket
    said = _pairs(text)
    merged = session.scalars(select(Ticket.text).where(Ticket.reporter_address == address,
                                                       Ticket.merged_into_id == ticket.id))
    best, shared = ticket, len(said & _pairs(" ".join([ticket.text, *merged])))
    for own in session.scalars(select(Ticket).where(
            Ticket.reporter_address == address, Ticket.status.in_(OPEN_STATUSES),
            Ticket.created_at >= clock.now() - within).order_by(Ticket.id.desc())):
        overlap = len(said & _pairs(own.text))
        # Words of neither (120来了 拉走了 after his fall): his own newest report rather than a stranger's.
        if overlap > shared or (shared == 0 and best is ticket):
            best, shared = own, overlap
    return best
