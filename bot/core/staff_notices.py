"""Staff notices within one SMS part (70 UCS-2 units). A notice is a head, the problem's text and a
tail; when the whole text does not fit, a leaner head and tail are tried, and at last the text is cut
("…") with the pointer "回复“T1023 详情”看全文" in the tail: the whole problem is one message away.

Pure text: the builders take plain values, so the ticket modules and the timers share them."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.common.sms_parts import UCS2_SINGLE, units

PART = UCS2_SINGLE
MIN_SHOWN = 10  # a cut text shows at least this much, else a leaner form is tried


def pointer(number: str | None) -> str:
    return f"回复“{number} 详情”看全文"


def clip(text: str, room: int) -> str:
    """The longest head of the text within `room` code units."""
    out, used = [], 0
    for char in text:
        width = 2 if ord(char) > 0xFFFF else 1
        if used + width > room:
            break
        out.append(char)
        used += width
    return "".join(out)


_PLACE_END = re.compile(r"(?:栋|幢|号|楼|室|单元|组|村|社区|小区|苑|园|区|巷|路|街|门口|旁边|后面|背后)")


def clip_place(place: str, room: int) -> str:
    """The place within `room` code units, never cut inside a name or a number (blind test 27, A84: "河畔花园7栋2单元20"
    for …201): whole when it fits, else up to its last whole part ("河畔花园7栋2单元"), else cut with "…"."""
    if units(place) <= room:
        return place
    ends = [m.end() for m in _PLACE_END.finditer(place) if units(place[:m.end()]) <= room]
    return place[:ends[-1]] if ends else clip(place, max(room - 1, 0)) + "…"


def fit(text: str, whole: Sequence[tuple[str, str]], cut: Sequence[tuple[str, str]]) -> str:
    """The first (head, tail) of `whole` that holds the whole text in one part; else the first of `cut`
    (whose tails carry the pointer) leaving room for MIN_SHOWN characters of the text, cut with "…";
    else the last of `cut` with what room there is."""
    text = " ".join((text or "").split())
    for head, tail in whole:
        if units(head + text + tail) <= PART:
            return head + text + tail
    for index, (head, tail) in enumerate(cut):
        room = PART - units(head) - units(tail) - 1
        if room >= MIN_SHOWN or index == len(cut) - 1:
            return head + clip(text, max(room, 0)) + "…" + tail
    raise ValueError("no form to cut the text into")


def new_ticket(number: str, category: str, unit: str, place: str, text: str, who: str, *,
               urgent: bool = False, calling: bool = False, photos: int = 0, prefix: str = "", point: str = "") -> str:
    """新工单T1023【道路设施】幸福社区第1网格（3栋）：…。反映人139****0001。回复“收到 T1023”接单 — or as
    much as fits. `calling`: an emergency, whose reporter's number (`who`, whole) stays in every form.
    `point` ("定位25.0331,102.7123", a report placed only by its location) stays in every form too."""
    mark = "【紧急】" if urgent else ""
    if not place and not point:  # blind test 10, #105: a notice with no place at all; the worker must know
        return _unplaced(number, category, unit, text, who, mark=mark, prefix=prefix, calling=calling, photos=photos)
    where = f"（{'，'.join(w for w in (place, point) if w)}）" if place or point else ""
    short_where = f"（{'，'.join(w for w in (clip_place(place, 10), point) if w)}）" if place or point else ""
    if point:  # the only place the worker gets: never dropped for the text
        return _with_point(number, category, unit, text, who, mark=mark, prefix=prefix, where=where,
                           short_where=short_where, point=point, calling=calling, photos=photos)
    pics = f"，附照片{photos}张" if photos else ""
    ack = f"“收到 {number}”接单"
    tail, short_tail = f"。反映人{who}{pics}。回复{ack}", f"。反映人{who}{pics}。回{ack}"
    head = f"{prefix}{mark}新工单{number}【{category}】"
    # The place the reporter named stays in every form but the last resort (blind test 7, #8: "这里的井盖…" came
    # without 安居苑5栋): the text is cut, with the pointer to 详情, before the place is dropped.
    # The masked reporter (详情 has the whole number) goes before the text is cut or the place clipped (blind test
    # 10, #105: the place a reassigned ticket now always names must not cost the problem its words).
    lean_tail = f"{pics}。回{ack}" if not calling else short_tail
    whole = [(f"{head}{unit}{where}：", tail), (f"{head}{where}：", tail), (f"{head}{where}：", short_tail),
             (f"{head}{where}：", lean_tail)]
    caller = f"反映人{who}，" if calling else ""
    pics_short = f"附照片{photos}张，" if photos else ""
    more = f"{caller}{pics_short}{pointer(number)}"
    cut: list[tuple[str, str]] = []
    if calling and place:  # an emergency's place is what the one who must act needs first (blind test 8, #19)
        # The place whole, the text cut behind 详情, before the place is shortened (blind test 27, A84: the alert read
        # "（在河畔花园7栋2单元20）" for …201); shortened, it ends at a whole part.
        whole.append((f"{prefix}{mark}{number}【{category}】（{place}）：", f"。反映人{who}{pics}"))
        cut += _spot_forms(f"{prefix}{mark}", number, category, f"（{place}）：", who, pics_short + pointer(number))
    whole.append((f"{head}{short_where}：", short_tail))
    cut += [(f"{head}{short_where}：", f"{more}，{ack}"), (f"{head}{short_where}：", more)]
    if calling and place:
        spot = f"（{clip_place(place, 12)}）："
        whole.append((f"{prefix}{mark}{number}【{category}】{spot}", f"。反映人{who}{pics}"))
        cut += _spot_forms(f"{prefix}{mark}", number, category, spot, who, pics_short + pointer(number))
    cut.append((f"{head}：", more))
    return fit(text, whole, cut)


def _spot_forms(mark: str, number: str, category: str, spot: str, who: str, more: str) -> list[tuple[str, str]]:
    """An emergency's lean forms with the place `spot`: with its category, without, and with the shortest tail."""
    head = f"{mark}{number}"
    return [(f"{head}【{category}】{spot}", f"反映人{who}，{more}"), (f"{head}{spot}", f"反映人{who}，{more}"),
            (f"{head}{spot}", f"反映人{who}，回“{number} 详情”")]


