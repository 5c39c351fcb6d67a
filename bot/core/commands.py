"""Reading ticket numbers and worker commands out of free text (after the NLU normaliser).

Accepted forms: T1023, t1023, Ｔ１０２３, 工单1023, 单号1023, 工单号码: 1023, 1023号, and a bare 1023.

A report mentions other numbers, and one read as a ticket number turns the report into a look-up
of that ticket (and the report is lost). So 1023号 and a bare number are not ticket numbers when
they look like a phone number: seven digits or more (mobiles have 11, landlines 7–8 and more with
the area code), a leading 0, a group of a longer number written with spaces or dashes
(138 1234 5678, 028-8765 4321), a service hotline (12345, 95xxx, 96xxx, 10086…) or right after
电话/手机/号码/联系/拨打/微信…; nor is a bare number followed by a unit (2023年, 1203室, 1500元).
T1023 and 工单1023 say what they are and are always read. A number over 999999 (more tickets than
a subdistrict opens) or a hotline's needs the T.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.core import answers
from bot.core.tickets import TICKET_NUMBER_OFFSET

# Explicit forms first; the last two are checked by _not_a_ticket. T after a Latin letter is
# part of a word (WeChat13900000003, chat 1023).
_FORMS = [
    re.compile(r"(?<![A-Za-z])[Tt]\s*(\d{3,})"),
    re.compile(r"(?:工单号码|工单号|工单|单号)\s*:?\s*(\d{3,})"),
    re.compile(r"(\d{3,})\s*号"),
    re.compile(r"(?<!\d)(\d{4,})(?!\d)"),
]
_EXPLICIT = 2
_PHONE_SHAPED = re.compile(r"\d{7,}|0\d*|12\d{3}|9[56]\d{3}|100\d{2}")
_PHONE_WORD_BEFORE = re.compile(r"(?:电话|手机|(?<!单)号码|联系|拨打|致电|热线|分机|微信|tel|qq)\D{0,4}$",
                                re.IGNORECASE)
_GROUP_OF_LONGER = re.compile(r"\d[ -]$")
_GROUP_OF_LONGER_AFTER = re.compile(r"[ -]\d")
_UNIT_AFTER = re.compile(r"(?:年|元|块|室|米|平|户|人|栋|楼|层|次|天|小时|分钟|点|岁|斤|公里|公斤|辆|个|件|万)")
RETURN_WORDS = ("退单", "退回", "不是我们网格", "不归我们")
RESOLVE_WORDS = ("办结", "已处理", "已解决", "处理完", "处理好", "完成", "完工", "搞定", "结单", "结案", "修好",
                 "已修复", "办好", "办完", "清运", "已清理", "已调解")
START_WORDS = ("处理中", "在处理", "正在", "已到现场", "到现场了", "进度", "已联系", "跟进", "在路上", "马上到",
               "已安排")
DETAIL_WORDS = ("详情", "全文", "内容", "看看", "什么事", "啥事", "电话", "号码", "在哪")


def ticket_number_in(text: str) -> str | None:
    """'收到 t1023' → 'T1023'."""
    plain = unicodedata.normalize("NFKC", text or "")
    for index, form in enumerate(_FORMS):
        for match in form.finditer(plain):
            if int(match.group(1)) <= TICKET_NUMBER_OFFSET:
                continue
            if index >= _EXPLICIT and _not_a_ticket(plain, match, bare=index == len(_FORMS) - 1):
                continue
            return f"T{int(match.group(1))}"
    return None


def _not_a_ticket(plain: str, match: re.Match[str], *, bare: bool) -> bool:
    """Whether the digits of 1023号 or a bare number are a phone number (or, bare, a quantity)."""
    digits, (start, end) = match.group(1), match.span(1)
    return bool(_PHONE_SHAPED.fullmatch(digits) or _PHONE_WORD_BEFORE.search(plain, 0, start)
                or _GROUP_OF_LONGER.search(plain, 0, start) or _GROUP_OF_LONGER_AFTER.match(plain, end)
                or (bare and _UNIT_AFTER.match(plain, end)))


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
    verb: str  # ack / start / resolve / return / details
    number: str | None
    note: str


def worker_command(text: str, intent: str) -> WorkerCommand:
    """What a worker's message asks for. Words win over the intent: 退单, 处理中 and 详情 have no intent
    of their own, and a progress note ("T1007 进度 已联系医生上门") must never close a ticket however
    the classifier read it; only the words of a finished job or the resolve intent resolve."""
    number = ticket_number_in(text)
    note = without_number(text)
    if any(w in text for w in RETURN_WORDS):
        verb = "return"
    elif any(w in text for w in RESOLVE_WORDS):
        verb = "resolve"
    elif any(w in text for w in START_WORDS):
        verb = "start"
    elif any(w in text for w in DETAIL_WORDS):
        verb = "details"
    elif intent == "worker_resolve":
        verb = "resolve"
    else:
        verb = "ack"
    return WorkerCommand(verb, number, note)


def rating_in(text: str) -> int | None:
    """1 满意, 2 基本满意, 3 不满意: a digit (一二三, ①②③ too), the words or emoji (`answers.rating_in`)."""
    found = answers.rating_in(text)
    return found.score if found is not None else None
