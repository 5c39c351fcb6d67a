"""Migrations run from an empty database to heads; the per-session templates the tests copy match that."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from bot.store.db import Database, alembic_config
from tests.conftest import create_postgres_database, drop_postgres_database


def heads() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())


def current(db: Database) -> set[str]:
    with db.engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def schema(db: Database) -> dict[str, Any]:
    found = inspect(db.engine)
    return {table: {
        "columns": [(c["name"], str(c["type"]), c["nullable"]) for c in found.get_columns(table)],
        "primary key": found.get_pk_constraint(table)["constrained_columns"],
        "foreign keys": sorted((tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                               for f in found.get_foreign_keys(table)),
        "indexes": sorted((i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in found.get_indexes(table)),
        "unique": sorted(tuple(u["column_names"]) for u in found.get_unique_constraints(table)),
    } for table in sorted(found.get_table_names())}


@pytest.fixture
def empty_url(db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A database nothing has touched, on the same backend as `db_url`."""
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    admin = request.getfixturevalue("postgres_server")
    name, url = create_postgres_database(admin)
    try:
        yield url
    finally:
        drop_postgres_database(admin, name)


def test_migrations_run_from_an_empty_database_to_heads_and_give_the_schema_the_tests_copy(db: Database,
                                                                                           empty_url: str):
    fresh = Database(empty_url)
    try:
        assert current(fresh) == set()
        fresh.migrate()
        assert current(fresh) == heads() != set()
        assert current(db) == heads()  # the template the tests copy is not stale
        assert schema(db) == schema(fresh)
        assert "people" in schema(fresh)
    finally:
        fresh.dispose()


def test_the_demo_copy_is_at_heads_too(demo_db: Database):
    assert current(demo_db) == heads()


def test_every_model_table_and_column_is_made_by_the_migrations(db: Database):
    import bot.store.migrations.env_models  # noqa: F401  (every model module, as alembic sees them)
    from bot.store.base import Base

    made = schema(db)
    for table in Base.metadata.sorted_tables:
        if table.name not in made:  # Rasa's tracker tables live elsewhere; ours must all be here
            raise AssertionError(f"model table {table.name} has no migration")
        columns = {name for name, _, _ in made[table.name]["columns"]}
        assert {c.name for c in table.columns} <= columns, table.name
