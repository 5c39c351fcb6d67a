"""Tickets in known places and the scopes of the demo's staff, for the workbench's tests."""

from __future__ import annotations

from bot.common.clock import Clock
from bot.core import registry
from bot.core.scopes import Scope, scope_of
from bot.store.db import Database
from tests.conftest import POINT_IN_HB_GRID_2, RESIDENT
from tests.core.helpers import make_report, submit

BUILDING_HEAD = "+8613700000201"  # 阳光小区1栋, in 幸福社区第1网格: RESIDENT's building
NEIGHBOUR_OUTSIDE_BUILDING = "+8613900000008"  # 幸福社区第1网格 too, in no building
HB_GRID_2_WORKER = "+8613700000010"
VILLAGE_SECRETARY = "+8613800000401"


def in_grid_1(db: Database, clock: Clock, text: str = "我家楼下路灯坏了好几天了", **kw: object) -> str:
    """A ticket in 幸福社区第1网格 (the reporter's home grid), assigned to its grid worker."""
    return submit(db, clock, make_report(text, **{"sender": RESIDENT, **kw}))


def in_hb_grid_2(db: Database, clock: Clock, text: str = "河滨路上井盖丢了", **kw: object) -> str:
    """A ticket placed by its point in 河滨社区第2网格."""
    lat, lon = POINT_IN_HB_GRID_2
    return submit(db, clock, make_report(text, sender="+8613600000001", lat=lat, lon=lon, **kw))


def unplaced(db: Database, clock: Clock, text: str = "有个地方路灯坏了") -> str:
    """A ticket from a number the registry does not know, naming no place: 待分派, for the duty officer."""
    return submit(db, clock, make_report(text, sender="+8613999999999"))


def scope(db: Database, phone: str) -> Scope:
    with db.session() as s:
        person = registry.person_by_address(s, phone)
        assert person is not None
        return scope_of(s, person)
