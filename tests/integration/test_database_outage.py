"""A database outage loses no SMS: a burst of signed Twilio SMS at ~10/s through a real gateway process
while its PostgreSQL server is stopped for ~20 s and started again, none lost and none stored twice.

Twilio does not retry an SMS webhook, so every one answered 500 would be gone (98 of 300 were, before
the spool). The server is a private cluster of this test's own (tests/integration/postgres_cluster.py):
the shared one serves other tests. During the outage the gateway is also SIGKILLed and started again,
so the spool a dead gateway left is replayed by the next. No engine and no worker: the claim is about
the inbox (stored, pending), and `/healthz` says degraded throughout, with the spool's depth.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from bot.common.settings import ROOT
from bot.store.db import Database
from bot.store.message_models import InboxMessage
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN
from tests.integration import postgres_cluster
from tests.integration.postgres_cluster import PostgresCluster
from tests.integration.stack import Process, free_port

pytestmark = pytest.mark.postgres
PUBLIC = "https://grid.example.org"
FROM = "+15005550006"
TEXT = "小区门口井盖不见了"
RATE = 10.0  # SMS per second, as in the finding
SENDERS = 12


def sender(n: int) -> str:
    return f"+86139{80000000 + n % SENDERS:08d}"


def sid(n: int) -> str:
    return f"SMoutage{n:04d}"


@pytest.fixture(scope="module")
def cluster() -> Iterator[PostgresCluster]:
    reason = postgres_cluster.unavailable()
    if reason:
        pytest.skip(reason)
    server = PostgresCluster().init()
    try:
        server.start()
        yield server
    finally:
        server.destroy()


def post(client: httpx.Client, gateway: str, n: int) -> int:
    params = {"MessageSid": sid(n), "AccountSid": ACCOUNT_SID, "From": sender(n), "To": FROM, "Body": TEXT,
              "NumMedia": "0"}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC + "/channels/twilio/sms", params)
    try:
        return client.post(f"{gateway}/channels/twilio/sms", data=params, headers={"X-Twilio-Signature": signature},
                           timeout=15).status_code
    except httpx.HTTPError:
        return 0


def send(gateway: str, numbers: range) -> dict[int, int]:
    """Post these messages at RATE per second, each at its time; the HTTP status of each (0: no answer)."""
    start = time.monotonic()

    def at_its_time(client: httpx.Client, index: int, n: int) -> int:
        time.sleep(max(0.0, start + index / RATE - time.monotonic()))
        return post(client, gateway, n)

    with httpx.Client() as client, ThreadPoolExecutor(8) as pool:
        statuses = list(pool.map(lambda pair: at_its_time(client, *pair), enumerate(numbers)))
    return dict(zip(numbers, statuses, strict=True))


def health(gateway: str) -> dict | None:
    try:
        return httpx.get(f"{gateway}/healthz", timeout=5).json()
    except httpx.HTTPError:
        return None


def wait_for(condition: Callable[[], object], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout}s")
        time.sleep(0.1)


def test_a_database_outage_during_a_burst_of_signed_sms_loses_none_and_stores_none_twice(cluster: PostgresCluster,
                                                                                           tmp_path: Path):
    url = cluster.create_database("gridbot")
    Database(url).migrate()
    port = free_port()
    gateway_url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": url, "GATEWAY_HOST": "127.0.0.1",
           "GATEWAY_PORT": str(port), "PUBLIC_BASE_URL": PUBLIC, "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
           "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_FROM_NUMBER": FROM, "TELEGRAM_BOT_TOKEN": "",
           "ENGINE_URL": f"http://127.0.0.1:{free_port()}", "ACTIONS_URL": f"http://127.0.0.1:{free_port()}",
           "PYTHONUNBUFFERED": "1"}
    gateway = Process("gateway", [str(ROOT / "bin" / "bot"), "gateway"], env, tmp_path / "gateway.log")
    statuses: dict[int, int] = {}
    try:
        gateway.start()
        wait_for(lambda: health(gateway_url) is not None, timeout=120)
        statuses |= send(gateway_url, range(0, 80))
        cluster.stop()
        stopped = time.monotonic()
        statuses |= send(gateway_url, range(80, 180))
        during = health(gateway_url)
        gateway.kill()  # SIGKILL while its spool holds messages
        left = sorted((tmp_path / "var" / "spool").glob("seg-*.jsonl"))
        gateway.start()
        wait_for(lambda: health(gateway_url) is not None, timeout=120)
        after_restart = health(gateway_url)
        statuses |= send(gateway_url, range(180, 220))
        cluster.start()
        outage = time.monotonic() - stopped
        statuses |= send(gateway_url, range(220, 300))
        wait_for(lambda: (health(gateway_url) or {}).get("database") == "ok", timeout=120)
        wait_for(lambda: (health(gateway_url) or {}).get("spool", 0) == 0, timeout=120)
        final = health(gateway_url)
    finally:
        gateway.stop()
    log = gateway.tail(400)

    assert outage >= 12.0  # at least the finding's
    refused = {n: s for n, s in statuses.items() if s != 200}
    assert refused == {}, f"{len(refused)} of {len(statuses)} not answered 200: {refused}\n{log}"
    assert during is not None and (during["database"], during["spool"]) == ("down", 100)
    assert left, "the killed gateway left no spool segment"
    assert after_restart is not None and after_restart["spool"] == 100  # the dead gateway's, found at start
    assert final is not None and final["database"] == "ok"
    database = Database(url)
    try:
        with database.engine.connect() as conn:
            rows = conn.execute(select(InboxMessage.external_id, InboxMessage.sender, InboxMessage.text)
                                .order_by(InboxMessage.id)).all()
    finally:
        database.dispose()
    stored = [row.external_id for row in rows]
    assert sorted(stored) == [sid(n) for n in range(300)]  # none lost, none twice
    assert all(row.text == TEXT for row in rows)
    by_sender: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        by_sender[row.sender].append(row.external_id)
    assert all(ids == sorted(ids) for ids in by_sender.values())  # each sender's messages in the order sent
    assert TEXT not in log  # message texts stay out of the logs
