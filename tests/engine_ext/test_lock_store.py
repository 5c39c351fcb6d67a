"""AtomicRedisLockStore (engine_ext/lock_store.py): one conversation is never in two turns at once.

Two processes in the engine's environment (tests/engine_ext/lock_race_probe.py) take the same conversation's
lock round after round, starting each round together. With Rasa's stock RedisLockStore they overlap or lose
tickets (a waiter then hangs until its ticket expires); with ours, neither ever happens. Needs Redis on
127.0.0.1:6379 and no model.
"""

from __future__ import annotations

import json
import os
import secrets
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = ROOT / "tests" / "engine_ext" / "lock_race_probe.py"
REDIS_DB = 14


def redis_unavailable() -> str | None:
    import socket

    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return None if conn.recv(16).startswith(b"+PONG") else "Redis on 127.0.0.1:6379 did not answer PING"
    except OSError as exc:
        return f"Redis is not running on 127.0.0.1:6379 ({exc})"


def race(store: str, rounds: int, patience: float) -> list[dict[str, int]]:
    """Two probes racing for one conversation's lock; what each saw."""
    prefix = "race" + secrets.token_hex(4)
    command = [str(ROOT / "bin" / "venv"), "engine", "python", str(PROBE), store, str(REDIS_DB), prefix,
               str(rounds), "2", str(patience)]
    probes = [subprocess.Popen(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = []
    for probe in probes:
        out, err = probe.communicate(timeout=600)
        assert probe.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


pytestmark = pytest.mark.skipif(redis_unavailable() is not None, reason=str(redis_unavailable()))


def test_two_engines_taking_one_conversation_s_lock_together_never_overlap_nor_lose_a_ticket():
    results = race("atomic", rounds=80, patience=10)
    assert [r["rounds"] for r in results] == [80, 80]
    assert [(r["overlaps"], r["errors"]) for r in results] == [(0, 0), (0, 0)]


def test_the_race_is_real_rasa_s_stock_redis_lock_store_overlaps_or_loses_tickets_in_the_same_harness():
    # The stock store's race needs the two probes' rounds to coincide; on a machine loaded by other work they
    # may not in one batch of 20 (a full CI run under load once saw none), so up to three batches are raced.
    seen = 0
    for _ in range(3):
        seen += sum(r["overlaps"] + r["errors"] for r in race("stock", rounds=20, patience=1))
        if seen:
            break
    assert seen > 0
