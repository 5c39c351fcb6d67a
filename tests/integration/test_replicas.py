"""Replicas (issue 23): two engines, two action servers, two gateways and two workers on PostgreSQL and Redis,
started exactly as `bin/bot run` starts them (bot/app/stack.py). 50 senders send 10 numbered messages each,
alternating between the gateways; one engine is killed by PID mid-run and not restarted. Every message is
answered, none is taken twice by the engines, and every sender's replies come in the order of its messages.

Needs PostgreSQL and Redis on loopback (skipped, saying why, when either is missing) and the trained model.
"""

from __future__ import annotations

import json
import os
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, func, select, text

from bot.app.stack import stack_programs
from bot.common.settings import Settings
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from tests.conftest import PostgresTemplates, drop_postgres_database
from tests.engine_ext.test_lock_store import redis_unavailable
from tests.integration.stack import Process, free_run
from tests.waiting import eventually_sync

pytestmark = [pytest.mark.engine,
              pytest.mark.skipif(redis_unavailable() is not None, reason=f"needs Redis: {redis_unavailable()}")]

SENDERS = [f"+86139888{n:05d}" for n in range(50)]
MESSAGES = 10
REDIS_DB = 13
LOAD_TIMEOUT = 600.0


@dataclass
class Replicated:
    settings: Settings
    processes: dict[str, Process]

    def gateway(self, index: int) -> str:
        return f"http://127.0.0.1:{self.settings.gateway_port + index}"

    def healthy(self) -> bool:
        for process in self.processes.values():
            if process.popen and process.popen.poll() is not None:
                raise RuntimeError(f"{process.name} exited:\n{process.tail()}")
        try:
            return all(httpx.get(f"{self.gateway(i)}/healthz", timeout=2).status_code == 200 for i in range(2))
        except httpx.HTTPError:
            return False


def environment(settings: Settings, lock_store_url: str) -> dict[str, str]:
    return {**os.environ, "VAR_DIR": str(settings.var_dir), "DATABASE_URL": settings.database_url,
            "GATEWAY_HOST": "127.0.0.1", "GATEWAY_PORT": str(settings.gateway_port),
            "ENGINE_PORT": str(settings.engine_port), "ACTIONS_PORT": str(settings.actions_port),
            "ACTIONS_URL": settings.actions_url, "ENGINE_REPLICAS": "2", "ACTIONS_REPLICAS": "2",
            "GATEWAY_REPLICAS": "2", "WORKER_REPLICAS": "2", "LOCK_STORE_URL": lock_store_url,
            "ENGINE_AUTH_TOKEN": "replica-test-token", "SIMULATOR_WAIT_SECONDS": "0",
            "INBOX_BACKOFF_SECONDS": "0.5", "ENGINE_TIMEOUT_SECONDS": "20", "TICKET_LOCK_LIFETIME": "25",
            "PRIVACY_NOTICE": "false", "PYTHONUNBUFFERED": "1"}


@pytest.fixture(scope="module")
def replicated(tmp_path_factory: pytest.TempPathFactory, trained_model: Path, postgres_server: str,
               postgres_templates: PostgresTemplates) -> Iterator[Replicated]:
    name, url = postgres_templates.copy("demo")
    workdir = tmp_path_factory.mktemp("replicas")
    lock_store_url = f"redis://127.0.0.1:6379/{REDIS_DB}"
    engine_port, actions_port, gateway_port = free_run(2), free_run(2), free_run(2)
    settings = Settings(_env_file=None, var_dir=workdir / "var", database_url=url, engine_port=engine_port,
                        actions_port=actions_port, gateway_port=gateway_port,
                        actions_url=f"http://127.0.0.1:{actions_port}", engine_replicas=2, actions_replicas=2,
                        gateway_replicas=2, worker_replicas=2, lock_store_url=lock_store_url)
    env = environment(settings, lock_store_url)
    processes = {p.name: Process(p.name, list(p.command), dict(p.env), workdir / f"{p.name}.log")
                 for p in stack_programs(settings, trained_model, env)}
    stack = Replicated(settings, processes)
    try:
        for process in processes.values():
            process.start()
        eventually_sync(stack.healthy, timeout=LOAD_TIMEOUT, interval=0.5)
        yield stack
    finally:
        for process in processes.values():
            process.terminate()
        for process in processes.values():
            process.wait_or_kill()
        drop_postgres_database(postgres_server, name)


