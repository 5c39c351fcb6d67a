"""Rasa's SQL tracker store, with the database connection kept and SQLite set up as gridbot's own.

endpoints.yml names `engine_ext.tracker_store.GridbotSQLTrackerStore`: Rasa's `SQLTrackerStore`, same
table, same queries, same events, on the same URL (TRACKER_STORE_URL, else var/rasa_tracker.db or the
PostgreSQL database of DATABASE_URL). What differs is SQLite only:

- Rasa 3.6 (SQLAlchemy 1.4) opens a new SQLite connection for every read and every write of a
  tracker, two to four per turn; this store keeps them in a pool, as SQLAlchemy 2 does for a file.
- every write of a turn was a rollback-journal commit with a full sync, up to a tenth of the engine's time
  per turn here; this store puts the file in WAL mode with synchronous=NORMAL, as gridbot's own database
  (bot/store/db.py): a commit survives the process being killed, and the last ones may be lost only if the
  machine itself fails.

PostgreSQL is used as Rasa uses it (its pool, sized by SQL_POOL_SIZE/SQL_MAX_OVERFLOW).
Runs in the engine's interpreter: Rasa and its dependencies only.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from sqlalchemy.pool import QueuePool


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class GridbotSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with pooled connections and WAL on SQLite."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # creates the table, as Rasa's does
        if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (None, "", ":memory:"):
            url = self.engine.url
            self.engine.dispose()
            # The engine reads and writes trackers on its event loop's thread; the pool hands a connection to
            # one session at a time, so SQLite's same-thread check is not needed (SQLAlchemy 2's default too).
            self.engine = sa.create_engine(url, poolclass=QueuePool, pool_size=2, max_overflow=2,
                                           connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", sqlite_pragmas)
            self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
