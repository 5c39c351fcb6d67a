"""Two problems in one message ("楼道灯不亮了 还有垃圾桶满了好几天莫得人倒", blind test 17, #38 and #102):
split where a second clause begins (还有, 另外, 还有就是, 再就是); when the classifier files each clause
as a report in another category, each becomes its own ticket and one reply gives both numbers."""

from __future__ import annotations

import re

# A second problem begins after a pause: 还有/另外/还有就是/再就是/再一个 ("还有人摔了" is the same problem's detail).
_SECOND = re.compile(r"[\s，,。；;！!]+(?:还有就是|还有个|还有一个|还有|另外还有|另外|再就是|再一个|再有)"
                     r"(?![人点些好没的])[\s，,：:]*")
MIN_CLAUSE = 4  # characters: a shorter clause is no problem of its own
TWO_OPENED = "收到，分成两件：工单{first}和{second}，已派给网格员{assignee}，会尽快处理。"
TWO_OPENED_ANY = "收到，分成两件登记：工单{first}和{second}，会尽快派人处理。"


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


def opened_reply(first: str, second: str, assignee: str) -> str:
    """The one reply naming both tickets (and their worker when one has both), within one SMS part."""
    if assignee:
        reply = TWO_OPENED.format(first=first, second=second, assignee=assignee)
        if len(reply) <= 70:
            return reply
    return TWO_OPENED_ANY.format(first=first, second=second)
