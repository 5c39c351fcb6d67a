"""Whether the reported tap water may be drunk now (水现在清了 能喝了不, 38 minutes after "自来水浑得很", blind test
30, A14-11a got 没太看懂): answered about the sender's open report of the water, its state, and not to drink it
unboiled before the check says so; never fire advice nor asked where."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session

from bot.common.plain_text import plain as _plain
from bot.core import triage
from bot.core.care_words import water_advice
from bot.core.lifecycle import STATUS_NAMES, reported_by
from bot.core.tickets import OPEN_STATUSES

# Asked whether it may be drunk or cooked with now (能喝了不, 可以喝了吗, 能不能煮饭了).
_MAY_DRINK = re.compile(r"(?:能|可以|敢)(?:不能|不可以)?(?:直接)?(?:喝|吃|煮饭|做饭|烧水)了?(?:不|吗|嘛|没|没得)?"
                        r"(?:嘛|哦|哈|啊|呢|噻)?[?？]?$|能不能(?:直接)?(?:喝|煮饭|做饭)")
QUESTION_MAX_CHARS = 24
REPLY = "工单{number}（水质）现在{status}。检测结果出来前先别直接喝，要喝就烧开，或先用桶装水。"


def asks_to_drink(text: str) -> bool:
    """水现在清了 能喝了不: a short question whether the water may be drunk now, naming no problem of its own."""
    plain = _plain(text)
    return 0 < len(plain) <= QUESTION_MAX_CHARS and "水" in plain and _MAY_DRINK.search(plain) is not None \
        and not triage.has_danger(plain)


def answer(session: Session, address: str, text: str) -> str | None:
    """The answer about the sender's open report of bad tap water, else None (the question goes on)."""
    if not asks_to_drink(text):
        return None
    water = next((t for t in reported_by(session, address, OPEN_STATUSES) if water_advice(t.text)), None)
    if water is None:
        return None
    return REPLY.format(number=water.number, status=STATUS_NAMES.get(water.status, ""))
