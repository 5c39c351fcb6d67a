"""The simulator is for simulator identities on this machine, not a backdoor into real people's
conversations: loopback or its token, never a number that is someone's on SMS or Telegram, client
ids scoped to their sender, and bad input answered with a 422 that renders and logs nothing."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from bot.app.gateway import create_app
from bot.app.services import Services, build_services
from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.core.registry import link_telegram
from bot.engine.client import EngineClient
from bot.store.message_models import InboxMessage
from tests.channels.conftest import PUBLIC, FakeEngine, drive, post_sms, sms_params
from tests.conftest import RESIDENT, STRANGER, VILLAGER, WORKER

SIM = "/channels/simulator"
OTHER_MACHINE = ("192.0.2.10", 1234)
TOKEN = "sim-token-for-tests"
SECRET_TEXT = "三号楼的秘密路灯"  # must never show in a log line


@pytest.fixture
def channel_settings(channel_settings: Settings) -> Settings:
    """No waiting for replies: tests drive the worker themselves, then ask again."""
    return channel_settings.model_copy(update={"simulator_wait_seconds": 0})


Opener = Callable[..., contextlib.AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def gateway_as(channel_settings: Settings, fake_engine: FakeEngine, clock: FakeClock) -> Opener:
    """A gateway on changed settings, called from a given client address."""

    @contextlib.asynccontextmanager
    async def opened(client: tuple[str, int] = ("127.0.0.1", 123), **changes: Any) -> AsyncIterator[httpx.AsyncClient]:
        settings = Settings(**{**channel_settings.model_dump(), **changes}, _env_file=None)  # type: ignore[arg-type]
        engine = EngineClient(settings.engine_url, settings.actions_url,
                              transport=httpx.MockTransport(fake_engine.handler), ready_seconds=0)
        built = build_services(settings, clock, engine=engine)
        try:
            app = create_app(built, run_workers=False)
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=client),
                                         base_url=PUBLIC) as http:
                yield http
        finally:
            await built.aclose()

    return opened


def stored(services: Services) -> int:
    with services.db.session() as s:
        return s.scalar(select(func.count()).select_from(InboxMessage)) or 0


def bearer(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_the_backdoor_from_a_non_loopback_address_is_closed_and_stores_nothing(gateway_as, services,
                                                                                    demo_db):
    async with gateway_as(client=OTHER_MACHINE) as other:
        posted = await other.post(SIM, json={"from": WORKER, "text": "T1001 已办结"})
        read = await other.get(f"{SIM}/outbox", params={"to": RESIDENT})
        listed = await other.get(f"{SIM}/identities")
    assert [r.status_code for r in (posted, read, listed)] == [403, 403, 403]
    assert stored(services) == 0


async def test_another_machine_needs_the_simulator_token_in_development(gateway_as, services, demo_db):
    async with gateway_as(client=OTHER_MACHINE, simulator_token=TOKEN) as other:
        guessed = await other.post(SIM, json={"from": RESIDENT, "text": "你好"}, headers=bearer("guessed"))
        assert guessed.status_code == 403 and stored(services) == 0
        posted = await other.post(SIM, json={"from": RESIDENT, "text": "你好"}, headers=bearer())
    assert posted.status_code == 202
    assert stored(services) == 1


async def test_in_production_the_simulator_and_its_page_are_gone_unless_enabled(gateway_as, services, demo_db):
    async with gateway_as(gridbot_env="production", simulator_enabled=False) as local:
        responses = [await local.post(SIM, json={"from": RESIDENT, "text": "你好"}, headers=bearer()),
                     await local.get("/"), await local.get(f"{SIM}/outbox", params={"to": RESIDENT})]
    assert [r.status_code for r in responses] == [404, 404, 404]
    assert stored(services) == 0


async def test_in_production_the_simulator_wants_its_token_even_from_this_machine_and_shows_no_outbox(
        gateway_as, services, demo_db):
    async with gateway_as(gridbot_env="production", simulator_enabled=True, simulator_token=TOKEN) as local:
        without = await local.post(SIM, json={"from": RESIDENT, "text": "你好"})
        with_token = await local.post(SIM, json={"from": RESIDENT, "text": "你好"}, headers=bearer())
        outbox = await local.get(f"{SIM}/outbox", params={"to": RESIDENT}, headers=bearer())
    assert (without.status_code, with_token.status_code, outbox.status_code) == (403, 202, 404)
    assert stored(services) == 1


async def test_the_simulator_never_writes_as_or_reads_for_a_registered_sms_worker(gateway, services, demo_db):
    assert (await post_sms(gateway, sms_params("SM1", WORKER, "你好"))).status_code == 200
    await drive(services)  # the worker wrote by SMS: SMS is now where they are reached
    posted = await gateway.post(SIM, json={"from": WORKER, "text": "T1001 已办结"})
    read = await gateway.get(f"{SIM}/outbox", params={"to": WORKER})
    assert (posted.status_code, read.status_code) == (403, 403)
    assert stored(services) == 1  # the SMS alone


async def test_the_simulator_never_writes_as_a_number_that_texted_by_sms_unregistered(gateway, services, demo_db):
    assert (await post_sms(gateway, sms_params("SM1", STRANGER, "路灯坏了"))).status_code == 200
    posted = await gateway.post(SIM, json={"from": STRANGER, "text": "不报了"})
    read = await gateway.get(f"{SIM}/outbox", params={"to": STRANGER})
    assert (posted.status_code, read.status_code) == (403, 403)


async def test_the_simulator_never_writes_as_a_person_linked_to_telegram(gateway, services, demo_db):
    with services.db.session() as s:
        link_telegram(s, 4242, VILLAGER)
    posted = await gateway.post(SIM, json={"from": VILLAGER, "text": "1"})
    assert posted.status_code == 403
    assert stored(services) == 0


async def test_a_demo_identity_finds_itself_listed_chats_and_reads_its_outbox(gateway, services, demo_db):
    first = await gateway.post(SIM, json={"from": RESIDENT, "text": "你好", "id": "c1"})
    assert first.status_code == 202
    await drive(services)
    again = await gateway.post(SIM, json={"from": RESIDENT, "text": "你好", "id": "c1"})
    assert again.json() == {"message_id": first.json()["message_id"], "status": "done", "replies": ["收到：你好"]}
    read = await gateway.get(f"{SIM}/outbox", params={"to": RESIDENT})
    assert read.status_code == 200 and [m["text"] for m in read.json()] == ["收到：你好"]
    listed = await gateway.get(f"{SIM}/identities")
    assert RESIDENT in [i["phone"] for i in listed.json()]


async def test_a_client_id_reused_by_another_sender_does_not_return_their_replies(gateway, services, demo_db):
    mine = await gateway.post(SIM, json={"from": RESIDENT, "text": SECRET_TEXT, "id": "same-id"})
    await drive(services)
    theirs = await gateway.post(SIM, json={"from": STRANGER, "text": "你好", "id": "same-id"})
    assert theirs.json()["message_id"] != mine.json()["message_id"]
    assert SECRET_TEXT not in theirs.text
    await drive(services)
    again = await gateway.post(SIM, json={"from": STRANGER, "text": "你好", "id": "same-id"})
    assert again.json()["replies"] == ["收到：你好"]


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
async def test_a_coordinate_that_is_not_a_finite_number_gets_a_422_that_renders_and_logs_nothing(
        gateway, services, caplog, number):
    caplog.set_level(logging.DEBUG)
    body = f'{{"from": "{RESIDENT}", "text": "{SECRET_TEXT}", "lat": {number}, "lon": 103.3}}'
    response = await gateway.post(SIM, content=body.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "lat"]
    assert SECRET_TEXT not in response.text and SECRET_TEXT not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert stored(services) == 0


@pytest.mark.parametrize("field", ["text", "from", "id"])
async def test_a_lone_surrogate_gets_a_422_that_renders_and_logs_nothing(gateway, services, caplog, field):
    caplog.set_level(logging.DEBUG)
    fields = {"from": f'"{RESIDENT}"', "text": f'"{SECRET_TEXT}"', "id": '"c1"'}
    fields[field] = fields[field][:-1] + '\\ud800"'
    body = "{" + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}"
    response = await gateway.post(SIM, content=body.encode(), headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]
    assert SECRET_TEXT not in response.text and SECRET_TEXT not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert stored(services) == 0



async def test_the_place_sent_after_an_emergency_goes_onto_it_before_the_engine(gateway, services, fake_engine,
                                                                               demo_db, clock):
    from bot.core import reports
    from bot.core.emergencies import PLACE_THANKS
    from bot.store.models import Ticket
    from tests.core.helpers import RULES, make_report

    with services.db.session() as s:
        number = reports.submit(s, clock, make_report("着火了", category="fire_safety", emergency=True),
                                RULES).ticket.number
    assert (await gateway.post(SIM, json={"from": RESIDENT, "text": "5栋2单元302"})).status_code in (200, 202)
    await drive(services)
    assert fake_engine.turns == []  # read as the answer to "where?", not as a new report
    with services.db.session() as s:
        assert s.scalar(select(Ticket.place_text).where(Ticket.number == number)) == "5栋2单元302"
    sent = [m.text for m in services.outbox.to_recipient(RESIDENT, "simulator")]
    assert PLACE_THANKS.format(place="5栋2单元302") in sent


async def test_a_nul_character_is_stored_as_a_replacement_character_not_a_database_error(gateway, services):
    response = await gateway.post(SIM, json={"from": RESIDENT, "text": "路灯\u0000坏了", "id": "c\u00001"})
    assert response.status_code == 202
    with services.db.session() as s:
        row = s.scalar(select(InboxMessage))
        assert (row.text, row.external_id) == ("路灯\ufffd坏了", f"{RESIDENT}:c\ufffd1")
