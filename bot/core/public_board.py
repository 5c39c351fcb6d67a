"""The 村口黑板 asked about by a number not in the registry ("村口黑板上贴的啥子", blind test 26, B22 was told only that
the number is not registered).

What hangs on a village's board is public: anyone walking past can read it. So the newest notice posted to a whole
village, community or group (a published result, a cadre's announcement) is shown, with how to register to vote and
to receive notices. A notice sent to named people only is theirs and never shown; open topics are for voters, so
they are not listed."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.council import SMS_SINGLE, fit
from bot.store.council_models import Notice

REGISTER = "登记后可收公告、参加投票，请找网格员登记。"
NOTHING = "村口黑板上暂时没有新公告。" + REGISTER
SCANNED = 200
# Where notices are read (村里的公告在哪里看, 公告贴在哪点的, 在哪儿看通知; blind test 35, VL12n got the open topics):
# the 村口黑板, and 公告 sent here. Never 通知我去哪里开会 (a place to go) nor 停车场修在哪点 (a topic's detail).
_NOTICE = r"(?:公告|通知|黑板|议事结果|投票结果)"
_WHERE = r"(?:哪里|哪儿|哪点|哪个地方|哪块|哪边|啥子地方|什么地方)"
# 公告在哪看 (blind test 36, VL12n: the villager got the open topics): 哪 alone before the reading.
_WHERE_READ = re.compile(rf"{_NOTICE}(?:一般|都|是)?(?:贴|发|放|挂|公布|张贴)?(?:在|到)?(?:{_WHERE}|哪(?=看|查|找|瞧))|"
                         rf"(?:在|到|去){_WHERE}(?:看|查|找|瞧)(?:得到|得着)?(?:村里的?|村上的?)?{_NOTICE}")
WHERE_READ = "村里的公告贴在村口黑板上，也会发短信告诉您；在这里回复“公告”，随时能看。"


def asks_where_notices(text: str) -> bool:
    return _WHERE_READ.search(re.sub(r"\s+", "", text)) is not None


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
