"""Where someone says they live (我住河滨社区, 我住河畔花园的 网格员是哪个): the grid the named place is in and its
grid worker's published contact (blind test 22, #76, #94). A plain statement of where one lives is no number
change: it is answered, never a verification task (bot/core/registration.py handles 换了个号码)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.phones import national
from bot.common.plain_text import plain as _plain
from bot.core import registry, triage
from bot.core.places import match_place
from bot.store.message_models import InboxMessage
from bot.store.models import OrgUnit, Person, Ticket

_LIVES = re.compile(r"(?:我|我们|我家|屋头)(?:家)?(?:是)?(?:住在?|住的|在)|住在|^(?:我|我们)是.{2,10}的")
# A number change or a registration asked for: the verification task's business.
_CHANGE = re.compile(r"号|手机|换|丢|登记|注册|绑定|认证|实名|核实|新|搬")
SAYS_LIVES_MAX = 20
HOW_TO_REGISTER = "要登记请找网格员核实。"


def says_where_they_live(text: str) -> bool:
    """我住河滨社区: a short plain statement of where one lives, no number change, no problem, nothing asked."""
    plain = _plain(text)
    return (0 < len(plain) <= SAYS_LIVES_MAX and _LIVES.search(plain) is not None and _CHANGE.search(plain) is None
            and not triage.has_problem(plain) and triage.information_request(plain) is None)


def worker_of(session: Session, grid: OrgUnit) -> Person | None:
    """The grid's primary grid worker with a number (or the nearest unit above's)."""
    found = registry.staff_nearest(session, grid, ["grid_worker"])
    return next((p for p in found[1] if p.phone), None) if found else None


def grid_contact(session: Session, text: str) -> str | None:
    """"河畔花园属于河滨社区第1网格，网格员是周明，电话…" for the one grid a place named in the text is in; for a
    community of several grids, which estate; None when no place is named."""
    match = match_place(session, text)
    grid = match.grid
    if grid is not None:
        worker = worker_of(session, grid)
        if worker is None:
            return f"{match.name}属于{grid.name}。"
        where = match.name if match.name == grid.name else f"{match.name}属于{grid.name}"
        return f"{where}，网格员是{worker.name}，电话{national(worker.phone)}，有事可以直接打。"
    if match.ambiguous:
        return f"{match.name}分了{len(match.grids)}个网格，您住哪个小区？说个小区名，我告诉您网格员。"
    return None


SAID_BEFORE_WITHIN = timedelta(days=1)
SAID_BEFORE_LOOKED_AT = 10  # messages


def grid_contact_said_before(session: Session, clock: Clock, address: str) -> str | None:
    """The grid worker of where an unregistered sender said they are lately: their latest ticket's place, else a
    place named in one of their messages of the last day ("…安居苑的", then "那我跟网格员咋个说 她电话多少",
    blind test 30, A-B107: "您还没有分到网格"); None when they named none."""
    since = clock.now() - SAID_BEFORE_WITHIN
    place = session.scalar(select(Ticket.place_text).where(
        Ticket.reporter_address == address, Ticket.created_at >= since, Ticket.place_text != "")
        .order_by(Ticket.id.desc()).limit(1))
    said = [place] if place else []
    said += session.scalars(select(InboxMessage.text).where(
        InboxMessage.sender == address, InboxMessage.received_at >= since)
        .order_by(InboxMessage.id.desc()).limit(SAID_BEFORE_LOOKED_AT))
    for text in said:
        found = grid_contact(session, text or "")
        if found is not None and "哪个小区" not in found:
            return found
    return None


def lives_reply(session: Session, text: str) -> str:
    """The answer to 我住河滨社区: their grid and worker when the place tells, and how to register."""
    found = grid_contact(session, text)
    if found is None:
        return "好的。您住哪个小区？说个小区名，我告诉您网格员；" + HOW_TO_REGISTER
    return found if "哪个小区" in found else found + HOW_TO_REGISTER


def contact_asked_before(session: Session, asked_before: str | None, text: str) -> str | None:
    """The grid worker of the place a message names, when the message before asked for one's grid worker's
    number ("我们网格员电话多少 忘记了" got the service station, then "我住河畔花园": 周明's, blind test 25, A30);
    else None."""
    if not asked_before or triage.information_request(asked_before) != "contact":
        return None
    return grid_contact(session, text)
