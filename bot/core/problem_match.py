"""Whether two reports are about the same problem (并单 on arrival, bot/core/tickets.py's `find_duplicate`), and
the things a report is about (`objects_in`, read by the follow-up and withdrawal rules too).

Two reports at one place are one problem only when something says so: a thing both name (路灯, 下水道), or, when
either names none of the known things, words of the problem both use beyond the place (道闸 … 道闸). A place alone,
or a category alone, is no evidence (blind test 25: 道闸坏了 and 路登不亮 were merged into 广告牌子倒了 at 河畔花园门口,
a drunk man asleep by 河滨路公交站 into a fallen tree on 河滨路). A vehicle both name is no more: 有辆车在冒烟 is not
停了辆车 好几天没动过 (a word of what is wrong with it must be shared too)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Things a report is about: two reports naming different ones are two problems, whatever their category.
_OBJECTS = ("路灯", "井盖", "下水道", "水管", "管道", "垃圾", "电梯", "楼道灯", "红绿灯", "电线", "路面", "坑",
            "树", "围墙", "化粪池", "污水", "广告", "车", "狗", "噪音", "麻将", "装修", "积水", "停水", "停电",
            "充电桩", "换电柜", "阴沟", "水沟", "排水沟", "减速带", "减速坎", "栏杆", "护栏", "道闸",
            "信报箱", "信箱", "快递柜", "台阶", "门禁", "监控", "摄像头", "消防栓", "消防通道", "按钮",
            "摆摊", "地摊", "摊贩", "小贩", "摊摊")
# Other words for one thing: a 阴沟 is a drain (blind test 23, #59: rubbish merged into a 阴沟 report). The things
# of a gate, a door and a street (减速带, 栏杆, 信报箱) are named too: a 减速带 is never a 大门栏杆 (blind test 30,
# A-B137).
_SAME_THING = {"阴沟": "下水道", "水沟": "下水道", "排水沟": "下水道", "减速坎": "减速带", "护栏": "栏杆",
               "信箱": "信报箱", "摄像头": "监控",
               # Street stalls: 今天摆摊的又来了 is her 门口有人摆摊卖菜 again (blind test 35, Q22n)
               "地摊": "摆摊", "摊贩": "摆摊", "小贩": "摆摊", "摊摊": "摆摊"}


# A dead animal is a carcass to take away, never the live dog of another report (blind test 29, B42: 狗死在花坛边上
# 臭了 merged into 遛狗不牵绳 到处是狗屎).
_ANIMAL = r"(?:狗|猫|老鼠|耗子|鸡|鸭|猪|鸟|鱼)"
_DEAD_ANIMAL = re.compile(rf"死{_ANIMAL}|{_ANIMAL}[^，,。！!？?\s]{{0,4}}死(?:了|在|起|掉)")
CARCASS = "死动物"


# Dogs nobody owns are the strays to catch, never an owner's dog off its lead or barking at home (blind test 31,
# A22a2: 安居苑有几条流浪狗 还追人 merged into 遛狗不拴绳).
_STRAY = re.compile(r"流浪狗|野狗|流浪的狗|(?:没得?|莫得|没有|无)(?:人要|主人?|人管|人养)的?(?:狗|野狗)|"
                    r"(?:几|好几|一群|一帮|一堆|成群)(?:条|只|个)?(?:流浪|野)?狗(?:子)?(?:到处|满|在|天天|晚上|一直|乱)")
STRAY = "流浪狗"


def objects_in(text: str) -> set[str]:
    found = {_SAME_THING.get(word, word) for word in _OBJECTS if word in (text or "")}
    return found - {"狗"} | {CARCASS} if _DEAD_ANIMAL.search(text or "") else found


# A dog that bit someone is an injury, and a dog lost is its owner's search: neither is another report's dog at the
# same place (blind test 34, B133: 送外卖遭狗咬了 在河畔花园 merged into a stranger's 我家狗丢了 黄色的土狗).
_DOG_KINDS = (
    ("狗:咬", re.compile(r"狗[^，,。\s]{0,4}(?:咬|啃)|(?:咬|啃)(?:了|伤|到|起)?[^，,。\s]{0,3}(?:血|口|腿|手|脚)|"
                        r"遭咬|被咬")),
    ("狗:丢", re.compile(r"狗[^，,。\s]{0,4}(?:丢了|走丢|跑丢|不见了|找不到|跑了|没得了|莫得了)|"
                        r"(?:找|寻)[^，,。\s]{0,3}狗")),
)


def _dog_kinds(text: str) -> set[str]:
    """What the dog of a report did (`_DOG_KINDS`), else the dog itself (its mess, its barking, off its lead)."""
    return {kind for kind, words in _DOG_KINDS if words.search(text or "")} or {"狗"}


def _problem_objects(text: str) -> set[str]:
    """`objects_in` as 并单 reads them: strays are not an owner's dog, a bite or a lost dog not any other dog
    (`_DOG_KINDS`), and rubbish is what is wrong with it (`GARBAGE`). (A follow-up's "那些狗还在追人" is still about
    the report's 流浪狗: the follow-up rules read `objects_in`.)"""
    found = objects_in(text)
    found = found - {"狗"} | {STRAY} if "狗" in found and _STRAY.search(text or "") else found
    found = found - {"狗"} | _dog_kinds(text) if "狗" in found else found
    return found - {"垃圾"} | garbage_kinds(text) if "垃圾" in found else found


# Rubbish is several problems (blind test 32, A63, A112, B118: 垃圾好久没人收了, 有人晚上乱倒垃圾 and 垃圾堆了一个礼拜
# were all merged into a stranger's 垃圾桶倒了, 好几天没看到收垃圾的 into 垃圾站臭): nobody collecting it (a pile
# growing), someone dumping it, a heap in the way, a bin fallen or broken, and a smell said alone. Rubbish said with
# none of them is any.
GARBAGE = "垃圾"
_GARBAGE_KINDS = (
    ("垃圾:没收", re.compile(r"(?:没|莫|没得|没有)(?:人|得人|看到|看见|见)?[^，,。\s]{0,2}(?:收|拉|清|运|倒|掏)|"
                            r"收垃圾|清运|拉走|堆(?:了|起|满|成|得)|满了|满球|满起|溢出|好久|几天|一个?礼拜|一个?星期|"
                            r"一周|半个月")),
    ("垃圾:乱倒", re.compile(r"乱(?:倒|丢|扔|堆|放)|偷(?:偷)?(?:倒|丢|扔)|"
                            r"(?:倒|丢|扔)(?:了|起)?[^，,。\s]{0,3}建筑垃圾|往[^，,。\s]{1,6}(?:倒|丢|扔)")),
    # A heap in the way is there to be cleared, never the dumping somewhere else (blind test 34, B135: 建筑垃圾挡路
    # merged into 往河里倒垃圾).
    ("垃圾:挡路", re.compile(r"挡(?:到|倒|住|起|了)?(?:路|道|门|人)|堵(?:到|倒|住|起|了)?(?:路|道|门)|"
                            r"过不(?:去|来)|走不(?:过|通)")),
    ("垃圾:桶", re.compile(r"(?:垃圾桶|垃圾箱)子?(?:也|又|都|被风吹|遭风吹|被人|遭人|给)?"
                          r"(?:倒|翻|坏|烂|破|裂|歪|滚|踢)|(?:垃圾桶|垃圾箱)[^，,。\s]{0,3}(?:没盖|盖子)")),
    # Rubbish burning is smoke and fire, never a bin knocked over (blind test 36, W7b: 对面空地上有人烧垃圾 merged
    # into 垃圾桶翻了).
    ("垃圾:烧", re.compile(r"烧(?:了|起|得)?[^，,。\s]{0,2}垃圾|垃圾[^，,。\s]{0,3}(?:烧|燃|冒烟|起火)")),
)
_GARBAGE_SMELL = ("垃圾:臭", re.compile(r"臭|味"))


def garbage_kinds(text: str) -> set[str]:
    """What is wrong with the rubbish a report names: its kinds (`_GARBAGE_KINDS`), the smell when nothing else is
    said of it, else `GARBAGE` (any)."""
    kinds = {kind for kind, words in _GARBAGE_KINDS if words.search(text or "")}
    if not kinds and _GARBAGE_SMELL[1].search(text or ""):
        kinds = {_GARBAGE_SMELL[0]}
    return kinds or {GARBAGE}


def _shared(mine: set[str], theirs: set[str]) -> bool:
    """Whether two reports' things meet: one, or rubbish said of nothing in particular beside any rubbish."""
    if mine & theirs:
        return True
    rubbish = {GARBAGE}
    return bool((mine & rubbish and any(t.startswith(GARBAGE) for t in theirs))
                or (theirs & rubbish and any(t.startswith(GARBAGE) for t in mine)))


# On the road outside, or within (the garden, a home, a stairwell): one thing at one estate is two there.
_ROAD = re.compile(r"路上|马路|街上|路面|路边|人行道")
_WITHIN = re.compile(r"花园里|小区里|院子里|院坝里|屋头|屋里|家里|楼道|楼上|楼下|车库|地下室|卫生间|厨房")


def _road_and_within(text: str, other: str) -> bool:
    """Whether `text` is on the road and `other` within the estate (and not on the road)."""
    return bool(_ROAD.search(text or "")) and bool(_WITHIN.search(other or "")) and not _ROAD.search(other or "")


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
    mine, theirs = _problem_objects(text), _problem_objects(other)
    if _road_and_within(text, other) or _road_and_within(other, text):
        return False  # a burst main on the road outside is not a leak in the garden (blind test 36, RD4b, A42)
    if mine - _IN_PASSING and theirs - _IN_PASSING:
        mine, theirs = mine - _IN_PASSING, theirs - _IN_PASSING
    elif (mine - _IN_PASSING) or (theirs - _IN_PASSING):
        # One names a thing and a vehicle beside it, the other only the vehicle (blind test 26: 下水道盖子烂了
        # 电瓶车差点栽进去 is not 电瓶车倒了一排): the vehicle is the victim there, not the subject.
        return False
    places = tuple(places)
    if mine and theirs and mine <= _IN_PASSING:
        # Both name only a vehicle: what happens to it is the problem (阳光小区东门有辆车在冒烟 is not
        # 阳光小区门口停了辆车 好几天没动过, though both are a 车 at one estate), so a word of that must be shared too.
        return bool(_vehicle_words(text, places) & _vehicle_words(other, places))
    if mine and theirs:
        return _shared(mine, theirs)
    return bool(_words(text, places) & _words(other, places))


# The names of a vehicle, said as one: 电瓶车倒了 and 电动车子倒起 are one 车倒.
_VEHICLE = re.compile(r"(?:共享单|电瓶|电动|摩托|三轮|自行|小轿|面包|私家|出租|公交|大货|货|轿|汽|单|小)?车(?:子|辆)?")
# What cannot be the vehicle's problem: particles, amounts, how often and when, which side (东门 … 北门).
_NOT_PREDICATE = frozenset("了的个那这在有是就还也又要会能把被给从到和跟们啊呀嘛哦哈乱一都总老经常天辆台")
_SAYS_NOTHING = _EMPTY | _NOT_PREDICATE | frozenset("车东西南北中月年时候周星期晚早分钟今昨")


def _vehicle_words(text: str, places: tuple[str, ...]) -> set[str]:
    """What is wrong with a vehicle, said in single characters (停了 … 没动过 is 停, 动; 在冒烟 is 冒, 烟), never
    its name, its place nor words said of anything; and what it did right after its name (电瓶车倒了一排: 倒)."""
    said = _VEHICLE.sub("车", _LANDMARKS.sub(" ", unicodedata.normalize("NFKC", text or "")))
    named = set("".join(places))
    done = {pair[1] for pair in _pairs(said) if pair[0] == "车" and pair[1] not in _NOT_PREDICATE | {"车"}}
    return {c for run in _HAN_RUN.findall(said) for c in run if c not in _SAYS_NOTHING} - named | done
