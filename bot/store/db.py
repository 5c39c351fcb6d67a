"""Database engine, sessions and schema migrations."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from bot.common.address_cipher import AddressCipher, column_cipher
from bot.common.settings import Settings
from bot.store.types import attach_cipher

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class Database:
    """One engine and its session factory. SQLite gets WAL and a busy timeout so the gateway,
    the worker and the action server can share the file. A statement's parameters (numbers, message
    texts) never appear in its error messages, so a logged exception carries no personal data.

    Addresses are sealed with a key derived from `phone_key` (PHONE_ENCRYPTION_KEY; bot/store/types.py
    `SealedAddress`). Without one, the key is read from the environment the way the settings are, so every
    process of one deployment seals alike; pass `settings.phone_encryption_key` where settings are at hand."""

    def __init__(self, url: str, *, phone_key: str | None = None) -> None:
        self.url = url
        if phone_key is None:
            phone_key = Settings().phone_encryption_key.get_secret_value()
        self.phone_key = phone_key
        self.cipher: AddressCipher = column_cipher(phone_key)
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            path = url.split("///", 1)[1] if "///" in url else ""
            if path and path != ":memory:":
                _private_file(Path(path))
            self.engine: Engine = create_engine(url, connect_args={"timeout": 30}, hide_parameters=True)
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            self.engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20,
                                        hide_parameters=True)
        attach_cipher(self.engine, self.cipher)
        # The same pool, for a write that is one statement (a claimed row's mark): the statement commits
        # as it runs, with no BEGIN and COMMIT round trips (docs/benchmarks.md).
        self.autocommit: Engine = self.engine.execution_options(isolation_level="AUTOCOMMIT")
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed on success, rolled back on error."""
        with self._sessions() as session, session.begin():
            yield session

    def migrate(self) -> None:
        """Bring the schema to the newest alembic revision (0008 seals the addresses with this key)."""
        command.upgrade(alembic_config(self.url, self.cipher), "heads")

    def ping(self) -> None:
        with self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    def dispose(self) -> None:
        self.engine.dispose()


def alembic_config(url: str, cipher: AddressCipher | None = None) -> Config:
    """Alembic's config for this database; data migrations that seal or open addresses use `cipher`
    (without one, the key is read from the environment)."""
    cfg = Config()
    cfg.attributes["address_cipher"] = cipher
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def _private_file(path: Path) -> None:
    """The database file (and its folder, when we make it) readable by this user only: it holds
    personal data. SQLite's -wal and -shm files take the file's permissions."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.chmod(0o600)


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # noqa: ANN001
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()
