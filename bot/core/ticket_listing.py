"""Every open ticket of a reporter's, briefly, when the words ask after all of them (查一下我的报事进度, blind test 10,
#58): "您的工单：T1018 漏水 待接单；T1016 垃圾 处理中。", in two SMS parts at most, each ticket named by a word or
two."""

from __future__ import annotations

import re

from bot.core import ticket_focus
from bot.core.lifecycle import STATUS_NAMES
from bot.core.problem_match import objects_in
from bot.core.tickets import CATEGORY_NAMES
from bot.store.models import Ticket

SMS_PART = 70
LIST_HEAD = "您的工单："
LIST_PARTS = 2
# What a ticket is about in a word or two when it names no thing of `objects_in` (帮我查一下…他家漏水到我屋头了: 漏水).
_LABEL = re.compile(r"漏水|渗水|冒水|停水|停电|没水|积水|噪音|下水道|化粪池")


def listing(tickets: list[Ticket], text: str) -> list[str] | None:
    """Every one of the sender's `tickets` (two or more), briefly, when the words ask after all of them (查一下我的报事
    进度) and point at none (blind test 10, #58: only the one just talked about was named); else None."""
    if len(tickets) < 2 or not ticket_focus.asks_all(text) or ticket_focus.by_words(tickets, text) is not None:
        return None
    return status_list(tickets)


def status_list(tickets: list[Ticket]) -> list[str]:
    """"您的工单：T1018 漏水 待接单；T1016 垃圾 处理中。": LIST_PARTS SMS parts at most; the rest is counted."""
    lines = [f"{t.number} {label(t)} {STATUS_NAMES.get(t.status, '')}" for t in tickets]
    parts: list[str] = []
    current = LIST_HEAD
    for line in lines:
        sep = "" if current in ("", LIST_HEAD) else "；"
        if len(current) + len(sep) + len(line) + 1 <= SMS_PART:
            current += sep + line
            continue
        if len(parts) + 1 >= LIST_PARTS:  # no room left: the rest counted
            more = f"等{len(lines)}件"
            while len(current) + len(more) + 1 > SMS_PART and "；" in current:
                current = current.rsplit("；", 1)[0]
            return [*parts, current + more + "。"]
        parts.append(current + "。")
        current = line
    return [*parts, current + "。"]


def label(ticket: Ticket) -> str:
    """A word or two for what the ticket is about: the first thing it names (垃圾), a fault (漏水), or its category."""
    text = ticket.text.split("；补充：")[0]
    things = sorted(objects_in(text) - {"车"}, key=lambda word: (text.find(word), -len(word)))
    if things:
        return things[0]
    found = _LABEL.search(text)
    return found.group(0) if found else CATEGORY_NAMES.get(ticket.category, "")
