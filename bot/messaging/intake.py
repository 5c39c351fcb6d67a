"""Storing inbound messages for a webhook that must answer fast: whatever has arrived meanwhile
is committed in one transaction (group commit), and on SQLite without leaving the event loop.

With SQLite every write takes the one database-wide write lock, which the worker, the dispatcher
and the action server (other processes) take too. Storing each request's row from a pool thread
meant many threads queueing on that lock, each sleeping in SQLite's busy handler (up to 100 ms
between tries, so other writers win the lock in between) and each fighting the event loop for
the GIL on every call into SQLite. Here the batch is written on the event loop itself with a
non-blocking lock attempt: if another process holds the lock, the loop serves other requests and
tries again a millisecond later. A batch takes a millisecond or two; nothing else in the gateway
writes often. On PostgreSQL (row locks, network round trips) the batch goes to a thread.
"""

from __future__ import annotations

import asyncio
import copy
import time

from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from bot.messaging.group_commit import GroupCommit
from bot.messaging.inbox import Inbound, Inbox
from bot.store.db import Database

LOCK_RETRY_SECONDS = 0.001
LOCK_GIVE_UP_SECONDS = 30.0
INTAKE_CHECKPOINT_PAGES = 10_000  # ten times SQLite's default (1000 pages of 4 KiB)


class Intake:
    def __init__(self, inbox: Inbox) -> None:
        self.on_loop = inbox.db.is_sqlite
        if self.on_loop:  # its own connection, which never waits inside SQLite for the lock
            inbox = copy.copy(inbox)
            inbox.db = Database(inbox.db.url)
            event.listen(inbox.db.engine, "connect", _no_busy_wait)
        self.inbox = inbox
        self._group: GroupCommit[Inbound, tuple[int, bool]] = GroupCommit(self._store)

    def dispose(self) -> None:
        """Close the connection of its own (SQLite); on PostgreSQL the inbox's database is the caller's."""
        if self.on_loop:
            self.inbox.db.dispose()

    async def store(self, message: Inbound) -> tuple[int, bool]:
        """Persist a message (see `Inbox.store`); returns (id, created) once it is committed.
        If the batch's write fails, the request fails (5xx) and the next batch tries afresh."""
        return await self._group.submit(message)

    async def _store(self, messages: list[Inbound]) -> list[tuple[int, bool]]:
        if not self.on_loop:
            return await asyncio.to_thread(self.inbox.store_many, messages)
        give_up = time.monotonic() + LOCK_GIVE_UP_SECONDS
        while True:
            try:
                return self.inbox.store_many(messages)
            except OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > give_up:
                    raise
            await asyncio.sleep(LOCK_RETRY_SECONDS)


def _no_busy_wait(dbapi_conn, _record) -> None:  # noqa: ANN001
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=0")
    # The commit that takes the WAL past its checkpoint threshold (1000 pages by default) copies
    # it into the database file and syncs it, which costs milliseconds. Let the worker's commits,
    # which nobody waits on, do that; the intake checkpoints only if they don't (worker down).
    cur.execute(f"PRAGMA wal_autocheckpoint={INTAKE_CHECKPOINT_PAGES}")
    cur.close()
