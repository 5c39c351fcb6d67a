"""The monthly job `community_reports`: on the first of the month each community's and village's
secretaries get the previous month's headline once, however often the timer fires."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select

from bot.common.clock import FakeClock
from bot.core.community_reports import KIND, community_reports_job, secretaries
from bot.core.monthly import run_due
from bot.store.db import Database
from bot.store.household_models import MonthlyRun
from bot.store.message_models import OutboxMessage
from bot.store.models import OrgUnit, StaffRole
from tests.conftest import DUTY_OFFICER, WORKER
from tests.core.helpers import BRANCH_SECRETARY, COMMUNITY_SECRETARY, messages_to
from tests.core.month_report_state import FIRST_OF_DECEMBER, prepare_november

VILLAGE_SECRETARY = "+8613800000401"
HB_SECRETARY = "+8613800003001"


def notices(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(OutboxMessage).where(OutboxMessage.text.contains("月报")))


def test_on_the_first_each_secretary_gets_last_months_headline_once(demo_db: Database):
    prepare_november(demo_db)
    clock = FakeClock(FIRST_OF_DECEMBER)
    ran = run_due(demo_db, clock, [community_reports_job()])
    assert ran == {KIND: "2026-11: 4 reports, 7 messages"}  # XF, AJ, HB: secretary and branch secretary; SQ
    expected = "幸福社区11月月报：新工单5件，办结及时率50%，走访2/5户。详见工作台→月报"
    assert messages_to(demo_db, COMMUNITY_SECRETARY) == [expected]
    assert messages_to(demo_db, BRANCH_SECRETARY) == [expected]
    # its one ticket (15 November, 7 days) is still not resolved
    assert messages_to(demo_db, HB_SECRETARY) == [
        "河滨社区11月月报：新工单1件，办结及时率0%，本月无走访任务。详见工作台→月报"]
    assert messages_to(demo_db, VILLAGE_SECRETARY)[0].startswith("石桥村11月月报：新工单0件")
    for staff in (WORKER, DUTY_OFFICER):  # grid workers and the duty officer are not sent it
        assert all("月报" not in m for m in messages_to(demo_db, staff))
    assert notices(demo_db) == 7

    clock.advance(hours=6)  # the timer fires again the same day, and again after the worker was down two days
    assert run_due(demo_db, clock, [community_reports_job()]) == {}
    clock.advance(days=2)
    assert run_due(demo_db, clock, [community_reports_job()]) == {}
    assert notices(demo_db) == 7
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(MonthlyRun).where(MonthlyRun.kind == KIND)) == 1


def test_next_month_reports_the_month_after(demo_db: Database):
    clock = FakeClock(datetime(2027, 1, 1, 2, 0, tzinfo=UTC))  # 1 January, 10:00 in China
    assert run_due(demo_db, clock, [community_reports_job()]) == {KIND: "2026-12: 4 reports, 7 messages"}
    assert messages_to(demo_db, COMMUNITY_SECRETARY) == [
        "幸福社区12月月报：新工单0件，办结及时率—，本月无走访任务。详见工作台→月报"]


def test_a_community_with_no_secretary_is_skipped(demo_db: Database):
    with demo_db.session() as s:
        xf = s.scalar(select(OrgUnit).where(OrgUnit.code == "XF"))
        assert [p.phone for p in secretaries(s, xf.id)] == [COMMUNITY_SECRETARY, BRANCH_SECRETARY]
    clock = FakeClock(FIRST_OF_DECEMBER)
    with demo_db.session() as s:
        s.execute(StaffRole.__table__.delete().where(StaffRole.unit_id == xf.id,
                                                     StaffRole.role.in_(("community_secretary", "branch_secretary"))))
    assert run_due(demo_db, clock, [community_reports_job()]) == {KIND: "2026-11: 3 reports, 5 messages"}
    assert messages_to(demo_db, COMMUNITY_SECRETARY) == []
