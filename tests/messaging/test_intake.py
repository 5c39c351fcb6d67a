import asyncio
import itertools
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection, select, text
from sqlalchemy.exc import OperationalError

from bot.common.clock import FakeClock
from bot.messaging.inbox import Inbox
from bot.messaging.intake import Intake
from bot.messaging.ports import Inbound
from bot.messaging.spool import REJECTED, Spool
from bot.store.db import Database
from bot.store.message_models import InboxMessage
from tests.conftest import RESIDENT
from tests.fakes.tcp_proxy import TcpProxy
from tests.waiting import eventually


def sms(n: int) -> Inbound:
    return Inbound(channel="sms", external_id=f"SM{n:032d}", sender=RESIDENT, text=f"第{n}条")


async def test_messages_arriving_together_are_stored_in_one_transaction_and_a_repeat_once(db: Database,
                                                                                          clock: FakeClock):
    inbox = Inbox(db, clock)
    intake = Intake(inbox)
    calls: list[int] = []
    store_many = intake.inbox.store_many

    def counting(messages: list[Inbound], conn: Connection | None = None) -> list[tuple[int, bool]]:
        calls.append(len(messages))
        return store_many(messages, conn)

    intake.inbox.store_many = counting  # type: ignore[method-assign]
    results = await asyncio.gather(*(intake.store(sms(n)) for n in (1, 2, 3, 1)))
    assert calls == [4]
    assert [created for _, created in results] == [True, True, True, False]
    assert results[0][0] == results[3][0]
    assert inbox.status_of(results[1][0]) == "pending"
    assert inbox.store(sms(2)) == (results[1][0], False)  # the same dedupe as a plain store
    await intake.aclose()


async def test_while_another_process_holds_the_sqlite_write_lock_the_event_loop_keeps_running(tmp_path):
    path = tmp_path / "gridbot.db"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    intake = Intake(Inbox(db, FakeClock()))
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0.005)

    ticking = asyncio.create_task(ticker())
    storing = asyncio.create_task(intake.store(sms(1)))
    await eventually(lambda: ticks >= 20)  # the loop ran on while the store waited for the lock
    assert not storing.done()
    assert ticks >= 20  # not blocked inside SQLite's busy handler
    other.execute("COMMIT")
    message_id, created = await asyncio.wait_for(storing, timeout=5)
    ticking.cancel()
    other.close()
    assert created and message_id > 0
    db.dispose()
    await intake.aclose()




async def test_the_intake_leaves_wal_checkpoints_to_the_worker_s_commits(tmp_path):
    """A checkpoint copies the WAL into the database file and syncs it: milliseconds an
    acknowledgement should not wait for. Past SQLite's 1000-page threshold the intake's own
    commits still leave the WAL alone (the worker's connections keep the default)."""
    path = tmp_path / "gridbot.db"
    db = Database(f"sqlite:///{path}")
    db.migrate()
    intake = Intake(Inbox(db, FakeClock()))
    bulky = "路灯坏了" * 1000  # ~12 KB: three pages a message

    def wal_frames() -> int:
        with sqlite3.connect(path) as conn:
            return conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()[1]

    for n in range(500):
        await intake.store(Inbound(channel="sms", external_id=f"SMbulk{n}", sender=RESIDENT, text=bulky))
    # Had a commit checkpointed at 1000 pages, the WAL would have started over below that.
    assert wal_frames() > 1000
    db.dispose()
    await intake.aclose()


async def test_on_postgresql_a_connection_the_server_dropped_loses_no_message(db: Database, clock: FakeClock):
    if db.is_sqlite:
        pytest.skip("PostgreSQL's intake keeps pooled connections without a ping; SQLite has no server")
    intake = Intake(Inbox(db, clock))
    try:
        first, _ = await intake.store(sms(1))
        with db.engine.connect() as conn:  # as a server restart would: end every other session
            dropped = conn.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                        "WHERE datname = current_database() AND pid <> pg_backend_pid()")).scalar()
        assert dropped >= 1
        second, created = await intake.store(sms(2))
        assert created and second != first
        assert await intake.store(sms(1)) == (first, False)
    finally:
        await intake.aclose()


