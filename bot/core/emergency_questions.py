"""A reporter's question about their own emergency while it is open, answered, never filed as a 补充 (blind test 27):

- a safety question during a gas leak or a fire ("抽油烟机能开不", "电闸要不要拉", "电梯能坐不"): the drill for its kind
  (no switch, no hood, no flame, windows open, out; no lift, wet cloth, out), whatever the question was;
- a question how it stands ("楼顶那个人下来没有哦", "人找到没得", "救护车到了没"): the emergency's state and its latest
  progress, and everyone its alert reached hears that the reporter asked."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import triage
from bot.core.emergency_updates import add_update
from bot.core.lifecycle import STATUS_NAMES
from bot.core.ticket_questions import latest
from bot.store.models import Ticket

QUESTION_MAX_CHARS = 30
SMS_PART = 70

# Something that may spark or a way out, asked about: a switch, an appliance, a flame, the lift, the valve.
_SWITCHES = re.compile(r"油烟机|抽烟机|排气扇|换气扇|风扇|电扇|灯|开关|电闸|闸|电源|电器|电视|空调|冰箱|热水器|"
                       r"插头|插座|燃气灶|煤气灶|灶|火|打火机|蜡烛|烟|电梯|手机|电话|门铃|阀|窗|门|水")
_ASKED = re.compile(r"[?？]|吗|嘛|[能可得要]\S{0,3}不$|不得|行不|要不要|能不能|可不可以|得不得行|敢不敢|该不该|"
                    r"(?:能|可以|得行|敢)[\u4e00-\u9fff]{0,3}(?:不|吗|嘛|哦)?$|[\u4e00-\u9fff]不[\u4e00-\u9fff]")
_GAS = re.compile(r"煤气|燃气|天然气|液化气|漏气|臭鸡蛋")
_FIRE = re.compile(r"火|烟|烧|焦|爆|炸")
SAFETY_GAS = "千万别开油烟机、灯等任何开关，别点火；能关燃气阀就关上，开窗后人到屋外再打119。"
SAFETY_FIRE = "别开电器、别坐电梯，用湿毛巾捂住口鼻赶快往外走，到安全的地方再打119。"

# How it stands: 下来没有, 找到没得, 到了没, 咋样了.
_HOW_IT_STANDS = re.compile(r"(?:下来|上来|找到|寻到|救起来|救上来|救出来|救到|送走|送到|醒|抓到|劝下来|劝住|"
                            r"来|到|回来|好|灭|熄|走)了?(?:没|莫)(?:得|有)?(?:哦|嘛|呢|啊|喃|哈)?(?=\s|$|[?？])|"
                            r"(?:咋样|怎么样|啥情况|什么情况)了?(?:哦|嘛|呢|啊)?(?=\s|$|[?？])|有(?:消息|结果)没")
STATE = "工单{number}现在{status}，{who}值班人员已知道。"
NO_NEWS = "有消息会马上告诉您。"


def _short(text: str) -> str:
    plain = " ".join((text or "").split())
    return plain if 0 < len(plain) <= QUESTION_MAX_CHARS and not triage.has_danger(plain) else ""


def asks_safety(text: str) -> bool:
    """Whether a short message asks whether a switch, an appliance, a flame or the lift may be used (抽油烟机能开不)."""
    plain = _short(text)
    return bool(plain) and _SWITCHES.search(plain) is not None and _ASKED.search(plain) is not None


def safety_answer(ticket: Ticket, text: str) -> str | None:
    """The drill for a safety question during a gas leak or a fire, else None (another kind of emergency)."""
    if not asks_safety(text):
        return None
    if _GAS.search(ticket.text):
        return SAFETY_GAS
    return SAFETY_FIRE if _FIRE.search(ticket.text) or ticket.category == "fire_safety" else None


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
