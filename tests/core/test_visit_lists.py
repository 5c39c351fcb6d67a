"""The monthly visit lists: made once on the first of the month for each grid's worker, one short
message each, and next month's list from the rule (colour, last visit, tickets)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import delete, func, select

from bot.common.clock import FakeClock
from bot.core import lifecycle
from bot.core.monthly import month_start, run_due
from bot.core.visit_lists import visit_lists_job
from bot.core.visit_rules import VisitRules
from bot.store.db import Database
from bot.store.household_models import Visit, VisitTask
from bot.store.models import Household, OrgUnit, Person, StaffRole
from tests.conftest import WORKER
from tests.core.helpers import RULES as HELPER_RULES
from tests.core.helpers import make_report, messages_to, submit

RULES = VisitRules()
FIRST_OF_DECEMBER = datetime(2026, 11, 30, 16, 5, tzinfo=UTC)  # 00:05 on 1 December in Beijing


def tasks(db: Database, month: str) -> dict[str, tuple[str, int | None]]:
    """{household code: (reason, worker id)} of the month's list."""
    with db.session() as s:
        return {code: (reason, worker) for code, reason, worker in s.execute(
            select(Household.code, VisitTask.reason, VisitTask.worker_id)
            .join(Household, Household.id == VisitTask.household_id).where(VisitTask.month == month))}


def person_id(db: Database, phone: str) -> int:
    with db.session() as s:
        return s.scalar(select(Person.id).where(Person.phone == phone))


def test_the_first_run_lists_every_household_never_visited_and_a_second_run_changes_nothing(demo_db: Database):
    clock = FakeClock(FIRST_OF_DECEMBER)
    job = visit_lists_job(RULES)
    ran = run_due(demo_db, clock, [job])
    assert "204 tasks for 13 grid workers" in ran["visit_lists"]
    clock.advance(hours=1)
    assert run_due(demo_db, clock, [job]) == {}  # the timer again: one list, one message
    listed = tasks(demo_db, "2026-12")
    with demo_db.session() as s:
        assert len(listed) == s.scalar(select(func.count()).select_from(Household)) == 204
        assert s.scalar(select(func.count(VisitTask.id)).where(VisitTask.month == "2026-12")) == 204
        due_at = s.scalar(select(VisitTask.due_at).limit(1))
    assert due_at == month_start("2027-01")
    mine = [code for code, (_, worker) in listed.items() if worker == person_id(demo_db, WORKER)]
    assert sorted(mine) == [f"H{n:04d}" for n in range(1, 16)]  # 幸福社区第1网格's fifteen households
    assert listed["H0010"][0] == "red" and listed["H0004"][0] == "yellow" and listed["H0001"][0] == "green"
    [notice] = messages_to(demo_db, WORKER)
    assert notice == "12月走访15户，回“我的走访”看名单；走访后回“走访 H0001 已核实 无新情况”" and len(notice) <= 70


def test_next_month_lists_whom_the_rule_says_after_this_months_visits_and_tickets(demo_db: Database):
    clock = FakeClock(FIRST_OF_DECEMBER)
    job = visit_lists_job(RULES)
    run_due(demo_db, clock, [job])
    with demo_db.session() as s:
        ids = dict(s.execute(select(Household.code, Household.id).where(Household.code.in_(
            ["H0001", "H0004", "H0010", "H0011"]))).all())
        for code in ("H0004", "H0010", "H0011"):  # yellow, red, green: visited in December
            s.add(Visit(household_id=ids[code], visited_at=datetime(2026, 12, 10, 3, tzinfo=UTC), note="已核实"))
        s.add(Visit(household_id=ids["H0001"], visited_at=datetime(2026, 12, 10, 3, tzinfo=UTC), note="已核实"))
    clock.advance(days=20)
    submit(demo_db, clock, make_report("我家楼下路灯坏了好几天了"))  # the resident of H0001 reports
    clock.advance(days=12)  # 2 January
    assert "tasks" in run_due(demo_db, clock, [job])["visit_lists"]
    january = tasks(demo_db, "2027-01")
    assert january["H0010"][0] == "red"  # red: every month
    assert "H0004" not in january and "H0011" not in january  # yellow and green: not yet
    assert january["H0001"][0] == "open_ticket"  # visited, but its member's ticket is open
    assert january["H0002"][0] == "green"  # never visited


def test_a_grid_with_no_grid_worker_gets_its_list_unassigned_and_nobody_is_messaged_for_it(demo_db: Database):
    with demo_db.session() as s:
        grid_id = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "XF-G1"))
        s.execute(delete(StaffRole).where(StaffRole.unit_id == grid_id, StaffRole.role == "grid_worker"))
    ran = run_due(demo_db, FakeClock(FIRST_OF_DECEMBER), [visit_lists_job(RULES)])
    assert "15 in 1 grids with no grid worker" in ran["visit_lists"]
    with demo_db.session() as s:
        assert s.scalar(select(func.count(VisitTask.id)).where(VisitTask.unit_id == grid_id,
                                                                VisitTask.worker_id.is_(None))) == 15
    assert messages_to(demo_db, WORKER) == []


def test_a_household_whose_members_ticket_was_reopened_is_listed_for_it_and_a_closed_one_is_not(demo_db: Database):
    clock = FakeClock(datetime(2026, 11, 20, 2, 0, tzinfo=UTC))
    unhappy, happy = "+8613900000003", "+8613900000004"  # the members of H0002 and H0003
    with demo_db.session() as s:  # both visited lately: neither is due by colour
        for code in ("H0002", "H0003"):
            s.add(Visit(household_id=s.scalar(select(Household.id).where(Household.code == code)),
                        visited_at=clock.now(), note="已核实"))
    for reporter, score in ((unhappy, 3), (happy, 1)):
        number = submit(demo_db, clock, make_report("楼道灯不亮好几天了", sender=reporter))
        with demo_db.session() as s:
            lifecycle.acknowledge(s, clock, HELPER_RULES, number, WORKER)
            lifecycle.resolve(s, clock, HELPER_RULES, number, WORKER, "换好了")
        with demo_db.session() as s:
            lifecycle.rate(s, clock, HELPER_RULES, reporter, score)
        with demo_db.session() as s:  # the worker takes the reopened one again: open, and reopened lately
            if score == 3:
                lifecycle.acknowledge(s, clock, HELPER_RULES, number, WORKER)
    clock.advance(days=11)  # 1 December
    run_due(demo_db, clock, [visit_lists_job(RULES)])
    december = tasks(demo_db, "2026-12")
    assert december["H0002"][0] == "reopened_ticket" and "H0003" not in december