def _with_point(number: str, category: str, unit: str, text: str, who: str, *, mark: str, prefix: str, where: str,
                short_where: str, point: str, calling: bool, photos: int) -> str:
    ack = f"“收到 {number}”接单"
    pics = f"，附照片{photos}张" if photos else ""
    head = f"{prefix}{mark}新工单{number}【{category}】"
    caller = f"反映人{who}，" if calling else ""
    more = f"{caller}{f'附照片{photos}张，' if photos else ''}{pointer(number)}"
    tail = f"。反映人{who}{pics}。回{ack}"
    bare = f"{prefix}{mark}新工单{number}"
    # The grid and the point first (where, in words and exactly), then the category; the text is 详情's.
    whole = [(f"{head}{unit}{where}：", tail), (f"{head}{unit}（{point}）：", tail), (f"{head}{where}：", tail),
             (f"{head}{short_where}：", tail)]
    cut = [(f"{head}{unit}（{point}）：", f"{more}，{ack}"), (f"{head}{unit}（{point}）：", more),
           (f"{bare}{unit}（{point}）：", more), (f"{head}{point}：", more),
           (f"{bare}{point}：", more), (f"{prefix}{mark}{number}（{point}）：", more),
           (f"{prefix}{mark}{number}（{point.removeprefix('定位')}）：", f"{caller}{pointer(number)}")]
    return fit(text, whole, cut)


def _unplaced(number: str, category: str, unit: str, text: str, who: str, *, mark: str, prefix: str, calling: bool,
              photos: int) -> str:
    """新工单T1041【房屋水电气】幸福社区第2网格（地点不明）：…。反映人139****0001。回复“T1041 详情”看全文 — the
    pointer in every form: 详情 has the reporter's number to ask where."""
    head = f"{prefix}{mark}新工单{number}【{category}】"
    pics = f"，附照片{photos}张" if photos else ""
    tail = f"。反映人{who}{pics}。{pointer(number)}"
    # How to take it on (回“收到 T1041”接单) whenever it fits beside the pointer to 详情 (a short problem).
    # The masked reporter goes first (详情 has the whole number), as for a notice with a place.
    ack = f"回“收到 {number}”接单，{pointer(number)}"
    with_ack = f"。反映人{who}{pics}。{ack}"
    lean_ack = with_ack if calling else f"{pics}。{ack}"
    more = f"{f'反映人{who}，' if calling else ''}{f'附照片{photos}张，' if photos else ''}{pointer(number)}"
    unknown, lean_unknown = f"{head}{unit}（地点不明）：", f"{head}（地点不明）："
    whole = [(unknown, with_ack), (unknown, lean_ack), (lean_unknown, lean_ack), (unknown, tail), (lean_unknown, tail)]
    cut = [(f"{head}（地点不明）：", more), (f"{prefix}{mark}{number}（地点不明）：", more)]
    return fit(text, whole, cut)


def co_handler(number: str, category: str, unit: str, text: str) -> str:
    """协办工单T1023【治安】幸福社区第1网格：… (the co-handler reads it whole by 详情)."""
    return fit(text, [(f"协办工单{number}【{category}】{unit}：", "")],
               [(f"协办工单{number}【{category}】{unit}：", pointer(number)),
                (f"协办工单{number}【{category}】：", pointer(number))])


