"""A prepared November 2026 in 幸福社区 (XF) for the monthly report's tests: tickets created and resolved
inside and outside the month (China time), colour changes in and out of it, and visit lists.

In XF in 2026-11 (China time):
- new 5: N1 sanitation (Nov 1 01:00, the month's first hour), N2 elderly care, N3 roads, N4 dispute
  (cancelled at once), all in grid 1; N5 roads in grid 2. Top category: roads (2).
- resolved in the month 2: N1, and N2 (resolved, then rated 不满意 and reopened: still open).
- open at the month's end 4: O (from October, never resolved), N2, N3 (resolved in December), N5;
  overdue then 3: O, N2 (its new deadline passed), N5 (N3's deadline is in December).
- satisfaction: N1 rated 满意, N2 不满意 → 50%.
- colour changes 3: two green→red (grid 1), one yellow→red (grid 2); one in October and one in 河滨 are not.
- visits: grid 1 planned 3 done 2, grid 2 planned 2 done 0 (October's list is another month).
Not in it: D (December), H (河滨社区)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import cancelling, lifecycle
from bot.core.household_changes import change_household
from bot.core.registry import person_by_address
from bot.store.db import Database
from bot.store.household_models import VisitTask
from bot.store.models import Household, OrgUnit
from tests.conftest import POINT_IN_HB_GRID_2, RESIDENT, WORKER
from tests.core.helpers import RULES, make_report, submit

POINT_IN_XF_GRID_2 = (25.4025, 103.3075)
XF_GRID_2_WORKER = "+8613700000002"
MONTH = "2026-11"
# The first of December, 00:30 in China: when the monthly job runs.
FIRST_OF_DECEMBER = datetime(2026, 11, 30, 16, 30, tzinfo=UTC)


@dataclass(frozen=True)
class November:
    tickets: dict[str, str]  # name → ticket number
    households: dict[str, str]  # name → household code


def at(year: int, month: int, day: int, hour: int = 9) -> FakeClock:
    """A clock at this UTC moment."""
    return FakeClock(datetime(year, month, day, hour, 0, tzinfo=UTC))


def _unit(db: Database, code: str) -> int:
    with db.session() as s:
        return s.scalar(select(OrgUnit.id).where(OrgUnit.code == code))


def _households(db: Database, grid_code: str, n: int, colour: str) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(Household.code).join(OrgUnit, OrgUnit.id == Household.unit_id)
                              .where(OrgUnit.code == grid_code, Household.colour == colour)
                              .order_by(Household.id).limit(n)))


def _recolour(db: Database, code: str, colour: str, when: FakeClock, reason: str, by: str = WORKER) -> None:
    with db.session() as s:
        household = s.scalar(select(Household).where(Household.code == code))
        change_household(s, household, reason=reason, at=when.now(), colour=colour,
                         by=person_by_address(s, by), via="visit")


def _visits(db: Database, grid_code: str, month: str, codes: list[str], done: int) -> None:
    with db.session() as s:
        grid = s.scalar(select(OrgUnit).where(OrgUnit.code == grid_code))
        for i, code in enumerate(codes):
            household = s.scalar(select(Household).where(Household.code == code))
            s.add(VisitTask(month=month, household_id=household.id, unit_id=grid.id, worker_id=None, reason="green",
                            due_at=datetime(2026, 11, 30, 15, 0, tzinfo=UTC), status="done" if i < done else "open"))


def prepare_november(db: Database) -> November:
    t: dict[str, str] = {}
    t["O"] = submit(db, at(2026, 10, 20), make_report("楼道灯不亮", category="housing_utilities"))
    with db.session() as s:
        lifecycle.acknowledge(s, at(2026, 10, 20, 10), RULES, t["O"], WORKER)
    t["N1"] = submit(db, FakeClock(datetime(2026, 10, 31, 17, 0, tzinfo=UTC)),
                     make_report("垃圾桶满了没人收", category="sanitation"))
    with db.session() as s:
        lifecycle.acknowledge(s, at(2026, 10, 31, 19), RULES, t["N1"], WORKER)
    with db.session() as s:
        lifecycle.resolve(s, at(2026, 11, 2, 8), RULES, t["N1"], WORKER, "已清运")
    with db.session() as s:
        lifecycle.rate(s, at(2026, 11, 2, 9), RULES, RESIDENT, 1, number=t["N1"])
    t["N2"] = submit(db, at(2026, 11, 10), make_report("隔壁老人摔倒了需要照顾", category="elderly_care"))
    with db.session() as s:
        lifecycle.resolve(s, at(2026, 11, 11), RULES, t["N2"], WORKER, "已上门")
    with db.session() as s:
        lifecycle.rate(s, at(2026, 11, 12), RULES, RESIDENT, 3, number=t["N2"], reason="没人来")
    t["N3"] = submit(db, at(2026, 11, 28), make_report("小区门口路面坑洼", category="roads"))
    with db.session() as s:
        lifecycle.resolve(s, at(2026, 12, 2), RULES, t["N3"], WORKER, "已填平")
    t["N4"] = submit(db, at(2026, 11, 20), make_report("楼上邻居吵架", category="dispute"))
    with db.session() as s:
        cancelling.cancel(s, at(2026, 11, 20, 10), RESIDENT, t["N4"])
    lat, lon = POINT_IN_XF_GRID_2
    t["N5"] = submit(db, at(2026, 11, 21), make_report("建设路井盖松了", sender="+8613600000001", category="roads",
                                                      lat=lat, lon=lon))
    t["D"] = submit(db, at(2026, 12, 3), make_report("家里老人发烧了", category="health"))
    lat, lon = POINT_IN_HB_GRID_2
    t["H"] = submit(db, at(2026, 11, 15), make_report("河滨路上井盖丢了", sender="+8613600000002",
                                                     category="roads", lat=lat, lon=lon))

    green1 = _households(db, "XF-G1", 3, "green")
    yellow2 = _households(db, "XF-G2", 1, "yellow")
    green_hb = _households(db, "HB-G2", 1, "green")
    _recolour(db, green1[0], "red", at(2026, 11, 5), "老人独居 行动不便")
    _recolour(db, green1[1], "red", at(2026, 11, 6), "家人大病住院")
    _recolour(db, yellow2[0], "red", at(2026, 11, 15), "失业 收入中断", by=XF_GRID_2_WORKER)
    _recolour(db, green1[2], "yellow", at(2026, 10, 25), "十月的变化")
    _recolour(db, green_hb[0], "red", at(2026, 11, 16), "河滨的变化", by="+8613700000010")

    _visits(db, "XF-G1", MONTH, green1, done=2)
    _visits(db, "XF-G2", MONTH, [*yellow2, *_households(db, "XF-G2", 1, "green")], done=0)
    _visits(db, "XF-G1", "2026-10", green1[:1], done=1)
    return November(t, {"green1_0": green1[0], "green1_1": green1[1], "yellow2_0": yellow2[0]})
