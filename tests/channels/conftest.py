"""Gateways wired to fake providers on loopback and a fake engine at its HTTP boundary."""

from __future__ import annotations

import json
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from twilio.request_validator import RequestValidator

from bot.app.gateway import create_app
from bot.app.services import Services, build_services
from bot.common.address_cipher import conversation_cipher
from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.engine.client import EngineClient
from tests.fakes.telegram import TOKEN, FakeTelegram
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio
from tests.fakes.wechat import AES_KEY, APP_ID, APP_SECRET, FakeWeChat
from tests.fakes.wechat import TOKEN as WECHAT_TOKEN

PUBLIC = "https://grid.example.org"
WEBHOOK_SECRET = "s3cret_Header-token"
FROM_NUMBER = "+15005550006"


@pytest.fixture
def fake_twilio(twilio_server: FakeTwilio) -> FakeTwilio:
    twilio_server.sent.clear()
    twilio_server.media.clear()
    twilio_server.failures.clear()
    twilio_server.failures_for.clear()
    twilio_server.media_requests = twilio_server.list_requests = 0
    return twilio_server


@pytest.fixture
def fake_telegram(telegram_server: FakeTelegram) -> FakeTelegram:
    telegram_server.calls.clear()
    telegram_server.files.clear()
    telegram_server.updates.clear()
    telegram_server.file_downloads = 0
    return telegram_server


@pytest.fixture(scope="module")
def wechat_server() -> Iterator[FakeWeChat]:
    """The Official Account's API, faked on loopback (tests/fakes/wechat.py); `fake_wechat` resets it per test."""
    fake = FakeWeChat().start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_wechat(wechat_server: FakeWeChat) -> FakeWeChat:
    wechat_server.reset()
    return wechat_server


def wechat_settings(settings: Settings, wechat: FakeWeChat, *, aes_key: str = AES_KEY) -> Settings:
    """`settings` with the Official Account configured against the fake (safe mode with `aes_key`)."""
    return settings.model_copy(update={
        "wechat_app_id": APP_ID, "wechat_app_secret": SecretStr(APP_SECRET), "wechat_token": SecretStr(WECHAT_TOKEN),
        "wechat_encoding_aes_key": SecretStr(aes_key), "wechat_api_base_url": wechat.base_url,
        "wechat_rate_per_second": 1000.0, "privacy_notice": False})


class FakeEngine:
    """Rasa's REST channel, its tracker endpoint and the action server's health, at the HTTP boundary:
    answers each turn with an echo of what it was given, so tests see text and metadata arrive, and
    keeps each sender's tracker events as Rasa 3.6 serialises them (`user` with the turn's metadata,
    `bot` with `data`), so a worker can ask whether a turn was taken.

    The engine knows each conversation by an opaque id only; the fake opens it, as the action server
    does, so tests name senders by address (`turns[…]["sender"]`, `tracker_reads`). A plain address where
    an id belongs fails the turn (`NotSealed`)."""

    def __init__(self) -> None:
        self.conversations = conversation_cipher(Settings(_env_file=None).phone_encryption_key.get_secret_value())
        self.turns: list[dict[str, Any]] = []
        self.replies: list[dict[str, Any]] | None = None
        self.up = True
        self.events: dict[str, list[dict[str, Any]]] = {}
        self.tracker_reads: list[str] = []  # the senders whose tracker was asked for
        self.tracker_status = 200  # e.g. 500: the tracker store is failing
        self.lost_answers = 0  # turns taken whose answer never reaches the client (it timed out)
        self.parsed: list[str] = []  # texts parsed (/model/parse), not turns

    def handler(self, request: httpx.Request) -> httpx.Response:
        if not self.up:
            raise httpx.ConnectError("engine down", request=request)
        if request.url.path == "/status":
            return httpx.Response(200, json={"model_file": "models/test.tar.gz"})
        if request.url.path == "/health":
            return httpx.Response(200, json={"status": "ok"})
        if request.url.path == "/webhooks/rest/webhook":
            body = json.loads(request.content)
            body = {**body, "conversation": body["sender"], "sender": self.conversations.open(body["sender"])}
            self.turns.append(body)
            replies = self.replies if self.replies is not None else [{"recipient_id": body["conversation"],
                                                                      "text": f"收到：{body['message']}"}]
            self.events.setdefault(body["sender"], []).extend(_turn_events(body, replies))
            if self.lost_answers:
                self.lost_answers -= 1
                raise httpx.ReadTimeout("the turn outlasted the client's timeout", request=request)
            return httpx.Response(200, json=replies)
        tracker = re.fullmatch(r"/conversations/(.+)/tracker", request.url.raw_path.decode().split("?")[0])
        if tracker and request.method == "GET":
            sender = self.conversations.open(tracker.group(1))  # Rasa's server takes the path as it is, undecoded
            self.tracker_reads.append(sender)
            if self.tracker_status != 200:
                return httpx.Response(self.tracker_status, json={"status": "failure"})
            return httpx.Response(200, json={"sender_id": sender, "events": self.events.get(sender, [])})
        if request.url.path == "/model/parse":  # the dialogue step asks what a follow-up is
            text = json.loads(request.content).get("text", "")
            self.parsed.append(text)
            return httpx.Response(200, json={"text": text, "intent": {"name": "nlu_fallback", "confidence": 0.3}})
        return httpx.Response(404)


