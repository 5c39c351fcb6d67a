"""A grid worker who cannot be reached (网格员电话打不通 安居苑的, blind test 32, B110: lodged as a complaint against
her): the sender needs someone now, so they are told the other ways (the service centre's number, saying it here,
110 in danger), and the grid worker of the place they named (else their own, else their latest ticket's) is told
someone tried to reach her and asked to call back, once an hour. A complaint (投诉, 态度差, 从来不接) stays a complaint
(bot/core/complaints.py)."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.phones import national
from bot.core import registry, residence, triage
from bot.core.notify import notify
from bot.core.places import match_place
from bot.core.questions import grid_worker_of
from bot.store.message_models import OutboxMessage
from bot.store.models import Person, Ticket

_WHO = r"网格员|网格长|社区|居委会"  # never 他: 楼上那家 他电话也打不通 is a detail of a leak
_NOT_REACHED = r"打不通|打不进|没人接|莫得人接|没得人接|无人接听|不接|关机|占线|联系不上|找不到人"
# 网格员电话打不通, 打网格员电话没人接, 联系不上网格员, 找不到网格员.
_UNREACHABLE = re.compile(
    rf"(?:{_WHO})(?:的)?[^，,。\s]{{0,4}}电话[^，,。]{{0,6}}(?:{_NOT_REACHED})|"
    rf"(?:打|拨)(?:了)?[^，,。\s]{{0,3}}(?:{_WHO})(?:的)?电话[^，,。]{{0,6}}(?:{_NOT_REACHED})|"
    rf"(?:联系不上|找不到|找不着|联系不到)(?:{_WHO})|(?:{_WHO})(?:的)?(?:人)?(?:联系不上|找不到|找不着|联系不到)")
# What makes it a complaint about the worker rather than a need to reach someone (bot/core/complaints.py).
_COMPLAINS = re.compile(r"投诉|态度|骂|推诿|踢皮球|不作为|从来|故意|不管事|甩手|举报|混日子|吃干饭")
REPLY = "已留言给{name}，看到会回您电话。急事打便民服务中心{phone}，或在这里直接说事；有危险打110。"
REPLY_NOBODY = "急事打便民服务中心{phone}，或在这里直接说是啥事、在哪里，我们转给值班员；有危险打110。"
NOTICE = "居民{who}说打您电话没打通，请看到后回个电话。"
NOTICE_ONCE_WITHIN = timedelta(hours=1)
# The worker got through after all (杨网格员回我电话了 谢谢, 网格员打过来了 没事了, 联系上社区了: blind test 33,
# A59): a warm word, never the grid's answer again; 他回电话了 但是还没来 is more to say, and left to what reads it.
_CALLED_BACK = re.compile(rf"(?:{_WHO}|[他她]|人家)[^，,。\s]{{0,3}}"
                          r"(?:回(?:了)?(?:我|我们)?(?:的)?电话|回(?:过来|电)了|(?:打|拨)(?:过来|回来)了|来(?:了)?电话了|"
                          r"联系(?:我|我们)了|(?:给|跟)(?:我|我们)(?:打|通)了?电话)"
                          rf"|(?:联系上|找到|打通)了?(?:{_WHO})|(?:{_WHO})(?:的)?(?:电话)?(?:打通了|联系上了|找到了)")
# More than the call said, or a question when it comes (网格员好久给我打电话: blind test 35, B168 got 联系上就好 with
# nobody having called): never the warm word.
_MORE_SAID = re.compile(r"但|可是|不过|还没|还是|没来|莫来|不来|不管|没说|[吗么？?]|咋个|怎么|啥|"
                        r"好久|几时|哪天|几点|多久|什么时候|到底|要不要|会不会")
CALLED_BACK = "联系上就好！还有啥事随时在这里说。"


def says_called_back(text: str) -> bool:
    """杨网格员回我电话了 谢谢: the worker someone could not reach got through, with nothing more to say."""
    plain = unicodedata.normalize("NFKC", text or "")
    found = _CALLED_BACK.search(plain)
    if found is None or _MORE_SAID.search(plain) is not None or _COMPLAINS.search(plain) is not None:
        return False
    return not triage.has_problem(plain[:found.start()] + " " + plain[found.end():])


def says(text: str) -> bool:
    """网格员电话打不通: someone could not reach a grid worker or the community, with no complaint, problem or danger
    said beside it."""
    plain = unicodedata.normalize("NFKC", text or "")
    found = _UNREACHABLE.search(plain)
    if found is None or _COMPLAINS.search(plain) is not None or triage.has_danger(plain):
        return False
    return not triage.has_problem(plain[:found.start()] + " " + plain[found.end():])


def reply(session: Session, clock: Clock, contact_phone: str, address: str, text: str) -> str:
    """The other ways to reach someone now; the grid worker meant is asked to call back (once an hour)."""
    worker = _worker_meant(session, address, text)
    if worker is None:
        return REPLY_NOBODY.format(phone=contact_phone)
    notice = NOTICE.format(who=national(address) if address.startswith("+") else "（网格通）")
    since = clock.now() - NOTICE_ONCE_WITHIN
    told = session.scalar(select(OutboxMessage.id).where(OutboxMessage.text == notice, OutboxMessage.kind ==
                                                         "notification", OutboxMessage.created_at >= since).limit(1))
    if told is None:
        notify(session, worker, notice)
    name = f"网格员{worker.name}" if worker.name else "网格员"
    return REPLY.format(name=name, phone=contact_phone)


def _worker_meant(session: Session, address: str, text: str) -> Person | None:
    """The grid worker of the place the words name, else the sender's own, else of their latest ticket's grid."""
    grid = match_place(session, text).grid
    if grid is not None:
        return residence.worker_of(session, grid)
    own = grid_worker_of(session, registry.person_by_address(session, address))
    if own is not None:
        return own
    latest = session.scalar(select(Ticket).where(Ticket.reporter_address == address, Ticket.unit_id.is_not(None))
                            .order_by(Ticket.id.desc()).limit(1))
    return residence.worker_of(session, latest.unit) if latest is not None and latest.unit is not None else None
