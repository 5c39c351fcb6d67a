"""Storing inbound messages for a webhook that must answer fast: whatever has arrived meanwhile
is committed in one transaction (group commit), and on SQLite without leaving the event loop.

With SQLite every write takes the one database-wide write lock, which the worker, the dispatcher
and the action server (other processes) take too. Storing each request's row from a pool thread
meant many threads queueing on that lock, each sleeping in SQLite's busy handler (up to 100 ms
between tries, so other writers win the lock in between) and each fighting the event loop for
the GIL on every call into SQLite. Here the batch is written on the event loop itself with a
non-blocking lock attempt: if another process holds the lock, the loop serves other requests and
tries again a millisecond later. A batch takes a millisecond or two; nothing else in the gateway
writes often. On PostgreSQL (row locks, network round trips) the batch is written by psycopg's
async driver on the event loop too, on connections of its own in autocommit mode: one round trip
per batch instead of a ping, BEGIN, an INSERT per message and COMMIT, and no hop to a thread and
back. Under load every wake-up waits for a core: the database's process, the thread, the loop
(docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.messaging.group_commit import GroupCommit
from bot.messaging.inbox import Inbox
from bot.messaging.ports import Inbound
from bot.store.db import Database

LOCK_RETRY_SECONDS = 0.001
LOCK_GIVE_UP_SECONDS = 30.0
INTAKE_CHECKPOINT_PAGES = 10_000  # ten times SQLite's default (1000 pages of 4 KiB)


class Intake:
    def __init__(self, inbox: Inbox, *, on_stored: Callable[[], None] | None = None) -> None:
        self.inbox = copy.copy(inbox)
        self.on_stored = on_stored  # e.g. wake the inbound worker of this process
        self._async: AsyncEngine | None = None
        if inbox.db.is_sqlite:  # its own connection, which never waits inside SQLite for the lock
            self.inbox.db = Database(inbox.db.url)
            event.listen(self.inbox.db.engine, "connect", _no_busy_wait)
        else:  # one batch is written at a time; no ping before each use: a dropped connection is retried once
            self._async = create_async_engine(inbox.db.url, isolation_level="AUTOCOMMIT", pool_size=1)
        self._group: GroupCommit[Inbound, tuple[int, bool]] = GroupCommit(self._store)

    async def aclose(self) -> None:
        """Close the connections of its own."""
        if self._async is not None:
            await self._async.dispose()
        else:
            self.inbox.db.dispose()

    async def store(self, message: Inbound) -> tuple[int, bool]:
        """Persist a message (see `Inbox.store`); returns (id, created) once it is committed.
        If the batch's write fails, the request fails (5xx) and the next batch tries afresh."""
        stored = await self._group.submit(message)
        if stored[1] and self.on_stored is not None:
            self.on_stored()
        return stored

    async def _store(self, messages: list[Inbound]) -> list[tuple[int, bool]]:
        if self._async is not None:
            return await self._store_retrying_once(self._async, messages)
        give_up = time.monotonic() + LOCK_GIVE_UP_SECONDS
        while True:
            try:
                return self.inbox.store_many(messages)
            except OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > give_up:
                    raise
            await asyncio.sleep(LOCK_RETRY_SECONDS)

    async def _store_retrying_once(self, engine: AsyncEngine, messages: list[Inbound]) -> list[tuple[int, bool]]:
        """Without a ping before each use, a connection the server dropped (a restart) fails on first
        use; the pool then drops the others, and the batch is tried once more. Storing is idempotent
        (a repeated message is recognised), so a batch that was stored before the failure is not stored twice."""
        try:
            return await self._store_on(engine, messages)
        except DBAPIError as exc:
            if not exc.connection_invalidated:
                raise
            return await self._store_on(engine, messages)

    async def _store_on(self, engine: AsyncEngine, messages: list[Inbound]) -> list[tuple[int, bool]]:
        async with engine.connect() as conn:  # autocommit: each statement commits as it runs
            return await conn.run_sync(lambda sync_conn: self.inbox.store_many(messages, sync_conn))


def _no_busy_wait(dbapi_conn, _record) -> None:  # noqa: ANN001
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=0")
    # The commit that takes the WAL past its checkpoint threshold (1000 pages by default) copies
    # it into the database file and syncs it, which costs milliseconds. Let the worker's commits,
    # which nobody waits on, do that; the intake checkpoints only if they don't (worker down).
    cur.execute(f"PRAGMA wal_autocheckpoint={INTAKE_CHECKPOINT_PAGES}")
    cur.close()
