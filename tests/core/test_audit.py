"""The audit log: a hash chain that shows a changed, removed or added entry, written by concurrent
writers without forking, and purged only past six months."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import delete, select, text, update
from sqlalchemy.orm import Session

from bot.common.clock import FakeClock
from bot.core import audit
from bot.store.db import Database
from bot.store.privacy_models import GENESIS, AuditEntry


def write(db: Database, clock: FakeClock, n: int, actor: str = "cli:test") -> list[int]:
    ids = []
    for i in range(n):
        with db.session() as s:
            ids.append(audit.record(s, clock, actor, "person.export", f"person:{i}", {"messages": i, "名": "值"}))
    return ids


def verified(db: Database) -> audit.Verification:
    with db.session() as s:
        return audit.verify(s)


def test_entries_form_a_chain_from_genesis_that_verifies(db: Database, clock: FakeClock):
    assert verified(db) == audit.Verification(True, 0, head_hash=GENESIS)
    assert write(db, clock, 3) == [1, 2, 3]
    with db.session() as s:
        rows = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert rows[0].prev_hash == GENESIS
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]
    result = verified(db)
    assert (result.ok, result.checked, result.head_hash) == (True, 3, rows[-1].hash)


def test_an_entry_written_in_a_transaction_that_rolls_back_leaves_no_trace(db: Database, clock: FakeClock):
    write(db, clock, 1)
    with pytest.raises(RuntimeError), db.session() as s:
        audit.record(s, clock, "cli:test", "person.erase", "person:9")
        raise RuntimeError("the erasure failed")
    assert write(db, clock, 1) == [2]
    assert verified(db).ok


@pytest.mark.parametrize("tamper, broken_at, reason", [
    (update(AuditEntry).where(AuditEntry.id == 2).values(detail={"messages": 99}), 2, "hash mismatch"),
    (update(AuditEntry).where(AuditEntry.id == 3).values(actor="system"), 3, "hash mismatch"),
    (delete(AuditEntry).where(AuditEntry.id == 2), 2, "missing"),
    (delete(AuditEntry).where(AuditEntry.id == 4), 4, "newest entries are missing"),
])
def test_a_changed_or_removed_entry_is_found_with_the_first_broken_link(db: Database, clock: FakeClock, tamper,
                                                                        broken_at: int, reason: str):
    write(db, clock, 4)
    with db.session() as s:
        s.execute(tamper)
    result = verified(db)
    assert not result.ok and result.broken_at == broken_at and reason in result.reason


def test_an_entry_rewritten_with_a_fresh_hash_breaks_the_next_link(db: Database, clock: FakeClock):
    write(db, clock, 3)
    with db.session() as s:
        row = s.get(AuditEntry, 2)
        row.subject = "person:7"
        row.hash = audit.entry_hash(row.prev_hash, row.id, row.at, row.actor, row.action, row.subject, row.detail)
    result = verified(db)
    assert (result.ok, result.broken_at) == (False, 3)


def test_a_second_writer_waits_for_the_first_and_chains_onto_its_entry(db: Database, clock: FakeClock):
    first = Session(db.engine)
    first.begin()
    audit.record(first, clock, "person:1", "ticket.acknowledged", "T1001")  # holds the head until it commits
    done: list[int] = []
    second = threading.Thread(target=lambda: done.extend(write(db, clock, 1, actor="person:2")))
    second.start()
    first.commit()
    first.close()
    second.join(timeout=60)
    assert done == [2]
    with db.session() as s:
        one, two = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert (one.actor, two.actor, two.prev_hash) == ("person:1", "person:2", one.hash)
    assert verified(db).ok


def test_concurrent_writers_never_fork_the_chain(db: Database, clock: FakeClock):
    threads = [threading.Thread(target=write, args=(db, clock, 10, f"person:{n}")) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    result = verified(db)
    assert (result.ok, result.checked) == (True, 40)


def test_the_purge_removes_only_entries_past_the_retention_and_the_rest_still_verifies(db: Database,
                                                                                       clock: FakeClock):
    write(db, clock, 3)
    clock.advance(days=200)
    write(db, clock, 2)
    clock.advance(days=170)
    with db.session() as s:
        assert audit.purge(s, clock, 365) == 3
    with db.session() as s:
        assert list(s.scalars(select(AuditEntry.id).order_by(AuditEntry.id))) == [4, 5]
        assert audit.purge(s, clock, 365) == 0
    assert (verified(db).ok, verified(db).checked) == (True, 2)
    assert write(db, clock, 1) == [6]
    assert verified(db).ok
    with db.session() as s:  # what the purge moved cannot hide a removed first entry
        s.execute(delete(AuditEntry).where(AuditEntry.id == 4))
    assert (verified(db).ok, verified(db).broken_at) == (False, 4)


def test_the_audit_log_is_kept_at_least_six_months_whatever_is_asked(db: Database, clock: FakeClock):
    write(db, clock, 1)
    clock.advance(days=182)
    with db.session() as s, pytest.raises(ValueError):
        audit.purge(s, clock, 30)
    with db.session() as s:
        assert audit.purge(s, clock, 183) == 0
        assert s.scalar(text("SELECT count(*) FROM audit_log")) == 1
