"""The parts of a place inside an estate, coarse to fine: building (3栋), unit (2单元), floor (4楼) and room (302).

- A correction naming one part ("不是1单元 是2单元") replaces only that part of the place before: 安居苑3栋1单元楼道
  becomes 安居苑3栋2单元楼道, never plain "2单元" (blind test 26, A68: the worker read "地点更正为：2单元");
- a spot beside the place just given (楼上那家, 隔壁, 对门) is in that place's building (blind test 26, B31:
  "还有楼上那家天天半夜打麻将" right after a report at 安居苑2栋 was asked "请问在哪点？")."""

from __future__ import annotations

import re

_NUMBER = r"(?:\d+|[一二三四五六七八九十]+)"
# Coarse to fine; a floor is never the 楼 of 号楼 (a building) nor of 楼道/楼梯/楼顶.
PARTS = (
    re.compile(rf"{_NUMBER}\s*(?:栋|幢|号楼)"),
    re.compile(rf"{_NUMBER}\s*单元"),
    re.compile(rf"{_NUMBER}\s*(?:楼(?![道梯顶上下房])|层)"),
    re.compile(r"\d{3,4}(?:\s*(?:室|号(?!楼)))?(?!\d|\s*(?:栋|幢|号楼|单元|楼|层))"),
)
# A spot beside a place (楼上那家, 我们隔壁, 对门那户) at the start of a report that names no place of its own.
_BESIDE = re.compile(r"^(?:还有|另外|然后|对了|再有)?\s*(?:我们?|我家|我屋)?(?:家)?(?:的)?"
                     r"(?:楼上|楼下|隔壁子?|对门|隔壁邻居|楼上邻居|楼下邻居)")


def _level(said: str) -> tuple[int, re.Match[str]] | None:
    """Which part a said place starts with (0 building … 3 room) and its match, else None."""
    for level, part in enumerate(PARTS):
        found = part.match(said)
        if found is not None:
            return level, found
    return None


def replaced(before: str, said: str) -> str | None:
    """`before` with the part `said` names put in: "安居苑3栋1单元楼道" and "2单元" → "安居苑3栋2单元楼道"; "2单元门口"
    → "安居苑3栋2单元门口"; "安居苑3栋" and "2单元" → "安居苑3栋2单元". None when `said` starts with no part, or
    `before` has none above it to keep (a unit said for 河滨路)."""
    said = said.strip()
    level = _level(said)
    if level is None or not before:
        return None
    depth, found = level
    alone = found.end() == len(said)
    same = PARTS[depth].search(before)
    if same is not None:
        return before[:same.start()] + (said + before[same.end():] if alone else said)
    above = [m for m in (PARTS[d].search(before) for d in range(depth)) if m is not None]
    if not above:
        return None
    return before[:max(m.end() for m in above)] + said


def building_of(place: str) -> str:
    """The place up to its unit, else its building ("安居苑2栋3单元402" → "安居苑2栋3单元"); as it is when it has no
    building."""
    ends = [m.end() for m in (PARTS[d].search(place) for d in (0, 1)) if m is not None]
    return place[:max(ends)] if ends else place


# Another problem said as more of the talk (还有…, 另外…, 门禁也坏了) about a part of the building (门禁, 楼道灯, 电梯,
# 门口): where the report before was, unless it says where. Something that may be anywhere (还有垃圾桶满了) is in its
# estate (`estate_goes_on`).
_GOES_ON = re.compile(r"^(?:还有|另外|然后|对了|再有|再就是|顺便说一?下)"
                      r"|^[^，,。！!？?\s]{1,8}也(?:是|坏|不|没|莫|漏|堵|烂|断|掉)")
_BUILDING_PART = re.compile(r"门禁|单元门|防盗门|楼道|楼梯|电梯|楼顶|天台|水箱|外墙|信报箱|信箱|门铃|对讲|门口|过道|"
                            r"地下室|车库|消防栓|灭火器|声控灯")
# Its own place: a numbered building, unit, floor or room, or somewhere outside named.
_OWN_PLACE = re.compile(rf"{_NUMBER}\s*(?:栋|幢|号楼|单元|号|楼(?![道梯顶上下房])|层)"
                        r"|小区|花园|苑|社区|村|街(?!灯)|路(?![灯面])|巷|广场|市场|学校|医院|公园|超市|桥|河边|菜场")


# A spot with no estate nor number to it that is still a place (北门停车场, 小区门口, 菜市场旁边).
_SPOT = re.compile(r"门口|大门|[东南西北后侧]门|路口|停车场|公厕|花坛|楼道|单元门|旁边|对面|附近")


# Somewhere out of doors a report names by itself (村口那座小桥, 堰塘边上, 小学门口): its own place, whatever the
# reporter's registered home (blind test 35, L21: 徐涛's notice gave "住石桥村一组2号" for 村口那座小桥的栏杆断了).
_OUT_OF_DOORS = re.compile(r"村口|村头|村尾|寨子口|桥|河边|河坝|河沟|堰塘|水塘|池塘|鱼塘|水库|水渠|沟渠|田坎|田边|"
                           r"小学|中学|学校|幼儿园|路口|马路|大路|公路|路边|广场|市场|菜场|公厕|公园|卫生院|医院|"
                           r"超市|车站|站台|山上|坡上")


def names_out_of_doors(text: str) -> bool:
    """Whether a report's words name a place of their own out of doors (村口那座小桥, 小学门口), so the reporter's
    registered home is not its place."""
    return _OUT_OF_DOORS.search(" ".join(text.split())) is not None


