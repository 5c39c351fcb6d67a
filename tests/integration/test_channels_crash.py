"""A burst of 500 signed SMS while the gateway and the engine are killed: none lost, none processed twice.

Real processes (engine, action server, gateway) on loopback; Twilio's REST API is the fake on
loopback. The engine and the action server are the session's SQLite stack; the gateway is one of
this test's own, configured for SMS, in place of the stack's for the duration. Twilio itself does
not retry an SMS webhook that got no answer; a request refused while the gateway is down is re-sent
by this test after the restart (what a fallback URL would do), and the claim is that every
acknowledged message is processed exactly once.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from bot.store.db import Database
from bot.store.models import InboxMessage, OutboxMessage, Ticket
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio
from tests.integration.stack import Stack

pytestmark = pytest.mark.engine
PUBLIC = "https://grid.example.org"
FROM = "+15005550006"
TOTAL = 500
TEXTS = ["你好", "路灯坏了好几天了", "小区门口井盖不见了", "楼道里堆满了杂物", "谢谢"]
# The engine takes ~60 s to load alone, several minutes on 2 cores shared with a training run.
ENGINE_LOAD_TIMEOUT = 480.0
POLL = 0.1


@pytest.fixture
def sms_stack(stack: Stack) -> Iterator[tuple[Stack, FakeTwilio]]:
    twilio = FakeTwilio().start()
    sms_env = {"PUBLIC_BASE_URL": PUBLIC, "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
               "TWILIO_FROM_NUMBER": FROM, "TWILIO_API_BASE_URL": twilio.url, "SMS_RATE_PER_SECOND": "500",
               "INBOX_LEASE_SECONDS": "30", "OUTBOX_LEASE_SECONDS": "10", "OUTBOX_BACKOFF_SECONDS": "0.5",
               "TELEGRAM_BOT_TOKEN": ""}
    try:
        with stack.gateway_with(sms_env, timeout=ENGINE_LOAD_TIMEOUT):
            yield stack, twilio
    finally:
        twilio.stop()


def signed_post(client: httpx.Client, gateway: str, n: int) -> bool:
    params = {"MessageSid": f"SMburst{n:04d}", "AccountSid": ACCOUNT_SID, "From": sender(n),
              "To": FROM, "Body": TEXTS[n % len(TEXTS)], "NumMedia": "0"}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC + "/channels/twilio/sms", params)
    try:
        response = client.post(f"{gateway}/channels/twilio/sms", data=params,
                               headers={"X-Twilio-Signature": signature}, timeout=15)
    except httpx.HTTPError:
        return False
    return response.status_code == 200


def sender(n: int) -> str:
    return f"+86139{70000000 + n:08d}"


def burst(gateway: str, numbers: list[int]) -> list[int]:
    """Post these messages (8 at a time); returns the ones not acknowledged."""
    with httpx.Client() as client, ThreadPoolExecutor(8) as pool:
        acked = list(pool.map(lambda n: signed_post(client, gateway, n), numbers))
    return [n for n, ok in zip(numbers, acked, strict=True) if not ok]


def last_ids(db: Database) -> tuple[int, int, int]:
    """The newest inbox, outbox and ticket ids before the burst: the shared database already holds
    other tests' rows; everything after these is this test's."""
    with db.session() as s:
        return (int(s.scalar(select(func.max(InboxMessage.id))) or 0),
                int(s.scalar(select(func.max(OutboxMessage.id))) or 0),
                int(s.scalar(select(func.max(Ticket.id))) or 0))


def counts(db: Database, since: tuple[int, int, int]) -> tuple[int, int, int]:
    inbox, outbox, _ = since
    with db.session() as s:
        ours = select(func.count()).select_from(InboxMessage).where(InboxMessage.id > inbox)
        done = s.scalar(ours.where(InboxMessage.status == "done"))
        total = s.scalar(ours)
        unsent = s.scalar(select(func.count()).select_from(OutboxMessage)
                          .where(OutboxMessage.id > outbox, OutboxMessage.status.in_(("pending", "sending"))))
    return int(done or 0), int(total or 0), int(unsent or 0)


def wait_for(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(POLL)


def gateway_answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=2).status_code in (200, 503)
    except httpx.HTTPError:
        return False


def test_killing_the_gateway_and_the_engine_during_a_burst_of_500_loses_none_and_duplicates_none(sms_stack):
    stack, twilio = sms_stack
    gateway, engine = stack.processes["gateway"], stack.processes["engine"]
    # Where processing runs in its own worker process, it dies with the gateway (as it did in the gateway).
    crashed = [p for name, p in stack.processes.items() if name in ("gateway", "worker")]
    db = Database(stack.settings.resolved_database_url)
    since = last_ids(db)
    refused = burst(stack.gateway_url, list(range(0, 200)))
    wait_for(lambda: counts(db, since)[0] > 0, timeout=60)  # the worker is now part-way through the backlog
    for process in crashed:
        process.kill()
    engine.kill()
    refused += burst(stack.gateway_url, list(range(200, 250)))  # nobody listening: refused, not lost
    for process in crashed:
        process.start()
    wait_for(lambda: gateway_answers(stack.gateway_url), timeout=60)  # it acks while the engine is still down
    refused = burst(stack.gateway_url, refused + list(range(250, 400)))
    engine.start()
    refused = burst(stack.gateway_url, refused + list(range(400, TOTAL)))
    assert refused == []
    stack.wait_until_healthy(ENGINE_LOAD_TIMEOUT)
    wait_for(lambda: counts(db, since)[::2] == (TOTAL, 0), timeout=420)
    done, total, unsent = counts(db, since)
    assert (total, done, unsent) == (TOTAL, TOTAL, 0), f"gateway log:\n{gateway.tail()}"
    with db.session() as s:
        outbox = s.execute(select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.provider_id,
                                  OutboxMessage.channel).where(OutboxMessage.id > since[1])).all()
        tickets = Counter(s.scalars(select(Ticket.source_message_id)
                                    .where(Ticket.id > since[2], Ticket.source_message_id.isnot(None))))
    db.dispose()
    assert {status for _, status, _, _ in outbox} <= {"sent", "suppressed"}
    assert all(n == 1 for n in tickets.values())  # a re-processed message never makes a second ticket
    # Every sender got its replies, each sent once: the fake saw each outbox row's send exactly once.
    sids = Counter(m["sid"] for m in twilio.sent)
    provider_ids = {pid for _, status, pid, channel in outbox if status == "sent" and channel == "sms"}
    assert set(sids) == provider_ids
    on_the_wire = Counter((m["To"], m["Body"]) for m in twilio.sent)
    assert max(on_the_wire.values()) == 1, [k for k, v in on_the_wire.items() if v > 1][:5]
    assert {m["To"] for m in twilio.sent} == {sender(n) for n in range(TOTAL)}
