"""Whether the reported tap water may be drunk now (水现在清了 能喝了不, 38 minutes after "自来水浑得很", blind test
30, A14-11a got 没太看懂): answered about the sender's open report of the water, its state, and not to drink it
unboiled before the check says so; never fire advice nor asked where. Whether it may be used to wash (水还有漂白粉味
洗澡要得不, blind test 31, A14-11b2 was added to the ticket unanswered): washing is fine after letting it run, food
and teeth want boiled or bottled water, and none of it drunk yet; what it says of the water still (还有漂白粉味) goes
onto the ticket (the app adds it)."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.common.plain_text import plain as _plain
from bot.core import triage
from bot.core.care_words import water_advice
from bot.core.lifecycle import STATUS_NAMES, reported_by
from bot.core.tickets import OPEN_STATUSES
from bot.store.models import Ticket

# Asked whether it may be drunk or cooked with now (能喝了不, 可以喝了吗, 能不能煮饭了).
# In dialect too: 喝得了不, 喝得不, 喝不喝得, 敢不敢喝 (blind test 33, A13: 水还是有消毒水味 喝得了不 went unanswered).
_MAY_DRINK = re.compile(r"(?:能|可以|敢)(?:不能|不可以)?(?:直接)?(?:喝|吃|煮饭|做饭|烧水)了?(?:不|吗|嘛|没|没得)?"
                        r"(?:嘛|哦|哈|啊|呢|噻)?[?？]?$|能不能(?:直接)?(?:喝|煮饭|做饭)|敢不敢(?:直接)?喝|"
                        r"喝得(?:了|成)?(?:不|吗|嘛|没|没得|哇)(?:嘛|哦|哈|啊|呢|噻)?[?？]?$|喝不喝得|喝得喝不得")
QUESTION_MAX_CHARS = 24
REPLY = "工单{number}（水质）现在{status}{noted}。检测结果出来前先别直接喝，要喝就烧开，或先用桶装水。"
# Asked whether it may be used to wash (洗澡要得不, 能洗衣服不, 可以洗菜吗, 刷牙没事吧).
_WASH_BODY = r"洗澡|冲澡|洗头|洗脸|洗手|洗衣服?|洗被子|拖地|冲厕所|洗碗"
_WASH_FOOD = r"洗菜|淘米|洗水果|刷牙|漱口"
_MAY_USE = re.compile(rf"(?:能|可以|敢|得行)?(?:不能|不可以)?(?:拿来|用来|用它)?({_WASH_BODY}|{_WASH_FOOD})"
                      r"(?:要得不|要不得|要得吗|可以不|可以吗|可不可以|能不能|行不行|得行不|得不|没事吧|没得事吧|有事没|"
                      r"有没有事|不|吗|嘛|没|哇)?(?:嘛|哦|哈|啊|呢|噻)?[?？]?$")
_ASKED_USE = re.compile(r"(?:能|可以|敢|得行)|要得|要不得|可不可以|能不能|行不行|得不|没事吧|没得事吧|有事没|有没有事|"
                        r"[不吗嘛没哇][嘛哦哈啊呢噻]?[?？]?$")
USE_BODY = "工单{number}（水质）{status}{noted}。{use}一般没事，先放一会儿水、开窗透气再用；检测清楚前别直接喝。"
USE_FOOD = "工单{number}（水质）{status}{noted}。{use}最好用烧开的水或桶装水；检测清楚前别直接喝。"
NOTED = "，已转告承办人"  # what the question said of the water still went onto the ticket
# What the question says of the water still (还有漂白粉味, 还是黄的): news for the worker.
_STILL = re.compile(r"还(?:有|是|在)|又|依然|仍然")


def asks_to_drink(text: str) -> bool:
    """水现在清了 能喝了不: a short question whether the water may be drunk now, naming no problem of its own."""
    plain = _plain(text)
    return 0 < len(plain) <= QUESTION_MAX_CHARS and "水" in plain and _MAY_DRINK.search(plain) is not None \
        and not triage.has_danger(plain)


def asks_to_use(text: str) -> bool:
    """水还有漂白粉味 洗澡要得不: a short question whether the water may be used to wash; said alone (能洗澡不,
    blind test 32, A41 got 没太看懂) the water is the sender's report's (`use_answer` needs one open)."""
    plain = _plain(text)
    found = _MAY_USE.search(plain)
    return 0 < len(plain) <= QUESTION_MAX_CHARS and ("水" in plain or (found is not None and found.start() <= 3)) \
        and found is not None and _ASKED_USE.search(found.group(0)) is not None and not triage.has_danger(plain)


# Whether it may wash, asked inside the report of the water itself (河畔花园停水了 水里有漂白粉味 可以洗澡不, blind
# test 32, A75: the ticket and the drinking advice, the bathing question unanswered): answered beside the ticket.
WASH_BODY = "{use}一般没事，先放一会儿水、开窗透气再用；检测清楚前别直接喝。"
WASH_FOOD = "{use}最好用烧开的水或桶装水；检测清楚前别直接喝。"


def wash_reply(text: str) -> str:
    """The answer to a washing question asked in a report of bad water, "" when none is asked."""
    plain = _plain(text)
    if not water_advice(plain):
        return ""
    for clause in re.split(r"[\s，,。！!？?]+", plain):
        found = _MAY_USE.search(clause)
        if found is not None and _ASKED_USE.search(found.group(0)) is not None:
            word = found.group(1)
            return (WASH_FOOD if re.fullmatch(_WASH_FOOD, word) else WASH_BODY).format(use=word)
    return ""


def says_still(text: str) -> str:
    """"水还有漂白粉味": what the question says of the water still, for the ticket; "" when nothing."""
    said = " ".join(c for c in re.split(r"[\s，,。！!？?]+", _plain(text)) if c and _MAY_USE.search(c) is None
                    and _MAY_DRINK.search(c) is None)
    return said if _STILL.search(said) else ""


def water_ticket(session: Session, address: str) -> Ticket | None:
    """The sender's open report of bad tap water."""
    return next((t for t in reported_by(session, address, OPEN_STATUSES) if water_advice(t.text)), None)


def use_answer(session: Session, address: str, text: str, *, noted: bool = False) -> str | None:
    """Whether it may wash, about the sender's open report of bad tap water; else None (the question goes on).
    `noted`: what it said of the water still was added to the ticket."""
    if not asks_to_use(text):
        return None
    water = water_ticket(session, address)
    if water is None:
        return None
    use = re.search(f"{_WASH_BODY}|{_WASH_FOOD}", _plain(text))
    word = use.group(0) if use is not None else "洗澡"
    food = re.fullmatch(_WASH_FOOD, word) is not None
    return (USE_FOOD if food else USE_BODY).format(number=water.number, status=STATUS_NAMES.get(water.status, ""),
                                                   noted=NOTED if noted else "", use=word)


def answer(session: Session, address: str, text: str, *, noted: bool = False) -> str | None:
    """The answer about the sender's open report of bad tap water, else None (the question goes on). `noted`: what
    it said of the water still (水还是有消毒水味) was added to the ticket."""
    if not asks_to_drink(text):
        return None
    water = water_ticket(session, address)
    if water is None:
        return None
    return REPLY.format(number=water.number, status=STATUS_NAMES.get(water.status, ""), noted=NOTED if noted else "")