def send_all(stack: Replicated, sender: str) -> None:
    """A sender's messages in order, each stored before the next is sent, through both gateways in turn."""
    with httpx.Client(timeout=30) as client:
        for n in range(MESSAGES):
            response = client.post(f"{stack.gateway(n % 2)}/channels/simulator",
                                   json={"from": sender, "text": f"你好 {n + 1}"})
            assert response.status_code in (200, 202), response.text


def test_killing_one_engine_of_two_mid_run_loses_no_message_runs_none_twice_and_keeps_each_sender_s_order(
        replicated: Replicated):
    db = Database(replicated.settings.resolved_database_url)
    started = time.monotonic()
    killed_at: list[float] = []

    def replies() -> int:
        with db.session() as s:
            return s.scalar(select(func.count()).select_from(OutboxMessage)
                            .where(OutboxMessage.recipient.in_(SENDERS))) or 0

    def kill_midway() -> None:
        eventually_sync(lambda: replies() >= 120, timeout=LOAD_TIMEOUT, interval=0.2)
        replicated.processes["engine-1"].kill()  # SIGKILL to its process group, not restarted
        killed_at.append(time.monotonic())

    killer = threading.Thread(target=kill_midway)
    killer.start()
    with ThreadPoolExecutor(max_workers=25) as pool:
        list(pool.map(lambda s: send_all(replicated, s), SENDERS))
    killer.join()

    def all_done() -> bool:
        with db.session() as s:
            statuses = Counter(s.scalars(select(InboxMessage.status).where(InboxMessage.sender.in_(SENDERS))))
        assert "parked" not in statuses, statuses
        return statuses == Counter({"done": len(SENDERS) * MESSAGES})

    eventually_sync(all_done, timeout=LOAD_TIMEOUT, interval=0.5)
    finished = time.monotonic()

    with db.session() as s:
        inbox = {m.id: m.sender for m in s.scalars(select(InboxMessage).where(InboxMessage.sender.in_(SENDERS)))}
        rows = s.execute(select(OutboxMessage.id, OutboxMessage.reply_to_id, OutboxMessage.recipient)
                         .where(OutboxMessage.reply_to_id.in_(inbox)).order_by(OutboxMessage.id)).all()
    answered = {reply_to for _, reply_to, _ in rows}
    assert answered == set(inbox), f"{len(set(inbox) - answered)} messages never answered"
    order: dict[str, list[int]] = defaultdict(list)
    for _, reply_to, recipient in rows:
        order[recipient].append(reply_to)
    for sender, replied_to in order.items():
        assert replied_to == sorted(replied_to), f"{sender}'s replies out of order: {replied_to}"

    # Each message reached the engines once: one user event per inbox id in the shared tracker store.
    tracker = create_engine(replicated.settings.resolved_tracker_store_url.replace("postgresql://",
                                                                                   "postgresql+psycopg://"))
    with tracker.connect() as conn:
        data = conn.execute(text("SELECT data FROM events WHERE type_name = 'user'")).scalars().all()
    tracker.dispose()
    turns = Counter((json.loads(d).get("metadata") or {}).get("inbox_id") for d in data)
    twice = {inbox_id: n for inbox_id, n in turns.items() if inbox_id in inbox and n > 1}
    assert not twice, f"turns taken twice: {twice}"
    assert set(inbox) <= set(turns)
    print(f"\nreplicas: {len(inbox)} messages, engine-1 killed {killed_at[0] - started:.1f} s in, "
          f"all answered {finished - started:.1f} s after the start")
