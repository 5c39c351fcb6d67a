"""A reporter pointing back at what they already sent while the bot asks where (blind test 8, #22, #73):
"我刚才不是发了位置嘛 就在安居路口" means the location they shared a little earlier, and "我刚才不是说了嘛 红绿灯坏了"
says nothing of a place. The remark is never stored as a ticket's place: only the words of a place left
beside it (安居路口), else the shared location stands for itself ("共享的位置")."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import answers, triage
from bot.core.emergencies import without_saying
from bot.core.followups import BARE_WORDS
from bot.store.message_models import InboxMessage

SHARED_PLACE = "共享的位置"  # a ticket's place when only a shared location says where
# The bot's reply to a photo sent while it waits for the report's place: kept, and the place asked again.
PHOTO_WHILE_ASKED = "已收到照片。请问在哪点？回复小区、街道或村组名，也可以发个位置。"
_SENT_POINT = re.compile(r"(?:发了|发过|发的|发给你|发你|给你发|共享了|分享了|不是有)\S{0,3}(?:位置|定位)|"
                         r"(?:位置|定位)\S{0,4}(?:发了|发过|发给你了|早就发|不是发)")
# The remark itself: 我刚才不是发了位置嘛, 我不是说了嘛, 刚刚说过了, 你看定位嘛.
_REMARK = re.compile(r"^(?:我|你)?(?:刚才|刚刚|之前|前面|早就|已经)?(?:不是|都)?(?:已经)?"
                     r"(?:发了|发过|发的|说了|说过|讲了|讲过|告诉你了|共享了|分享了|给你发了)?.{0,6}?"
                     r"(?:位置|定位|说了|说过|讲了|讲过)?(?:嘛|吗|噻|撒|的|了|啊|呀|哦|哈)*$")
_CLAUSES = re.compile(r"[\s，,。.！!？?；;]+")


def says_sent_location(text: str) -> bool:
    """Whether the words say the location was already sent (我刚才不是发了位置嘛)."""
    return _SENT_POINT.search(answers.plain(text)) is not None


def points_back(text: str) -> bool:
    """Whether a clause of the message only says it was sent or said already (我刚才不是说了嘛)."""
    return any(_is_remark(clause) for clause in _clauses(text))


def place_in(text: str) -> str:
    """The words of an answer to "where?" besides a remark and what names a problem (我刚才不是发了位置嘛 就在安居路口
    → 安居路口; 我刚才不是说了嘛 红绿灯坏了 → ""): what may be stored as the report's place."""
    kept = [without_saying(clause) for clause in _clauses(text) if not _is_remark(clause)]
    return " ".join(clause for clause in kept
                    if clause and answers.plain(clause) not in BARE_WORDS and not triage.has_problem(clause))


def latest_point(session: Session, channel: str, sender: str, before_id: int,
                 since: datetime) -> tuple[float, float] | None:
    """The location the sender shared last before message `before_id`, since `since`."""
    rows = session.scalars(select(InboxMessage).where(
        InboxMessage.channel == channel, InboxMessage.sender == sender, InboxMessage.id < before_id,
        InboxMessage.received_at >= since).order_by(InboxMessage.id.desc()).limit(20))
    for row in rows:
        lat, lon = (row.payload or {}).get("lat"), (row.payload or {}).get("lon")
        if isinstance(lat, int | float) and isinstance(lon, int | float) and not isinstance(lat, bool):
            return float(lat), float(lon)
    return None


def _clauses(text: str) -> list[str]:
    return [clause for clause in _CLAUSES.split(answers.plain(text)) if clause]


def _is_remark(clause: str) -> bool:
    if says_sent_location(clause) and len(clause) <= 14:
        return True
    return bool(re.search(r"说了|说过|讲了|讲过|告诉你了|发了|发过", clause)) and \
        _REMARK.match(clause) is not None and len(clause) <= 12
