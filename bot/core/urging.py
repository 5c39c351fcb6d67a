"""Which ticket a reporter's "再催一下" means: the one they urged last, while that was lately (blind test 5,
#7: the second urge went to the newest ticket, a fire, not the water pipe just urged); and what an urge says
besides urging ("再催一下 老汉摔了一跤了", blind test 8, #3, #50), which its holder's notice carries; and what the
reporter is told: an urge that raised the ticket to a supervisor says so (blind test 25, R5: the second urge was
escalated to 片区督办 and the reporter heard the same words as the first time)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core.escalation import LEVEL_NAMES
from bot.store.models import Ticket, TicketEvent

AGAIN_WITHIN = timedelta(hours=2)  # "再催" points back at an urge this recent
_AGAIN = re.compile(r"再|又|继续")
SMS = 70
# The urging words of a clause, up to the verb and its particles: 再催一下, 井盖那个催一哈, 帮我催办.
_URGING = re.compile(r"^.*?催(?:办|促|一催)?(?:一下|一哈|下子|一次|下|哈)?(?:子)?(?:嘛|哈|哦|啊|了|呢|撒|噻)*")
# A clause that only urges (快点嘛, 咋个还莫得人来哦): no reason of its own.
_ONLY_URGES = re.compile(r"快点|快些|赶紧|尽快|搞快|莫得人来|没得人来|没人来|还不来|还没来|咋个还|怎么还|好久|多久")
_CLAUSES = re.compile(r"[\s，,。.！!？?；;]+")
# Words that urge, whatever else the message asks (电梯那个转到哪里去了 咋个还莫得人来, blind test 9, #50): 催, 快点,
# nobody has come yet. A when-question alone (好久来修嘛) never urges: it asks (#9, #59).
URGING_WORDS = re.compile(r"催|快点|快些|赶紧|尽快|搞快|抓紧|(?:咋个|咋|怎么)?还(?:莫得|没得|没有?|不)(?:人来|人|来)|"
                          r"莫得人来|没得人来|没人来|(?:到底|还|你们)管不管")
_NUMBER = re.compile(r"[Tt]\s*\d{4,}")


# Pressing (等了好久了, 咋个还没来, 太慢了, 几天了): an urge. Only asking (防水要等好久嘛, 他到底是不是网格员嘛,
# 好久能修好) is a question, whatever the classifier says (blind test 31, A22b, A6-3a: 已催办 nobody asked for).
_PRESSES = re.compile(r"等了|等到现在|(?:几|好几|[一两三四五六七八九十]|\d)+(?:个)?(?:天|礼拜|星期|月)了|好久了|半天了|"
                      r"太慢|慢得很|好慢|(?:咋个|咋|怎么|为啥|为什么)还|还(?:是)?(?:没|莫|不)|再不|管不管|"
                      r"(?:都|已经)?(?:中午|晚上|下午)了")
# 师傅下午来不来嘛, 有人联系我没 (blind test 32, B153: 已催办 nobody asked for) ask too.
_ONLY_ASKS = re.compile(r"是不是|是哪个|是谁|是真的|真的是|吗|[?？]|好久|多久|(?:什么|啥子?)时候|几时|哪天|几点|几天|"
                        r"来不来|到不到|会不会来|能不能来|联系(?:过)?(?:我|我们)?了?(?:没有|没得|莫得|没)")


def only_asks(text: str) -> bool:
    """防水要等好久嘛, 他到底是不是网格员嘛: a question with nothing pressing in it (催, 快点, 等了好久了, 咋个还没来),
    never an urge."""
    plain = text or ""
    return _ONLY_ASKS.search(plain) is not None and not urges(plain) and _PRESSES.search(plain) is None


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


def urges(text: str) -> bool:
    """Whether the words urge (催, 快点嘛, 咋个还莫得人来), not only ask when."""
    return URGING_WORDS.search(text or "") is not None


def reason_in(text: str) -> str:
    """What an urge says besides urging (再催一下 老汉摔了一跤了 → 老汉摔了一跤了), "" when nothing."""
    kept = []
    for clause in _CLAUSES.split(_NUMBER.sub(" ", text or "")):
        clause = _URGING.sub("", clause) if "催" in clause else clause
        if clause and not (len(clause) <= 8 and _ONLY_URGES.search(clause)):
            kept.append(clause)
    return " ".join(kept)


def urge_notice(number: str, count: int, reason: str) -> str:
    """The holder's notice of an urge, with the reporter's reason when they gave one, within one SMS part."""
    if not reason:
        return f"催办：工单{number}反映人第{count}次催促，请尽快处理。"
    head, tail = f"催办：工单{number}反映人第{count}次催促：", "。请尽快处理。"
    room = SMS - len(head) - len(tail)
    return head + (reason if len(reason) <= room else reason[:room - 1] + "…") + tail


URGED = "已催办工单{number}，已提醒承办人尽快处理。"
URGED_AGAIN = "已催办工单{number}，这是第{count}次催办，已再次提醒承办人尽快处理。"
URGED_UP = "已催办工单{number}，这是第{count}次催办，已报给{where}督办，会尽快有人处理。"


def raised_by_last_urge(session: Session, ticket: Ticket) -> str | None:
    """The name of the level (片区, 社区…) the ticket's latest urge raised it to; None when it raised it nowhere."""
    urged = session.scalar(select(TicketEvent.id).where(TicketEvent.ticket_id == ticket.id,
                                                        TicketEvent.kind == "urged").order_by(TicketEvent.id.desc())
                           .limit(1))
    if urged is None:
        return None
    raised = session.scalars(select(TicketEvent).where(
        TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "escalated", TicketEvent.id > urged)).all()
    level = next(((e.data or {}).get("level") for e in raised if (e.data or {}).get("why") == "urged"), None)
    return LEVEL_NAMES.get(int(level), "上级") if level is not None else None


def urged_reply(session: Session, ticket: Ticket) -> str:
    """What the reporter hears after `lifecycle.urge`: that the holder was reminded, that it is a repeated urge,
    and when this urge raised the ticket to a supervisor, to whom (the level's name)."""
    number, count = ticket.number or "", ticket.urge_count
    where = raised_by_last_urge(session, ticket)
    if where is not None:
        return URGED_UP.format(number=number, count=count, where=where)
    return URGED_AGAIN.format(number=number, count=count) if count > 1 else URGED.format(number=number)