def inbox_rows(db: Database) -> list[tuple[str, str]]:
    """(external id, status) of every inbox row, in id order."""
    with db.engine.connect() as conn:
        return [(r.external_id, r.status) for r in conn.execute(
            select(InboxMessage.external_id, InboxMessage.status).order_by(InboxMessage.id))]


def migrated_sqlite(tmp_path: Path) -> Database:
    db = Database(f"sqlite:///{tmp_path / 'gridbot.db'}")
    db.migrate()
    return db


async def test_while_sqlite_stays_locked_past_the_give_up_time_messages_wait_in_the_spool_then_the_inbox(tmp_path):
    db = migrated_sqlite(tmp_path)
    intake = Intake(Inbox(db, FakeClock()), spool=Spool(tmp_path / "spool", max_bytes=1 << 20),
                    lock_give_up_seconds=0.2)
    other = sqlite3.connect(tmp_path / "gridbot.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # e.g. someone's open transaction in the sqlite3 shell
    try:
        assert await asyncio.gather(*(intake.store(sms(n)) for n in (1, 2, 3))) == [(None, True)] * 3
        assert await intake.store(sms(4)) == (None, True)  # behind them in the spool, in order
        assert intake.spooled == 4
        with pytest.raises(OperationalError):
            await intake.replay()  # still locked: nothing is lost, the spool stays
        assert intake.spooled == 4
        other.execute("COMMIT")
        assert await intake.store(sms(5)) == (None, True)  # the database is back, but this goes behind them
        assert await intake.replay() == 5
        assert intake.spooled == 0
        assert inbox_rows(db) == [(sms(n).external_id, "pending") for n in (1, 2, 3, 4, 5)]
        message_id, created = await intake.store(sms(6))  # the spool is empty: straight to the inbox again
        assert created and message_id is not None
    finally:
        other.close()
        await intake.aclose()
        db.dispose()


async def test_under_steady_arrivals_the_spool_empties_and_messages_go_straight_to_the_inbox_again(tmp_path):
    """New messages queue behind the spool's while it replays, and once it is empty go to the inbox again."""
    db = migrated_sqlite(tmp_path)
    spool = Spool(tmp_path / "spool", max_bytes=1 << 24)
    spool.append([sms(n) for n in range(1000)])  # what an outage left
    intake = Intake(Inbox(db, FakeClock()), spool=spool)
    stores: list[asyncio.Task[tuple[int | None, bool]]] = []

    async def arrivals() -> None:  # a message every half millisecond, none waiting for the one before
        for n in itertools.count(1000):
            stores.append(asyncio.create_task(intake.store(sms(n))))
            await asyncio.sleep(0.0005)

    arriving = asyncio.create_task(arrivals())
    replaying = asyncio.create_task(intake.run_replay(interval=0.01))
    try:
        await eventually(lambda: any(task.done() and task.result()[0] is not None for task in stores))
    finally:
        arriving.cancel()
        replaying.cancel()
        await asyncio.gather(arriving, replaying, *stores, return_exceptions=True)
        await intake.aclose()
    stored = [external_id for external_id, _ in inbox_rows(db)]
    assert stored == [sms(n).external_id for n in range(len(stored))]  # none skipped, in the order they came
    db.dispose()


async def test_a_message_that_comes_during_the_spool_s_last_replay_pass_follows_it_into_the_inbox(tmp_path):
    """Spooled behind it instead, it would need another pass, during which another could come: under
    steady arrivals the spool might never empty."""
    db = migrated_sqlite(tmp_path)
    spool = Spool(tmp_path / "spool", max_bytes=1 << 20)
    spool.append([sms(1), sms(2)])
    intake = Intake(Inbox(db, FakeClock()), spool=spool)
    try:
        replaying = asyncio.create_task(intake.replay())
        arriving = asyncio.create_task(intake.store(sms(3)))  # while the replay waits on the disk
        assert await replaying == 2
        message_id, created = await arriving
        assert created and message_id is not None  # stored after the spool's, not spooled again
        assert intake.spooled == 0
        assert [external_id for external_id, _ in inbox_rows(db)] == [sms(n).external_id for n in (1, 2, 3)]
    finally:
        await intake.aclose()
        db.dispose()


async def test_replaying_a_segment_again_after_a_crash_stores_each_message_once(tmp_path):
    """A gateway that dies after the commit and before the segment is deleted replays it at its next start."""
    db = migrated_sqlite(tmp_path)
    spool = Spool(tmp_path / "spool", max_bytes=1 << 20)
    spool.append([sms(1), sms(2), sms(1)])
    [segment] = spool.seal()
    kept = shutil.copy(segment, tmp_path / "kept.jsonl")
    intake = Intake(Inbox(db, FakeClock()), spool=spool)
    try:
        assert await intake.replay() == 3
        shutil.copy(kept, segment)  # as if the deletion had not happened
        spool.scan()
        assert intake.spooled == 3
        await intake.replay()
        assert intake.spooled == 0
        assert inbox_rows(db) == [(sms(1).external_id, "pending"), (sms(2).external_id, "pending")]
    finally:
        await intake.aclose()
        db.dispose()


async def test_when_the_spool_is_full_the_request_fails_as_it_did_without_one(tmp_path):
    db = migrated_sqlite(tmp_path)
    intake = Intake(Inbox(db, FakeClock()), spool=Spool(tmp_path / "spool", max_bytes=100), lock_give_up_seconds=0.1)
    other = sqlite3.connect(tmp_path / "gridbot.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(OperationalError):
            await intake.store(sms(1))
        assert intake.spooled == 0
    finally:
        other.close()
        await intake.aclose()
        db.dispose()


async def test_on_postgresql_messages_that_arrive_while_the_server_is_unreachable_reach_the_inbox_once_it_is_back(
        db: Database, clock: FakeClock, tmp_path: Path):
    if db.is_sqlite:
        pytest.skip("a server outage: SQLite has no server (the lock test above is its outage)")
    proxy = TcpProxy.before(db.url)
    proxied = Database(proxy.url_of(db.url))
    intake = Intake(Inbox(proxied, clock), spool=Spool(tmp_path / "spool", max_bytes=1 << 20))
    replaying = asyncio.create_task(intake.run_replay(interval=0.05))
    try:
        first, created = await intake.store(sms(1))
        assert created and first is not None
        proxy.cut()  # the server is gone: its connections reset, new ones refused
        burst = await asyncio.gather(*(intake.store(sms(n)) for n in range(2, 12)))
        assert burst == [(None, True)] * 10
        for n in range(12, 15):
            assert await intake.store(sms(n)) == (None, True)
        assert intake.spooled == 13
        proxy.restore()
        await eventually(lambda: intake.spooled == 0)
        assert inbox_rows(db) == [(sms(n).external_id, "pending") for n in range(1, 15)]  # once each, in order
        later, created = await intake.store(sms(15))
        assert created and later is not None
    finally:
        replaying.cancel()
        await asyncio.gather(replaying, return_exceptions=True)
        await intake.aclose()
        proxied.dispose()
        proxy.stop()


async def test_a_spooled_message_the_database_refuses_is_set_aside_and_the_rest_are_stored(db: Database,
                                                                                          clock: FakeClock,
                                                                                          tmp_path: Path):
    if db.is_sqlite:
        pytest.skip("SQLite stores a value longer than its column; PostgreSQL refuses it")
    spool = Spool(tmp_path / "spool", max_bytes=1 << 20)
    too_long = "SM" + "9" * 200  # inbox_messages.external_id is 128 characters
    refused = Inbound(channel="sms", external_id=too_long, sender=RESIDENT, text="坏了")
    spool.append([sms(1), refused, sms(2)])  # spooled during an outage, so never tried
    intake = Intake(Inbox(db, clock), spool=spool)
    try:
        assert await intake.replay() == 3
        assert intake.spooled == 0
        assert inbox_rows(db) == [(sms(1).external_id, "pending"), (sms(2).external_id, "pending")]
        assert too_long in (tmp_path / "spool" / REJECTED).read_text(encoding="utf-8")
    finally:
        await intake.aclose()
