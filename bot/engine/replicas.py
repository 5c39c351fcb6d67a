"""Several engine replicas behind the one `Engine` the inbound worker talks to, each sender sticky to one.

Every replica shares the tracker store (PostgreSQL) and a lock store, so any of them can take any sender's turn;
keeping each sender on one replica keeps its turns in one process (and Rasa's per-process caches warm), and the
lock store only guards the moment a sender moves. A sender's home replica is `crc32(sender) % n` — stable across
processes and restarts, unlike Python's `hash()`. When the home replica fails (a turn raises `EngineUnavailable`
or its readiness check fails) it is taken out for `recheck_seconds`; its senders go to the next replica that is
up, and only they move. Once the home answers again they come back.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from bot.messaging.ports import EngineUnavailable, Replies


class Replica(Protocol):
    async def ready(self) -> bool: ...

    async def converse(self, sender: str, text: str, metadata: dict[str, Any]) -> Replies: ...

    async def turn_taken(self, sender: str, inbox_id: int) -> Replies | None: ...

    async def parse(self, text: str) -> dict[str, Any]: ...

    async def engine_ready(self) -> bool: ...

    async def actions_ready(self) -> bool: ...

    async def aclose(self) -> None: ...


def home_index(sender: str, replicas: int) -> int:
    """The replica a sender belongs to while every replica is up."""
    return zlib.crc32(sender.encode("utf-8")) % replicas


class ReplicatedEngine:
    """The `Engine` port over several replicas (`bot.engine.client.EngineClient` each)."""

    def __init__(self, replicas: Sequence[Replica], *, recheck_seconds: float = 5.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not replicas:
            raise ValueError("at least one engine replica is needed")
        self.replicas = list(replicas)
        self.recheck_seconds = recheck_seconds
        self._clock = clock
        self._down_until = [0.0] * len(self.replicas)

    def is_up(self, index: int) -> bool:
        return self._clock() >= self._down_until[index]

    def mark_down(self, index: int) -> None:
        self._down_until[index] = self._clock() + self.recheck_seconds

    def index_for(self, sender: str) -> int:
        """The sender's home replica if it is up, else the next one that is (the home when all are down)."""
        home = home_index(sender, len(self.replicas))
        for step in range(len(self.replicas)):
            index = (home + step) % len(self.replicas)
            if self.is_up(index):
                return index
        return home

    async def ready(self) -> bool:
        """Whether some replica can take a turn; checks each and takes the failing ones out."""
        any_ready = False
        for index, replica in enumerate(self.replicas):
            if await replica.ready():
                self._down_until[index] = 0.0
                any_ready = True
            else:
                self.mark_down(index)
        return any_ready

    async def converse(self, sender: str, text: str, metadata: dict[str, Any]) -> Replies:
        index = self.index_for(sender)
        try:
            return await self.replicas[index].converse(sender, text, metadata)
        except EngineUnavailable:
            self.mark_down(index)  # the worker retries the message later, on the next replica up
            raise

    async def turn_taken(self, sender: str, inbox_id: int) -> Replies | None:
        index = self.index_for(sender)
        try:
            return await self.replicas[index].turn_taken(sender, inbox_id)  # every replica reads the shared tracker
        except EngineUnavailable:
            self.mark_down(index)
            raise

    async def parse(self, text: str) -> dict[str, Any]:
        """The classifier's reading of a text (no conversation): from the first replica that is up."""
        for index, replica in enumerate(self.replicas):
            if self.is_up(index):
                try:
                    return await replica.parse(text)
                except EngineUnavailable:
                    self.mark_down(index)
        raise EngineUnavailable("no engine replica is up to parse")

    async def engine_ready(self) -> bool:
        """For /healthz: whether some engine answers with a model loaded."""
        return any([await replica.engine_ready() for replica in self.replicas])

    async def actions_ready(self) -> bool:
        return any([await replica.actions_ready() for replica in self.replicas])

    async def aclose(self) -> None:
        for replica in self.replicas:
            await replica.aclose()
