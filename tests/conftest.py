"""Shared personas, databases and factories.

Database-backed tests run twice: on a fresh SQLite file and on a fresh PostgreSQL database
(skipped, with the reason shown, only when no server answers at POSTGRES_TEST_URL).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.clock import FakeClock
from bot.demo import load_demo
from bot.settings import Settings
from bot.store.db import Database

# Demo personas (bot/demo.py builds them; README lists them).
RESIDENT = "+8613900000001"  # 居民, 幸福社区第1网格 (阳光小区)
WORKER = "+8613700000001"  # primary grid worker of 幸福社区第1网格
BACKUP_WORKER = "+8613700000101"
RIDER = "+8613600000001"
VILLAGER = "+8613500000001"  # 石桥村一组
DUTY_OFFICER = "+8613800000001"
STRANGER = "+8613999999999"  # not in the registry
# A point inside 幸福社区第1网格 and one inside 河滨社区第2网格 (row 2, column 1).
POINT_IN_GRID_1 = (25.4025, 103.3025)
POINT_IN_HB_GRID_2 = (25.4125, 103.3075)

POSTGRES_ADMIN_URL = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _postgres_available() -> str | None:
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:
        return f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {type(exc).__name__}"
    return None


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A throwaway database on the local PostgreSQL server; yields an admin URL template."""
    reason = _postgres_available()
    if reason:
        pytest.skip(reason)
    yield POSTGRES_ADMIN_URL


def create_postgres_database(admin_url: str) -> tuple[str, str]:
    name = f"gridbot_test_{uuid.uuid4().hex[:10]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return name, admin_url.rsplit("/", 1)[0] + "/" + name


def drop_postgres_database(admin_url: str, name: str) -> None:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database URL: once on SQLite, once on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'gridbot.db'}"
        Database(url).migrate()
        yield url
        return
    admin = request.getfixturevalue("postgres_server")
    name, url = create_postgres_database(admin)
    try:
        Database(url).migrate()
        yield url
    finally:
        drop_postgres_database(admin, name)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """A database holding the demo subdistrict."""
    load_demo(db)
    return db


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(var_dir=tmp_path / "var", database_url=db_url, _env_file=None)  # type: ignore[call-arg]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--model", default=None,
                     help="use this trained model for the integration tests instead of training/reusing one")
