"""Whether two reports are about the same problem (并单 on arrival, bot/core/tickets.py's `find_duplicate`), and
the things a report is about (`objects_in`, read by the follow-up and withdrawal rules too).

Two reports at one place are one problem only when something says so: a thing both name (路灯, 下水道), or, when
either names none of the known things, words of the problem both use beyond the place (道闸 … 道闸). A place alone,
or a category alone, is no evidence (blind test 25: 道闸坏了 and 路登不亮 were merged into 广告牌子倒了 at 河畔花园门口,
a drunk man asleep by 河滨路公交站 into a fallen tree on 河滨路)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Things a report is about: two reports naming different ones are two problems, whatever their category.
_OBJECTS = ("路灯", "井盖", "下水道", "水管", "管道", "垃圾", "电梯", "楼道灯", "红绿灯", "电线", "路面", "坑",
            "树", "围墙", "化粪池", "污水", "广告", "车", "狗", "噪音", "麻将", "装修", "积水", "停水", "停电",
            "充电桩", "换电柜", "阴沟", "水沟", "排水沟")
# Other words for one thing: a 阴沟 is a drain (blind test 23, #59: rubbish merged into a 阴沟 report).
_SAME_THING = {"阴沟": "下水道", "水沟": "下水道", "排水沟": "下水道"}


def objects_in(text: str) -> set[str]:
    return {_SAME_THING.get(word, word) for word in _OBJECTS if word in (text or "")}


# Named in passing ("电瓶车差点翻了", "车子过不去"): a vehicle says little of what the problem is.
_IN_PASSING = frozenset({"车"})
_HAN_RUN = re.compile(r"[\u3400-\u9fff]+")
# Characters that say nothing of what the problem is: particles, pronouns, amounts, how long, where in general, and
# how bad (坏了, 倒了 are said of anything). A pair of characters with one of them is no word of the problem.
_EMPTY = frozenset("了的个那这在有是好得很都没莫不我你他她它们里头边上下点啥子嘛哈呢吧啊呀哦噢就还也又要会能把被给"
                   "从到和跟说几天一两三多些啦噻嗦咯喔哟该咋怎么样又已经今昨前后左右旁对面门口路区园苑栋号楼单元"
                   "坏倒烂垮断破掉漏堵臭响亮开关起来去过")


# Landmarks a report is at (河滨路公交站, 菜市场门口), never what is wrong there.
_LANDMARKS = re.compile(r"公交站|汽车站|车站|站台|菜市场|农贸市场|市场|停车场|广场|学校|幼儿园|医院|卫生院|公园|超市|"
                        r"十字路口|路口|桥头|河边|小卖部|村委会|居委会|社区")


def _words(text: str, places: Iterable[str]) -> set[str]:
    """The pairs of characters of a report that may name its problem: not the places', nor an empty one's."""
    named = set().union(*(_pairs(place) for place in places)) if places else set()
    return {pair for pair in _pairs(_LANDMARKS.sub(" ", text or "")) - named if not set(pair) & _EMPTY}


def _pairs(text: str) -> set[str]:
    pairs: set[str] = set()
    for run in _HAN_RUN.findall(unicodedata.normalize("NFKC", text or "")):
        pairs |= {run[i:i + 2] for i in range(len(run) - 1)}
    return pairs


def same_problem(text: str, other: str, places: Iterable[str] = ()) -> bool:
    """Whether reports `text` and `other` (at the same place: `places`, the names said for it) are one problem: a
    thing both name, or, when either names none of the known things, a word of the problem both use. Both naming
    things and sharing none (a loose manhole cover is not a street light) are two; a vehicle named in passing by
    both is nothing shared (blind test 24: a pothole where an e-bike nearly fell was merged into a fallen tree that
    cars could not pass)."""
    mine, theirs = objects_in(text), objects_in(other)
    if mine - _IN_PASSING and theirs - _IN_PASSING:
        mine, theirs = mine - _IN_PASSING, theirs - _IN_PASSING
    elif (mine - _IN_PASSING) or (theirs - _IN_PASSING):
        # One names a thing and a vehicle beside it, the other only the vehicle (blind test 26: 下水道盖子烂了
        # 电瓶车差点栽进去 is not 电瓶车倒了一排): the vehicle is the victim there, not the subject.
        return False
    if mine and theirs:
        return bool(mine & theirs)
    places = tuple(places)
    return bool(_words(text, places) & _words(other, places))