def _turn_events(body: dict[str, Any], replies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A turn as Rasa 3.6 keeps it in the tracker (UserUttered / BotUttered `as_dict`)."""
    user = {"event": "user", "timestamp": 1.0, "metadata": body.get("metadata") or {}, "text": body["message"],
            "parse_data": {"intent": {"name": "echo"}, "entities": []}, "input_channel": "rest"}
    listen = {"event": "action", "timestamp": 1.0, "name": "action_listen"}
    bots = [{"event": "bot", "timestamp": 1.0, "text": reply.get("text"), "metadata": {},
             "data": {"elements": None, "quick_replies": None, "buttons": reply.get("buttons"),
                      "attachment": reply.get("image"), "image": reply.get("image"), "custom": reply.get("custom")}}
            for reply in replies]
    return [user, {"event": "action", "timestamp": 1.0, "name": "utter_echo"}, *bots, listen]


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine()


def with_fake_providers(settings: Settings, twilio: FakeTwilio, telegram: FakeTelegram) -> Settings:
    """`settings` with Twilio and Telegram configured against the fakes, and a public URL (so
    Telegram's webhook route exists): every channel router is mounted."""
    return settings.model_copy(update={
        "public_base_url": PUBLIC,
        "twilio_account_sid": ACCOUNT_SID, "twilio_auth_token": _secret(AUTH_TOKEN),
        "twilio_from_number": FROM_NUMBER, "twilio_api_base_url": twilio.url,
        "telegram_bot_token": _secret(TOKEN), "telegram_webhook_secret": _secret(WEBHOOK_SECRET),
        "telegram_api_base_url": telegram.base_url, "telegram_file_base_url": telegram.base_file_url,
        "telegram_rate_per_second": 1000.0, "telegram_chat_interval_seconds": 0.0,
        "sms_rate_per_second": 1000.0,
    })


@pytest.fixture
def channel_settings(settings: Settings, fake_twilio: FakeTwilio, fake_telegram: FakeTelegram) -> Settings:
    # These tests count sends; the notice's own: test_privacy_notice.py
    return with_fake_providers(settings, fake_twilio, fake_telegram).model_copy(update={"privacy_notice": False})


def _secret(value: str):
    from pydantic import SecretStr

    return SecretStr(value)


@pytest.fixture
async def services(channel_settings: Settings, fake_engine: FakeEngine, clock: FakeClock) -> AsyncIterator[Services]:
    # These tests take the engine down and up between two messages: the worker asks every time
    # instead of trusting a recent answer (tests/test_engine_client.py covers that).
    engine = EngineClient(channel_settings.engine_url, channel_settings.actions_url,
                          transport=httpx.MockTransport(fake_engine.handler), ready_seconds=0)
    built = build_services(channel_settings, clock, engine=engine)
    yield built
    await built.aclose()


@pytest.fixture
async def gateway(services: Services) -> AsyncIterator[httpx.AsyncClient]:
    """The gateway app in-process (workers are driven by hand with `drive`)."""
    app = create_app(services, run_workers=False)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=PUBLIC) as client:
        yield client


def sign(url: str, params: dict[str, str]) -> str:
    return RequestValidator(AUTH_TOKEN).compute_signature(url, params)


def sms_params(sid: str, sender: str, body: str, **extra: str) -> dict[str, str]:
    return {"MessageSid": sid, "SmsSid": sid, "AccountSid": ACCOUNT_SID, "From": sender, "To": FROM_NUMBER,
            "Body": body, "NumMedia": "0", **extra}


async def post_sms(client: httpx.AsyncClient, params: dict[str, str], *, path: str = "/channels/twilio/sms",
                   signed_url: str | None = None, signature: str | None = None) -> httpx.Response:
    headers = {}
    sig = signature if signature is not None else sign(signed_url or PUBLIC + path, params)
    if sig:
        headers["X-Twilio-Signature"] = sig
    return await client.post(path, data=params, headers=headers)


async def drive(services: Services, rounds: int = 3) -> None:
    """Run the inbound worker and the outbox dispatcher until there is nothing left to do."""
    from bot.messaging.dispatcher import OutboxDispatcher
    from bot.messaging.worker import InboundWorker

    worker = InboundWorker(services.inbox, services.engine, steps=services.kit.steps, name="test-worker",
                           max_chars=services.settings.inbound_max_chars)
    dispatcher = OutboxDispatcher(services.outbox, services.channels, policies=services.kit.policies,
                                  limiter=services.kit.limiter, name="test-dispatcher")
    for _ in range(rounds):
        while await worker.run_once():
            pass
        while await dispatcher.run_once():
            pass
