"""A prepared month for the worker board's tests (core, HTTP and browser): tickets on time and late, a
visit list partly done, for two grid workers of the demo."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import lifecycle
from bot.store.db import Database
from bot.store.household_models import VisitTask
from bot.store.models import Household, Person
from tests.conftest import RESIDENT, RIDER, WORKER
from tests.core.helpers import RULES
from tests.core.workbench_factories import HB_GRID_2_WORKER, in_grid_1, in_hb_grid_2

MONTH = "2026-11"
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)  # FakeClock's start
LOOKED_AT = START + timedelta(days=12)  # 2026-11-14 17:00 in Beijing: 13.7 of November's 30 days gone


@dataclass(frozen=True)
class Prepared:
    """Who holds what. WORKER (幸福社区第1网格): A acknowledged in 2 h, resolved in 26 h and rated 满意
    (three stages met); B never acknowledged (接单 and 办结 late, open and overdue): 3 of 5 stages, 60%;
    satisfaction 100%; visits 1 of 3 done. HB worker (河滨社区第2网格): C resolved in 3 h (接单 by the
    resolution) and rated 基本满意: 3 of 3 stages; no visit list."""

    a: str
    b: str
    c: str
    worker_id: int
    hb_worker_id: int


def person_id(db: Database, phone: str) -> int:
    with db.session() as s:
        return s.scalar(select(Person.id).where(Person.phone == phone))


def visit_list(db: Database, worker_id: int, month: str, planned: int, done: int) -> None:
    with db.session() as s:
        unit_id = s.scalar(select(Person.home_unit_id).where(Person.phone == RESIDENT))
        households = list(s.scalars(select(Household).where(Household.unit_id == unit_id)
                                    .order_by(Household.id).limit(planned)))
        assert len(households) == planned
        for i, household in enumerate(households):
            s.add(VisitTask(month=month, household_id=household.id, unit_id=unit_id, worker_id=worker_id,
                            reason=household.colour, due_at=datetime(2026, 11, 30, 15, 0, tzinfo=UTC),
                            status="done" if i < done else "open"))


def prepare(db: Database, clock: FakeClock) -> Prepared:
    assert clock.now() == START
    a = in_grid_1(db, clock, "我家楼下路灯坏了好几天了")
    b = in_grid_1(db, clock, "楼道灯不亮了")
    c = in_hb_grid_2(db, clock, "河滨路上井盖丢了")
    clock.advance(hours=2)
    with db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, a, WORKER)
    clock.advance(hours=1)
    with db.session() as s:
        lifecycle.resolve(s, clock, RULES, c, HB_GRID_2_WORKER, "井盖已补上")
    with db.session() as s:
        lifecycle.rate(s, clock, RULES, RIDER, 2, number=c)
    clock.advance(hours=23)
    with db.session() as s:
        lifecycle.resolve(s, clock, RULES, a, WORKER, "路灯换好了")
    with db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 1, number=a)
    worker_id = person_id(db, WORKER)
    visit_list(db, worker_id, MONTH, planned=3, done=1)
    clock.advance(seconds=(LOOKED_AT - clock.now()).total_seconds())
    return Prepared(a, b, c, worker_id, person_id(db, HB_GRID_2_WORKER))
