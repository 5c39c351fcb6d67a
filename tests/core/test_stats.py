"""Ticket statistics: 13710 compliance per stage, satisfaction, reopen rate, median time to resolve and
counts, by grid, community, category and month, over a scope and a filter."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import cancelling, lifecycle, stats
from bot.core.ticket_filter import GridScope, TicketFilter, grids_under
from bot.store.db import Database
from bot.store.models import OrgUnit
from tests.conftest import POINT_IN_HB_GRID_2, RESIDENT, WORKER
from tests.core.helpers import RULES, make_report, submit


def unit_id(db: Database, code: str) -> int:
    with db.session() as s:
        return s.scalar(select(OrgUnit.id).where(OrgUnit.code == code))


@pytest.fixture
def prepared(demo_db: Database, clock: FakeClock) -> dict[str, str]:
    """Five tickets from 2026-11-02 09:00 UTC, looked at ten days later:
    A roads, 幸福1: acknowledged after 2 h, resolved after 26 h, rated 1 (on time twice, closed).
    B sanitation, 幸福1: acknowledged after 30 h (late), resolved after 4 days (late: 3 days), rated 2.
    C roads, 河滨2 (by its point): never acknowledged: late twice, overdue.
    D elderly care, 幸福1: resolved after 5 h, rated 3 (reopened), acknowledged and resolved again at 8 h.
    E roads, 幸福1: cancelled by the reporter at once."""
    t0 = clock.now()
    a = submit(demo_db, clock, make_report("我家楼下路灯坏了好几天了", category="roads"))
    b = submit(demo_db, clock, make_report("垃圾桶满了没人收", category="sanitation"))
    c = submit(demo_db, clock, make_report("河边的路塌了一块", category="roads", lat=POINT_IN_HB_GRID_2[0],
                                           lon=POINT_IN_HB_GRID_2[1]))
    d = submit(demo_db, clock, make_report("隔壁老人摔倒了需要照顾", category="elderly_care"))
    e = submit(demo_db, clock, make_report("井盖松了", category="roads"))

    def at(hours: float) -> None:
        clock.advance(seconds=(t0 + timedelta(hours=hours) - clock.now()).total_seconds())

    with demo_db.session() as s:
        cancelling.cancel(s, clock, RESIDENT, e)
    at(2)
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, a, WORKER)
    at(5)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, d, WORKER, "已上门")
    at(6)
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 3, number=d)
    at(7)
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, d, WORKER)
    at(8)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, d, WORKER, "已安排护理员")
    at(26)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, a, WORKER, "路灯换好了")
    at(27)
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 1, number=a)
    at(30)
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, b, WORKER)
    at(96)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, b, WORKER, "已清运")
    at(97)
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 2, number=b)
    at(240)
    return {"A": a, "B": b, "C": c, "D": d, "E": e}


def test_the_totals_count_each_13710_stage_the_ratings_and_the_median_time_to_resolve(
        demo_db: Database, clock: FakeClock, prepared: dict[str, str]):
    with demo_db.session() as s:
        total = stats.report(s, GridScope.all(), TicketFilter(), clock.now(), "grid").total
    counts = (total.tickets, total.open, total.overdue, total.resolved, total.closed, total.cancelled)
    assert counts == (5, 1, 1, 3, 2, 1)
    # 接单: A (2 h) and D (again, within its new day) on time; B (30 h) and C (never) late; E cancelled, not judged.
    assert (total.ack_on_time, total.ack_late, total.ack_rate) == (2, 2, 0.5)
    # 办结: A (26 h of 7 days) and D on time; B (4 of 3 days) and C (open past its 7 days) late.
    assert (total.resolve_on_time, total.resolve_late, total.resolve_rate) == (2, 2, 0.5)
    assert (total.satisfied, total.fairly_satisfied, total.unsatisfied) == (1, 1, 1)
    assert total.satisfaction == pytest.approx(2 / 3)
    assert (total.reopened, total.resolved_ever, total.reopen_rate) == (1, 3, pytest.approx(1 / 3))
    assert (total.closed_by_reporter, total.rating_rate) == (2, 1.0)
    # Hours from report to (last) resolution: A 26, B 96, D 8.
    assert total.median_hours_to_resolve == pytest.approx(26)


def test_figures_by_community_category_and_grid_split_the_same_tickets(
        demo_db: Database, clock: FakeClock, prepared: dict[str, str]):
    with demo_db.session() as s:
        by_community = {f.label: f for f in stats.figures(s, GridScope.all(), TicketFilter(), clock.now(), "community")}
        by_category = {f.key: f for f in stats.figures(s, GridScope.all(), TicketFilter(), clock.now(), "category")}
        by_grid = {f.label: f for f in stats.figures(s, GridScope.all(), TicketFilter(), clock.now(), "grid")}
    assert set(by_community) == {"幸福社区", "河滨社区"}
    assert (by_community["幸福社区"].tickets, by_community["河滨社区"].tickets) == (4, 1)
    assert (by_community["河滨社区"].overdue, by_community["河滨社区"].ack_rate) == (1, 0.0)
    assert by_community["幸福社区"].median_hours_to_resolve == pytest.approx(26)
    assert {k: f.tickets for k, f in by_category.items()} == {"elderly_care": 1, "roads": 3, "sanitation": 1}
    assert by_category["roads"].label == "道路设施"
    assert by_category["sanitation"].resolve_rate == 0.0 and by_category["elderly_care"].reopen_rate == 1.0
    assert by_category["roads"].median_hours_to_resolve == pytest.approx(26)
    assert {k: f.tickets for k, f in by_grid.items()} == {"幸福社区第1网格": 4, "河滨社区第2网格": 1}


def test_months_are_beijing_months(demo_db: Database, clock: FakeClock):
    # 2026-10-31 15:00 UTC is 23:00 in Beijing, still October; 17:00 UTC is 1 am on 1 November.
    for hour, text in ((15, "路灯不亮"), (17, "垃圾没收")):
        submit(demo_db, FakeClock(datetime(2026, 10, 31, hour, 0, tzinfo=UTC)), make_report(text, category="roads"))
    submit(demo_db, clock, make_report("噪音扰民", category="dispute"))
    with demo_db.session() as s:
        months = {f.key: f.tickets for f in stats.figures(s, GridScope.all(), TicketFilter(), clock.now(), "month")}
    assert months == {"2026-10": 1, "2026-11": 2}


def test_a_scope_and_a_date_range_narrow_every_figure(demo_db: Database, clock: FakeClock,
                                                     prepared: dict[str, str]):
    submit(demo_db, FakeClock(datetime(2026, 9, 1, 9, 0, tzinfo=UTC)), make_report("去年的老问题", category="roads"))
    xingfu = unit_id(demo_db, "XF")
    november = TicketFilter(since=datetime(2026, 10, 31, 16, 0, tzinfo=UTC))
    with demo_db.session() as s:
        scope = GridScope.of_grids(grids_under(s, [xingfu]))
        mine = stats.report(s, scope, november, clock.now(), "category")
        everything = stats.report(s, GridScope.all(), TicketFilter(), clock.now(), "category").total
        nothing = stats.report(s, GridScope(), TicketFilter(), clock.now(), "grid")
    assert len(scope.unit_ids) == 4
    assert everything.tickets == 6
    assert (mine.total.tickets, mine.total.overdue, mine.total.ack_late) == (4, 0, 1)
    assert {f.key for f in mine.rows} == {"elderly_care", "roads", "sanitation"}
    assert (nothing.rows, nothing.total.tickets, nothing.total.ack_rate) == ([], 0, None)


def test_a_filter_by_category_keeps_only_its_tickets(demo_db: Database, clock: FakeClock, prepared: dict[str, str]):
    with demo_db.session() as s:
        roads = stats.report(s, GridScope.all(), TicketFilter(category="roads"), clock.now(), "grid")
    assert roads.total.tickets == 3 and roads.total.cancelled == 1
    assert [f.label for f in roads.rows] == ["幸福社区第1网格", "河滨社区第2网格"]


def test_an_unknown_grouping_is_refused(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s, pytest.raises(ValueError):
        stats.figures(s, GridScope.all(), TicketFilter(), clock.now(), "colour")
