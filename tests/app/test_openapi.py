"""The gateway's OpenAPI schema is true: schemathesis generates requests for every operation it
declares, valid and invalid by it (a bounded, deterministic run), and every answer is no 5xx, with a
declared status code, content type and body.

The gateway runs in-process with every router mounted (the simulator, Twilio, Telegram with a public
URL, Open311 with a key) on a copy of the demo database, on an event loop of the test's own
(`asyncio.Runner`): its lifespan is entered once and each generated request is sent to it with httpx,
from an address that is not this machine's. Most requests carry what the checks want (the simulator's
token, Telegram's secret, Twilio's signature over what is sent, an Open311 key with every scope), so
they reach the code behind the checks; one in five carries nothing, so the refusals are checked
against the schema too.

On SQLite and on PostgreSQL, like every database test: the HTTP edge is the same code on both, but
what the database refuses is not (PostgreSQL's text refuses a NUL character that SQLite stores; this
test found the webhooks answering 500 for it on PostgreSQL only).

schemathesis's pytest plugin (`schemathesis.pytest.from_fixture`) does not run on pytest 9.2 (it sets
the node's `_nodeid`, which pytest 9.2 no longer has), so each operation's strategy is run with
Hypothesis here, one subtest per operation.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Iterator
from urllib.parse import parse_qsl

import httpx
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from pydantic import SecretStr
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from twilio.request_validator import RequestValidator

from bot.app.gateway import create_app
from bot.app.services import build_services
from bot.app.worker_process import heartbeat_path
from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.engine.client import EngineClient
from bot.store.db import Database
from tests.channels.conftest import PUBLIC, WEBHOOK_SECRET, FakeEngine, with_fake_providers
from tests.conftest import RESIDENT, STRANGER, WORKER
from tests.fakes.telegram import FakeTelegram
from tests.fakes.twilio import AUTH_TOKEN, FakeTwilio

EXAMPLES_PER_OPERATION = 50
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
SIMULATOR_TOKEN = "fuzz-simulator-token"
OPEN311_KEY = "fuzz-key"
ANOTHER_MACHINE = ("203.0.113.7", 50000)  # not loopback: the simulator wants its token
STRANGER_EVERY = 5

# Values mixed into what is generated (schemathesis's fuzz dictionaries). Numbers, so that requests
# get past "not a phone number": demo people, a number nobody has, foreign and malformed ones. Text
# that has broken things somewhere: NUL (PostgreSQL's text refuses it), replacement, bidi and
# combining characters, markup, SQL, control characters; bound to the fields that are stored or
# searched. Moments at the ends of the calendar, and past them once in UTC.
NUMBERS = [RESIDENT, WORKER, STRANGER, "13900000002", "0086 139 0000 0003", "+1 500 555 0006", "not a number"]
NASTY = ["\x00", "路灯\x00坏了", "\ufffd", "\u202e右到左", "e\u0301\u0301", "'; DROP TABLE tickets; --",
         "<script>alert(1)</script>", "%00", "../../etc/passwd", "\r\n", "\t", "𠮷野家", "T1001,T1002"]
DATES = ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00:00+01:00",
         "2026-11-01T08:00:00+08:00"]
TEXT_FIELDS = ["body.text", "body.id", "body.MessageSid", "body.Body", "body.MessageStatus", "body.ErrorCode",
               "body.message.text", "body.message.caption", "body.callback_query.id", "body.callback_query.data",
               "body.description", "body.address_string", "body.address_id", "body.device_id",
               "query.service_request_id", "query.service_code", "query.status", "path.photo_id"]
CONFIG = {
    "dictionaries": {"numbers": {"values": NUMBERS}, "nasty": {"values": NASTY}, "dates": {"values": DATES},
                     "tickets": {"values": ["T1001", "T1002", "T9999"]}},
    "parameters": {
        **{field: {"dictionary": "numbers", "probability": 0.7}
           for field in ("body.from", "query.to", "body.From", "body.phone")},
        **{field: {"dictionary": "nasty", "probability": 0.3} for field in TEXT_FIELDS},
        **{field: {"dictionary": "dates", "probability": 0.5} for field in ("query.start_date", "query.end_date")},
        "path.request_id": {"dictionary": "tickets", "probability": 0.5},
    },
}


class InProcessGateway:
    """The gateway app on an event loop of its own, its lifespan entered; `send` makes one request."""

    def __init__(self, settings: Settings) -> None:
        engine = EngineClient(settings.engine_url, settings.actions_url,
                              transport=httpx.MockTransport(FakeEngine().handler))
        self.services = build_services(settings, FakeClock(), engine=engine)
        self.app = create_app(self.services, run_workers=False)
        self.settings = settings
        self.sent = 0
        self.runner = asyncio.Runner()
        self.lifespan = self.app.router.lifespan_context(self.app)
        self.client = httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app, client=ANOTHER_MACHINE),
                                        base_url=PUBLIC)
        self.runner.run(self.lifespan.__aenter__())

    def close(self) -> None:
        try:
            self.runner.run(self.client.aclose())
            self.runner.run(self.lifespan.__aexit__(None, None, None))
        finally:
            self.runner.close()
            gc.unfreeze()  # the lifespan froze what was loaded (bot/app/gc_pauses.py)

    def send(self, case: schemathesis.Case) -> httpx.Response:
        """The case as schemathesis would send it (requests prepares it), with the credentials its
        route wants unless this one goes as a stranger. A 5xx raises the app's own exception."""
        self.sent += 1
        authorised = self.sent % STRANGER_EVERY != 0
        if authorised and case.path.startswith("/open311/"):  # the key goes where the spec puts it
            if case.method == "POST" and isinstance(case.body, dict):
                case.body = {**case.body, "api_key": OPEN311_KEY}
            elif case.method == "GET":
                case.query = {**(case.query or {}), "api_key": OPEN311_KEY}
        kwargs = case.as_transport_kwargs(base_url=PUBLIC)
        prepared = requests.Request(**{key: value for key, value in kwargs.items()
                                       if key not in ("timeout", "allow_redirects", "verify", "cert")}).prepare()
        headers = dict(prepared.headers)
        body = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body or b""
        path = httpx.URL(prepared.url).path
        if authorised and path.startswith("/channels/simulator"):
            headers["Authorization"] = f"Bearer {SIMULATOR_TOKEN}"
        elif authorised and path == "/channels/telegram":
            headers["X-Telegram-Bot-Api-Secret-Token"] = WEBHOOK_SECRET
        elif authorised and path.startswith("/channels/twilio/"):
            params = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
            headers["X-Twilio-Signature"] = RequestValidator(AUTH_TOKEN).compute_signature(prepared.url, params)
        heartbeat_path(self.settings).touch()  # a worker is alive (it marks itself every 2 s): /healthz is 200
        return self.runner.run(self.client.request(prepared.method, prepared.url, headers=headers, content=body))


