"""The 村口黑板 asked about by a number not in the registry ("村口黑板上贴的啥子", blind test 26, B22 was told only that
the number is not registered).

What hangs on a village's board is public: anyone walking past can read it. So the newest notice posted to a whole
village, community or group (a published result, a cadre's announcement) is shown, with how to register to vote and
to receive notices. A notice sent to named people only is theirs and never shown; open topics are for voters, so
they are not listed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.council import SMS_SINGLE, fit
from bot.store.council_models import Notice

REGISTER = "登记后可收公告、参加投票，请找网格员登记。"
NOTHING = "村口黑板上暂时没有新公告。" + REGISTER
SCANNED = 200


def posted_publicly(notice: Notice) -> bool:
    """A notice to a whole village, community or group (the board's), not one to named people only."""
    electorate = notice.electorate or {}
    return bool(electorate.get("units") or electorate.get("groups"))


def outsider_board(session: Session) -> str:
    """The newest public notice and how to register, in one SMS part; or that there is none."""
    for notice in session.scalars(select(Notice).order_by(Notice.id.desc()).limit(SCANNED)):
        if posted_publicly(notice):
            return fit(notice.text, SMS_SINGLE - len(REGISTER) - 1) + "\n" + REGISTER
    return NOTHING
