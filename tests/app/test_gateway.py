import asyncio
import gc

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import func, select
from twilio.request_validator import RequestValidator

from bot.app.gateway import create_app
from bot.app.services import build_services
from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.store.db import Database
from bot.store.message_models import InboxMessage
from tests.fakes.tcp_proxy import TcpProxy
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN
from tests.waiting import eventually

PUBLIC = "https://grid.example.org"


async def test_the_gateway_freezes_what_it_loaded_before_serving(services):
    gc.unfreeze()
    app = create_app(services, run_workers=False)
    try:
        async with app.router.lifespan_context(app):
            assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


async def post_sms(client: httpx.AsyncClient, n: int) -> httpx.Response:
    params = {"MessageSid": f"SMdown{n:04d}", "AccountSid": ACCOUNT_SID, "From": f"+86139{70000000 + n:08d}",
              "To": "+15005550006", "Body": "路灯坏了好几天了", "NumMedia": "0"}
    signature = RequestValidator(AUTH_TOKEN).compute_signature(PUBLIC + "/channels/twilio/sms", params)
    return await client.post("/channels/twilio/sms", data=params, headers={"X-Twilio-Signature": signature})


async def test_while_the_database_is_unreachable_sms_are_answered_kept_and_stored_once_it_is_back(
        settings: Settings, clock: FakeClock, db: Database):
    if db.is_sqlite:
        pytest.skip("a server outage: SQLite has no server")
    proxy = TcpProxy.before(db.url)
    services = build_services(settings.model_copy(update={
        "database_url": proxy.url_of(db.url), "public_base_url": PUBLIC, "twilio_account_sid": ACCOUNT_SID,
        "twilio_auth_token": SecretStr(AUTH_TOKEN), "twilio_from_number": "+15005550006"}), clock)
    app = create_app(services, run_workers=False)
    try:
        async with app.router.lifespan_context(app), httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url=PUBLIC) as client:
            proxy.cut()
            answers = await asyncio.gather(*(post_sms(client, n) for n in range(30)))
            assert [a.status_code for a in answers] == [200] * 30
            assert all("<Response" in a.text for a in answers)
            health = await client.get("/healthz")
            assert health.status_code == 503
            assert (health.json()["status"], health.json()["database"], health.json()["spool"]) == (
                "degraded", "down", 30)
            proxy.restore()
            await eventually(lambda: services.intake.spooled == 0)
            assert (await client.get("/healthz")).json()["spool"] == 0
    finally:
        gc.unfreeze()
        proxy.stop()
    with db.engine.connect() as conn:
        stored = conn.execute(select(InboxMessage.external_id, func.count()).group_by(InboxMessage.external_id))
        assert dict(stored.all()) == {f"SMdown{n:04d}": 1 for n in range(30)}


async def test_in_production_the_gateway_does_not_publish_its_api_pages(settings, clock):
    from httpx import ASGITransport, AsyncClient

    from bot.app.services import build_services

    production = settings.model_copy(update={"gridbot_env": "production", "simulator_enabled": False})
    services = build_services(production, clock)
    app = create_app(services, run_workers=False)
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://gateway") as client:
        for page in ("/docs", "/redoc", "/openapi.json"):
            assert (await client.get(page)).status_code == 404
    await services.aclose()