@pytest.fixture
def fuzz_settings(settings: Settings, demo_db: Database, twilio_server: FakeTwilio,
                  telegram_server: FakeTelegram) -> Settings:
    return with_fake_providers(settings, twilio_server, telegram_server).model_copy(update={
        "simulator_token": SecretStr(SIMULATOR_TOKEN), "simulator_wait_seconds": 0.01,
        "open311_api_keys": [SecretStr(f"{OPEN311_KEY}:file+read_private")],
    })


@pytest.fixture
def gateway(fuzz_settings: Settings) -> Iterator[InProcessGateway]:
    running = InProcessGateway(fuzz_settings)
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def gateway_schema(gateway: InProcessGateway) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_dict(gateway.app.openapi(), config=schemathesis.Config.from_dict(CONFIG))


def fuzz(operation: schemathesis.APIOperation, gateway: InProcessGateway) -> None:
    """EXAMPLES_PER_OPERATION requests, valid and invalid by the schema, each answer checked against it."""
    strategy = operation.as_strategy(GenerationMode.POSITIVE) | operation.as_strategy(GenerationMode.NEGATIVE)

    # The requests, not the generation, are what takes time; the same requests every run.
    @given(case=strategy)
    @settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, database=None, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
    def one_request(case: schemathesis.Case) -> None:
        case.validate_response(gateway.send(case), checks=CHECKS)

    one_request()


def test_the_schema_lists_every_route_of_the_gateway_the_twilio_webhooks_too(
        gateway_schema: schemathesis.BaseSchema) -> None:
    assert {result.ok().label for result in gateway_schema.get_all_operations()} == {
        "GET /", "GET /healthz", "POST /channels/simulator", "GET /channels/simulator/outbox",
        "GET /channels/simulator/identities", "POST /channels/twilio/sms", "POST /channels/twilio/status",
        "POST /channels/telegram", "GET /open311/v2/services.{fmt}", "GET /open311/v2/services/{code}.{fmt}",
        "GET /open311/v2/requests.{fmt}", "POST /open311/v2/requests.{fmt}",
        "GET /open311/v2/requests/{request_id}.{fmt}", "GET /open311/v2/media/{photo_id}",
    }


def test_every_operation_answers_as_its_schema_declares_and_never_with_a_5xx(
        gateway: InProcessGateway, gateway_schema: schemathesis.BaseSchema, subtests: pytest.Subtests) -> None:
    for result in gateway_schema.get_all_operations():
        operation = result.ok()
        with subtests.test(operation.label):
            fuzz(operation, gateway)
