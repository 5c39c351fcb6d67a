"""Wages owed (blind test 31, B93b: 包工头不给工钱 拖了半年了 was filed with no word of 12333; 工钱的事 网格员能帮我找
包工头不 got 答不上). A report of wages owed is filed as ever, with the labour hotline (12333) and labour inspection
beside it; asked whether the grid worker can help, yes: the grid worker can go to the contractor and mediate, and
the ticket holding the matter is named."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.plain_text import plain as _plain
from bot.core.tickets import OPEN_STATUSES
from bot.store.models import Ticket

_WAGES = r"工钱|工资|薪水|薪资|工程款|劳务费|血汗钱|辛苦钱"
_NOT_PAID = r"不给|没给|莫得给|没得给|不发|没发|不结|没结|拖|欠|要不到|讨不到|拿不到|要不回|赖|扣|克扣|跑了|不付|没付"
# 包工头不给工钱, 工资拖了半年, 欠薪, 讨薪: wages owed.
_OWED = re.compile(rf"(?:{_WAGES})[^，,。！!？?\s]{{0,6}}(?:{_NOT_PAID})|"
                   rf"(?:{_NOT_PAID})[^，,。！!？?\s]{{0,6}}(?:{_WAGES})|欠薪|讨薪|讨工钱|要工钱")
_WAGE_WORDS = re.compile(rf"{_WAGES}|欠薪|讨薪|包工头|老板跑")
# Whether the grid worker or the community can help with it (网格员能帮我找包工头不, 社区管不管).
_WHO = re.compile(r"网格员|社区|居委会?|你们|街道|村上|村委会?")
_HELP = re.compile(r"帮|找|管|出面|协调|调解|喊|说一下|说下|说哈")
_ASKED = re.compile(r"不[嘛哦啊呀嘞]?$|吗|没得|没有|能不能|可不可以|可以不|能不|会不会|管不管|帮不帮|行不|"
                    r"\?|？")

NOTE = "工钱拖欠也可以打12333劳动保障热线，或到人社局劳动监察投诉。"
CAN_HELP = "能，工单{number}在{who}那里，会帮您找包工头协调；谈不拢再打12333或找劳动监察。"
CAN_HELP_NO_TICKET = "能，网格员可以帮忙找包工头协调。说下工地在哪点、欠了多久，我给您登记；也可以打12333。"


def owed(text: str) -> bool:
    """Whether the words tell of wages owed (包工头不给工钱 拖了半年了, 工资拖了三个月没发)."""
    plain = _plain(text)
    return bool(plain) and _OWED.search(plain) is not None


def about_wages(text: str) -> bool:
    """Whether the words speak of wages at all (工钱的事, 包工头)."""
    return _WAGE_WORDS.search(_plain(text) or "") is not None


def asks_for_help(text: str) -> bool:
    """Whether the words ask whether the grid worker or the community can help with wages (网格员能帮我找包工头不)."""
    plain = _plain(text)
    return bool(plain) and about_wages(plain) and _WHO.search(plain) is not None \
        and _HELP.search(plain) is not None and _ASKED.search(plain) is not None


def help_reply(session: Session, address: str) -> str:
    """Yes: the sender's open wage ticket and its grid worker, else how to have one filed."""
    rows = session.scalars(select(Ticket).where(Ticket.reporter_address == address,
                                                Ticket.status.in_(OPEN_STATUSES)).order_by(Ticket.id.desc()).limit(10))
    ticket = next((t for t in rows if about_wages(t.text or "")), None)
    if ticket is None or ticket.assignee is None:
        return CAN_HELP_NO_TICKET
    who = f"网格员{ticket.assignee.name}" if ticket.assignee_role == "grid_worker" else ticket.assignee.name
    return CAN_HELP.format(number=ticket.number or "", who=who)
