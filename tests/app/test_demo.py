from sqlalchemy import func, select

from bot.app.demo import identities, load_demo
from bot.store.db import Database
from bot.store.models import Household, OrgUnit, Person, StaffRole
from tests.conftest import RESIDENT, RIDER, VILLAGER, WORKER


def test_the_demo_identities_of_the_readme_exist(demo_db: Database):
    with demo_db.session() as s:
        resident = s.scalar(select(Person).where(Person.phone == RESIDENT))
        assert resident.home_unit.kind == "grid" and resident.home_unit.polygon is not None
        worker_grid = s.scalar(select(OrgUnit).join(StaffRole, StaffRole.unit_id == OrgUnit.id)
                               .join(Person, Person.id == StaffRole.person_id)
                               .where(Person.phone == WORKER, StaffRole.role == "grid_worker"))
        assert worker_grid.id == resident.home_unit_id
        assert s.scalar(select(Person.kind).where(Person.phone == RIDER)) == "rider"
        villager = s.scalar(select(Person).where(Person.phone == VILLAGER))
        assert s.get(OrgUnit, villager.villager_group_id).name == "石桥村一组"


def test_the_demo_has_twelve_community_grids_with_two_workers_each(demo_db: Database):
    with demo_db.session() as s:
        grids = s.scalars(select(OrgUnit).where(OrgUnit.kind == "grid", OrgUnit.code.not_like("SQ%"))).all()
        assert len(grids) == 12 and all(g.polygon for g in grids)
        for grid in grids:
            roles = s.scalars(select(StaffRole.role).where(StaffRole.unit_id == grid.id)).all()
            assert sorted(roles) == ["backup_grid_worker", "grid_worker"]
        assert s.scalar(select(func.count()).select_from(OrgUnit).where(OrgUnit.kind == "villager_group")) == 12
        assert s.scalar(select(func.count()).select_from(Household)) >= 200


def test_loading_the_demo_twice_changes_nothing(demo_db: Database):
    with demo_db.session() as s:
        before = s.scalar(select(func.count()).select_from(Person))
    assert load_demo(demo_db) is False
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Person)) == before


def test_the_simulator_lists_one_identity_per_kind_of_user(demo_db: Database):
    listed = {i["phone"]: i for i in identities(demo_db)}
    assert {RESIDENT, WORKER, RIDER, VILLAGER} <= set(listed)
    assert listed[RESIDENT]["name"]
