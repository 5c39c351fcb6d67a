"""Whether words soon after a report are another problem rather than a detail of it: a fault the report does
not name (他家漏水漏到我屋头了 after 下水道堵了), a thing it does not name (井盖 after 水管), or words that announce
a report of their own (我要反映 …). bot/core/follow_up_reading.py's `read_follow_up` weighs them with the classifier's
guess."""

from __future__ import annotations

import re

from bot.core import gates, triage
from bot.core.emergencies import landmark_in
from bot.core.problem_match import objects_in

# Words announcing a report (我要反映 好久没得人来收垃圾了): with a problem, a report of its own, never an urge of
# another ticket (blind test 23, #N27: it urged the sender's fall emergency).
ANNOUNCES = re.compile(r"^(?:我要|我想|我来|想|要)(?:反映|反应|报|投诉)|^(?:反映|反应)(?:个|一个|一下|下)|"
                       r"反映个事|反映一个事|反映个问题")
# A thing's fault, named (漏水, 灯坏了, 堵了): a problem of its own when the open report names no such fault. What it
# does to people (摔, 病) or how it smells (臭) may be the report's own consequence, and is asked about.
_FAULT = re.compile(r"漏|渗水|冒水|滴水|坏|堵|不亮|不通|断了|裂|塌|垮|停水|停电|没水|没电|积水|淹|倒了|歪了|爆了|松了|"
                    r"掉了|丢了|烂了|烂起|偷|闪|(?:没得?|莫得|没有)灯")


# Named in passing ("电瓶车差点栽进去"): a vehicle says little of what the problem is.
_INCIDENTAL = frozenset({"车"})
# Things of a building or a street beyond `objects_in`'s (which 并单 reads too), one word for each kind: a follow-up
# naming one the report does not (2栋楼道的窗户关不上 after a 减速带 report, blind test 28, B-K7) is about something
# else. A place (楼道, 楼梯, 卫生间, 楼顶, 花坛边上) is no thing.
_FIXTURES = {"窗": re.compile(r"窗户|窗子|窗框|玻璃窗|纱窗"), "地砖": re.compile(r"地砖|瓷砖|地板砖|砖头"),
             "减速带": re.compile(r"减速带|减速坎"),
             "门禁": re.compile(r"门禁|单元门(?!口)|防盗门|铁门(?!口)|门锁|卷帘门"),
             "杂物": re.compile(r"沙发|柜子|床垫|旧家具|杂物|纸箱|纸壳"), "栏杆": re.compile(r"栏杆|护栏|扶手"),
             "屋顶": re.compile(r"屋顶|房顶"), "墙": re.compile(r"外墙|墙皮|墙面|墙体"),
             "水箱": re.compile(r"水箱|水塔"), "表": re.compile(r"水表|电表|气表"),
             "监控": re.compile(r"监控|摄像头"), "健身器材": re.compile(r"健身器材|健身器|单杠|秋千|滑梯"),
             "空调": re.compile(r"空调|外机"), "热水器": re.compile(r"热水器"), "燃气": re.compile(r"燃气|天然气|煤气"),
             "快递柜": re.compile(r"快递柜|信报箱|报箱|信箱|邮箱"), "消防": re.compile(r"消防栓|灭火器|消防通道"),
             "晾衣": re.compile(r"晾衣|衣架|晒衣"), "马桶": re.compile(r"马桶|蹲坑"), "门铃": re.compile(r"门铃|对讲"),
             # a theft (电瓶车遭偷了 after 电线, blind test 32, A94): what is stolen is named in passing (车)
             "失窃": re.compile(r"偷|盗|遭贼|被贼|贼娃子"),
             # the water's pressure (水压好小, 水好小 洗澡都洗不成; blind test 32, B3 joined a 单元门锁 ticket)
             "水压": re.compile(r"水压|水(?:好|太|很|特别|这么|咋个这么|有点|越来越)小|水流|"
                              r"水(?:都)?(?:上不来|上不去|打不上去)")}


def things_in(text: str) -> set[str]:
    """The things a message is about: `objects_in`'s (a car in passing aside), a lamp said by where it is (`_lamp`)
    and a building's or a street's fixtures (窗户, 地砖, 减速带), each kind by one word."""
    found = (objects_in(text) - _INCIDENTAL) | {kind for kind, words in _FIXTURES.items() if words.search(text or "")}
    return found | _lamp(text or "") if not found & _LAMPS else found


