"""Claiming work rows safely when several workers compete.

A row is claimed by a conditional UPDATE that only succeeds while the row is still claimable;
the claim counts only when exactly one row changed. On PostgreSQL a competing UPDATE waits for
the winner's row lock and then finds the condition false, so no row is ever claimed twice.

On PostgreSQL the candidates are first picked with `FOR UPDATE SKIP LOCKED`, so competing
gateway processes take different rows instead of queueing behind each other's locks; the
conditional UPDATE still decides. SQLite (one process) picks them with a plain SELECT.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, and_, or_, update
from sqlalchemy.orm import Session


def claimable(model, now: datetime, lease_cutoff: datetime, busy: str):  # noqa: ANN001, ANN201
    """Due pending rows, and rows whose claim has outlived its lease (a crashed worker)."""
    return or_(
        and_(model.status == "pending", model.next_attempt_at <= now),
        and_(model.status == busy, model.claimed_at < lease_cutoff),
    )


def try_claim(session: Session, model, row_id: int, worker: str, now: datetime,  # noqa: ANN001
              lease_cutoff: datetime, busy: str) -> bool:
    result = session.execute(
        update(model)
        .where(model.id == row_id, claimable(model, now, lease_cutoff, busy))
        .values(status=busy, claimed_by=worker, claimed_at=now, attempts=model.attempts + 1)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def claim_batch(session: Session, model, candidates: Select, worker: str, now: datetime,  # noqa: ANN001
                lease_cutoff: datetime, busy: str, *, skip_locked: bool) -> list[int]:
    """Claim the rows `candidates` (a SELECT of ids) finds, in one transaction; returns the ids won."""
    if skip_locked:
        candidates = candidates.with_for_update(skip_locked=True, of=model)
    ids = list(session.scalars(candidates))
    won = []
    for row_id in ids:
        if try_claim(session, model, row_id, worker, now, lease_cutoff, busy):
            won.append(row_id)
    return won
