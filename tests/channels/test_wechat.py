"""The WeChat Official Account channel through the gateway and the worker, with WeChat's API faked on
loopback (tests/fakes/wechat.py) and the engine faked at its HTTP boundary (it echoes)."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import func, select

from bot.channels.wechat.steps import GREETING, LOCATION_KEPT, PHOTO_KEPT
from bot.channels.wechat.window import REPLIES_PER_MESSAGE
from bot.common.settings import Settings
from bot.store.channel_models import WeChatIdentity
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import Ticket
from tests.channels.conftest import drive, wechat_settings, with_fake_providers
from tests.conftest import POINT_IN_GRID_1, RESIDENT, WORKER
from tests.fakes.images import jpeg
from tests.fakes.wechat import APP_ID, APP_SECRET, TOKEN, Follower, sign

OPENID = "oFollower_0001"


@pytest.fixture
def channel_settings(settings, fake_twilio, fake_telegram, fake_wechat) -> Settings:
    return wechat_settings(with_fake_providers(settings, fake_twilio, fake_telegram), fake_wechat)


@pytest.fixture
def follower(clock) -> Follower:
    return Follower(OPENID, now=clock.now().timestamp())


async def post(gateway: httpx.AsyncClient, follower: Follower, xml: str, **kwargs) -> httpx.Response:
    query, body = follower.request(xml, **kwargs)
    return await gateway.post(f"/channels/wechat?{query}", content=body, headers={"Content-Type": "text/xml"})


def inbox_rows(services) -> list[InboxMessage]:
    with services.db.session() as s:
        return list(s.scalars(select(InboxMessage).order_by(InboxMessage.id)))


async def test_the_server_url_check_echoes_only_a_correctly_signed_request(gateway, clock):
    ts, nonce = str(int(clock.now().timestamp())), "n1"
    good = await gateway.get("/channels/wechat", params={"signature": sign(TOKEN, ts, nonce), "timestamp": ts,
                                                         "nonce": nonce, "echostr": "echo-123"})
    assert (good.status_code, good.text) == (200, "echo-123")
    for signature, stamp in [(sign("other", ts, nonce), ts), ("", ts), (sign(TOKEN, "1", nonce), "1")]:
        bad = await gateway.get("/channels/wechat", params={"signature": signature, "timestamp": stamp,
                                                            "nonce": nonce, "echostr": "echo-123"})
        assert bad.status_code == 403 and "echo-123" not in bad.text


async def test_a_message_signed_with_another_token_is_refused_and_not_stored(gateway, services, follower):
    response = await post(gateway, follower, follower.text("路灯坏了"), token="notTheToken")
    assert response.status_code == 403
    plain = Follower(OPENID, aes_key=None, now=follower.now)  # the account is in safe mode: plain is refused
    assert (await post(gateway, plain, plain.text("路灯坏了"))).status_code == 403
    assert inbox_rows(services) == []


async def test_a_tampered_encrypted_body_is_refused(gateway, services, follower):
    query, body = follower.request(follower.text("路灯坏了"))
    tampered = body.replace(b"<Encrypt><![CDATA[", b"<Encrypt><![CDATA[AAAA")
    response = await gateway.post(f"/channels/wechat?{query}", content=tampered)
    assert response.status_code == 403
    assert inbox_rows(services) == []


async def test_the_same_msg_id_three_times_makes_one_inbox_row_and_one_reply(gateway, services, follower,
                                                                             fake_engine, fake_wechat):
    xml = follower.text("楼道灯坏了", msg_id=1234567890123)
    for _ in range(3):
        response = await post(gateway, follower, xml)
        assert (response.status_code, response.text) == (200, "success")
    await drive(services)
    [row] = inbox_rows(services)
    assert (row.sender, row.text, row.external_id) == (f"wx:{OPENID}", "楼道灯坏了", "m:1234567890123")
    assert [t["message"] for t in fake_engine.turns] == ["楼道灯坏了"]
    assert fake_wechat.sent == [{"touser": OPENID, "msgtype": "text", "text": {"content": "收到：楼道灯坏了"}}]


async def test_a_subscribe_event_repeated_is_one_greeting(gateway, services, follower, fake_engine, fake_wechat):
    xml = follower.event("subscribe", create_time=1764400000)
    for _ in range(3):
        assert (await post(gateway, follower, xml)).text == "success"
    await post(gateway, follower, follower.event("subscribe", create_time=1764400001))  # a second subscription
    await drive(services)
    assert len(inbox_rows(services)) == 2
    assert [m["text"]["content"] for m in fake_wechat.sent] == [GREETING, GREETING]
    assert fake_engine.turns == []


async def test_plain_mode_works_when_the_account_has_no_key(settings, fake_twilio, fake_telegram, fake_wechat, clock,
                                                            fake_engine):
    from bot.app.gateway import create_app
    from bot.app.services import build_services
    from bot.engine.client import EngineClient

    plain_settings = wechat_settings(with_fake_providers(settings, fake_twilio, fake_telegram), fake_wechat,
                                     aes_key="")
    engine = EngineClient(plain_settings.engine_url, plain_settings.actions_url,
                          transport=httpx.MockTransport(fake_engine.handler), ready_seconds=0)
    services = build_services(plain_settings, clock, engine=engine)
    try:
        app = create_app(services, run_workers=False)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://x") as client:
            plain = Follower(OPENID, aes_key=None, now=clock.now().timestamp())
            assert (await post(client, plain, plain.text("垃圾没人收"))).text == "success"
            await drive(services)
        assert [m["text"]["content"] for m in fake_wechat.sent] == ["收到：垃圾没人收"]
    finally:
        await services.aclose()


async def test_a_token_another_process_replaced_is_refreshed_once_and_the_reply_sent(
        gateway, services, follower, fake_wechat):
    await post(gateway, follower, follower.text("第一句"))
    await drive(services)
    assert fake_wechat.token_fetches == 1
    fake_wechat.invalidate_token()  # 40001 for the token gridbot holds
    await post(gateway, follower, follower.text("第二句"))
    await drive(services)
    assert fake_wechat.token_fetches == 2
    assert [m["text"]["content"] for m in fake_wechat.sent] == ["收到：第一句", "收到：第二句"]


async def test_a_token_still_refused_after_one_refresh_is_not_fetched_again_and_again(
        gateway, services, follower, fake_wechat):
    await post(gateway, follower, follower.text("你好"))
    fake_wechat.stale_answers = 2  # the call and its one retry
    await drive(services, rounds=1)
    assert fake_wechat.token_fetches == 2  # the first token, and one refresh
    with services.db.session() as s:
        row = s.scalar(select(OutboxMessage))
        assert row.status == "pending" and "40001" in row.last_error  # the outbox retries later


async def test_two_processes_share_one_token(services, fake_wechat, clock):
    from bot.channels.wechat import WeChatApi

    first = WeChatApi(services.db, clock, APP_ID, APP_SECRET, base_url=fake_wechat.base_url)
    second = WeChatApi(services.db, clock, APP_ID, APP_SECRET, base_url=fake_wechat.base_url)
    assert first.tokens.get() == second.tokens.get()
    assert fake_wechat.token_fetches == 1
    clock.advance(seconds=7200 - 200)  # inside the early-refresh margin: refreshed once, for both
    assert first.tokens.get() == second.tokens.get() == fake_wechat.valid_token
    assert fake_wechat.token_fetches == 2


def notification(text: str, clock) -> OutboxMessage:
    return OutboxMessage(channel="wechat", recipient=f"wx:{OPENID}", text=text, kind="notification",
                         created_at=clock.now(), next_attempt_at=clock.now())


def link(services, phone: str) -> None:
    with services.db.session() as s:
        s.add(WeChatIdentity(address=f"wx:{OPENID}", phone=phone))


async def test_45015_hands_the_message_to_a_call_from_the_grid_worker_when_there_is_no_template_sms(
        demo_db, gateway, services, follower, fake_wechat):
    link(services, RESIDENT)
    await post(gateway, follower, follower.text("路灯修好了吗"))
    fake_wechat.outside_window.add(OPENID)
    await drive(services)
    assert fake_wechat.sent == []
    with services.db.session() as s:
        reply = s.scalar(select(OutboxMessage).where(OutboxMessage.channel == "wechat"))
        assert reply.status == "dead" and "errcode 45015" in reply.last_error and "call-back task" in reply.last_error
        task = s.scalar(select(Ticket).where(Ticket.reporter_address == f"wx:{OPENID}"))
        assert task.unit.name == "幸福社区第1网格"  # the linked resident's home grid
        assert task.text.startswith("回电：微信消息未送达，收到：路灯修好了吗")
        told = s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == WORKER)).all()
        assert any(task.number in text and "请回电13900000001" in text for text in told)


async def test_outside_the_48_hour_window_nothing_is_tried_at_wechat(demo_db, gateway, services, follower,
                                                                     fake_wechat, clock):
    await post(gateway, follower, follower.text("你好"))
    await drive(services)
    assert len(fake_wechat.sent) == 1
    clock.advance(hours=49)
    with services.db.session() as s:
        s.add(notification("迟到的通知", clock))
    await drive(services)
    assert len(fake_wechat.sent) == 1
    with services.db.session() as s:
        late = s.scalar(select(OutboxMessage).where(OutboxMessage.text == "迟到的通知"))
        assert late.status == "dead" and "no message from the follower in 48 h" in late.last_error
        assert "no phone number linked" in late.last_error


async def test_a_sixth_message_for_one_user_message_is_not_sent_by_wechat(gateway, services, follower, fake_wechat,
                                                                          clock):
    await post(gateway, follower, follower.text("你好"))
    await drive(services)
    with services.db.session() as s:
        for n in range(REPLIES_PER_MESSAGE):
            s.add(notification(f"通知{n}", clock))
    await drive(services)
    assert len(fake_wechat.sent) == REPLIES_PER_MESSAGE  # the reply and four notices
    with services.db.session() as s:
        assert s.scalar(select(OutboxMessage.status).where(OutboxMessage.text == "通知4")) == "dead"


async def test_a_photo_and_a_location_then_text_reach_the_engine_located_with_the_photo(
        gateway, services, follower, fake_engine, fake_wechat):
    fake_wechat.media["MEDIA_1"] = jpeg("wx1")
    lat, lon = POINT_IN_GRID_1
    await post(gateway, follower, follower.location(lat, lon, "阳光小区"))
    await post(gateway, follower, follower.image("MEDIA_1"))
    await post(gateway, follower, follower.image("MEDIA_1"))  # the same media again: one download
    await post(gateway, follower, follower.text("垃圾堆在路边"))
    await drive(services)
    replies = [m["text"]["content"] for m in fake_wechat.sent]
    assert replies[:3] == [LOCATION_KEPT.format(label="（阳光小区）"), PHOTO_KEPT, PHOTO_KEPT]
    [turn] = fake_engine.turns
    assert turn["message"] == "垃圾堆在路边" and (turn["metadata"]["lat"], turn["metadata"]["lon"]) == (lat, lon)
    [photo_id] = turn["metadata"]["photos"]
    assert services.photos.path_of(photo_id).read_bytes() == jpeg("wx1")
    assert fake_wechat.media_downloads == 1


async def test_an_expired_photo_is_parked_and_the_sender_asked_to_send_it_again(gateway, services, follower,
                                                                                 fake_wechat):
    await post(gateway, follower, follower.image("GONE"))
    await drive(services)
    assert [m["text"]["content"] for m in fake_wechat.sent] == ["照片没能收到，请重新发送。"]
    assert inbox_rows(services)[0].status == "parked"


async def test_a_voice_message_goes_on_as_its_recognition_text(gateway, services, follower, fake_engine, fake_wechat):
    await post(gateway, follower, follower.voice("V1", recognition="下水道堵了"))
    await drive(services)
    assert [t["message"] for t in fake_engine.turns] == ["下水道堵了"]
    assert [m["text"]["content"] for m in fake_wechat.sent] == ["收到：下水道堵了"]
    assert fake_wechat.media_downloads == 0


async def test_a_menu_click_reads_as_what_the_resident_would_type(gateway, services, follower, fake_engine):
    await post(gateway, follower, follower.event("CLICK", "STATUS"))
    await drive(services)
    assert [t["message"] for t in fake_engine.turns] == ["查一下我的报事进度"]


async def test_the_window_counts_only_replies_since_the_followers_last_message(services, clock):
    from bot.channels.wechat import WindowTracker

    tracker = WindowTracker(services.db, clock)
    assert not tracker.window(f"wx:{OPENID}").open
    with services.db.session() as s:
        s.add(InboxMessage(channel="wechat", external_id="m:1", sender=f"wx:{OPENID}", text="hi",
                           received_at=clock.now()))
        s.add(OutboxMessage(channel="wechat", recipient=f"wx:{OPENID}", text="old", status="sent",
                            sent_at=clock.now() - timedelta(minutes=1)))
    assert tracker.window(f"wx:{OPENID}").sent_since == 0
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(InboxMessage)) == 1


async def test_without_template_sms_a_follower_is_asked_to_have_their_grid_worker_link_them(
        gateway, services, follower, fake_wechat, fake_engine):
    from bot.channels.wechat.linking import ASK_WORKER

    await post(gateway, follower, follower.text("绑定 13900000001"))
    await post(gateway, follower, follower.text("123456"))  # no code pending: six digits go to the dialogue
    await drive(services)
    assert fake_wechat.sent[0]["text"]["content"] == ASK_WORKER
    assert [t["message"] for t in fake_engine.turns] == ["123456"]


async def test_a_linked_follower_is_the_resident_and_their_notices_come_by_wechat(
        demo_db, gateway, services, follower, fake_wechat, fake_engine, clock):
    from bot.core import notify, registry

    link(services, RESIDENT)
    await post(gateway, follower, follower.text("你好"))
    await drive(services)
    with services.db.session() as s:
        resident = registry.person_by_address(s, f"wx:{OPENID}")
        assert resident is not None and resident.phone == RESIDENT
        assert resident.preferred_channel == "wechat"  # where they last wrote from
        row = notify.notify(s, resident, "工单T1023已办结：路灯换好了。请评价：1 满意 2 基本满意 3 不满意")
        assert (row.channel, row.recipient) == ("wechat", f"wx:{OPENID}")
        row.next_attempt_at = clock.now()  # the core stamps the wall clock
    await drive(services)
    assert [m["text"]["content"][:9] for m in fake_wechat.sent] == ["收到：你好", "工单T1023已办"]