def emergency(number: str, category: str, unit: str, text: str, caller: str, place: str = "") -> str:
    """紧急！工单T1023【燃气】幸福社区第1网格：…。反映人13900000001，请立即处置 — the number always whole. A `place`
    (a home's address, blind test 9, #34) stays in every form but the last resort, before the grid's name."""
    tail = f"。反映人{caller}，请立即处置"
    more = f"反映人{caller}，{pointer(number)}"
    head = f"紧急！工单{number}【{category}】"
    if not place:
        return fit(text, [(f"{head}{unit}：", tail)], [(f"{head}{unit}：", more), (f"{head}：", more)])
    spot = f"{unit}（{place}）"
    return fit(text, [(f"{head}{spot}：", tail), (f"{head}{spot}：", f"。反映人{caller}"),
                      (f"{head}{place}：", f"。反映人{caller}")],
               [(f"{head}{spot}：", more), (f"{head}{place}：", more),
                (f"紧急！{number}（{clip_place(place, 12)}）：", more), (f"{head}：", more)])


def emergency_place(number: str, category: str, place: str, caller: str, detail: str = "") -> str:
    """紧急工单T1023【燃气】地点：河畔花园3栋（河滨社区第1网格）。反映人13900000001 — with what the reporter said
    along with the place ("；三楼冒烟") when it fits, else cut with the pointer."""
    tail = f"。反映人{caller}"
    if detail:  # the place whole, the words along cut first (blind test 9, #3: what happened goes with the place)
        more = f"{tail}，{pointer(number)}"
        head = f"紧急工单{number}【{category}】地点：{place}；"
        cut = [(head, more), (f"紧急{number}地点：{place}；", more)]
        if units(head + " ".join(detail.split()) + tail) <= PART or \
                any(PART - units(h) - units(t) - 1 >= MIN_SHOWN for h, t in cut):
            return fit(detail, [(head, tail)], cut)
        # no room for the words along: the place alone (详情 has the rest)
    return fit(place, [(f"紧急工单{number}【{category}】地点：", tail)],
               [(f"紧急工单{number}【{category}】地点：", f"{tail}，{pointer(number)}"),
                (f"紧急{number}地点：", f"{tail}，{pointer(number)}")])


def unplaced(number: str, category: str, place: str, text: str, photos: str = "", point: str = "") -> str:
    """待分派工单T1023【环境卫生】地点不明（未说明）：… for the duty officer; a report placed by a location in no grid
    keeps it (不在网格内（定位25.4012,103.2895）, blind test 8, #22)."""
    if point:
        head = f"待分派工单{number}【{category}】不在网格内（{point}）："
        return fit(text, [(head, photos)], [(head, f"{photos}{pointer(number)}"),
                                            (f"待分派{number}（{point}）：", f"{photos}{pointer(number)}")])
    head = f"待分派工单{number}【{category}】地点不明（{clip_place(place or '未说明', 12)}）："
    return fit(text, [(head, photos), (f"待分派工单{number}【{category}】地点不明：", photos)],
               [(f"待分派工单{number}【{category}】地点不明：", f"{photos}{pointer(number)}"),
                (f"待分派{number}【{category}】：", f"{photos}{pointer(number)}")])


def returned(number: str, category: str, worker: str, reason: str) -> str:
    """退单待改派：工单T1023【房屋水电气】李磊退回，理由：… for the duty officer."""
    head = f"退单待改派：工单{number}【{category}】{worker}退回，理由："
    return fit(reason, [(head, "")], [(head, pointer(number)), (f"退单{number}{worker}退回：", pointer(number))])


def rerouted(number: str, unit: str, place: str, worker: str, reason: str) -> str:
    """工单T1017（安居社区第2网格，2栋后头）由李磊退单转来，转来原因：… for the grid's worker it was rerouted to, after
    its new-ticket notice (blind test 8, #62: that notice had no community and no reason)."""
    where = "，".join(w for w in (unit, clip_place(place, 12)) if w)
    head = f"工单{number}（{where}）由{worker}退单转来，转来原因："
    return fit(reason, [(head, "")], [(head, pointer(number)), (f"工单{number}（{unit}）转来原因：", pointer(number))])


def resolved_by_other(number: str, category: str, resolver: str, note: str) -> str:
    """工单T1017【市政设施】已由张涛办结：… for the assignee, when someone above them resolved it."""
    tail = "，您不用再办。"
    if not note:
        return f"工单{number}【{category}】已由{resolver}办结{tail}"
    head = f"工单{number}【{category}】已由{resolver}办结："
    return fit(note, [(head, tail), (f"工单{number}已由{resolver}办结：", tail)],
               [(f"工单{number}已由{resolver}办结：", tail)])