def names_place(place: str) -> bool:
    """Whether a ticket's place names one (a building, an estate, a street, a landmark): never words of the problem
    taken as its place (黑黢黢的 老年人上下楼怕摔, blind test 34, E23)."""
    return PARTS[0].search(place) is not None or _OWN_PLACE.search(place) is not None \
        or _SPOT.search(place) is not None


def estate_of(place: str) -> str:
    """The estate of a place, the words before its building ("安居苑9栋2单元" → "安居苑"); "" when it has none."""
    building = PARTS[0].search(place)
    return place[:building.start()].strip() if building is not None and building.start() > 0 else ""


# A building said with no estate (9栋门口, 3栋电表箱), or the estate itself (小区门口, 我们小区): in the estate of the
# report just before when the words go on from it (还有…, 另外…, 对了…, 5栋门口的下水道盖子也烂了).
_BUILDING_ALONE = re.compile(rf"^(?:还有|另外|然后|对了|再有|再就是)?\s*(?:我们?|我家|我屋)?{_NUMBER}\s*(?:栋|幢|号楼)")
_ESTATE_ITSELF = re.compile(r"(?:我们|我家|我屋|这个|那个)?小区(门口|大门|头|里头|里面)?")
_ELSEWHERE = re.compile(r"花园|苑|社区|村|街(?!灯)|路(?![灯面])|巷|广场|市场|学校|医院|公园|超市|桥|河边|菜场|家园|"
                        r"小区(?!门口|大门|头|里)")


def said_in_estate(place: str, text: str) -> str:
    """The place a problem said as more of the talk means when it names a building or the estate but not which
    estate ("还有9栋门口那个垃圾桶没盖子" after a report at 安居苑9栋 → 安居苑; "另外 小区门口那个减速带掉了一块" after
    河畔花园7栋 → 河畔花园门口; blind test 29), else ""."""
    said = " ".join(text.split())
    estate = estate_of(place)
    if not estate or _ELSEWHERE.search(_ESTATE_ITSELF.sub("", said)):
        return ""
    goes_on = _GOES_ON.search(said) is not None
    building = _BUILDING_ALONE.search(said)
    if building is not None:  # 61栋门口 said: 安居苑61栋 (the report's own place words are completed by it)
        return estate + PARTS[0].search(building.group(0)).group(0).replace(" ", "")
    itself = _ESTATE_ITSELF.search(said)
    if goes_on and itself is not None:
        return estate + ("门口" if itself.group(1) in ("门口", "大门") else "")
    return ""


def spot_beside(place: str, text: str) -> str:
    """The place a report about a spot beside the reporter's just given place means ("还有楼上那家天天半夜打麻将"
    after a report at 安居苑2栋门口 → 安居苑2栋), or of another problem said as more of the talk that names no place of
    its own ("还有单元门的门禁也坏了" after a report at 河畔花园6栋 → 河畔花园6栋, blind test 27, B79;
    "还有旁边那个路灯也是黑的" → there too), or a building or the estate said with no estate (`said_in_estate`),
    else "" (no such spot or problem, or no place before)."""
    said = " ".join(text.split())
    if not names_place(place):  # words stored as a place that name none are never the next report's (bt 34, E23)
        return ""
    in_estate = said_in_estate(place, said)
    if in_estate:
        return in_estate
    goes_on = _GOES_ON.search(said) is not None and (_BUILDING_PART.search(said) is not None
                                                     or _NEARBY.search(said) is not None)
    if place and PARTS[0].search(place) and _INDOORS.search(said) and not _OWN_PLACE.search(said):
        return building_of(place)  # 我们这栋的水压好小, 楼道里的灯一闪一闪的: the building just reported (bt 32, B3)
    if not place or (_BESIDE.match(said) is None and (not goes_on or _OWN_PLACE.search(said))):
        return ""
    return building_of(place)


# Inside the sender's building, said as their own (我们这栋, 我们楼, 楼道里, 楼梯间): the building of the report just
# made there, when the words name no place of their own.
_INDOORS = re.compile(r"^(?:我们|我家|我屋|咱们)?(?:这|那)?(?:个)?(?:栋|幢)|"
                      r"^(?:我们|我家|咱们)(?:这|那)?(?:个)?(?:楼|单元)|"
                      r"^(?:我们|我家|咱们)?(?:这|那)?(?:个)?(?:楼道|楼梯|过道|单元门|电梯|楼顶|天台|地下室)")


def estate_goes_on(place: str, text: str) -> str:
    """The place of the report just before, to its building, for another problem said as more of the talk that names
    no place of its own ("还有个事 路灯不亮" a minute after a report at 河畔花园16栋 → 河畔花园16栋: blind test 30,
    A-B14a was asked where; blind test 31, A-B14a2, placed at the estate alone, was merged into another's lamp at 12栋);
    "" when the words say where, go on from nothing, or the place has no estate."""
    said = " ".join(text.split())
    if not estate_of(place) or _GOES_ON.search(said) is None or _OWN_PLACE.search(said):
        return ""
    return place[:PARTS[0].search(place).end()]  # its building: a street lamp is no unit's


# Right by the place before (还有旁边那个路灯也是黑的): there, or at its point.
_NEARBY = re.compile(r"旁边|边上|附近|对面|隔壁|那儿|那点")


def nearby(text: str) -> bool:
    """Another problem said as more of the talk, right by the place before ("还有旁边那个路灯也是黑的")."""
    said = " ".join(text.split())
    return _GOES_ON.search(said) is not None and _NEARBY.search(said) is not None and not _OWN_PLACE.search(said)