# A lamp said without its kind (楼道里的灯一闪一闪的, 路口 晚上没得灯; blind test 32, B2, B154 were asked about or
# joined to a 剁肉 and a 井盖 report): a stairway light indoors, a street light out of doors; said nowhere (灯还是不亮)
# it is no thing, and may be the report's own lamp.
_LAMPS = frozenset({"路灯", "楼道灯", "红绿灯"})
_BARE_LAMP = re.compile(r"(?<![路道绿])灯")
_INDOORS = re.compile(r"楼道|楼梯|过道|走廊|单元|电梯间|地下室|车库|门厅|大厅")
_OUTDOORS = re.compile(r"路口|路边|马路|路上|街上|街边|巷子|[东西南北大侧后]门|门口|院坝|坝子|广场|花园里|小区里|桥")


def _lamp(text: str) -> set[str]:
    if not _BARE_LAMP.search(text):
        return set()
    if _INDOORS.search(text):
        return {"楼道灯"}
    return {"路灯"} if _OUTDOORS.search(text) else set()


def fresh_thing(report: str, text: str) -> bool:
    """Whether `text` names a thing the report `report` never does (窗户 after 减速带, 地砖 after 电线, 沙发 after
    singing at night), and none it does: what it says is of something else."""
    mine = things_in(text)
    return bool(mine) and not mine & things_in(report)


def own_problem(report: str, text: str) -> bool:
    """Whether `text` names a problem of its own: a fault (他家漏水到我屋头了, 楼道的灯坏了) the report `report` does
    not name (垃圾桶没人收), or a problem with a thing it does not name (垃圾桶莫得人收 after 漏水). With another
    category: a new problem, not a detail (blind test 10, #42, #101)."""
    faults = {m.group(0) for m in _FAULT.finditer(unreached(text))}
    if faults and not any(fault in report for fault in faults):
        return True
    return fresh_thing(report, text) and triage.has_problem(text)


def announces_report(text: str) -> bool:
    """Whether `text` opens by saying it reports something (我要反映, 反映个事) and names a problem."""
    plain = "".join((text or "").split())
    return ANNOUNCES.search(plain) is not None and triage.has_problem(plain)


# Someone who cannot be reached (楼上没人在家 电话也打不通, 敲门也没人应): whose problem it is, out of reach, never a
# fault (打不通 is no 不通 drain; blind test 32, B27 opened a second ticket after a leak from upstairs).
_UNREACHED = re.compile(r"电话[^，,。\s]{0,3}(?:打不通|不通|没人接|没得人接|莫得人接|不接|关机|占线)|打不通|"
                        r"(?:敲|喊|按|打)(?:门|了|过)?[^，,。\s]{0,3}(?:没人|没得人|莫得人|没有人|不)(?:应|开|理|接)|"
                        r"(?:没人|没得人|莫得人|没有人|不)(?:在家|在屋|在屋头|开门|应门)|"
                        r"联系不(?:到|上)|找不(?:到|着)(?:人|他|她|他们|她们|人家|住户|房东)|出去(?:耍|玩|旅游|打工)了?")


def cannot_reach(text: str) -> bool:
    """Whether `text` says whose the problem is cannot be reached (楼上没人在家 电话也打不通, 那家人联系不到)."""
    return _UNREACHED.search(" ".join((text or "").split())) is not None


# News of whose problem it is (楼上的人回来了 说是他家水管爆了, 隔壁那家说明天找人来修): the report's neighbour named
# again with what they said or did, never a problem of the sender's own (blind test 33, A42 opened a second ticket).
_PARTY = r"楼上|楼下|隔壁|对门|对面|那家|那户|他家|她家|邻居|房东"
_THEIR_NEWS = re.compile(rf"(?:{_PARTY})[^，,。\s]{{0,6}}(?:回来了|回来|来了|说是|说|讲|承认|找到了|联系上了?)|"
                         r"说是(?:他|她|他们|她们|人家)(?:家|屋)")


def party_news(report: str, text: str) -> bool:
    """Whether `text` brings news of the neighbour the report is about (楼上的人回来了 说是他家水管爆了, after
    楼上漏水)."""
    said = " ".join((text or "").split())
    return re.search(_PARTY, report or "") is not None and _THEIR_NEWS.search(said) is not None


# A cause denied (不是燃气的问题, 不是电的原因): what the report is not, said to put it right.
_DENIED_CAUSE = re.compile(r"(?:不是|又不是|并不是)[^，,。\s]{1,6}?(?:的)?(?:问题|原因|毛病|事)")


def says_cause(report: str, text: str) -> bool:
    """Whether `text` puts the report's cause right with the report's own things (热水器是水压太小打不燃 不是燃气的问题
    after 水压小得很 热水器都打不燃): a correction of it, never another problem (blind test 33, A40)."""
    if _DENIED_CAUSE.search(text or "") is None:
        return False
    said = things_in(_DENIED_CAUSE.sub(" ", text or ""))
    return bool(said) and said <= things_in(report)


