"""Crashes lose nothing: a burst of 500 signed SMS while the gateway, the worker and the engine are
killed, none lost and none processed twice; a simulator message sent while the engine is down is
answered once it is back; a report the bot was asking about before the crash goes on after it.

Real processes (engine, action server, gateway, worker) on loopback; Twilio's REST API is the fake on
loopback. The engine and the action server are the session's SQLite stack; the gateway and the worker
are this module's own, configured for SMS, in place of the stack's. Loading the model is the slow part
of the integration tests, so the three claims share one crash: `crash` runs it once and records what
was seen, and each test checks its claim. Twilio itself does not retry an SMS webhook that got no
answer; a request refused while the gateway is down is re-sent by this test after the restart (what a
fallback URL would do), and the claim is that every acknowledged message is processed exactly once.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import Ticket
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio
from tests.integration.stack import Stack

pytestmark = pytest.mark.engine
PUBLIC = "https://grid.example.org"
FROM = "+15005550006"
TOTAL = 500
TEXTS = ["你好", "路灯坏了好几天了", "小区门口井盖不见了", "楼道里堆满了杂物", "谢谢"]
CALLER = "+8613900000025"  # 幸福社区第2网格, used by no other test: writes while the engine is down
HALFWAY = "+8613999990001"  # unknown: the bot asks where before the crash, the answer comes after it
# The engine takes ~60 s to load alone, several minutes on 2 cores shared with a training run.
ENGINE_LOAD_TIMEOUT = 480.0
POLL = 0.1


@dataclass
class Crash:
    stack: Stack
    twilio: FakeTwilio
    asked_before: list[str] = field(default_factory=list)
    health_while_down: dict[str, Any] = field(default_factory=dict)
    sent_while_down: int = 0  # HTTP status of CALLER's message
    message_id: int = 0
    status_while_down: str = ""
    refused: list[int] = field(default_factory=list)
    counts: tuple[int, int, int] = (0, 0, 0)  # burst done, burst total, unsent outbox rows
    outbox: list[Any] = field(default_factory=list)  # (id, status, provider_id, channel) since the start
    tickets: Counter[int] = field(default_factory=Counter)  # source message → tickets, since the start
    sent_sms: list[dict[str, str]] = field(default_factory=list)
    log: str = ""


def sender(n: int) -> str:
    return f"+86139{70000000 + n:08d}"


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


def burst(gateway: str, numbers: list[int]) -> list[int]:
    """Post these messages (8 at a time); returns the ones not acknowledged."""
    with httpx.Client() as client, ThreadPoolExecutor(8) as pool:
        acked = list(pool.map(lambda n: signed_post(client, gateway, n), numbers))
    return [n for n, ok in zip(numbers, acked, strict=True) if not ok]


def last_ids(db: Database) -> tuple[int, int, int]:
    """The newest inbox, outbox and ticket ids before the crash: the shared database already holds
    other tests' rows; everything after these is this module's."""
    with db.session() as s:
        return (int(s.scalar(select(func.max(InboxMessage.id))) or 0),
                int(s.scalar(select(func.max(OutboxMessage.id))) or 0),
                int(s.scalar(select(func.max(Ticket.id))) or 0))


def counts(db: Database, since: tuple[int, int, int]) -> tuple[int, int, int]:
    inbox, outbox, _ = since
    with db.session() as s:
        burst_rows = (select(func.count()).select_from(InboxMessage)
                      .where(InboxMessage.id > inbox, InboxMessage.external_id.like("SMburst%")))
        done = s.scalar(burst_rows.where(InboxMessage.status == "done"))
        total = s.scalar(burst_rows)
        unsent = s.scalar(select(func.count()).select_from(OutboxMessage)
                          .where(OutboxMessage.id > outbox, OutboxMessage.status.in_(("pending", "sending"))))
    return int(done or 0), int(total or 0), int(unsent or 0)


def status_of(db: Database, message_id: int) -> str:
    with db.session() as s:
        return s.get(InboxMessage, message_id).status


def wait_for(condition: Callable[[], bool], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(POLL)


def gateway_answers(url: str) -> bool:
    try:
        return httpx.get(f"{url}/healthz", timeout=2).status_code in (200, 503)
    except httpx.HTTPError:
        return False


def run_crash(stack: Stack, twilio: FakeTwilio, db: Database) -> Crash:
    seen = Crash(stack, twilio)
    engine = stack.processes["engine"]
    # Where processing runs in its own worker process, it dies with the gateway (as it did in the gateway).
    crashed = [p for name, p in stack.processes.items() if name in ("gateway", "worker")]
    since = last_ids(db)
    seen.asked_before = stack.say(HALFWAY, "路灯坏了好几天了没人修").json()["replies"]
    refused = burst(stack.gateway_url, list(range(0, 200)))
    wait_for(lambda: counts(db, since)[0] > 0, timeout=60)  # the worker is now part-way through the backlog
    for process in crashed:
        process.kill()
    engine.kill()
    refused += burst(stack.gateway_url, list(range(200, 250)))  # nobody listening: refused, not lost
    for process in crashed:
        process.start()
    wait_for(lambda: gateway_answers(stack.gateway_url), timeout=60)  # it acks while the engine is still down
    seen.health_while_down = httpx.get(f"{stack.gateway_url}/healthz", timeout=10).json()
    sent = stack.say(CALLER, "小区门口的井盖不见了")
    seen.sent_while_down, seen.message_id = sent.status_code, sent.json()["message_id"]
    seen.status_while_down = status_of(db, seen.message_id)
    refused = burst(stack.gateway_url, refused + list(range(250, 400)))
    engine.start()
    seen.refused = burst(stack.gateway_url, refused + list(range(400, TOTAL)))
    stack.wait_until_healthy(ENGINE_LOAD_TIMEOUT)
    wait_for(lambda: counts(db, since)[::2] == (TOTAL, 0), timeout=420)
    seen.counts = counts(db, since)
    with db.session() as s:
        seen.outbox = list(s.execute(select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.provider_id,
                                            OutboxMessage.channel).where(OutboxMessage.id > since[1])))
        seen.tickets = Counter(s.scalars(select(Ticket.source_message_id)
                                         .where(Ticket.id > since[2], Ticket.source_message_id.isnot(None))))
    seen.sent_sms = list(twilio.sent)
    seen.log = "\n".join(f"--- {p.name}\n{p.tail()}" for p in crashed)
    return seen


@pytest.fixture(scope="module")
def crash(stack: Stack) -> Iterator[Crash]:
    twilio = FakeTwilio().start()
    sms_env = {"PUBLIC_BASE_URL": PUBLIC, "TWILIO_ACCOUNT_SID": ACCOUNT_SID, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
               "TWILIO_FROM_NUMBER": FROM, "TWILIO_API_BASE_URL": twilio.url, "SMS_RATE_PER_SECOND": "500",
               "INBOX_LEASE_SECONDS": "30", "OUTBOX_LEASE_SECONDS": "10", "OUTBOX_BACKOFF_SECONDS": "0.5",
               "TELEGRAM_BOT_TOKEN": ""}
    db = Database(stack.settings.resolved_database_url)
    try:
        with stack.gateway_with(sms_env, timeout=ENGINE_LOAD_TIMEOUT):
            yield run_crash(stack, twilio, db)
    finally:
        db.dispose()
        twilio.stop()


def test_killing_the_gateway_and_the_engine_during_a_burst_of_500_loses_none_and_duplicates_none(crash: Crash):
    assert crash.refused == []
    done, total, unsent = crash.counts
    assert (total, done, unsent) == (TOTAL, TOTAL, 0), crash.log
    assert {status for _, status, _, _ in crash.outbox} <= {"sent", "suppressed"}
    assert all(n == 1 for n in crash.tickets.values())  # a re-processed message never makes a second ticket
    # Every sender got its replies, each sent once: the fake saw each outbox row's send exactly once
    # (a reply in flight when the worker died is looked up at Twilio before it is sent again).
    sids = Counter(m["sid"] for m in crash.sent_sms)
    assert set(sids) == {pid for _, status, pid, channel in crash.outbox if status == "sent" and channel == "sms"}
    on_the_wire = Counter((m["To"], m["Body"]) for m in crash.sent_sms)
    assert max(on_the_wire.values()) == 1, [k for k, v in on_the_wire.items() if v > 1][:5]
    assert {m["To"] for m in crash.sent_sms} == {sender(n) for n in range(TOTAL)}


def test_a_message_sent_while_the_engine_is_down_is_answered_after_it_returns(crash: Crash):
    assert crash.health_while_down["engine"] == "down"
    assert crash.sent_while_down == 202
    assert crash.status_while_down == "pending"  # stored, not lost
    db = Database(crash.stack.settings.resolved_database_url)
    try:
        wait_for(lambda: status_of(db, crash.message_id) == "done", timeout=60)
        assert status_of(db, crash.message_id) == "done"
    finally:
        db.dispose()
    replies = [m["text"] for m in crash.stack.outbox(CALLER) if m["kind"] == "reply"]
    assert any(re.search(r"T\d{4,}", text) for text in replies)


def test_a_half_finished_report_goes_on_after_the_engine_crash(crash: Crash):
    assert "哪" in crash.asked_before[0]
    [reply] = crash.stack.say(HALFWAY, "民族路").json()["replies"]
    assert re.search(r"T\d{4,}", reply), reply
