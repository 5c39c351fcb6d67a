"""Reading ticket numbers and worker commands out of free text (after the NLU normaliser).

Accepted forms: T1023, t1023, Ｔ１０２３, 1023号, 工单1023, 单号1023, and a bare 1023 when nothing
else in the text looks like a number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.core.tickets import TICKET_NUMBER_OFFSET

_FORMS = [
    re.compile(r"[Tt]\s*(\d{3,})"),
    re.compile(r"(?:工单|单号|工单号)\s*(\d{3,})"),
    re.compile(r"(\d{3,})\s*号"),
    re.compile(r"(?<!\d)(\d{4,})(?!\d)"),
]
RETURN_WORDS = ("退单", "退回", "不是我们网格", "不归我们")
RESOLVE_WORDS = ("办结", "已处理", "已解决", "处理完", "处理好", "完成", "完工", "搞定", "结单", "结案", "修好",
                 "已修复", "办好", "办完", "清运", "已清理", "已调解")
START_WORDS = ("在处理", "正在处理", "已到现场", "到现场了")


def ticket_number_in(text: str) -> str | None:
    """'收到 t1023' → 'T1023'."""
    plain = unicodedata.normalize("NFKC", text or "")
    for form in _FORMS:
        match = form.search(plain)
        if match and int(match.group(1)) > TICKET_NUMBER_OFFSET:
            return f"T{int(match.group(1))}"
    return None


def without_number(text: str) -> str:
    """The note a worker wrote after the number and the command words: 'T1023 已办结 路灯换好了' → '路灯换好了'."""
    plain = unicodedata.normalize("NFKC", text or "")
    for form in _FORMS[:3]:
        plain = form.sub(" ", plain)
    for word in ("退单", "已办结", "办结", "收到"):
        plain = plain.replace(word, " ")
    return " ".join(plain.split()).strip(" ，,。:：")


@dataclass(frozen=True)
class WorkerCommand:
    verb: str  # ack / start / resolve / return
    number: str | None
    note: str


def worker_command(text: str, intent: str) -> WorkerCommand:
    """What a worker's message asks for. Words win over the intent for 退单 and 处理中, which have
    no intent of their own."""
    number = ticket_number_in(text)
    note = without_number(text)
    if any(w in text for w in RETURN_WORDS):
        verb = "return"
    elif intent == "worker_resolve" or any(w in text for w in RESOLVE_WORDS):
        verb = "resolve"
    elif any(w in text for w in START_WORDS):
        verb = "start"
    else:
        verb = "ack"
    return WorkerCommand(verb, number, note)


def rating_in(text: str) -> int | None:
    """1 满意, 2 基本满意, 3 不满意: a bare digit or the words."""
    plain = unicodedata.normalize("NFKC", text or "").strip(" 。.!！")
    if plain in ("1", "2", "3"):
        return int(plain)
    if "不满意" in plain or "差评" in plain:
        return 3
    if "基本满意" in plain or "还行" in plain or "一般" in plain:
        return 2
    if "满意" in plain or "好评" in plain:
        return 1
    return None
