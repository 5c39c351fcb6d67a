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
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnCollection,
    ColumnElement,
    Connection,
    Row,
    Select,
    Table,
    Update,
    and_,
    bindparam,
    case,
    func,
    or_,
    select,
    update,
)

from bot.store.work import WorkTable


def claimable(of: type[WorkTable] | ColumnCollection[str, Any], now: Any, lease_cutoff: Any,
              busy: str) -> ColumnElement[bool]:
    """Due pending rows, and rows whose claim has outlived its lease (a crashed worker). `of`: a work
    table's model, or the claim columns of its table or of a subquery over it."""
    return or_(
        and_(of.status == "pending", of.next_attempt_at <= now),
        and_(of.status == busy, of.claimed_at < lease_cutoff),
    )


def claimable_now(columns: ColumnCollection[str, Any], busy: str) -> ColumnElement[bool]:
    """`claimable` with `now` and `cutoff` (the lease's) as bound parameters, for statements built once."""
    stamp = columns.claimed_at.type
    return claimable(columns, bindparam("now", type_=stamp), bindparam("cutoff", type_=stamp), busy)


def backoff_seconds(base: float, attempts: int, cap: float) -> float:
    """How long a row waits after its `attempts`-th failed try: `base`, doubling per try, at most `cap`."""
    return min(base * 2 ** max(attempts - 1, 0), cap)


def update_held(conn: Connection, model: type[WorkTable], row_id: int, worker: str, busy: str,
                **values: Any) -> bool:
    """Change a row only while this worker still holds its claim (one conditional UPDATE: a row
    whose lease ran out and which another worker took is left alone). True when it changed.
    A Core statement on the caller's connection: every claimed row ends with one."""
    statement = _held_update(model.__table__, busy, tuple(sorted(values)), many=False)
    params = {"held_id": row_id, "held_by": worker, **{f"set_{name}": value for name, value in values.items()}}
    return conn.execute(statement, params).rowcount == 1


def update_held_many(conn: Connection, model: type[WorkTable], row_ids: Sequence[int], worker: str, busy: str,
                     **values: Any) -> set[int]:
    """`update_held` for several rows in one statement; returns the ids of those changed."""
    statement = _held_update(model.__table__, busy, tuple(sorted(values)), many=True)
    params = {"held_ids": list(row_ids), "held_by": worker,
              **{f"set_{name}": value for name, value in values.items()}}
    return set(conn.scalars(statement, params))


@cache
def _held_update(table: Table, busy: str, columns: tuple[str, ...], *, many: bool) -> Update:
    """Built once per kind of change, run with bound values: building the UPDATE on every call cost
    several times the CPU of running a built one (docs/benchmarks.md)."""
    held = table.c.id.in_(bindparam("held_ids", expanding=True)) if many else table.c.id == bindparam("held_id")
    statement = (update(table)
                 .where(held, table.c.claimed_by == bindparam("held_by"), table.c.status == busy)
                 .values({name: bindparam(f"set_{name}", type_=table.c[name].type) for name in columns}))
    return statement.returning(table.c.id) if many else statement


