"""A reporter's open ticket said to go on ("楼下还在吵 咋个办" five minutes after "2 今天晚上又在吵" reopened a
quarrel's ticket, blind test 31, B71 opened an emergency asking where): more of that ticket, never a new
emergency, with what to do meanwhile when it is a quarrel (anyone laying hands on another: 110 at once)."""

from __future__ import annotations

import re

# Still going on, or at it again: 还在吵, 又在吵了, 一直在响, 又开始了.
_GOES_ON = re.compile(r"还在|又在|还是在|一直在|又开始|又来了|还没停|没停过|不停|还是那样|还是一样")
# The trouble a ticket tells of, said again: one of these in both the ticket and the words.
# 还在楼道烧蜂窝煤 after 有户人家在楼道堆煤 (blind test 32, B43 opened a 119 emergency asking where): the coal.
_TROUBLE = ("吵", "闹", "噪", "响", "骂", "漏", "滴", "渗", "臭", "味", "堵", "冒", "烟", "叫", "黑", "不亮", "停",
            "煤", "柴", "堆")
GOES_ON_MAX_CHARS = 30
# A quarrel or a row between people: what to do if it turns to blows.
_QUARREL = re.compile(r"吵架|吵闹|吵起|在吵|又吵|骂|打架|矛盾|纠纷|家暴|扯皮|闹事|摔东西")
QUARREL_MEANWHILE = "如果吵到动手打人、有人受伤，请马上打110（受伤打120）。"


def goes_on(ticket_text: str, text: str) -> bool:
    """Whether a short message says the trouble of the ticket `ticket_text` goes on (还在吵 after a quarrel)."""
    plain = "".join((text or "").split())
    return 0 < len(plain) <= GOES_ON_MAX_CHARS and _GOES_ON.search(plain) is not None \
        and any(word in plain and word in ticket_text for word in _TROUBLE)


def meanwhile(ticket_text: str) -> str:
    """What to do while the ticket `ticket_text` waits, when it is a quarrel (110 if anyone lays hands); else ""."""
    return QUARREL_MEANWHILE if _QUARREL.search(ticket_text) else ""
