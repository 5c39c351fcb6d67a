import asyncio
import sqlite3

import pytest
from sqlalchemy import Connection, text

from bot.common.clock import FakeClock
from bot.messaging.inbox import Inbox
from bot.messaging.intake import Intake
from bot.messaging.ports import Inbound
from bot.store.db import Database
from tests.conftest import RESIDENT
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
