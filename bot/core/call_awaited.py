"""When the call comes, asked by someone waiting for one: a new or changed number to verify (登记核实, bot/core/
registration.py) or a question to answer (咨询请回电). 啥时候打电话给我, 网格员啥时候给我打电话, 那好久有人联系我哦
(blind test 34, B89 got "这个电话不便提供", B168 the worker's name and number alone): who will call, that the task
waits for it, and what to do if the call never comes."""

from __future__ import annotations

import re

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.common.phones import national
from bot.common.plain_text import plain
from bot.core.followup_words import NOT_REPORTS
from bot.core.lifecycle import STATUS_NAMES
from bot.core.questions import TICKET_PREFIX as QUESTION_PREFIX
from bot.core.registration import TICKET_PREFIX as REGISTRATION_PREFIX
from bot.core.tickets import OPEN_STATUSES
from bot.store.models import Ticket

_WHEN = r"(?:啥子?时候|什么时候|好久|几时|哪天|几点|多久|多少天|几天|啥时)"
# A call to the sender (打电话给我, 给我打电话, 打电话来, 来电话, 联系我, 回我电话).
_CALL = (r"(?:打(?:个|过)?电话(?:给我|来|过来)?|给我(?:打|回|来)(?:个)?电话|(?:来|回)(?:个)?电话|回我电话|"
         r"联系(?:我|下我|一下我)?|打给我|找我|打(?:过来|来|回来))")
_ASKS_WHEN = re.compile(rf"{_WHEN}[^，,。！!？?\s]{{0,6}}?{_CALL}|{_CALL}[^，,。！!？?\s]{{0,3}}?{_WHEN}")
# Nobody has called yet (咋个还没得人给我打电话, 都等了半天了 还没人打电话来: blind test 35, B168's kind): the call
# still awaited, said impatiently.
_NOT_YET = re.compile(r"(?:还|都还)(?:没|莫|没有|没得|莫得)(?:得|有)?(?:人|哪个|网格员|他|她)?[^，,。！!？?\s]{0,3}?"
                      r"(?:给我|跟我)?(?:打(?:个)?电话|来(?:个)?电话|回(?:我)?电话|打过来|打来|联系(?:我)?)")
# Calling someone else (啥时候打电话给网格员, 好久联系物业): when to call them, never a call awaited.
_CALLS_OTHERS = re.compile(r"(?:给|打给|联系)(?:网格员|社区|物业|街道|你们|他|她|派出所|居委会)|打(?:电话)?过去")
_PURPOSE = {REGISTRATION_PREFIX: "核实登记", QUESTION_PREFIX: "答复您问的事"}
WILL_CALL = "{whom}会打电话给您{purpose}，工单{number}{state}。要是一直没接到，回复“催办”{or_call}。"
NOBODY = "街道值班人员"


def asks(text: str) -> bool:
    """啥时候打电话给我, 网格员好久给我打电话嘛, 那好久有人联系我哦: when the sender will be called."""
    said = "".join(plain(text).split())
    return (_ASKS_WHEN.search(said) is not None or _NOT_YET.search(said) is not None) \
        and _CALLS_OTHERS.search(said) is None


# The call came, said alone (联系上了, 他打过来了 谢谢): only this, while a call is awaited, means contacted.
_CAME = re.compile(r"^(?:网格员|他|她|人家)?(?:已经|刚才|刚刚|都)?(?:联系上了|(?:打|回)过来了|打来了|来(?:了)?电话了|"
                   r"打通了|回(?:了)?(?:我)?电话了|联系(?:我|过我)了)(?:谢谢|多谢|好的|好|哈|嗯|啦|了)*$")


def says_call_came(text: str) -> bool:
    """联系上了, 他打过来了 谢谢: the call awaited came, nothing more said."""
    return _CAME.match("".join(plain(text).split()).strip("，,。.!！~～")) is not None


def awaited(session: Session, address: str) -> Ticket | None:
    """The sender's latest open task that ends in a call to them (a number to verify, a question to answer)."""
    return session.scalar(select(Ticket).where(
        Ticket.reporter_address == address, Ticket.status.in_(OPEN_STATUSES),
        or_(*(Ticket.text.startswith(prefix) for prefix in NOT_REPORTS))).order_by(Ticket.id.desc()).limit(1))


def reply(ticket: Ticket) -> str:
    """Who will call and why, the task's state, and what to do if no call comes (催办, or the worker's number)."""
    holder = ticket.assignee
    purpose = next((words for prefix, words in _PURPOSE.items() if ticket.text.startswith(prefix)), "")
    waiting = ticket.status in ("new", "assigned", "acknowledged", "reopened", "returned")
    state = f"在等{'他' if holder is not None else '人'}打（{STATUS_NAMES.get(ticket.status, '处理中')}）" if waiting \
        else f"{STATUS_NAMES.get(ticket.status, '处理中')}"
    if holder is None:
        return WILL_CALL.format(whom=NOBODY, purpose=purpose, number=ticket.number, state=state, or_call="")
    whom = f"网格员{holder.name}" if ticket.assignee_role in ("grid_worker", "backup_grid_worker") else holder.name
    or_call = f"，或直接打{national(holder.phone)}" if holder.phone and holder.kind == "staff" else ""
    return WILL_CALL.format(whom=whom, purpose=purpose, number=ticket.number, state=state, or_call=or_call)
