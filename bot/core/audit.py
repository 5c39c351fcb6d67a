"""The audit log (PIPL, 网络安全法: security logs kept at least six months): staff actions and reads of
personal data, append-only and hash-chained, so that a changed, removed or inserted entry shows.

Each entry's hash is sha256(prev_hash + the canonical JSON of the entry). Writers take the one head row
first (an UPDATE: a row lock on PostgreSQL, the write lock on SQLite) and hold it to their commit, so two
writers never chain onto the same entry. An entry is written in the caller's transaction: it exists
exactly when what it records does.

Entries name people by id ("person:<id>") or by a keyed hash of their address, never by name or
number: the log cannot be edited when someone's data is erased, so it holds nothing to erase."""

from __future__ import annotations

import getpass
import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.store.privacy_models import GENESIS, AuditEntry, AuditHead

MIN_RETENTION_DAYS = 183  # six months, whatever the settings say
HEAD = 1


def cli_actor() -> str:
    """Who runs a command: the operating system's user."""
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except Exception:  # no user name in a bare container
        return "cli"


def entry_hash(prev_hash: str, entry_id: int, at: datetime, actor: str, action: str, subject: str,
               detail: dict[str, Any]) -> str:
    body = json.dumps({"id": entry_id, "at": at.astimezone(UTC).isoformat(timespec="microseconds"), "actor": actor,
                       "action": action, "subject": subject, "detail": detail},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _take_head(session: Session) -> AuditHead:
    """Lock the head (held to the caller's commit) and read it."""
    taken = session.execute(update(AuditHead).where(AuditHead.id == HEAD).values(seq=AuditHead.seq + 1)
                            .execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        raise RuntimeError("the audit log has no head row: run `bin/bot migrate`")
    head = session.execute(select(AuditHead).where(AuditHead.id == HEAD).execution_options(populate_existing=True))
    return head.scalar_one()


def record(session: Session, clock: Clock, actor: str, action: str, subject: str = "",
           detail: dict[str, Any] | None = None) -> int:
    """Append an entry in the caller's transaction; returns its id."""
    head = _take_head(session)
    at = clock.now()
    plain = json.loads(json.dumps(detail or {}, ensure_ascii=False))  # what the database will give back
    digest = entry_hash(head.hash, head.seq, at, actor, action, subject, plain)
    session.execute(insert(AuditEntry).values(id=head.seq, at=at, actor=actor, action=action, subject=subject,
                                              detail=plain, prev_hash=head.hash, hash=digest))
    head.hash = digest
    session.flush()
    return head.seq


@dataclass(frozen=True)
class Verification:
    ok: bool
    checked: int
    broken_at: int | None = None  # the id of the first entry that does not fit (or the head's seq)
    reason: str = ""
    head_hash: str = GENESIS


def verify(session: Session, batch: int = 1000) -> Verification:
    """Walk the chain from the first entry kept to the head; report the first broken link."""
    head = session.execute(select(AuditHead).where(AuditHead.id == HEAD)).scalar_one()
    table = AuditEntry.__table__
    expected_id, prev, checked = head.kept_from, head.anchor, 0
    while True:
        rows = session.execute(select(table).where(table.c.id >= expected_id).order_by(table.c.id)
                               .limit(batch)).all()
        for row in rows:
            if row.id != expected_id:
                return Verification(False, checked, expected_id, f"entry {expected_id} is missing", head.hash)
            if row.prev_hash != prev:
                return Verification(False, checked, row.id, "prev_hash does not match the entry before", head.hash)
            if entry_hash(row.prev_hash, row.id, row.at, row.actor, row.action, row.subject, row.detail) != row.hash:
                return Verification(False, checked, row.id, "the entry was changed (hash mismatch)", head.hash)
            prev, expected_id, checked = row.hash, row.id + 1, checked + 1
        if len(rows) < batch:
            break
    if expected_id - 1 != head.seq or prev != head.hash:
        return Verification(False, checked, expected_id, "the newest entries are missing (the head is further on)",
                            head.hash)
    if session.scalar(select(func.count()).select_from(table).where(table.c.id < head.kept_from)):
        return Verification(False, checked, head.kept_from, "entries before the anchor", head.hash)
    return Verification(True, checked, head_hash=head.hash)


def purge(session: Session, clock: Clock, retention_days: int) -> int:
    """Delete entries older than the retention (never less than six months) from the old end; the head's
    anchor moves to the first entry kept, so the rest still verifies. Returns how many were deleted."""
    if retention_days < MIN_RETENTION_DAYS:
        raise ValueError(f"the audit log is kept at least {MIN_RETENTION_DAYS} days, not {retention_days}")
    cutoff = clock.now() - timedelta(days=retention_days)
    if session.scalar(select(AuditEntry.id).where(AuditEntry.at < cutoff).limit(1)) is None:
        return 0
    head = _take_head(session)
    head.seq -= 1  # taken for the lock only: no entry is added
    last = session.scalar(select(func.max(AuditEntry.id)).where(AuditEntry.at < cutoff))
    if last is None:  # another purge was first
        session.flush()
        return 0
    end = session.execute(select(AuditEntry.hash).where(AuditEntry.id == last)).scalar_one()
    deleted = session.execute(delete(AuditEntry).where(AuditEntry.id <= last)
                              .execution_options(synchronize_session=False)).rowcount
    head.kept_from, head.anchor = last + 1, end
    session.flush()
    return deleted


def entries_about(session: Session, key: str) -> list[AuditEntry]:
    """Entries about someone or by them ("person:<id>", "addr:<hash>"), for their export."""
    return list(session.scalars(select(AuditEntry).where(or_(AuditEntry.subject == key, AuditEntry.actor == key))
                                .order_by(AuditEntry.id)))
