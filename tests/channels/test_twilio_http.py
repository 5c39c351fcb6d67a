"""The Twilio channel's HTTP client: aiohttp on the dispatcher's loop, against the fake Twilio and
against servers that refuse or never answer."""

import asyncio
import socket
import time
from datetime import UTC, datetime, timedelta

import pytest

from bot.channels.twilio import TwilioChannel
from bot.channels.twilio.http import environ_proxy
from bot.messaging.ports import SendError
from tests.channels.conftest import FROM_NUMBER
from tests.conftest import RESIDENT, STRANGER
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN


def channel(base_url: str, timeout: float = 10.0) -> TwilioChannel:
    return TwilioChannel(ACCOUNT_SID, AUTH_TOKEN, FROM_NUMBER, status_callback=None, api_base_url=base_url,
                         timeout=timeout)


async def test_it_sends_with_the_account_credentials_and_returns_the_message_sid(fake_twilio):
    sms = channel(fake_twilio.url)
    try:
        sid = await sms.send(RESIDENT, "路灯已修好。", {})
    finally:
        await sms.aclose()
    assert sid and sid.startswith("SM")
    assert fake_twilio.bodies_to(RESIDENT) == ["路灯已修好。"]


async def test_a_wrong_auth_token_is_a_permanent_error(fake_twilio):
    sms = TwilioChannel(ACCOUNT_SID, "not-the-token", FROM_NUMBER, status_callback=None,
                        api_base_url=fake_twilio.url)
    try:
        with pytest.raises(SendError) as refused:
            await sms.send(RESIDENT, "你好", {})
    finally:
        await sms.aclose()
    assert refused.value.permanent


async def test_an_unreachable_twilio_is_an_error_worth_retrying():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sms = channel(f"http://127.0.0.1:{port}")
    try:
        with pytest.raises(SendError) as failed:
            await sms.send(RESIDENT, "你好", {})
        with pytest.raises(SendError) as not_asked:  # whether a message in doubt went out: ask again later
            await sms.find_sent(RESIDENT, "你好", datetime.now(UTC))
    finally:
        await sms.aclose()
    assert not failed.value.permanent and not not_asked.value.permanent


async def test_it_finds_a_message_sent_earlier_by_its_text_and_number(fake_twilio):
    sms = channel(fake_twilio.url)
    try:
        before = datetime.now(UTC)
        sid = await sms.send(RESIDENT, "路灯已修好。", {})
        await sms.send(STRANGER, "路灯已修好。", {})
        found = await sms.find_sent(RESIDENT, "路灯已修好。", before)
        other_text = await sms.find_sent(RESIDENT, "井盖已补上。", before)
        too_early = await sms.find_sent(RESIDENT, "路灯已修好。", before + timedelta(hours=1))
    finally:
        await sms.aclose()
    assert (found, other_text, too_early) == (sid, None, None)


async def test_a_twilio_that_never_answers_times_out_as_an_error_worth_retrying():
    done = asyncio.Event()

    async def accept_and_say_nothing(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read(65536)
        await done.wait()
        writer.close()

    server = await asyncio.start_server(accept_and_say_nothing, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    sms = channel(f"http://127.0.0.1:{port}", timeout=0.3)
    started = time.monotonic()
    try:
        with pytest.raises(SendError) as failed:
            await sms.send(RESIDENT, "你好", {})
    finally:
        await sms.aclose()
        done.set()
        server.close()
        await server.wait_closed()
    assert not failed.value.permanent
    assert time.monotonic() - started < 5


def test_the_proxy_comes_from_the_environment_unless_no_proxy_exempts_the_host(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    assert environ_proxy("https://api.twilio.com") == "http://proxy.example:3128"
    assert environ_proxy("http://127.0.0.1:8080") is None
    monkeypatch.delenv("HTTPS_PROXY")
    assert environ_proxy("https://api.twilio.com") is None
