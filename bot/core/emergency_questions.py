"""A reporter's question how their open emergency stands ("楼顶那个人下来没有哦", "人找到没得", "救护车到了没"),
answered with its state and its latest progress, never filed as a 补充 (blind test 27); everyone its alert reached
hears that the reporter asked. Asked after the follow-up window (楼顶那个人劝下来没得, 35 minutes on: blind test 30,
A1c got 没太看懂), the sender's newest ticket of the last `LATER_WINDOW`, if an emergency, open or closed, is meant.
A safety question during it (抽油烟机能开不) is bot/core/safety_questions.py's."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import triage
from bot.core.emergency_updates import add_update
from bot.core.lifecycle import STATUS_NAMES
from bot.core.ticket_questions import latest
from bot.core.tickets import OPEN_STATUSES
from bot.store.models import Ticket

QUESTION_MAX_CHARS = 30
SMS_PART = 70

# How it stands: 下来没有, 找到没得, 到了没, 咋样了.
_HOW_IT_STANDS = re.compile(r"(?:下来|上来|找到|寻到|救起来|救上来|救出来|救到|送走|送到|醒|抓到|劝下来|劝住|"
                            r"来|到|回来|好|灭|熄|走)了?(?:没|莫)(?:得|有)?(?:哦|嘛|呢|啊|喃|哈)?(?=\s|$|[?？])|"
                            r"(?:咋样|怎么样|啥情况|什么情况)了?(?:哦|嘛|呢|啊)?(?=\s|$|[?？])|有(?:消息|结果)没")
STATE = "工单{number}现在{status}，{who}值班人员已知道。"
NO_NEWS = "有消息会马上告诉您。"
CLOSED_STATE = "工单{number}现在{status}。"


def _short(text: str) -> str:
    plain = " ".join((text or "").split())
    return plain if 0 < len(plain) <= QUESTION_MAX_CHARS and not triage.has_danger(plain) else ""


def asks_how_it_stands(text: str) -> bool:
    """Whether a short message asks how the emergency stands (楼顶那个人下来没有哦, 人找到没得)."""
    plain = _short(text)
    return bool(plain) and _HOW_IT_STANDS.search(plain) is not None


def state_answer(session: Session, clock: Clock, ticket: Ticket, text: str, address: str,
                 message_id: int | None = None, then: str = "") -> str:
    """The emergency's state and latest progress for its reporter, within one SMS part, and `then` (the place asked
    for again, while it is unknown); those alerted hear the question."""
    add_update(session, clock, ticket, text, address, message_id)
    holder = ticket.assignee.name if ticket.assignee is not None and ticket.assignee.name else ""
    head = STATE.format(number=ticket.number, status=STATUS_NAMES.get(ticket.status, "处理中"),
                        who=f"{holder}在处置，" if holder else "")
    return head + (latest(session, ticket, SMS_PART - len(head) - len(then)) or ("" if then else NO_NEWS)) + then


LATER_WINDOW = timedelta(days=1)


def asked_later(session: Session, clock: Clock, address: str, text: str) -> Ticket | None:
    """The emergency a question how it stands (劝下来没得, 火灭了没得) is about once the follow-up window is past: the
    sender's newest ticket of the last LATER_WINDOW when it is an emergency, whatever its state, else None."""
    if not asks_how_it_stands(text):
        return None
    newest = session.scalar(select(Ticket).where(Ticket.reporter_address == address,
                                                 Ticket.created_at >= clock.now() - LATER_WINDOW)
                            .order_by(Ticket.id.desc()).limit(1))
    return newest if newest is not None and newest.severity == "critical" else None


def later_answer(session: Session, clock: Clock, ticket: Ticket, text: str, address: str,
                 message_id: int | None = None) -> str:
    """The state of an emergency asked about after the window: an open one as `state_answer` (those alerted hear the
    question); a closed one its state and last note, nobody disturbed."""
    if ticket.status in OPEN_STATUSES:
        return state_answer(session, clock, ticket, text, address, message_id)
    head = CLOSED_STATE.format(number=ticket.number, status=STATUS_NAMES.get(ticket.status, "已处理"))
    return head + latest(session, ticket, SMS_PART - len(head))
