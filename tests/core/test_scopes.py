"""Who sees which ticket: the registry's roles, decided in one place (a ticket outside is None → 404)."""

import pytest

from bot.core.scopes import grids_in, visible_ticket
from tests.conftest import BACKUP_WORKER, DUTY_OFFICER, RESIDENT, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY, MEDIATOR, make_report, submit
from tests.core.workbench_factories import (
    BUILDING_HEAD,
    HB_GRID_2_WORKER,
    NEIGHBOUR_OUTSIDE_BUILDING,
    VILLAGE_SECRETARY,
    in_grid_1,
    in_hb_grid_2,
    scope,
    unplaced,
)


def seen_by(db, phone, numbers):
    who = scope(db, phone)
    with db.session() as s:
        return {n for n in numbers if visible_ticket(s, who, n) is not None}


@pytest.fixture
def three(demo_db, clock):
    return in_grid_1(demo_db, clock), in_hb_grid_2(demo_db, clock), unplaced(demo_db, clock)


@pytest.mark.parametrize(("phone", "sees"), [
    (WORKER, {0}), (BACKUP_WORKER, {0}), (HB_GRID_2_WORKER, {1}), (COMMUNITY_SECRETARY, {0}),
    (VILLAGE_SECRETARY, set()), (DUTY_OFFICER, {0, 1, 2}),
])
def test_each_role_sees_its_own_grids_community_or_everything(demo_db, three, phone, sees):
    assert seen_by(demo_db, phone, three) == {three[i] for i in sees}


def test_a_building_head_sees_his_buildings_residents_and_not_the_rest_of_the_grid(demo_db, clock):
    mine = in_grid_1(demo_db, clock)
    theirs = submit(demo_db, clock, make_report("小区门口垃圾没人清", sender=NEIGHBOUR_OUTSIDE_BUILDING,
                                                category="sanitation"))
    assert seen_by(demo_db, BUILDING_HEAD, {mine, theirs}) == {mine}


def test_a_co_handler_sees_the_ticket_he_follows_and_not_his_communitys_others(demo_db, clock):
    dispute = in_grid_1(demo_db, clock, "楼上楼下为漏水吵起来了", category="dispute")
    lamp = in_grid_1(demo_db, clock, "路灯坏了")
    assert seen_by(demo_db, MEDIATOR, {dispute, lamp}) == {dispute}


def test_someone_holding_no_role_sees_nothing(demo_db, clock):
    number = in_grid_1(demo_db, clock)
    assert seen_by(demo_db, RESIDENT, {number}) == set()


def test_the_grids_one_may_filter_and_dispatch_to_are_those_in_scope(demo_db):
    with demo_db.session() as s:
        assert [g.code for g in grids_in(s, scope(demo_db, WORKER))] == ["XF-G1"]
        assert [g.code for g in grids_in(s, scope(demo_db, COMMUNITY_SECRETARY))] == [f"XF-G{i}" for i in range(1, 5)]
        assert len(grids_in(s, scope(demo_db, DUTY_OFFICER))) == 13
