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

Reading a conversation back (every turn reads its whole session, up to a day of it: domain.yml's
session_expiration_time) replays each stored event; Rasa looks each event's class up by walking every
subclass of Event, a quarter of the read's time. This store looks them up in a table made once, and
leaves any event the table does not know to Rasa's own lookup; the events are the same.

PostgreSQL is used as Rasa uses it (its pool, sized by SQL_POOL_SIZE/SQL_MAX_OVERFLOW).
Runs in the engine's interpreter: Rasa and its dependencies only.
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, deserialise_events
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses
from sqlalchemy.pool import QueuePool


def sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def event_classes() -> dict[str, type[Event]]:
    """Each event type name's class, the first of Event's subclasses to have it (as Event.resolve_by_type finds)."""
    classes: dict[str, type[Event]] = {}
    for cls in all_subclasses(Event):
        classes.setdefault(cls.type_name, cls)
    return classes


def deserialised(dumped: list[dict[str, Any]], classes: dict[str, type[Event]]) -> list[Event]:
    """rasa.shared.core.events.deserialise_events, with the classes looked up in `classes`."""
    found: list[Event] = []
    for parameters in dumped:
        if "event" not in parameters:
            continue
        cls = classes.get(parameters["event"])
        event = cls._from_parameters(parameters) if cls is not None else None
        if event:
            found.append(event)
        else:  # unknown to the table, or no event: Rasa's own way, its warning included
            found.extend(deserialise_events([parameters]))
    return found


class GridbotSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore with pooled connections and WAL on SQLite, and events read back without a class search."""

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
        self.event_classes = event_classes()

    async def _retrieve(self, sender_id: str, fetch_events_from_all_sessions: bool) -> DialogueStateTracker | None:
        """SQLTrackerStore._retrieve (same query, same tracker), with the events' classes from the table."""
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id,
                                     fetch_events_from_all_sessions=fetch_events_from_all_sessions).all()
            dumped = [json.loads(row.data) for row in rows]
            if self.domain and dumped:
                return DialogueStateTracker.from_events(sender_id, deserialised(dumped, self.event_classes),
                                                        self.domain.slots)
            return None
