"""Shared personas, databases, fake providers and factories.

Database-backed tests run twice: on a fresh SQLite file and on a fresh PostgreSQL database
(skipped, with the reason shown, only when no server answers at POSTGRES_TEST_URL).

Migrating takes longer than most tests, so each backend migrates once per session into a template
(and a second template also holds the demo); every test gets its own copy: a copied file on
SQLite, `CREATE DATABASE … TEMPLATE …` on PostgreSQL. tests/store/test_migrations.py checks that
migrations still run from an empty database and give the templates' schema.
"""

from __future__ import annotations

import functools
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from bot.app.demo import load_demo
from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.store.db import Database
from tests.fakes.telegram import FakeTelegram
from tests.fakes.twilio import FakeTwilio

# Demo personas (bot/app/demo.py builds them; README lists them).
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


def postgres_unavailable() -> str | None:
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
    reason = postgres_unavailable()
    if reason:
        pytest.skip(reason)
    yield POSTGRES_ADMIN_URL


@functools.cache
def _admin_engine(admin_url: str) -> Engine:
    """One pooled connection to the server's admin database, kept for the session: connecting anew
    for each CREATE/DROP DATABASE costs more than the statement."""
    return create_engine(admin_url, isolation_level="AUTOCOMMIT", pool_size=1, pool_pre_ping=True)


def _admin_execute(admin_url: str, sql: str) -> None:
    with _admin_engine(admin_url).connect() as conn:
        conn.execute(text(sql))


def create_postgres_database(admin_url: str, template: str | None = None) -> tuple[str, str]:
    """An empty database (or a copy of `template`, which must have no open connections)."""
    name = f"gridbot_test_{uuid.uuid4().hex[:10]}"
    _admin_execute(admin_url, f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return name, admin_url.rsplit("/", 1)[0] + "/" + name


def drop_postgres_database(admin_url: str, name: str) -> None:
    _admin_execute(admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _fill_template(url: str, kind: str) -> None:
    database = Database(url)
    try:
        database.migrate()
        if kind == "demo":
            assert load_demo(database), "the demo did not load into an empty database"
        if database.is_sqlite:  # fold the WAL into the file, so a copy of the file alone is complete
            with database.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        database.dispose()  # PostgreSQL copies a template only while nobody is connected to it


class SqliteTemplates:
    """One migrated file per kind, built on first use; tests get a copy."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files: dict[str, Path] = {}

    def template(self, kind: str) -> Path:
        if kind not in self.files:
            path = self.folder / f"template-{kind}.db"
            _fill_template(f"sqlite:///{path}", kind)
            self.files[kind] = path
        return self.files[kind]

    def copy(self, kind: str, target: Path) -> str:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(self.template(kind), target)
        return f"sqlite:///{target}"


class PostgresTemplates:
    """One migrated database per kind on the server, built on first use; tests get a copy."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.names: dict[str, str] = {}

    def template(self, kind: str) -> str:
        if kind not in self.names:
            name, url = create_postgres_database(self.admin_url)
            self.names[kind] = name
            _fill_template(url, kind)
        return self.names[kind]

    def copy(self, kind: str) -> tuple[str, str]:
        return create_postgres_database(self.admin_url, template=self.template(kind))

    def drop_all(self) -> None:
        for name in self.names.values():
            drop_postgres_database(self.admin_url, name)


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplates:
    return SqliteTemplates(tmp_path_factory.mktemp("db-templates"))


@pytest.fixture(scope="session")
def postgres_templates(postgres_server: str) -> Iterator[PostgresTemplates]:
    templates = PostgresTemplates(postgres_server)
    try:
        yield templates
    finally:
        templates.drop_all()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database of its own at the newest migration: once on SQLite, once on PostgreSQL.
    Empty, or holding the demo when the test also uses `demo_db`."""
    kind = "demo" if "demo_db" in request.fixturenames else "migrated"
    if request.param == "sqlite":
        yield request.getfixturevalue("sqlite_templates").copy(kind, tmp_path / "gridbot.db")
        return
    templates: PostgresTemplates = request.getfixturevalue("postgres_templates")
    name, url = templates.copy(kind)
    try:
        yield url
    finally:
        drop_postgres_database(templates.admin_url, name)


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def demo_db(db: Database) -> Database:
    """A database of its own holding the demo subdistrict (copied from the demo template)."""
    return db


@pytest.fixture(scope="session")
def twilio_server() -> Iterator[FakeTwilio]:
    """Twilio's REST API, faked on loopback (tests/fakes/twilio.py); tests/channels/conftest.py resets it per test."""
    fake = FakeTwilio().start()
    yield fake
    fake.stop()


@pytest.fixture(scope="session")
def telegram_server() -> Iterator[FakeTelegram]:
    """Telegram's Bot API, faked on loopback (tests/fakes/telegram.py)."""
    fake = FakeTelegram().start()
    yield fake
    fake.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings(var_dir=tmp_path / "var", database_url=db_url, _env_file=None)  # type: ignore[call-arg]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--model", default=None,
                     help="use this trained model for the integration tests instead of training/reusing one")