class Claimer:
    """Claims the rows of one work table. Its statements are built once and run with bound values
    (`now`, `cutoff`, `limit`, `worker`, `ids`): building them on every claim cost more CPU than
    running them (docs/benchmarks.md).

    `queue`: the columns whose rows are worked one at a time, in order (a sender's inbound
    messages; a recipient's outbound ones on one channel; ["id"] for rows that wait on nothing
    but their time, like ticket timers). `narrow`: a column whose allowed values each claim names
    (`narrow_to`); it must keep or drop whole queues (a channel, when the queue has it).
    `note_takeover`: written to `last_error` when a claim takes a row over from a worker whose
    lease ran out.
    """

    def __init__(self, model: type[WorkTable], busy: str, queue: Sequence[str], *, narrow: str | None = None,
                 note_takeover: str | None = None) -> None:
        table: Table = model.__table__
        self.narrow = narrow
        self._heads = _queue_heads(table, queue, busy,
                                   *([table.c[narrow].in_(bindparam("narrow_to", expanding=True))] if narrow else []))
        still_claimable = claimable_now(table.c, busy)
        values: dict[str, Any] = dict(status=busy, claimed_by=bindparam("worker"),
                                      claimed_at=bindparam("now", type_=table.c.claimed_at.type),
                                      attempts=table.c.attempts + 1)
        if note_takeover is not None:
            # SET expressions see the row as it was: one still marked busy is taken over from a worker
            # whose lease ran out (it died, perhaps half-way through), and `last_error` says so.
            values["last_error"] = case((table.c.status == busy, note_takeover), else_=table.c.last_error)
        claim = update(table).where(still_claimable).values(values).returning(*table.c)

        def skip_locked(candidates: Any) -> Update:  # PostgreSQL: see the module's docstring
            picked = (select(table.c.id).where(table.c.id.in_(candidates), still_claimable)
                      .with_for_update(skip_locked=True, of=table).cte("picked"))
            return claim.where(table.c.id.in_(select(picked.c.id)))

        ids = bindparam("ids", expanding=True)
        self._claim_ids = claim.where(table.c.id.in_(ids))
        self._claim_ids_locked = skip_locked(ids)
        self._claim_heads_locked = skip_locked(select(self._heads.subquery("heads").c.id))

    def claim_heads(self, conn: Connection, worker: str, now: datetime, lease_cutoff: datetime, limit: int,
                    narrow_to: Sequence[Any] = ()) -> list[Row]:
        """Claim the first claimable row of up to `limit` queues, oldest first; returns those won.

        PostgreSQL: one statement. SQLite: the candidates are read first (a read takes no lock) and
        only the UPDATE by id takes the database's one write lock, briefly; picking them inside the
        UPDATE held that lock, which the webhook needs, for the whole scan of the waiting rows. A
        row that heads its queue when read still does when changed: rows join a queue at its end,
        and a finished row stays finished.
        """
        params: dict[str, Any] = {"now": now, "cutoff": lease_cutoff, "limit": limit, "worker": worker}
        if self.narrow:
            params["narrow_to"] = list(narrow_to)
        if conn.dialect.name != "sqlite":
            return _oldest_first(conn.execute(self._claim_heads_locked, params))
        ids = list(conn.scalars(self._heads, params))
        return self.claim_ids(conn, ids, worker, now, lease_cutoff)

    def claim_ids(self, conn: Connection, ids: Sequence[int], worker: str, now: datetime,
                  lease_cutoff: datetime) -> list[Row]:
        """Claim these rows where they are still claimable; returns those won, oldest first. The
        condition is checked again on each row as it is when it is changed: a row another worker
        claimed meanwhile is not taken twice."""
        if not ids:
            return []
        statement = self._claim_ids if conn.dialect.name == "sqlite" else self._claim_ids_locked
        return _oldest_first(conn.execute(statement, {"ids": list(ids), "now": now, "cutoff": lease_cutoff,
                                                      "worker": worker}))


def _queue_heads(table: Table, queue: Sequence[str], busy: str, *within: Any) -> Select:
    """The ids of up to `limit` claimable rows that come first in their queue, oldest first. A
    queue waits while its first unfinished row is being worked on or is not yet due.

    One pass over the unfinished rows, numbered within their queue by a window function. The
    "nothing earlier in my queue is unfinished" test written as NOT EXISTS let PostgreSQL, whose
    statistics still saw a nearly empty table, rescan every unfinished row for every candidate:
    a claim's time grew with the square of the messages waiting (docs/benchmarks.md). `within` narrows the
    rows looked at; it must keep or drop whole queues.
    """
    unfinished = (select(table.c.id, table.c.status, table.c.next_attempt_at, table.c.claimed_at,
                         func.row_number().over(partition_by=[table.c[name] for name in queue],
                                                order_by=table.c.id).label("place"))
                  .where(table.c.status.in_(("pending", busy)), *within).subquery("unfinished"))
    return (select(unfinished.c.id)
            .where(unfinished.c.place == 1, claimable_now(unfinished.c, busy))
            .order_by(unfinished.c.id).limit(bindparam("limit")))


def _oldest_first(result: Any) -> list[Row]:
    return sorted(result.all(), key=lambda row: row.id)
