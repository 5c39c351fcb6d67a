from bot.core.places import grid_at, grid_named_in, locate
from bot.core.registry import person_by_address
from bot.store.db import Database
from tests.conftest import POINT_IN_GRID_1, POINT_IN_HB_GRID_2, RESIDENT, RIDER


def test_a_point_is_routed_to_the_grid_whose_polygon_contains_it(demo_db: Database):
    with demo_db.session() as s:
        assert grid_at(s, *POINT_IN_GRID_1).name == "幸福社区第1网格"
        assert grid_at(s, *POINT_IN_HB_GRID_2).name == "河滨社区第2网格"


def test_a_point_outside_every_grid_has_no_grid(demo_db: Database):
    with demo_db.session() as s:
        assert grid_at(s, 39.9, 116.4) is None


def test_a_named_estate_or_street_finds_its_grid(demo_db: Database):
    with demo_db.session() as s:
        assert grid_named_in(s, "安居苑门口的垃圾好几天没人收").name == "安居社区第1网格"
        assert grid_named_in(s, "河滨路井盖没了").name == "河滨社区第2网格"


def test_the_longest_matching_name_wins(demo_db: Database):
    with demo_db.session() as s:
        assert grid_named_in(s, "安居苑二期5栋停电了").name == "安居社区第2网格"


def test_a_resident_without_location_is_routed_to_the_home_grid(demo_db: Database):
    with demo_db.session() as s:
        resident = person_by_address(s, RESIDENT)
        where = locate(s, reporter=resident, text="我家楼下路灯坏了好几天了")
        assert (where.unit.name, where.how) == ("幸福社区第1网格", "home")


def test_a_location_beats_the_home_grid(demo_db: Database):
    with demo_db.session() as s:
        resident = person_by_address(s, RESIDENT)
        where = locate(s, reporter=resident, text="这里路灯坏了", lat=POINT_IN_HB_GRID_2[0], lon=POINT_IN_HB_GRID_2[1])
        assert (where.unit.name, where.how) == ("河滨社区第2网格", "point")


def test_a_rider_without_location_or_place_cannot_be_located(demo_db: Database):
    with demo_db.session() as s:
        rider = person_by_address(s, RIDER)
        assert locate(s, reporter=rider, text="路灯坏了") is None


def test_a_community_with_one_grid_or_a_villager_group_finds_that_grid(demo_db: Database):
    from bot.core.places import match_place

    with demo_db.session() as s:
        assert grid_named_in(s, "石桥村三组那边的路塌了").name == "石桥村网格"
        assert match_place(s, "阳光小区1栋门口").grid.name == "幸福社区第1网格"


def test_a_community_with_several_grids_is_ambiguous_and_lists_them(demo_db: Database):
    from bot.core.places import match_place

    with demo_db.session() as s:
        match = match_place(s, "幸福社区有人乱倒垃圾")
        assert match.ambiguous and match.grid is None
        assert sorted(g.name for g in match.grids) == [f"幸福社区第{i}网格" for i in range(1, 5)]
        assert grid_named_in(s, "幸福社区有人乱倒垃圾") is None


def test_an_ambiguous_place_falls_back_to_the_reporters_home_grid(demo_db: Database):
    with demo_db.session() as s:
        where = locate(s, reporter=person_by_address(s, RESIDENT), text="安居社区有人乱倒垃圾")
        assert (where.how, where.unit.name) == ("home", "幸福社区第1网格")


def test_the_households_of_a_building_know_their_building(demo_db: Database):
    from sqlalchemy import select

    from bot.store.models import Household, OrgUnit

    with demo_db.session() as s:
        building = s.scalar(select(OrgUnit).where(OrgUnit.code == "XF-G1-B1"))
        addresses = s.scalars(select(Household.address).where(Household.building_id == building.id)).all()
        assert building.name == "阳光小区1栋" and len(addresses) == 5
        assert all(a.startswith("阳光小区1栋") for a in addresses)
