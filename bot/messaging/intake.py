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

When the database cannot be reached (a write fails with a connection error), the batch goes to the
gateway's spool on its own disk (bot/messaging/spool.py) and the provider is answered as usual; while
the spool holds messages, new ones queue behind them there, so a sender's messages reach the inbox in
order. `run_replay` stores the spool into the inbox once the database answers again. The normal path
only reads the spool's depth.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import time
from collections.abc import Callable

from sqlalchemy import event, text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.messaging.group_commit import MAX_BATCH, GroupCommit
from bot.messaging.inbox import Inbox
from bot.messaging.ports import Inbound
from bot.messaging.spool import Spool, SpoolFull
from bot.store.db import Database
from bot.store.types import attach_cipher

log = logging.getLogger(__name__)

LOCK_RETRY_SECONDS = 0.001
LOCK_GIVE_UP_SECONDS = 30.0
INTAKE_CHECKPOINT_PAGES = 10_000  # ten times SQLite's default (1000 pages of 4 KiB)
REPLAY_SECONDS = 1.0
FINAL_PASS = 2 * MAX_BATCH  # the spool's last messages, stored while new ones wait (a few milliseconds)

Stored = tuple[int | None, bool]  # (inbox id, created); id None: kept in the spool, not in the inbox yet


class Intake:
    def __init__(self, inbox: Inbox, *, on_stored: Callable[[], None] | None = None, spool: Spool | None = None,
                 lock_give_up_seconds: float = LOCK_GIVE_UP_SECONDS) -> None:
        self.inbox = copy.copy(inbox)
        self.on_stored = on_stored  # e.g. wake the inbound worker of this process
        self.spool = spool  # the gateway's; None: a failed write fails the request
        self.lock_give_up_seconds = lock_give_up_seconds
        self._spooling = self._refusing = False  # for one log line per outage, and one while the spool is full
        self._draining: asyncio.Future[None] | None = None  # set during the spool's last replay pass
        self._async: AsyncEngine | None = None
        if inbox.db.is_sqlite:  # its own connection, which never waits inside SQLite for the lock
            self.inbox.db = Database(inbox.db.url, phone_key=inbox.db.phone_key)
            event.listen(self.inbox.db.engine, "connect", _no_busy_wait)
        else:  # one batch is written at a time; no ping before each use: a dropped connection is retried once
            self._async = create_async_engine(inbox.db.url, isolation_level="AUTOCOMMIT", pool_size=1)
            attach_cipher(self._async.sync_engine, inbox.db.cipher)  # addresses sealed as the inbox's own
        self._group: GroupCommit[Inbound, Stored] = GroupCommit(self._store)

    @property
    def spooled(self) -> int:
        """Messages waiting in the spool for the database."""
        return self.spool.depth if self.spool is not None else 0

    async def aclose(self) -> None:
        """Close the connections of its own, and its spool segment."""
        if self._async is not None:
            await self._async.dispose()
        else:
            self.inbox.db.dispose()
        if self.spool is not None:
            self.spool.close()

    async def store(self, message: Inbound) -> Stored:
        """Persist a message (see `Inbox.store`); returns (id, created) once it is committed, or (None,
        True) once it is kept in the spool because the database could not be reached. If the batch's
        write fails otherwise, or the spool is full, the request fails (5xx) and the next batch tries afresh."""
        stored = await self._group.submit(message)
        if stored[1] and self.on_stored is not None:
            self.on_stored()
        return stored

    async def _store(self, messages: list[Inbound]) -> list[Stored]:
        spool = self.spool
        if spool is not None and spool.depth:  # earlier messages wait in the spool: these queue behind them
            if self._draining is not None:  # the database is back and the spool's last ones are being stored
                await asyncio.shield(self._draining)
            if spool.depth:
                try:
                    return await self._append(spool, messages)
                except (SpoolFull, OSError):  # full: the database may be back already
                    pass
        try:
            return await self._write(messages)
        except DBAPIError as exc:
            if spool is None or not unreachable(exc):
                raise
            if not self._spooling:
                log.warning("the database is unreachable (%s): inbound messages go to the spool in %s",
                            type(exc).__name__, spool.folder)
            try:
                return await self._append(spool, messages)
            except (SpoolFull, OSError) as refused:
                if not self._refusing:
                    log.error("the database is unreachable and the spool refuses (%s): requests fail until "
                              "one of them takes messages again", type(refused).__name__)
                self._refusing = True
                raise exc from refused

    async def _append(self, spool: Spool, messages: list[Inbound]) -> list[Stored]:
        await asyncio.to_thread(spool.append, messages)
        self._spooling, self._refusing = True, False
        return [(None, True)] * len(messages)

    async def run_replay(self, interval: float = REPLAY_SECONDS) -> None:
        """Run until cancelled (the gateway's lifespan): store what the spool holds at once (a spool a
        crashed gateway left), then every `interval` seconds while it holds any."""
        spool = self.spool
        if spool is None:
            return
        down = False
        while True:
            try:
                if not spool.depth:
                    await asyncio.to_thread(spool.scan)  # a segment another gateway left
                if spool.depth:
                    replayed = await self.replay()
                    if replayed or down:
                        log.info("%d spooled messages stored in the inbox; %d wait", replayed, spool.depth)
                    down = False
            except Exception as exc:  # the database is still down (or a file could not be read): next time
                if not down:
                    log.warning("spool replay failed (%s); %d messages wait", type(exc).__name__, spool.depth)
                down = True
            await asyncio.sleep(interval)

    async def replay(self) -> int:
        """Store the spool's messages in the inbox, oldest segment first, and delete each segment once
        its messages are committed; returns how many were stored. Raises the database's error while it
        cannot be reached (what was not stored stays for the next try). Storing is idempotent, so a
        segment replayed again after a crash (or by two gateways) is stored once.

        New messages keep going to the spool meanwhile, so each pass leaves fewer; the last pass (at most
        FINAL_PASS messages) holds new ones back until it is done, and they go to the database after it."""
        spool = self.spool
        if spool is None:
            return 0
        await self._ping()  # before sealing: while the database is down, appends go on in one segment
        replayed = 0
        while spool.depth:
            final = spool.depth <= FINAL_PASS
            if final:
                self._draining = asyncio.get_running_loop().create_future()
            try:
                segments, stored = await self._replay_pass(spool)
            finally:
                if self._draining is not None:
                    self._draining.set_result(None)
                    self._draining = None
            replayed += stored
            if not segments:  # what is left is held by another gateway
                break
        if not spool.depth:
            self._spooling = False
        if replayed and self.on_stored is not None:
            self.on_stored()
        return replayed

    async def _replay_pass(self, spool: Spool) -> tuple[int, int]:
        """Seal this process's segment and store every segment it may replay: (segments, messages)."""
        segments = replayed = 0
        for path in await asyncio.to_thread(spool.seal):
            segment = await asyncio.to_thread(spool.claim, path)
            if segment is None:
                continue
            try:
                for start in range(0, len(segment.messages), MAX_BATCH):
                    await self._write_or_reject(spool, segment.messages[start:start + MAX_BATCH])
            except BaseException:
                spool.release(segment)
                raise
            await asyncio.to_thread(spool.done, segment)
            segments, replayed = segments + 1, replayed + len(segment.messages)
        return segments, replayed

    async def _write_or_reject(self, spool: Spool, messages: list[Inbound]) -> None:
        """Store a batch; should the database refuse it for a reason other than an outage (a message it
        cannot take), store the messages one by one and set aside those it refuses."""
        try:
            await self._write(messages)
            return
        except DBAPIError as exc:
            if unreachable(exc):
                raise
        for message in messages:
            try:
                await self._write([message])
            except DBAPIError as exc:
                if unreachable(exc):
                    raise
                await asyncio.to_thread(spool.reject, message)
                log.warning("spooled %s message %s refused by the database (%s); set aside in the spool",
                            message.channel, message.external_id, type(exc).__name__)

    async def _ping(self) -> None:
        if self._async is not None:
            async with self._async.connect() as conn:
                await conn.execute(text("SELECT 1"))

    async def _write(self, messages: list[Inbound]) -> list[tuple[int, bool]]:
        if self._async is not None:
            return await self._store_retrying_once(self._async, messages)
        give_up = time.monotonic() + self.lock_give_up_seconds
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


def unreachable(exc: DBAPIError) -> bool:
    """Whether a failed write means the database could not be reached (refused, gone, shutting down,
    locked past the give-up time), not that it refused what was written."""
    return isinstance(exc, OperationalError | InterfaceError) or exc.connection_invalidated


def _no_busy_wait(dbapi_conn, _record) -> None:  # noqa: ANN001
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA busy_timeout=0")
    # The commit that takes the WAL past its checkpoint threshold (1000 pages by default) copies
    # it into the database file and syncs it, which costs milliseconds. Let the worker's commits,
    # which nobody waits on, do that; the intake checkpoints only if they don't (worker down).
    cur.execute(f"PRAGMA wal_autocheckpoint={INTAKE_CHECKPOINT_PAGES}")
    cur.close()
