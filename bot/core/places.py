"""Where a report belongs: the grid by location, a named place (gazetteer) or the home grid.

The gazetteer knows grids (names and aliases: estates, streets, landmarks), buildings (→ their
grid), villager groups (→ their village's grid) and communities/villages (→ their only grid, or
ambiguous when they have several: the bot then asks which).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from pypinyin import Style, pinyin
from shapely.geometry import Point, shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.place_parts import PARTS
from bot.store.models import OrgUnit, Person


@dataclass(frozen=True)
class Located:
    unit: OrgUnit
    how: str  # "point", "home", "place"


@dataclass(frozen=True)
class PlaceMatch:
    """What a place name points at: one grid, several (ambiguous), or nothing."""

    name: str = ""
    grids: list[OrgUnit] = field(default_factory=list)

    @property
    def grid(self) -> OrgUnit | None:
        return self.grids[0] if len(self.grids) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.grids) > 1


def grid_at(session: Session, lat: float, lon: float) -> OrgUnit | None:
    """The grid whose polygon contains the point (GeoJSON is lon/lat)."""
    point = Point(lon, lat)
    for unit in session.scalars(select(OrgUnit).where(OrgUnit.kind == "grid", OrgUnit.polygon.is_not(None))):
        if shape(unit.polygon).covers(point):
            return unit
    return None


def _grids_for(unit: OrgUnit, units: list[OrgUnit]) -> list[OrgUnit]:
    """The grids a named unit stands for."""
    by_id = {u.id: u for u in units}
    if unit.kind == "grid":
        return [unit]
    if unit.kind in ("building", "subgrid"):
        parent = by_id.get(unit.parent_id or -1)
        return [parent] if parent is not None and parent.kind == "grid" else []
    if unit.kind == "villager_group":
        village = by_id.get(unit.parent_id or -1)
        return _grids_for(village, units) if village is not None else []
    if unit.kind in ("community", "village"):
        return [u for u in units if u.kind == "grid" and u.parent_id == unit.id]
    return []


def match_place(session: Session, text: str) -> PlaceMatch:
    """The longest name or alias found in the text, and the grids it stands for. A community of several grids
    named with one of its estates (安居社区安居苑2栋) is that estate's grid (blind test 25, A16: which grid was asked);
    with no name found, one known name slipped by a character (和畔花园 for 河畔花园) when only one is near."""
    units = list(session.scalars(select(OrgUnit).where(OrgUnit.kind != "subdistrict").order_by(OrgUnit.id)))
    found = _named(units, text) or _slipped(units, text)
    if not found:
        return PlaceMatch()
    best_len = max(len(name) for name, _ in found)
    best_name = next(name for name, _ in found if len(name) == best_len)
    best_grids: list[OrgUnit] = []
    for name, grids in found:
        if len(name) == best_len:
            best_grids += [g for g in grids if g not in best_grids]
    if len(best_grids) > 1:  # 安居社区 and 安居苑 in it: the estate says which grid
        inside = {g.id: (name, g) for name, grids in found if len(grids) == 1 for g in grids if g in best_grids}
        if len(inside) == 1:
            name, grid = next(iter(inside.values()))
            return PlaceMatch(name, [grid])
    return PlaceMatch(best_name, best_grids)


def grids_named(session: Session, text: str) -> list[OrgUnit]:
    """Every grid the text names (by a grid's, an estate's or a building's name), in the order of their ids; a
    community named stands for none here (it is not one grid's place)."""
    units = list(session.scalars(select(OrgUnit).where(OrgUnit.kind != "subdistrict").order_by(OrgUnit.id)))
    out: list[OrgUnit] = []
    for unit in units:
        if unit.kind in ("community", "village"):
            continue
        if any(name and name in text for name in [unit.name, *(unit.aliases or [])]):
            out += [g for g in _grids_for(unit, units) if g not in out]
    return out


def _named(units: list[OrgUnit], text: str) -> list[tuple[str, list[OrgUnit]]]:
    """Each name or alias in the text that stands for grids, with them."""
    found = []
    for unit in units:
        for name in [unit.name, *(unit.aliases or [])]:
            if name and name in text:
                grids = _grids_for(unit, units)
                if grids:
                    found.append((name, grids))
    return found


SLIP_MIN = 4  # characters: a shorter name slipped by one is too like other words
_ALIKE_ENDS = "苑院园"  # a short estate's last character written as one that sounds like it (安居院 for 安居苑)
_SUFFIX = 2  # the last characters (花园, 小区, 社区) are kept: a slip there is another kind of place (阳光小学)


# What follows a short estate's name when it is one: a building, a gate, 的 (安局苑5栋, 按居苑门口的井盖).
_PLACE_PART = re.compile(r"\d|[一二三四五六七八九十]+(?:栋|幢|号楼|单元)|栋|幢|号楼|单元|门口|大门|后门|侧门|"
                         r"小区|里|的|$|[\s，,。]")


def _short_slip(name: str, text: str) -> bool:
    """A three-character estate name with its first or second character slipped (安局苑, 按居苑 for 安居苑; blind
    test 30, A-B4), its last kept and a place part after it (a building, a gate, 的): a slip of the typing, not
    another word that shares two characters."""
    for i in range(len(text) - 2):
        window = text[i:i + 3]
        slips = [k for k in range(3) if window[k] != name[k]]
        if slips in ([0], [1]) and "\u4e00" <= window[slips[0]] <= "\u9fff" \
                and _PLACE_PART.match(text, i + 3) is not None:
            return True
    return False


@lru_cache(maxsize=4096)
def _sounds(char: str) -> frozenset[str]:
    """Every toneless reading of a character (长: chang, zhang); a character with none is only itself."""
    if not "\u4e00" <= char <= "\u9fff":
        return frozenset({char})
    return frozenset(pinyin(char, style=Style.NORMAL, heteronym=True, errors=lambda c: [c])[0])


def _sounds_like(window: str, name: str) -> bool:
    """Every character of `window` read as `name`'s is (按局苑 for 安居苑: an ju yuan), one of them at least written
    the same: what a pinyin keyboard gives when the wrong candidate is picked."""
    return len(window) == len(name) and any(a == b for a, b in zip(window, name, strict=True)) \
        and all(a == b or ("\u4e00" <= a <= "\u9fff" and _sounds(a) & _sounds(b))
                for a, b in zip(window, name, strict=True))


def _homophone(name: str, text: str) -> bool:
    """`name` typed with homophone slips in the text (blind test 31, A-B4a: 按局苑3栋 for 安居苑, two characters
    slipped); a short name only with a place part after it (a building, a gate, 的), as `_short_slip`."""
    for i in range(len(text) - len(name) + 1):
        window = text[i:i + len(name)]
        if window != name and _sounds_like(window, name) \
                and (len(name) >= SLIP_MIN or _PLACE_PART.match(text, i + len(name)) is not None):
            return True
    return False


def _slipped(units: list[OrgUnit], text: str) -> list[tuple[str, list[OrgUnit]]]:
    """The one known name the text has with one of its first characters slipped (和畔花园, 阳关小区), or with
    characters that sound the same (按局苑 for 安居苑), else []."""
    found: dict[str, list[OrgUnit]] = {}
    for unit in units:
        for name in [unit.name, *(unit.aliases or [])]:
            if name and len(name) >= SLIP_MIN - 1 and name not in found and _homophone(name, text):
                grids = _grids_for(unit, units)
                if grids:
                    found[name] = grids
                continue
            if name and len(name) == SLIP_MIN - 1 and name[-1] in _ALIKE_ENDS and name not in found:
                if any(text[i:i + 2] == name[:2] and text[i + 2:i + 3] in _ALIKE_ENDS and text[i + 2] != name[-1]
                       for i in range(len(text) - 2)) or _short_slip(name, text):  # 安居院8栋, 安局苑5栋: 安居苑
                    grids = _grids_for(unit, units)
                    if grids:
                        found[name] = grids
                continue
            if not name or len(name) < SLIP_MIN or name in found:
                continue
            for start in range(len(text) - len(name) + 1):
                window = text[start:start + len(name)]
                slips = [i for i, (a, b) in enumerate(zip(window, name, strict=True)) if a != b]
                if len(slips) == 1 and slips[0] < len(name) - _SUFFIX and "\u4e00" <= window[slips[0]] <= "\u9fff":
                    grids = _grids_for(unit, units)
                    if grids:
                        found[name] = grids
                    break
    return list(found.items()) if len(found) == 1 else []


def within_community(session: Session, place: str, text: str) -> str:
    """A community of several grids said as the place (安居社区) when the report's words also name one of its estates
    (安居社区安居苑19栋 化粪池满了): the estate's words (安居苑19栋), else the place as it was (blind test 25, A16)."""
    wide = match_place(session, place)
    narrow = match_place(session, text)
    if not wide.ambiguous or narrow.grid is None or narrow.grid not in wide.grids or narrow.name not in text:
        return place
    return text[text.index(narrow.name):].split()[0].split("，")[0].split(",")[0]


def within_held(session: Session, own: str, held: str) -> str:
    """The place a report names, completed by the estate held before it when it names none the registry knows
    (18栋楼道, after "我住河畔花园的 有点事想问下": 河畔花园18栋楼道, blind test 25); else the report's own, or the
    held one when it names none."""
    if not own or not held or held in own:
        return own or held
    if match_place(session, own).grids or not match_place(session, held).grids:
        return own
    lead = PARTS[0].match(own)  # 61栋门口 with 安居苑61栋 held: 安居苑61栋门口, the building once
    return f"{held[:-len(lead.group(0))]}{own}" if lead is not None and held.endswith(lead.group(0)) else f"{held}{own}"


def grid_named_in(session: Session, text: str) -> OrgUnit | None:
    """The one grid a place name in the text points at; None when unknown or ambiguous."""
    return match_place(session, text).grid


def locate(session: Session, *, reporter: Person | None, text: str, lat: float | None = None,
           lon: float | None = None, place: str | None = None) -> Located | None:
    """A located report goes by its point, then a named place, then the reporter's home grid."""
    if lat is not None and lon is not None:
        unit = grid_at(session, lat, lon)
        if unit is not None:
            return Located(unit, "point")
    for words in (place, text):
        if words:
            unit = grid_named_in(session, words)
            if unit is not None:
                return Located(unit, "place")
    if reporter is not None and reporter.home_unit is not None:
        return Located(reporter.home_unit, "home")
    return None
