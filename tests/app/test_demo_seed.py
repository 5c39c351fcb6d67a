"""The seed-size demo (`bin/bot demo --size seed`): a registry of communities of grids that tile the area,
households with colours, tags and a point inside their grid, people, a grid worker per grid, tickets (some
overdue, a few emergencies) and this month's visit lists; only into a database with no registry. Generated
here at a smaller size (the benchmark generates the full one)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime

import pytest
from shapely.geometry import Point, shape
from shapely.ops import unary_union
from sqlalchemy import func, select
from typer.testing import CliRunner

from bot.app.demo import load_demo
from bot.app.demo_seed import SEED, RegistryNotEmpty, SeedSize, load_seed
from bot.cli.main import app
from bot.core.grid_lights import LightRules, light_map
from bot.core.scopes import Scope
from bot.store.db import Database
from bot.store.household_models import VisitTask
from bot.store.models import Household, OrgUnit, Person, StaffRole, Ticket

NOW = datetime(2026, 12, 12, 2, 0, tzinfo=UTC)
SMALL = SeedSize(communities=2, grids_per_community=4, households=2_000)


def test_the_seed_size_is_the_resettlement_areas():
    assert (SEED.grids, SEED.households) == (128, 11_512)


def test_a_seed_registry_of_grids_tiling_the_area_with_households_inside_them(db: Database):
    summary = load_seed(db, NOW, SMALL)
    assert "8 grids, 2000 households" in summary
    with db.session() as s:
        grids = list(s.scalars(select(OrgUnit).where(OrgUnit.kind == "grid")))
        shapes = {grid.id: shape(grid.polygon) for grid in grids}
        assert len(grids) == 8 and all(polygon.is_valid and polygon.area > 0 for polygon in shapes.values())
        assert sum(p.area for p in shapes.values()) == pytest.approx(unary_union(list(shapes.values())).area)
        households = s.execute(select(Household.unit_id, Household.lon, Household.lat, Household.colour,
                                      Household.tags)).all()
        assert len(households) == 2_000
        assert all(shapes[unit].contains(Point(lon, lat)) for unit, lon, lat, _, _ in households)
        colours = Counter(colour for *_, colour, _ in households)
        assert 0.05 < colours["red"] / 2_000 < 0.11 and 0.13 < colours["yellow"] / 2_000 < 0.21
        assert all(tags for *_, tags in households)
        per_grid = Counter(unit for unit, *_ in households)
        assert set(per_grid.values()) == {250}
        workers = dict(s.execute(select(StaffRole.unit_id, func.count()).where(StaffRole.role == "grid_worker")
                                 .group_by(StaffRole.unit_id)).all())
        assert workers == {grid.id: 1 for grid in grids}
        assert s.scalar(select(func.count()).select_from(Person).where(Person.kind == "resident")) > 2_000
        assert s.scalar(select(func.count()).select_from(Ticket)) > 8
        assert s.scalar(select(func.count()).select_from(VisitTask).where(VisitTask.month == "2026-12")) > 500
        lit = light_map(s, Scope(0, True, frozenset(), frozenset(), ()), NOW, LightRules())
    assert len(lit.grids) == 8 and lit.households("red") == colours["red"]


def test_the_full_seed_has_overdue_tickets_and_emergencies_across_its_lights(sqlite_templates, tmp_path):
    """On SQLite only (half a minute's writing); the smaller seed above runs on both databases."""
    db = Database(sqlite_templates.copy("migrated", tmp_path / "seed.db"))
    load_seed(db, NOW)
    with db.session() as s:
        lit = light_map(s, Scope(0, True, frozenset(), frozenset(), ()), NOW, LightRules())
        assert s.scalar(select(func.count()).select_from(Household)) == 11_512
    assert len(lit.grids) == 128
    assert sum(grid.emergencies for grid in lit.grids) >= 3 and sum(grid.overdue for grid in lit.grids) >= 20
    assert all(lit.count(light) >= 5 for light in ("red", "yellow", "green"))
    assert lit.count("green") > lit.count("yellow") > lit.count("red")


def test_the_seed_refuses_a_database_that_holds_a_registry_and_the_small_demo_stays_off_it(db: Database):
    load_seed(db, NOW, SMALL)
    with pytest.raises(RegistryNotEmpty, match="already in this database"):
        load_seed(db, NOW, SMALL)
    assert load_demo(db) is False  # `make run` adds no 青山街道 on top of it


def test_the_command_refuses_the_make_run_demos_database_with_a_clear_message(demo_db: Database, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    result = CliRunner().invoke(app, ["demo", "--size", "seed"])
    assert result.exit_code == 1
    assert "already holds a registry" in " ".join(result.output.split())
    with demo_db.session() as s:
        assert s.scalar(select(OrgUnit.id).where(OrgUnit.code == "JH")) is None


def test_the_command_loads_no_demo_in_production(db: Database, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", db.url)
    monkeypatch.setenv("GRIDBOT_ENV", "production")
    result = CliRunner().invoke(app, ["demo", "--size", "seed"])
    assert result.exit_code == 2 and "development" in result.output
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(OrgUnit)) == 0
