"""Claiming work rows safely when several workers compete.

A batch is claimed by one conditional UPDATE … RETURNING: it changes only the rows that are
still claimable when it runs, and the rows it returns are the ones won. On PostgreSQL a competing
UPDATE waits for the winner's row lock and then finds the condition false, so no row is ever
claimed twice; the candidates are picked with `FOR UPDATE SKIP LOCKED`, so competing gateway
processes take different rows instead of queueing behind each other's locks. SQLite (one
process, one writer at a time) picks them with a plain SELECT before the UPDATE.

One UPDATE and one commit per batch: the worker's claims were a SELECT, an UPDATE per row
and a SELECT to read the rows back (docs/benchmarks.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, Select, and_, func, or_, select, update
from sqlalchemy.orm import Session

Row = TypeVar("Row")


def claimable(model, now: datetime, lease_cutoff: datetime, busy: str):  # noqa: ANN001, ANN201
    """Due pending rows, and rows whose claim has outlived its lease (a crashed worker)."""
    return or_(
        and_(model.status == "pending", model.next_attempt_at <= now),
        and_(model.status == busy, model.claimed_at < lease_cutoff),
    )


def _claim(model, now: datetime, lease_cutoff: datetime, busy: str, worker: str):  # noqa: ANN001, ANN202
    return (update(model).where(claimable(model, now, lease_cutoff, busy))
            .values(status=busy, claimed_by=worker, claimed_at=now, attempts=model.attempts + 1))


def try_claim(session: Session, model, row_id: int, worker: str, now: datetime,  # noqa: ANN001
              lease_cutoff: datetime, busy: str) -> bool:
    """Claim one row by id; True when this worker won it."""
    result = session.execute(_claim(model, now, lease_cutoff, busy, worker).where(model.id == row_id)
                             .execution_options(synchronize_session=False))
    return result.rowcount == 1


def backoff_seconds(base: float, attempts: int, cap: float) -> float:
    """How long a row waits after its `attempts`-th failed try: `base`, doubling per try, at most `cap`."""
    return min(base * 2 ** max(attempts - 1, 0), cap)


def update_held(conn: Connection, model, row_id: int, worker: str, busy: str, **values: Any) -> bool:  # noqa: ANN001
    """Change a row only while this worker still holds its claim (one conditional UPDATE: a row
    whose lease ran out and which another worker took is left alone). True when it changed.
    A Core statement on the caller's connection: every claimed row ends with one."""
    result = conn.execute(update(model).where(model.id == row_id, model.claimed_by == worker, model.status == busy)
                          .values(**values))
    return result.rowcount == 1


def queue_heads(model, queue: Sequence[Any], busy: str, now: datetime, lease_cutoff: datetime,  # noqa: ANN001
                limit: int, *within: Any) -> Select:
    """The ids of up to `limit` claimable rows that come first in their queue (the `queue` columns:
    a sender's inbound messages, a recipient's outbound ones), oldest first. A queue waits while
    its first unfinished row is being worked on or is not yet due.

    One pass over the unfinished rows, numbered within their queue by a window function. The
    "nothing earlier in my queue is unfinished" test written as NOT EXISTS let PostgreSQL, whose
    statistics still saw a nearly empty table, rescan every unfinished row for every candidate:
    a claim took 60–370 ms with 500 messages waiting (docs/benchmarks.md). `within` narrows the
    rows looked at; it must keep or drop whole queues (e.g. a channel, when the queue has it).
    """
    unfinished = (select(model.id, model.status, model.next_attempt_at, model.claimed_at,
                         func.row_number().over(partition_by=queue, order_by=model.id).label("place"))
                  .where(model.status.in_(("pending", busy)), *within).subquery("unfinished"))
    return (select(unfinished.c.id)
            .where(unfinished.c.place == 1, claimable(unfinished.c, now, lease_cutoff, busy))
            .order_by(unfinished.c.id).limit(limit))


def claim_rows(session: Session, model: type[Row], candidates: Select, worker: str, now: datetime,
               lease_cutoff: datetime, busy: str) -> Sequence[Row]:
    """Claim the rows `candidates` (a SELECT of ids) picks; returns those won, oldest first, as
    they are after the claim. The condition is checked again on each row as it is when it is
    changed: a candidate another worker claimed meanwhile is not taken twice.

    PostgreSQL: one statement, the candidates locked with SKIP LOCKED. SQLite: the candidates are
    read first (a read takes no lock) and only the UPDATE by id takes the database's one write
    lock, briefly; picking them inside the UPDATE held that lock, which the webhook needs, for
    the whole scan of the waiting rows. A row that heads its queue when read still does when
    changed: rows join a queue at its end, and a finished row stays finished.
    """
    if session.get_bind().dialect.name != "sqlite":
        picked = (select(model.id).where(model.id.in_(candidates),  # type: ignore[attr-defined]
                                         claimable(model, now, lease_cutoff, busy))
                  .with_for_update(skip_locked=True, of=model).cte("picked"))
        chosen = model.id.in_(select(picked.c.id))  # type: ignore[attr-defined]
    else:
        ids = list(session.scalars(candidates))
        if not ids:
            return []
        chosen = model.id.in_(ids)  # type: ignore[attr-defined]
    statement = _claim(model, now, lease_cutoff, busy, worker).where(chosen).returning(model)
    rows = session.scalars(statement, execution_options={"synchronize_session": False}).all()
    return sorted(rows, key=lambda row: row.id)  # type: ignore[attr-defined]
