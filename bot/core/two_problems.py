"""Two problems in one message ("楼道灯不亮了 还有垃圾桶满了好几天莫得人倒", blind test 17, #38 and #102):
split where a second clause begins (还有, 另外, 还有就是, 再就是); when the classifier files each clause
as a report in another category, each becomes its own ticket and one reply gives both numbers."""

from __future__ import annotations

import re

from bot.core import triage
from bot.core.other_problem import things_in

# A second problem begins after a pause: 还有/另外/还有就是/再就是/再一个 ("还有人摔了" is the same problem's detail).
_SECOND = re.compile(r"[\s，,。；;！!]+(?:还有就是|还有个|还有一个|还有|另外还有|另外|再就是|再一个|再有)"
                     r"(?![人点些好没的])[\s，,：:]*")
MIN_CLAUSE = 4  # characters: a shorter clause is no problem of its own
TWO_OPENED = "收到，分成两件：工单{first}和{second}，已派给网格员{assignee}，会尽快处理。"
TWO_OPENED_ANY = "收到，分成两件登记：工单{first}和{second}，会尽快派人处理。"
# Each at its own place, with its own worker (blind test 31, B25: 安居苑's 井盖 and 河畔花园's 路灯).
TWO_APART = "收到，分成两件：工单{first}派给网格员{first_assignee}，{second}派给网格员{second_assignee}，会尽快处理。"
ONE_ASSIGNED = "派给网格员{assignee}"
NOT_YET = "待派"


def clauses(text: str) -> tuple[str, str] | None:
    """(the first problem, the second) when the message goes on to another with 还有/另外, else None."""
    text = " ".join((text or "").split())
    found = _SECOND.search(text)
    if found is None:
        return None
    first, second = text[:found.start()].strip(" ，,。；;"), text[found.end():].strip()
    if len(first) < MIN_CLAUSE or len(second) < MIN_CLAUSE:
        return None
    return first, second


# A second problem said with 也 after a pause (河畔花园门口的井盖翘起来了 安居苑那边的路灯也不亮, blind test 30, B25:
# merged into another's 路灯 ticket, the 井盖 lost): two only when the clauses name different things.
_ALSO = re.compile(r"[\s，,。；;！!]+(?=[^\s，,。；;！!]{1,12}也(?:是|坏|不|没|莫|漏|堵|烂|断|掉|翘|歪|垮))")


def also_clauses(text: str) -> tuple[str, str] | None:
    """(the first problem, the second) when a clause after a pause goes on with 也 (…路灯也不亮), else None."""
    text = " ".join((text or "").split())
    found = _ALSO.search(text)
    if found is None:
        return None
    first, second = text[:found.start()].strip(" ，,。；;"), text[found.end():].strip()
    return (first, second) if len(first) >= MIN_CLAUSE and len(second) >= MIN_CLAUSE else None


# Two problems said one after the other with no word between (安居苑门口井盖松了 路灯坏了, blind test 31): each
# clause names a thing and what is wrong with it, and the things are unrelated. Things of one water or power system
# go together (水管爆了 积水淹到楼道了 is one problem and its consequence).
_PAUSE = re.compile(r"[\s，,。；;！!]+")
_FAMILIES = (frozenset({"水管", "管道", "下水道", "污水", "积水", "停水", "化粪池", "井盖", "水箱", "表", "马桶",
                        "热水器"}),
             frozenset({"停电", "电线", "电梯", "楼道灯", "路灯", "红绿灯", "充电桩", "换电柜", "监控", "门禁", "门铃",
                        "表", "空调"}),
             frozenset({"装修", "噪音", "麻将"}))
# A clause telling what the first problem did (把围墙压垮了, 砸到车了): its consequence, never a problem of its own.
_CONSEQUENCE = re.compile(r"^(?:还|又|都|然后)?(?:把|被|将|压|砸|撞|导致|搞得|弄得|害得|整得|结果|所以|淹|冲|流|"
                         r"漏到|堵到|挡到|挡住)")


# A way blocked (消防通道都堵了, 楼梯过都过不去) after things piled or parked there (堆满了杂物, 乱停车): what the pile
# does, one problem (blind test 32, L9 was split into two tickets).
_PILED = re.compile(r"堆|摆满|放满|塞满|占(?:了|到|起|用|满)?|乱停|停满|乱放|乱摆")
_WAY_BLOCKED = re.compile(r"(?:通道|过道|楼道|楼梯|出口|安全出口|走廊|路|门)[^，,。；;！!\s]{0,4}(?:堵|挡|封)|"
                          r"过不去|进不来|进不去|出不去|出不来|过不来|走不通|开不进|通不过|过都过不")


def _consequence(first: str, second: str) -> bool:
    """Whether the clause `second` tells what the first did: its 把/压/砸 (把围墙压垮了), or a way blocked after
    things piled (堆满了杂物 消防通道都堵了)."""
    return _CONSEQUENCE.search(second) is not None or (_PILED.search(first) is not None
                                                       and _WAY_BLOCKED.search(second) is not None)


def _related(one: set[str], other: set[str]) -> bool:
    """Whether things of two clauses share one or belong to one water or power system."""
    return bool(one & other) or any(one & family and other & family for family in _FAMILIES)


def bare_clauses(text: str) -> tuple[str, str] | None:
    """(the first problem, the second) when, after a pause, a clause names another, unrelated thing and what is
    wrong with it, and the words before did too; else None."""
    text = " ".join((text or "").split())
    for pause in _PAUSE.finditer(text):
        first, second = text[:pause.start()].strip(), text[pause.end():].strip()
        if len(first) < MIN_CLAUSE or len(second) < MIN_CLAUSE:
            continue
        mine, theirs = things_in(first), things_in(second)
        opening = _PAUSE.split(second, maxsplit=1)[0]  # the second begins with its thing (路灯坏了 好几天了)
        if mine and theirs and things_in(opening) and not _consequence(first, second) \
                and not _related(mine, theirs) and triage.has_problem(first) and triage.has_problem(second):
            return first, second
    return None


def opened_apart_reply(first: tuple[str, str], second: tuple[str, str]) -> str:
    """The one reply naming both tickets, (number, worker label) each, when their workers differ: each worker with
    their number when it fits one SMS part, else by name."""
    for short in (False, True):
        reply = TWO_APART.format(first=first[0], second=second[0], first_assignee=_label(first[1], short),
                                 second_assignee=_label(second[1], short)).replace("派给网格员" + NOT_YET, NOT_YET)
        if len(reply) <= 70:
            return reply
    return TWO_OPENED_ANY.format(first=first[0], second=second[0])


def _label(assignee: str, short: bool) -> str:
    """A worker's label (杨艳（13700000005）), by name alone when `short`; 待派 when nobody has it yet."""
    if not assignee:
        return NOT_YET
    return assignee.split("（")[0] if short else assignee


def opened_reply(first: str, second: str, assignee: str) -> str:
    """The one reply naming both tickets (and their worker when one has both), within one SMS part."""
    if assignee:
        reply = TWO_OPENED.format(first=first, second=second, assignee=assignee)
        if len(reply) <= 70:
            return reply
    return TWO_OPENED_ANY.format(first=first, second=second)
