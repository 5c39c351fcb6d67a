"""A burst of 500 signed SMS while the gateway and the engine are killed: none lost, none processed twice.

Real processes (engine, action server, gateway) on loopback; Twilio's REST API is the fake on
loopback. Twilio itself does not retry an SMS webhook that got no answer; a request refused while
the gateway is down is re-sent by this test after the restart (what a fallback URL would do), and
the claim is that every acknowledged message is processed exactly once.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from bot.demo import load_demo
from bot.settings import Settings
from bot.store.db import Database
from bot.store.models import InboxMessage, OutboxMessage, Ticket
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio
from tests.integration.stack import Stack, free_port

pytestmark = pytest.mark.engine
PUBLIC = "https://grid.example.org"
FROM = "+15005550006"
TOTAL = 500
TEXTS = ["你好", "路灯坏了好几天了", "小区门口井盖不见了", "楼道里堆满了杂物", "谢谢"]


class SmsStack(Stack):
    def __init__(self, *args, twilio_url: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.twilio_url = twilio_url

    def wait_until_healthy(self, timeout: float = 480.0) -> None:
        # The engine takes ~60 s to load alone, several minutes on 2 cores shared with a training run.
        super().wait_until_healthy(timeout)

    def env(self) -> dict[str, str]:
        return {**super().env(), "PUBLIC_BASE_URL": PUBLIC, "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
                "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_FROM_NUMBER": FROM, "TWILIO_API_BASE_URL": self.twilio_url,
                "SMS_RATE_PER_SECOND": "500", "INBOX_LEASE_SECONDS": "30", "OUTBOX_LEASE_SECONDS": "10",
                "OUTBOX_BACKOFF_SECONDS": "0.5", "TELEGRAM_BOT_TOKEN": ""}


@pytest.fixture(scope="module")
def sms_stack(tmp_path_factory: pytest.TempPathFactory, trained_model: Path) -> Iterator[tuple[SmsStack, FakeTwilio]]:
    twilio = FakeTwilio().start()
    tmp = tmp_path_factory.mktemp("stack-sms")
    engine_port, actions_port, gateway_port = free_port(), free_port(), free_port()
    settings = Settings(var_dir=tmp / "var", database_url=f"sqlite:///{tmp / 'var' / 'gridbot.db'}",
                        gateway_port=gateway_port, engine_port=engine_port, actions_port=actions_port,
                        engine_url=f"http://127.0.0.1:{engine_port}", actions_url=f"http://127.0.0.1:{actions_port}",
                        inbox_backoff_seconds=0.5, _env_file=None)
    db = Database(settings.resolved_database_url)
    db.migrate()
    load_demo(db)
    db.dispose()
    stack = SmsStack(settings=settings, model=trained_model, workdir=tmp, twilio_url=twilio.url)
    try:
        stack.start()
        yield stack, twilio
    finally:
        stack.stop()
        twilio.stop()


def signed_post(client: httpx.Client, gateway: str, n: int) -> bool:
    params = {"MessageSid": f"SMburst{n:04d}", "AccountSid": ACCOUNT_SID, "From": f"+86139{70000000 + n:08d}",
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


def counts(db: Database) -> tuple[int, int, int]:
    with db.session() as s:
        done = s.scalar(select(func.count()).select_from(InboxMessage).where(InboxMessage.status == "done"))
        total = s.scalar(select(func.count()).select_from(InboxMessage))
        unsent = s.scalar(select(func.count()).select_from(OutboxMessage)
                          .where(OutboxMessage.status.in_(("pending", "sending"))))
    return int(done or 0), int(total or 0), int(unsent or 0)


def test_killing_the_gateway_and_the_engine_during_a_burst_of_500_loses_none_and_duplicates_none(sms_stack):
    stack, twilio = sms_stack
    gateway, engine = stack.processes["gateway"], stack.processes["engine"]
    db = Database(stack.settings.resolved_database_url)
    refused = burst(stack.gateway_url, list(range(0, 200)))
    time.sleep(1.0)  # the worker is now part-way through the backlog
    gateway.kill()
    engine.kill()
    refused += burst(stack.gateway_url, list(range(200, 250)))  # nobody listening: refused, not lost
    gateway.start()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the gateway acks while the engine is still down
        try:
            if httpx.get(f"{stack.gateway_url}/healthz", timeout=2).status_code in (200, 503):
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    refused = burst(stack.gateway_url, refused + list(range(250, 400)))
    engine.start()
    refused = burst(stack.gateway_url, refused + list(range(400, TOTAL)))
    assert refused == []
    stack.wait_until_healthy()
    deadline = time.monotonic() + 420
    while time.monotonic() < deadline:
        done, total, unsent = counts(db)
        if done == TOTAL and unsent == 0:
            break
        time.sleep(1)
    done, total, unsent = counts(db)
    assert (total, done, unsent) == (TOTAL, TOTAL, 0), f"gateway log:\n{gateway.tail()}"
    with db.session() as s:
        outbox = s.execute(select(OutboxMessage.id, OutboxMessage.status, OutboxMessage.provider_id,
                                  OutboxMessage.recipient)).all()
        tickets = Counter(s.scalars(select(Ticket.source_message_id).where(Ticket.source_message_id.isnot(None))))
    db.dispose()
    assert {status for _, status, _, _ in outbox} <= {"sent", "suppressed"}
    assert all(n == 1 for n in tickets.values())  # a re-processed message never makes a second ticket
    # Every sender got its replies, each sent once: the fake saw each outbox row's send exactly once.
    sids = Counter(m["sid"] for m in twilio.sent)
    provider_ids = {pid for _, status, pid, _ in outbox if status == "sent"}
    assert set(sids) == provider_ids
    on_the_wire = Counter((m["To"], m["Body"]) for m in twilio.sent)
    assert max(on_the_wire.values()) == 1, [k for k, v in on_the_wire.items() if v > 1][:5]
    senders = {f"+86139{70000000 + n:08d}" for n in range(TOTAL)}
    assert {m["To"] for m in twilio.sent} == senders
