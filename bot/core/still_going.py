"""A reporter's open ticket said to go on ("楼下还在吵 咋个办" five minutes after "2 今天晚上又在吵" reopened a
quarrel's ticket, blind test 31, B71 opened an emergency asking where): more of that ticket, never a new
emergency, with what to do meanwhile when it is a quarrel (anyone laying hands on another: 110 at once)."""

from __future__ import annotations

import re

from bot.common.plain_text import plain as _plain
from bot.core import nuisances

# Still going on, or at it again: 还在吵, 又在吵了, 一直在响, 又开始了.
_GOES_ON = re.compile(r"还在|又在|还是在|一直在|又开始|又来了|还没停|没停过|不停|还是那样|还是一样")
# The trouble a ticket tells of, said again: one of these in both the ticket and the words.
# 还在楼道烧蜂窝煤 after 有户人家在楼道堆煤 (blind test 32, B43 opened a 119 emergency asking where): the coal.
_TROUBLE = ("吵", "闹", "噪", "响", "骂", "漏", "滴", "渗", "臭", "味", "堵", "冒", "烟", "叫", "黑", "不亮", "停",
            "煤", "柴", "堆",
            # 水还在流 都流到一楼了 after a leak, 他们还在打 整栋楼都在震 after a load-bearing wall knocked through
            # (blind test 33, B1 and B162 opened 119 emergencies asking where): more of that report
            "水", "流", "震", "砸", "敲", "钻", "墙")
GOES_ON_MAX_CHARS = 30
_WORK = re.compile(r"装修|打墙|墙打|打钻|电钻|施工|拆墙|砸墙")
_WORK_GOES_ON = re.compile(r"打|砸|敲|钻|凿|震|拆")
# A quarrel or a row between people: what to do if it turns to blows.
_QUARREL = re.compile(r"吵架|吵闹|吵起|在吵|又吵|骂|打架|矛盾|纠纷|家暴|扯皮|闹事|摔东西")
QUARREL_MEANWHILE = "如果吵到动手打人、有人受伤，请马上打110（受伤打120）。"


def goes_on(ticket_text: str, text: str) -> bool:
    """Whether a short message says the trouble of the ticket `ticket_text` goes on (还在吵 after a quarrel)."""
    plain = "".join((text or "").split())
    # 还在打 after a wall knocked through (打墙, 打钻): the work, never a fight's
    work = _QUARREL.search(ticket_text) is None and _WORK.search(ticket_text) is not None \
        and _WORK_GOES_ON.search(plain) is not None
    return 0 < len(plain) <= GOES_ON_MAX_CHARS and _GOES_ON.search(plain) is not None \
        and (work or any(word in plain and word in ticket_text for word in _TROUBLE))


# A leak's water flooding a floor (水还在往下流 一楼都淹了 after 水管爆了, blind test 34, B1 was told 119 and asked
# where): more of the leak for the plumber, unless people, power or 救命 are in it.
_LEAK = re.compile(r"水管|管子|爆管|漏水|在漏|漏了|冒水|渗水|水表|阀门|到处都是水|全是水|都是水")
_FLOOD = re.compile(r"淹")
_FLOOD_DANGER = re.compile(r"人|娃|孩|老|困|关|出不来|电|救命|快来")


def leak_floods(ticket_text: str, text: str) -> bool:
    """Whether a short message tells of the leak the ticket `ticket_text` reports flooding on (一楼都淹了), with no
    one trapped and no power in the water."""
    plain = "".join((text or "").split())
    return 0 < len(plain) <= GOES_ON_MAX_CHARS and _LEAK.search(ticket_text) is not None \
        and _FLOOD.search(plain) is not None and _FLOOD_DANGER.search(plain) is None


# A load-bearing wall knocked through, still at it (他们还在打 整栋楼都在震, blind test 33, B162 was told 119): the
# housing authority's, never a fire.
_BEARING_WALL = re.compile(r"承重墙|承重|梁|柱子")
WALL_MEANWHILE = "打承重墙危险，已请网格员尽快去看、去制止；您也可以打12345或向住建部门反映。"
SMOKE_MAX_CHARS = 20
_SMOKE = re.compile(r"烟|熏|呛")


def stove_smoke(ticket_text: str, text: str) -> bool:
    """Whether a short message tells of the smoke of the coal stove the ticket `ticket_text` reports (烟子大得很 after
    楼道烧蜂窝煤, blind test 33, A46 was told 110): more of it, with the stove's advice, never an emergency unless
    it names flames or someone overcome."""
    plain = "".join((text or "").split())
    # 熏得眼睛痛, 呛得很: the smoke felt (blind test 33, A46's kind was asked 补充还是新问题)
    return 0 < len(plain) <= SMOKE_MAX_CHARS and _SMOKE.search(plain) is not None \
        and nuisances.fire_in_use(_plain(ticket_text)) \
        and nuisances.stove_smoke(_plain(f"{ticket_text} {text}"))


def meanwhile(ticket_text: str, text: str = "") -> str:
    """What to do while the ticket `ticket_text` waits: a quarrel's (110 if anyone lays hands), a load-bearing wall's
    (12345), a coal stove's smoke (air, 120 or 119); else ""."""
    if _QUARREL.search(ticket_text):
        return QUARREL_MEANWHILE
    if _BEARING_WALL.search(ticket_text):
        return WALL_MEANWHILE
    return nuisances.stove_smoke_advice(f"{ticket_text} {text}") if text and stove_smoke(ticket_text, text) else ""
