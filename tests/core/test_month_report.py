"""The monthly report (月报) of a community, a village or a grid: tickets, 13710, satisfaction, visits,
colour changes and top categories of a month in China time, on the prepared November (month_report_state)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from bot.core.month_report import headline, month_report, reportable_unit
from bot.store.db import Database
from bot.store.models import OrgUnit
from tests.core.month_report_state import FIRST_OF_DECEMBER, MONTH, November, prepare_november


@pytest.fixture
def november(demo_db: Database) -> November:
    return prepare_november(demo_db)


def report_of(db: Database, code: str, month: str = MONTH, now: datetime = FIRST_OF_DECEMBER):
    with db.session() as s:
        return month_report(s, reportable_unit(s, code), month, now)


def test_the_month_counts_tickets_new_resolved_open_and_overdue_at_its_end(demo_db: Database, november: November):
    report = report_of(demo_db, "XF")
    assert (report.counts.new, report.counts.resolved, report.counts.open_at_end,
            report.counts.overdue_at_end) == (5, 2, 4, 3)
    assert report.complete and report.end == datetime(2026, 11, 30, 16, 0, tzinfo=UTC)
    assert report.period == "2026-11-01 至 2026-11-30"
    grids = {row.code: row for row in report.grids}
    assert list(grids) == ["XF-G1", "XF-G2", "XF-G3", "XF-G4"]
    assert (grids["XF-G1"].counts.new, grids["XF-G1"].counts.open_at_end, grids["XF-G1"].counts.overdue_at_end) == \
        (4, 3, 2)
    assert (grids["XF-G2"].counts.new, grids["XF-G2"].counts.open_at_end) == (1, 1)
    assert grids["XF-G3"].counts.new == 0 and grids["XF-G3"].figures.tickets == 0


def test_13710_and_satisfaction_are_the_statistics_of_the_tickets_created_in_the_month(
        demo_db: Database, november: November):
    figures = report_of(demo_db, "XF").figures
    assert figures.tickets == 5
    assert (figures.satisfied, figures.unsatisfied, figures.satisfaction) == (1, 1, 0.5)
    # The month's tickets as they stand now: N1 resolved the next day, N3 on 2 December within its 7 days
    assert figures.ack_on_time >= 1 and figures.resolve_on_time == 2
    assert figures.resolve_late == 2  # N2 reopened past its new deadline, N5 never resolved
    assert figures.reopened == 1


def test_the_months_colour_changes_are_counted_by_move_and_listed(demo_db: Database, november: November):
    report = report_of(demo_db, "XF")
    assert report.colour_moves == [("green", "red", 2), ("yellow", "red", 1)]
    assert report.colour_changes_total == 3
    assert [(c.household, c.old, c.new) for c in report.colour_changes] == [
        (november.households["green1_0"], "green", "red"), (november.households["green1_1"], "green", "red"),
        (november.households["yellow2_0"], "yellow", "red")]
    first = report.colour_changes[0]
    assert (first.grid, first.reason, first.via) == ("幸福社区第1网格", "老人独居 行动不便", "visit") and first.by
    assert {row.code: row.colour_changes for row in report.grids}["XF-G2"] == 1


def test_visits_and_top_categories_are_the_months(demo_db: Database, november: November):
    report = report_of(demo_db, "XF")
    assert (report.visits.planned, report.visits.done) == (5, 2)
    grids = {row.code: row.visits for row in report.grids}
    assert (grids["XF-G1"].planned, grids["XF-G1"].done, grids["XF-G2"].done) == (3, 2, 0)
    assert report.top_categories[0] == ("roads", "道路设施", 2)
    assert sorted(code for code, _, _ in report.top_categories) == \
        ["dispute", "elderly_care", "roads", "sanitation"]


def test_another_community_and_another_month_see_none_of_it(demo_db: Database, november: November):
    hb = report_of(demo_db, "HB")
    assert (hb.counts.new, hb.colour_changes_total) == (1, 1)
    december = report_of(demo_db, "XF", "2026-12", datetime(2026, 12, 10, tzinfo=UTC))
    assert (december.counts.new, december.counts.resolved, december.colour_changes_total) == (1, 1, 0)
    assert not december.complete and december.end == datetime(2026, 12, 10, tzinfo=UTC)
    assert december.period == "2026-12-01 至 2026-12-10 08:00（本月尚未结束）"
    october = report_of(demo_db, "XF", "2026-10")
    assert (october.counts.new, october.colour_changes_total, october.visits.done) == (1, 1, 1)


def test_while_the_month_runs_its_end_is_now(demo_db: Database, november: November):
    mid = report_of(demo_db, "XF", now=datetime(2026, 11, 15, 12, tzinfo=UTC))
    assert not mid.complete
    # N1 and N2 so far; N2 was reopened on the 12th, and O is still open and late
    assert (mid.counts.new, mid.counts.resolved, mid.counts.open_at_end) == (2, 2, 2)


def test_a_grid_has_its_own_report_and_other_units_have_none(demo_db: Database, november: November):
    grid = report_of(demo_db, "XF-G2")
    assert [row.code for row in grid.grids] == ["XF-G2"] and grid.counts.new == 1
    with demo_db.session() as s:
        assert reportable_unit(s, "QS") is None and reportable_unit(s, "XF-G1-B1") is None
        assert reportable_unit(s, "SQ").kind == "village"


def test_the_headline_fits_one_sms_part_and_names_the_figures(demo_db: Database, november: November):
    text = headline(report_of(demo_db, "XF"))
    assert text == "幸福社区11月月报：新工单5件，办结及时率50%，走访2/5户。详见工作台→月报"
    assert len(text) <= 70
    with demo_db.session() as s:
        village = s.scalar(select(OrgUnit).where(OrgUnit.code == "SQ"))
        village.name = "很长很长的名字" * 6
    long = headline(report_of(demo_db, "SQ"))
    assert len(long) <= 70 and "本月无走访任务" in long
