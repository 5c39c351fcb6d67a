"""WeCom for staff through the gateway and the worker, with WeCom's API faked on loopback
(tests/fakes/wecom.py) and the engine faked at its HTTP boundary (it echoes)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import select

from bot.channels.wecom.steps import NOT_LINKED
from bot.store.channel_models import WeComMember
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import Person
from tests.channels.conftest import drive, with_fake_providers
from tests.conftest import RESIDENT, WORKER
from tests.fakes.wecom import AES_KEY, AGENT_ID, CORP_ID, SECRET, TOKEN, FakeWeCom, Member

TICKET_URL = "https://grid.example.org/workbench/tickets/{number}"


@pytest.fixture(scope="module")
def wecom_server() -> Iterator[FakeWeCom]:
    fake = FakeWeCom().start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_wecom(wecom_server: FakeWeCom) -> FakeWeCom:
    wecom_server.reset()
    return wecom_server


@pytest.fixture
def channel_settings(settings, fake_twilio, fake_telegram, fake_wecom):
    return with_fake_providers(settings, fake_twilio, fake_telegram).model_copy(update={
        "wecom_corp_id": CORP_ID, "wecom_agent_id": AGENT_ID, "wecom_secret": SecretStr(SECRET),
        "wecom_token": SecretStr(TOKEN), "wecom_encoding_aes_key": SecretStr(AES_KEY),
        "wecom_api_base_url": fake_wecom.base_url, "wecom_ticket_url": TICKET_URL, "wecom_member_per_minute": 3,
        "wecom_rate_per_second": 1000.0, "privacy_notice": False})


@pytest.fixture
def member(clock) -> Member:
    return Member("lisi", now=clock.now().timestamp())


async def post(gateway: httpx.AsyncClient, member: Member, xml: str, **kwargs) -> httpx.Response:
    query, body = member.request(xml, **kwargs)
    return await gateway.post(f"/channels/wecom?{query}", content=body)


async def test_the_url_check_answers_the_decrypted_echostr_only_when_signed(gateway, member):
    good = await gateway.get("/channels/wecom", params=member.url_check("echo-42"))
    assert (good.status_code, good.text) == (200, "echo-42")
    bad = await gateway.get("/channels/wecom", params=member.url_check("echo-42", token="another"))
    assert bad.status_code == 403 and "echo-42" not in bad.text


async def test_a_callback_signed_with_another_token_is_refused(gateway, services, member):
    response = await post(gateway, member, member.text("收到 T1023"), token="another")
    assert response.status_code == 403
    with services.db.session() as s:
        assert s.scalar(select(InboxMessage.id)) is None


async def test_a_staff_members_message_is_read_as_their_number_and_the_reply_goes_back_to_wecom(
        demo_db, gateway, services, member, fake_wecom, fake_engine):
    fake_wecom.mobiles["lisi"] = "13700000001"  # the grid worker's number, as WeCom holds it
    for _ in range(3):  # WeCom's retries
        assert (await post(gateway, member, member.text("收到 T1023", msg_id=55))).text == "success"
    await drive(services)
    # A command with a ticket number is the staff desk's, as the worker's own number (bot/app/steps.py), before
    # the engine: it looked T1023 up for him (the demo holds none) and answered back on WeCom.
    assert fake_engine.turns == []
    [sent] = fake_wecom.sent
    assert sent["textcard"]["description"] == "没有找到工单T1023，请核对单号。"
    assert sent["touser"] == "lisi" and sent["agentid"] == AGENT_ID
    assert sent["msgtype"] == "textcard" and sent["textcard"]["url"] == TICKET_URL.format(number="T1023")
    with services.db.session() as s:
        assert s.scalar(select(WeComMember.phone).where(WeComMember.userid == "lisi")) == WORKER
        assert s.scalar(select(Person.preferred_channel).where(Person.phone == WORKER)) == "wecom"


async def test_a_member_who_is_no_staff_member_is_told_to_ask_for_a_link(demo_db, gateway, services, fake_wecom,
                                                                        fake_engine, clock):
    outsider = Member("someone", now=clock.now().timestamp())
    fake_wecom.mobiles["someone"] = RESIDENT.removeprefix("+86")  # a resident, not staff
    await post(gateway, outsider, outsider.text("我的工单"))
    await drive(services)
    assert fake_engine.turns == []
    assert [m["text"]["content"] for m in fake_wecom.sent] == [NOT_LINKED]


def notice(services, clock, text: str) -> None:
    with services.db.session() as s:
        s.add(OutboxMessage(channel="wecom", recipient=WORKER, text=text, kind="notification",
                            created_at=clock.now(), next_attempt_at=clock.now()))


async def test_past_the_per_minute_limit_a_message_waits_instead_of_being_dropped(demo_db, services, fake_wecom,
                                                                                  clock):
    fake_wecom.mobiles["lisi"] = "13700000001"
    with services.db.session() as s:
        s.add(WeComMember(userid="lisi", phone=WORKER))
    for n in range(4):  # one at a time: no burst to digest
        notice(services, clock, f"通知{n}")
        await drive(services)
    assert [m["text"]["content"] for m in fake_wecom.sent] == ["通知0", "通知1", "通知2"]
    clock.advance(minutes=1, seconds=1)
    await drive(services)
    assert [m["text"]["content"] for m in fake_wecom.sent][-1] == "通知3"
    assert fake_wecom.token_fetches == 1


async def test_a_burst_to_one_member_goes_as_one_numbered_digest(demo_db, services, fake_wecom, clock):
    fake_wecom.mobiles["lisi"] = "13700000001"
    with services.db.session() as s:
        s.add(WeComMember(userid="lisi", phone=WORKER))
    for n in range(5):
        notice(services, clock, f"工单T10{n}1 通知{n}")
    await drive(services)
    [digest] = fake_wecom.sent
    assert digest["msgtype"] == "text"  # a digest is no single ticket's card
    assert digest["text"]["content"].startswith("【汇总】1. 工单T1001 通知0\n2. 工单T1011 通知1")
    assert "5. 工单T1041 通知4" in digest["text"]["content"]
    with services.db.session() as s:
        statuses = [r.status for r in s.scalars(select(OutboxMessage).order_by(OutboxMessage.id))]
    assert statuses == ["sent", "suppressed", "suppressed", "suppressed", "suppressed"]