def unreached(text: str) -> str:
    """`text` without its words of someone out of reach (打不通 says no drain is blocked)."""
    return _UNREACHED.sub(" ", text or "")


# Faults of a building's water, drains and power: never what happens to a person (他腿断了 after a fall).
_WATER_OR_POWER = re.compile(r"漏|渗水|冒水|滴水|堵|不亮|不通|停水|停电|没水|没电|积水|淹")


def new_fault(report: str, text: str) -> bool:
    """Whether `text` names a fault (漏水) whose first character the report `report` never says (下水道堵了), about
    no thing the report names: another problem, whatever pronoun it opens with."""
    faults = {m.group(0)[0] for m in _WATER_OR_POWER.finditer(unreached(text))}
    shared = objects_in(text) & objects_in(report) or things_in(text) & things_in(report)  # 楼道里的灯 is 楼道灯
    return bool(faults) and not any(fault in report for fault in faults) and not shared


def another_thing(report: str, text: str) -> bool:
    """Whether `text` is about something the report is not: it names a thing (a manhole cover) and the report
    names things (two cars in a crash), none of them that one."""
    mine, theirs = things_in(text), things_in(report)
    return bool(mine) and bool(theirs) and not (mine & theirs)


# Who a report is about, beyond the things of `objects_in`: a person or an animal, one word for each kind (大爷 and
# 老人家 are both old people).
_BEINGS = {"老人": re.compile(r"老人|老头|老太|老大爷|大爷|大妈|婆婆|爷爷|奶奶|老汉|老者"),
           "小孩": re.compile(r"小孩|娃儿|娃娃|孩子|小朋友|小学生"),
           "猫": re.compile(r"猫")}
_HAN = re.compile(r"[\u3400-\u9fff]")
# The mark on a message read as a report of its own (`own_report`): filed even when the classifier cannot place it.
OWN_REPORT = "own_report"
OWN_WORDS_MIN = 6  # Chinese characters beyond the place: someone or something and what is wrong with them


def subjects_in(text: str) -> set[str]:
    """What a message is about: the things it names (a car in passing aside) and the people or animals."""
    return things_in(text) | {kind for kind, words in _BEINGS.items() if words.search(text or "")}


def new_subject(report: str, text: str) -> bool:
    """Whether `text` is about someone or something the report `report` never names (a dog after an old man who
    collapsed, an old man after a broken barrier); a report naming nothing shares nothing."""
    mine = subjects_in(text)
    return bool(mine) and not mine & subjects_in(report)


# Someone or something brought in as new ("路边有个老太婆在哭", blind test 25 after bikes fallen over at that place).
_INTRODUCES = re.compile(r"有(?:个|一个|位|一位|只|一只|条|一条|两个|几个|群|一群)")


_BUILDING_NUMBER = re.compile(r"\d+\s*(?:栋|幢|号楼)")


def _same_spot(named: str, report_place: str, report: str) -> bool:
    """Whether the place named is the report's own, or a spot of its building ("就在9栋2单元门口" after "河畔花园9栋门口
    的化粪池盖子裂了", blind test 26, B112 became a second ticket): the building said in the report's place or words."""
    # At any gate of the report's estate, as when a gate was never kept in the place (bot/core/gates.py).
    report_place = gates.without_gate(report_place)
    if report_place and (named in report_place or report_place in named):
        return True
    buildings = _BUILDING_NUMBER.findall(named)
    said = report_place or report
    return bool(buildings) and all(re.search(rf"(?<!\d){re.escape(b)}", said) for b in buildings)


def own_report(report: str, report_place: str, text: str) -> bool:
    """Whether `text` is a complete report of its own rather than more of the report `report` (at `report_place`,
    "" when a location placed it): someone or something the report does not name, what is wrong with them, and a
    place of its own (blind test 24: 有个老人家坐在路边 说找不到屋了 安居苑门口 was added to the sender's broken
    barrier; 送外卖被狗咬了 腿上出血了 阳光小区3栋 to his report of an old man who collapsed). At the report's own place
only when someone new is brought in (有个老太婆在哭, blind test 25)."""
    named = landmark_in(text or "")
    if not named or not new_subject(report, text):
        return False
    if _same_spot(named, report_place, report) and not _INTRODUCES.search(text):
        return False  # at the report's own place: more of it (老人家都摔了), unless someone new is brought in
    return len(_HAN.findall(text.replace(named, " "))) >= OWN_WORDS_MIN
