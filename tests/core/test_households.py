"""Households as staff see them: the list through the scope and its filters, a household's page (members'
numbers masked for a grid worker, history with who, visits newest first, members' open tickets), changes
with a reason through the one history-writing function, each community's custom tags, and the counts
by tag and colour per grid, community and in all, always equal to the households as they are."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import households
from bot.core.household_changes import history
from bot.core.household_counts import counts
from bot.core.households import HouseholdError, HouseholdFilter
from bot.core.scopes import Scope, scope_of
from bot.core.ticket_filter import GridScope
from bot.store.db import Database
from bot.store.household_models import Visit
from bot.store.models import Household, OrgUnit, Person
from bot.store.privacy_models import AuditEntry
from tests.conftest import DUTY_OFFICER, RESIDENT, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY
from tests.core.workbench_factories import in_grid_1

BUILDING_HEAD = "+8613700000201"  # 楼栋长 of 阳光小区1栋 (幸福社区第1网格)
VILLAGE_SECRETARY = "+8613800000401"


def person(s, phone: str) -> Person:
    return s.scalar(select(Person).where(Person.phone == phone))


def scope(s, phone: str) -> Scope:
    return scope_of(s, person(s, phone))


def household(s, code: str) -> Household:
    return s.scalar(select(Household).where(Household.code == code))


def codes(page: households.HouseholdPage) -> list[str]:
    return [row.household.code for row in page.rows]


def test_a_grid_worker_lists_only_his_grids_households_red_first(demo_db: Database):
    with demo_db.session() as s:
        found = households.search(s, scope(s, WORKER), HouseholdFilter())
        grid = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "XF-G1"))
        assert found.total == 15 == len(found.rows)
        assert {row.household.unit_id for row in found.rows} == {grid}
        assert [row.household.colour for row in found.rows[:4]] == ["red", "yellow", "yellow", "yellow"]
        assert found.rows[0].grid_name == "幸福社区第1网格"
        members = {row.household.code: row.members for row in found.rows}
        assert members["H0001"] == 2 and members["H0002"] == 1


def test_the_list_filters_by_colour_tag_grid_and_words_of_the_address(demo_db: Database):
    with demo_db.session() as s:
        mine = scope(s, COMMUNITY_SECRETARY)
        assert codes(households.search(s, mine, HouseholdFilter(tag="空巢老人", text="阳光小区"))) == \
            ["H0004", "H0008", "H0012"]
        red_left_behind = HouseholdFilter(colour="red", tag="留守儿童")  # every tenth and every seventh
        assert codes(households.search(s, GridScope.all(), red_left_behind)) == ["H0070", "H0140"]
        assert codes(households.search(s, mine, red_left_behind)) == []  # neither is in 幸福社区 (H0001-H0060)
        assert codes(households.search(s, mine, HouseholdFilter(text="h0007"))) == ["H0007"]
        grid_2 = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "XF-G2"))
        assert households.search(s, mine, HouseholdFilter(grid_id=grid_2)).total == 15
        assert households.search(s, mine, HouseholdFilter(grid_code="XF-G2")).total == 15
        assert households.search(s, mine, HouseholdFilter(grid_code="XF-G9")).total == 0  # no such grid: nothing
        assert households.search(s, mine, HouseholdFilter(text="石桥村")).total == 0  # the village is not hers


def test_the_list_is_paged(demo_db: Database):
    with demo_db.session() as s:
        everything = GridScope.all()
        first, last = (households.search(s, everything, HouseholdFilter(), page=n, size=50) for n in (1, 99))
        assert (first.total, first.pages, len(first.rows)) == (204, 5, 50)
        assert (last.page, len(last.rows)) == (5, 4)
        assert not set(codes(first)) & set(codes(last))


def test_a_household_outside_the_scope_does_not_exist_for_the_viewer(demo_db: Database):
    with demo_db.session() as s:
        assert households.visible(s, scope(s, WORKER), "H0015") is not None
        assert households.visible(s, scope(s, WORKER), "H0016") is None  # 幸福社区第2网格
        assert households.visible(s, scope(s, VILLAGE_SECRETARY), "H0001") is None
        head = scope(s, BUILDING_HEAD)  # his building's five households, to read
        assert households.search(s, head, HouseholdFilter()).total == 5
        assert not households.may_change(head, households.visible(s, head, "H0001"))


def test_a_grid_worker_sees_members_numbers_masked_and_the_read_is_audited(demo_db: Database):
    clock = FakeClock()
    with demo_db.session() as s:
        worker = person(s, WORKER)
        view = households.household_view(s, clock, scope(s, WORKER), worker.id, household(s, "H0001"))
        assert [m.phone for m in view.members] == ["139****0001", "139****0002"]
        assert (view.grid.code, view.community.code, view.may_change) == ("XF-G1", "XF", True)
        full = households.household_view(s, clock, scope(s, COMMUNITY_SECRETARY), worker.id, household(s, "H0001"),
                                         full_numbers=True)
        assert full.members[0].phone == RESIDENT.removeprefix("+86")
    with demo_db.session() as s:
        viewed = s.scalars(select(AuditEntry.subject).where(AuditEntry.action == "household.viewed")).all()
        assert viewed == ["H0001", "H0001"]


def test_the_page_shows_visits_newest_first_and_the_members_open_tickets(demo_db: Database):
    clock = FakeClock()
    number = in_grid_1(demo_db, clock, "楼道灯坏了")  # RESIDENT lives in H0001
    with demo_db.session() as s:
        worker, home = person(s, WORKER), household(s, "H0001")
        for days, note in ((3, "已核实 无新情况"), (1, "反映 厨房漏水")):
            s.add(Visit(household_id=home.id, worker_id=worker.id, note=note, via="sms",
                        visited_at=clock.now() - timedelta(days=days)))
    with demo_db.session() as s:
        view = households.household_view(s, clock, scope(s, WORKER), person(s, WORKER).id, household(s, "H0001"))
        assert [v.note for v in view.visits] == ["反映 厨房漏水", "已核实 无新情况"]
        assert view.visits[0].worker == person(s, WORKER).name
        assert [t.number for t in view.tickets] == [number]


def test_a_change_sets_colour_and_exactly_the_tags_asked_with_history_and_audit(demo_db: Database):
    clock = FakeClock()
    with demo_db.session() as s:
        worker, home = person(s, WORKER), household(s, "H0004")  # yellow, 空巢老人
        made = households.change(s, clock, scope(s, WORKER), worker.id, home, colour="red", tags=["大病", "残疾"],
                                 reason="  老人确诊重病，  行动不便 ")
        assert sorted((c.field, c.old, c.new) for c in made) == [
            ("colour", "yellow", "red"), ("tag_added", "", "大病"), ("tag_added", "", "残疾"),
            ("tag_removed", "空巢老人", "")]
    with demo_db.session() as s:
        home = household(s, "H0004")
        assert (home.colour, home.tags) == ("red", ["大病", "残疾"])
        rows = history(s, home.id)
        assert {(r.via, r.reason, r.changed_by_id) for r in rows} == {("page", "老人确诊重病， 行动不便",
                                                                       person(s, WORKER).id)}
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "household.changed"))
        assert entry.subject == "H0004" and len(entry.detail["changes"]) == 4


@pytest.mark.parametrize(("colour", "tags", "reason", "refused"), [
    ("red", ["空巢老人"], "   ", "no_reason"),
    ("yellow", ["空巢老人"], "没变", "nothing"),
    ("yellow", ["空巢老人", "会飞"], "新标签", "unknown_tag"),
    ("purple", [], "颜色", "bad_colour"),
])
def test_a_change_that_is_not_right_is_refused_and_changes_nothing(demo_db: Database, colour, tags, reason, refused):
    clock = FakeClock()
    with demo_db.session() as s:
        with pytest.raises(HouseholdError) as error:
            households.change(s, clock, scope(s, WORKER), person(s, WORKER).id, household(s, "H0004"), colour=colour,
                              tags=tags, reason=reason)
        assert error.value.reason == refused
        s.rollback()
    with demo_db.session() as s:
        home = household(s, "H0004")
        assert (home.colour, home.tags, history(s, home.id)) == ("yellow", ["空巢老人"], [])


def test_a_building_head_may_not_change_a_household(demo_db: Database):
    with demo_db.session() as s:
        with pytest.raises(HouseholdError, match="not_allowed"):
            households.change(s, FakeClock(), scope(s, BUILDING_HEAD), person(s, BUILDING_HEAD).id,
                              household(s, "H0001"), colour="red", tags=[], reason="看着不好")


def test_a_secretary_adds_a_custom_tag_it_can_be_given_and_is_kept_while_in_use(demo_db: Database):
    clock = FakeClock()
    with demo_db.session() as s:
        secretary = person(s, COMMUNITY_SECRETARY)
        xf = s.scalar(select(OrgUnit).where(OrgUnit.code == "XF"))
        tag = households.add_custom_tag(s, clock, {xf.id}, xf.id, " 种植 大户 ", secretary.id)
        assert tag.name == "种植大户"
        households.change(s, clock, GridScope.all(), secretary.id, household(s, "H0002"), colour="green",
                          tags=["种植大户"], reason="承包了大棚")
        with pytest.raises(HouseholdError, match="in_use"):
            households.remove_custom_tag(s, clock, {xf.id}, tag.id, secretary.id)
        assert households.custom_tags(s, [xf.id])[xf.id] == [(tag, 1)]
        households.change(s, clock, GridScope.all(), secretary.id, household(s, "H0002"), colour="green", tags=[],
                          reason="大棚转包")
        households.remove_custom_tag(s, clock, {xf.id}, tag.id, secretary.id)
        assert households.custom_tags(s, [xf.id])[xf.id] == []
        actions = s.scalars(select(AuditEntry.action).where(AuditEntry.action.like("custom_tag.%"))).all()
        assert actions == ["custom_tag.added", "custom_tag.removed"]


@pytest.mark.parametrize(("name", "refused"), [("", "empty"), ("空巢老人", "duplicate"), ("种植、养殖", "bad_char"),
                                               ("很长" * 9, "too_long")])
def test_a_custom_tag_name_that_would_not_work_is_refused(demo_db: Database, name: str, refused: str):
    with demo_db.session() as s:
        xf = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "XF"))
        with pytest.raises(HouseholdError) as error:
            households.add_custom_tag(s, FakeClock(), {xf}, xf, name, person(s, COMMUNITY_SECRETARY).id)
        assert error.value.reason == refused


def test_a_secretary_keeps_no_tags_for_another_community(demo_db: Database):
    with demo_db.session() as s:
        xf, hb = (s.scalar(select(OrgUnit.id).where(OrgUnit.code == code)) for code in ("XF", "HB"))
        with pytest.raises(HouseholdError, match="not_found"):
            households.add_custom_tag(s, FakeClock(), {xf}, hb, "渔业", person(s, COMMUNITY_SECRETARY).id)


def expected(s, grid_ids: set[int] | None = None) -> tuple[Counter, Counter]:
    """Colour per grid and (grid, tag, colour), counted the slow way from every household row."""
    colours, tags = Counter(), Counter()
    for h in s.scalars(select(Household)):
        if grid_ids is None or h.unit_id in grid_ids:
            colours[(h.unit_id, h.colour)] += 1
            for tag in h.tags:
                tags[(h.unit_id, tag, h.colour)] += 1
    return colours, tags


def test_the_counts_equal_the_households_as_they_are_after_changes(demo_db: Database):
    clock = FakeClock()
    with demo_db.session() as s:
        officer = person(s, DUTY_OFFICER)
        for code, colour, tags in (("H0001", "red", ["独居老人", "残疾"]), ("H0020", "yellow", ["低保"]),
                                   ("H0200", "red", ["空巢老人", "大病"])):
            households.change(s, clock, GridScope.all(), officer.id, household(s, code), colour=colour, tags=tags,
                              reason="走访核实")
    with demo_db.session() as s:
        found = counts(s, GridScope.all())
        colours, tags = expected(s)
        assert {(r.unit_id, c): n for r in found.grids for c, n in r.tally.colours.items() if n} == dict(colours)
        assert {(r.unit_id, t, c): n for r in found.grids for t, by in r.tally.tags.items()
                for c, n in by.items() if n} == dict(tags)
        assert found.total.total == 204 and sum(found.total.colours.values()) == 204
        xf = next(r for r in found.communities if r.code == "XF")
        assert xf.tally.total == 60 and xf.tally.tags["独居老人"] == {"red": 1, "yellow": 0, "green": 0}
        village = next(r for r in found.communities if r.code == "SQ")
        assert (village.kind, village.tally.colours["red"]) == ("village", 1)
        assert found.tags[:3] == ["空巢老人", "独居老人", "留守儿童"]  # the vocabulary's order


def test_a_secretarys_counts_cover_her_community_only(demo_db: Database):
    with demo_db.session() as s:
        mine = scope(s, COMMUNITY_SECRETARY)
        found = counts(s, mine)
        colours, _ = expected(s, set(mine.unit_ids))
        assert [r.code for r in found.communities] == ["XF"]
        assert [r.code for r in found.grids] == ["XF-G1", "XF-G2", "XF-G3", "XF-G4"]
        assert found.total.total == sum(colours.values()) == 60
        assert counts(s, GridScope()).total.total == 0  # an empty scope counts nothing
