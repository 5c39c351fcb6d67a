"""Run in the engine's environment: take one conversation's lock many times, racing another process.

Usage: lock_race_probe.py STORE DB PREFIX ROUNDS PARTIES PATIENCE
  STORE: "stock" (Rasa's RedisLockStore) or "atomic" (engine_ext.lock_store.AtomicRedisLockStore).
Every round starts at the same moment in each process (a barrier in Redis), so the processes ask for a ticket
together. Inside the lock a shared counter is raised and lowered: seeing it above 1 is an overlap, two turns of
one conversation at once. A turn still waiting after PATIENCE seconds (a lost ticket) counts as an error.
Prints {"overlaps": n, "errors": n, "rounds": n} as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any

from rasa.core.lock_store import LockError, RedisLockStore

from engine_ext.lock_store import AtomicRedisLockStore


async def main(store_name: str, db: int, prefix: str, rounds: int, parties: int, patience: float) -> dict[str, int]:
    store_class = AtomicRedisLockStore if store_name == "atomic" else RedisLockStore
    store = store_class(host="127.0.0.1", port=6379, db=db, key_prefix=prefix)
    red = store.red  # the store's own Redis client (redis is Rasa's dependency, not ours)
    overlaps = errors = 0
    for number in range(rounds):
        barrier = f"{prefix}:barrier:{number}"
        red.incr(barrier)
        red.expire(barrier, 120)  # the test leaves nothing behind in Redis for long
        deadline = time.monotonic() + 30
        while int(red.get(barrier) or 0) < parties:
            if time.monotonic() > deadline:
                raise SystemExit(f"the other process never reached round {number}")
            await asyncio.sleep(0.0005)
        try:
            await asyncio.wait_for(turn(store, red, prefix), timeout=patience)
        except TurnOverlapped:
            overlaps += 1
        except (LockError, asyncio.TimeoutError):  # noqa: UP041 (runs on 3.10) a lost ticket leaves a waiter stuck
            errors += 1
    return {"overlaps": overlaps, "errors": errors, "rounds": rounds}


class TurnOverlapped(Exception):
    pass


async def turn(store: RedisLockStore, red: Any, prefix: str) -> None:
    async with store.lock("conversation", lock_lifetime=30, wait_time_in_seconds=0.002):
        inside = red.incr(f"{prefix}:inside")
        red.expire(f"{prefix}:inside", 120)
        try:
            await asyncio.sleep(0.004)
        finally:
            red.decr(f"{prefix}:inside")
        if inside > 1:
            raise TurnOverlapped


if __name__ == "__main__":
    name, db, prefix, rounds, parties, patience = sys.argv[1:7]
    print(json.dumps(asyncio.run(main(name, int(db), prefix, int(rounds), int(parties), float(patience)))))
