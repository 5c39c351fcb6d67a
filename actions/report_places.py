"""Where a report is, read from its words and the registry: the whole place a report names (its estate's part
or gate kept), the place held for it beside the one it names, the grid a community's estate is in, and whether the
words name a grid at all or a community of several grids."""

from __future__ import annotations

import re

from actions.runtime import context
from bot.core import gates
from bot.core.emergencies import landmark_in
from bot.core.places import match_place, within_community, within_held

_PART_OF_ESTATE = re.compile(r"\d|[一二三四五六七八九十]期|栋|幢|单元|号楼")  # 二期7栋: more than 门口 beside a name
_COMMUNITY = re.compile(r"社区|村")


def placed(text: str, place: str, held: str) -> str:
    """The report's place with the one held for it, read in one session and only when the registry is needed."""
    # 18栋楼道 after 我住河畔花园的 (held): 河畔花园18栋楼道 (blind test 25)
    beside_held = bool(place and held and held not in place)
    if not beside_held and not _COMMUNITY.search(place or held):
        return place or held
    with context().db.session() as session:
        if beside_held:
            place = within_held(session, place, held)
        place = place or held
        if _COMMUNITY.search(place):  # 安居社区 with its estate (安居社区安居苑19栋): that grid, never "which one?"
            place = within_community(session, place, text)
    return place


def fuller_place(text: str, named: str | None) -> str:
    """The place a report names, whole: the classifier's 安居苑 of "安居苑二期7栋后面那个化粪池" is 安居苑二期7栋后面
    (blind test 10, #60: sent to 安居苑's grid, 二期 dropped), so it is routed by the longest name in it; and its gate
    (阳光小区东门) is kept."""
    whole = landmark_in(" ".join(text.split()))
    more = whole.replace(named, "", 1) if named and named in whole else ""
    # 阳光小区东门有辆车在冒烟 is at 阳光小区东门: another gate is another place for 并单 (bot/core/gates.py)
    return whole if _PART_OF_ESTATE.search(more) else gates.with_gate(text, named or "")


def names_a_grid(text: str) -> bool:
    """Whether the words name a place the registry knows."""
    with context().db.session() as session:
        return bool(match_place(session, text).grids)


def several_grids(place: str) -> bool:
    """Whether a place names a community or village of several grids (安居社区), which one the report's is asked."""
    with context().db.session() as session:
        return match_place(session, place).ambiguous


# The place a report's own words name around a community or village that has several grids
# ("河滨社区那个小区门口"): passed on to whoever dispatches it when nothing better was said.
_SAID_PLACE = re.compile(r"[\u4e00-\u9fff]{2,4}(?:社区|村)[^，,。！!？?\s]{0,8}?"
                         r"(?:门口|大门|旁边|对面|后面|里面|路口|楼下)|[\u4e00-\u9fff]{2,4}(?:社区|村)")


def said_place(report_text: str) -> str:
    found = _SAID_PLACE.search(report_text)
    return found.group(0) if found is not None else ""
