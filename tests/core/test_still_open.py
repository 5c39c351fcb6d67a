"""Her own report still open, said again days later, is urged (bot/core/still_open.py; blind test 33, A98; blind test
34, N7); the same kind of trouble at another estate or building is no urge of it (issue 17)."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import still_open
from bot.store.db import Database
from tests.conftest import RESIDENT
from tests.core.helpers import make_report, submit


@pytest.mark.parametrize(("report", "again"), [
    ("阳光小区3栋门口的路灯坏了", "阳光小区3栋门口的路灯还是不亮"),
    ("阳光小区3栋门口的路灯坏了", "路灯还是黑的"),
    ("河畔花园8栋门口有人乱停车", "门口那些车还是乱停"),
])
def test_her_trouble_said_again_means_her_report(demo_db: Database, clock: FakeClock, report: str, again: str):
    number = submit(demo_db, clock, make_report(report))
    clock.advance(hours=20)
    with demo_db.session() as s:
        found = still_open.meant(s, clock, RESIDENT, again)
        assert found is not None and found.number == number


@pytest.mark.parametrize(("report", "other"), [
    ("阳光小区3栋门口的路灯坏了", "阳光小区6栋门口的路灯又不亮了"),
    ("河畔花园8栋门口有人乱停车", "河畔花园9栋门口还是有车乱停"),
    ("阳光小区3栋门口的垃圾没人收", "河畔花园门口的垃圾也堆起了 一直没人收"),
    ("安居苑2栋有人装修", "安居苑5栋也有人在装修 一大早又在打钻"),
])
def test_the_same_kind_at_another_estate_or_building_means_no_report_of_hers(demo_db: Database, clock: FakeClock,
                                                                            report: str, other: str):
    submit(demo_db, clock, make_report(report))
    clock.advance(hours=20)
    with demo_db.session() as s:
        assert still_open.meant(s, clock, RESIDENT, other) is None
