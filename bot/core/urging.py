"""Which ticket a reporter's "再催一下" means: the one they urged last, while that was lately (blind test 5,
#7: the second urge went to the newest ticket, a fire, not the water pipe just urged)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.store.models import Ticket, TicketEvent

AGAIN_WITHIN = timedelta(hours=2)  # "再催" points back at an urge this recent
_AGAIN = re.compile(r"再|又|继续")


def says_again(text: str) -> bool:
    return _AGAIN.search(text or "") is not None


def urged_again(session: Session, clock: Clock, tickets: list[Ticket], text: str) -> str | None:
    """The number of the open ticket (of `tickets`, the sender's) urged last within AGAIN_WITHIN, when the
    words urge again ("再催一下", "又催一次"); else None."""
    if not tickets or not says_again(text):
        return None
    by_id = {t.id: t for t in tickets}
    latest = session.scalar(select(TicketEvent.ticket_id).where(
        TicketEvent.kind == "urged", TicketEvent.ticket_id.in_(list(by_id)),
        TicketEvent.at >= clock.now() - AGAIN_WITHIN).order_by(TicketEvent.id.desc()).limit(1))
    return by_id[latest].number if latest is not None else None
