"""An estate's gates as places: 阳光小区东门 is not 阳光小区北门, though both are 阳光小区.

A report naming a gate is filed there (actions/report_places.py's `fuller_place`), and 并单 (bot/core/tickets.py's
`find_duplicate`) looks for the same problem at the same place: the same gate, or the estate said alone. Someone
who says only 阳光小区门口 has not said which gate, so their report may be another's at 东门 when the problem is the
same; two gates named are two places (a car smoking at 东门 is not one parked at 北门)."""

from __future__ import annotations

import re

GATES = ("东门", "北门", "南门", "西门", "后门", "大门")
_GATE = re.compile("(?:" + "|".join(GATES) + ")")


def with_gate(text: str, named: str) -> str:
    """`named` (an estate) with the gate the text names right after it ("阳光小区东门有辆车在冒烟": 阳光小区东门),
    else `named` as it is."""
    if not named or _GATE.search(named[-2:]):
        return named
    found = re.search(re.escape(named) + r"\s*(" + _GATE.pattern + ")", " ".join((text or "").split()))
    return named + found.group(1) if found is not None else named


def without_gate(place: str) -> str:
    """The estate of a gate's place (阳光小区东门: 阳光小区), else the place as it is."""
    return place[:-2] if len(place) > 2 and place[-2:] in GATES else place


# Words of a spot at a place that name no other place: 河畔花园2栋门口 is 河畔花园2栋 (blind test 29, A30: the same
# street light reported at both was two tickets).
BESIDE = ("门口", "楼下", "旁边", "附近", "边上", "外面", "前面")


def _without_beside(place: str) -> str:
    word = next((w for w in BESIDE if place.endswith(w) and len(place) > len(w) + 1), "")
    return place[:-len(word)] if word else place


def alike(place: str) -> list[str]:
    """The places a report at `place` may share a problem with: itself, and the estate alone for a gate of it or
    each of its gates for the estate alone; the place with or without a spot beside it (门口, 楼下); never another
    gate."""
    if not place:
        return [place]
    if without_gate(place) != place:
        return [place, without_gate(place)]
    base = _without_beside(place)
    return list(dict.fromkeys([place, base, *(base + word for word in BESIDE), *(base + gate for gate in GATES)]))
