"""Group commit: whatever is submitted while a write is in flight goes into the next write together.

The webhook's inserts use it: one transaction for the requests that arrived meanwhile, so on SQLite
they take the database-wide write lock once, and on PostgreSQL they cost one round trip and commit.
So do the inbound worker's completions: the messages of a claim that are answered about the same
time (帮助, 退订) are marked done and their replies queued in one transaction.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
MAX_BATCH = 256


class GroupCommit(Generic[Item, Result]):
    """`await submit(item)` returns `write`'s result for that item once its batch is written.
    `write` takes a batch and returns one result per item, in order; if it raises, every item
    of that batch gets the exception and the next batch is tried afresh."""

    def __init__(self, write: Callable[[list[Item]], Awaitable[list[Result]]], *, max_batch: int = MAX_BATCH) -> None:
        self._write_batch = write
        self.max_batch = max_batch
        self._pending: list[tuple[Item, asyncio.Future[Result]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def submit(self, item: Item) -> Result:
        loop = asyncio.get_running_loop()
        if self._writer is not None and self._writer.get_loop() is not loop:
            # A writer of an event loop that has gone (tests run one loop each) will never finish,
            # and what it left pending cannot be answered: start over on this loop.
            self._writer, self._pending = None, []
        done: asyncio.Future[Result] = loop.create_future()
        self._pending.append((item, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        return await done

    async def _write(self) -> None:
        await asyncio.sleep(0)  # submissions already under way join this batch
        while self._pending:
            batch, self._pending = self._pending[:self.max_batch], self._pending[self.max_batch:]
            try:
                results = await self._write_batch([item for item, _ in batch])
            except Exception as exc:
                for _, done in batch:
                    if not done.done():
                        done.set_exception(exc)
                continue
            for (_, done), result in zip(batch, results, strict=True):
                if not done.done():
                    done.set_result(result)
