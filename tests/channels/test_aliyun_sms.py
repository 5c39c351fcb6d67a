"""Template SMS through Aliyun, with Aliyun's API faked on loopback (tests/fakes/aliyun_sms.py): sending by
template, the per-number limits, the receipts and replies Aliyun pushes (each may come twice), and the
WeChat fallback that sends one."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta

import pytest
from pydantic import SecretStr
from sqlalchemy import func, select

from bot.channels.aliyun_sms.channel import out_id
from bot.store.channel_models import WeChatIdentity
from bot.store.message_models import InboxMessage, OutboxMessage
from tests.channels.conftest import drive, wechat_settings, with_fake_providers
from tests.channels.test_wechat import OPENID, post
from tests.conftest import RESIDENT
from tests.fakes.aliyun_sms import ACCESS_KEY_ID, ACCESS_KEY_SECRET, CODES, SIGN_NAME, FakeAliyunSms
from tests.fakes.wechat import Follower

CALLBACK = "callback-token-0123456789"
ACKED = "您反映的问题（T1023）李明已接单，正在安排处理。"


@pytest.fixture(scope="module")
def aliyun_server() -> Iterator[FakeAliyunSms]:
    fake = FakeAliyunSms().start()
    yield fake
    fake.stop()


@pytest.fixture
def fake_aliyun(aliyun_server: FakeAliyunSms) -> FakeAliyunSms:
    aliyun_server.reset()
    return aliyun_server


@pytest.fixture
def channel_settings(settings, fake_twilio, fake_telegram, fake_aliyun, fake_wechat):
    configured = with_fake_providers(settings, fake_twilio, fake_telegram).model_copy(update={
        "aliyun_sms_access_key_id": ACCESS_KEY_ID, "aliyun_sms_access_key_secret": SecretStr(ACCESS_KEY_SECRET),
        "aliyun_sms_sign_name": SIGN_NAME, "aliyun_sms_templates": CODES,
        "aliyun_sms_callback_token": SecretStr(CALLBACK), "aliyun_sms_endpoint": fake_aliyun.endpoint,
        "aliyun_sms_per_hour": 2, "aliyun_sms_rate_per_second": 1000.0, "privacy_notice": False})
    return wechat_settings(configured, fake_wechat)


def queue(services, text: str, clock, recipient: str = RESIDENT, **payload) -> None:
    with services.db.session() as s:
        s.add(OutboxMessage(channel="aliyun_sms", recipient=recipient, text=text, kind="notification",
                            payload=payload, created_at=clock.now(), next_attempt_at=clock.now()))


def rows(services) -> list[OutboxMessage]:
    with services.db.session() as s:
        return list(s.scalars(select(OutboxMessage).where(OutboxMessage.channel == "aliyun_sms")
                              .order_by(OutboxMessage.id)))


async def test_a_notice_goes_out_as_its_approved_template_with_its_variables(services, fake_aliyun, clock):
    queue(services, ACKED, clock)
    await drive(services)
    [sent] = fake_aliyun.sent
    assert (sent["PhoneNumbers"], sent["SignName"], sent["TemplateCode"]) == ("13900000001", SIGN_NAME,
                                                                               CODES["ticket_assigned"])
    assert sent["TemplateParam"] == {"number": "T1023", "name": "李明"}
    assert sent["OutId"] == out_id(RESIDENT, ACKED)
    [row] = rows(services)
    assert (row.status, row.provider_id) == ("sent", sent["BizId"])


async def test_free_text_is_never_sent_and_dead_at_once(services, fake_aliyun, clock):
    queue(services, "随便聊聊，今天天气不错", clock)
    await drive(services)
    assert fake_aliyun.sent == []
    [row] = rows(services)
    assert row.status == "dead" and "no approved template" in row.last_error


async def test_a_number_gets_no_more_than_its_hourly_limit_the_rest_waits(services, fake_aliyun, clock):
    for number in ("T1001", "T1002", "T1003"):
        queue(services, f"您反映的问题（{number}）李明已接单，正在安排处理。", clock)
    await drive(services)
    assert len(fake_aliyun.sent) == 2
    waiting = rows(services)[2]
    assert waiting.status == "pending" and waiting.next_attempt_at > clock.now()
    clock.advance(hours=1, seconds=1)
    await drive(services)
    assert len(fake_aliyun.sent) == 3


async def test_aliyuns_own_limit_is_retried_later_and_an_illegal_number_is_not(services, fake_aliyun, clock):
    fake_aliyun.failures += [("isv.BUSINESS_LIMIT_CONTROL", "业务限流"), ("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")]
    queue(services, ACKED, clock)
    queue(services, ACKED.replace("T1023", "T2001"), clock, recipient="+8613900000002")
    await drive(services, rounds=1)
    first, second = rows(services)
    assert first.status == "pending" and "BUSINESS_LIMIT_CONTROL" in first.last_error
    assert second.status == "dead" and "MOBILE_NUMBER_ILLEGAL" in second.last_error


async def test_a_reply_pushed_twice_is_one_message_to_the_engine(gateway, services, fake_engine):
    # Words, not a bare digit: a digit answering no question is asked about before the engine (the dialogue step).
    item = {"phone_number": "13500000001", "send_time": "2026-11-02 17:00:00", "content": "村口路灯坏了",
            "sign_name": SIGN_NAME, "dest_code": "", "sequence_id": 8848}
    for _ in range(2):
        response = await gateway.post(f"/channels/aliyun_sms/reply?token={CALLBACK}", json=[item])
        assert response.json() == {"code": 0, "msg": "成功"}
    await drive(services, rounds=1)
    assert [(t["sender"], t["message"]) for t in fake_engine.turns] == [("+8613500000001", "村口路灯坏了")]
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(InboxMessage)) == 1


@pytest.mark.parametrize("token", ["", "wrong", CALLBACK + "x"])
async def test_a_push_without_the_callback_token_is_refused(gateway, services, token):
    item = {"phone_number": "13500000001", "content": "1", "sequence_id": 1}
    response = await gateway.post(f"/channels/aliyun_sms/reply?token={token}", json=[item])
    assert response.status_code == 403
    with services.db.session() as s:
        assert s.scalar(select(func.count()).select_from(InboxMessage)) == 0


async def test_a_failed_receipt_marks_the_message_undelivered_however_often_it_comes(gateway, services,
                                                                                      fake_aliyun, clock):
    queue(services, ACKED, clock)
    await drive(services)
    receipt = {"phone_number": "13900000001", "success": False, "err_code": "MK:0001",
               "biz_id": fake_aliyun.sent[0]["BizId"], "out_id": fake_aliyun.sent[0]["OutId"]}
    for _ in range(2):
        response = await gateway.post(f"/channels/aliyun_sms/report?token={CALLBACK}", content=json.dumps([receipt]))
        assert response.json()["code"] == 0
    assert rows(services)[0].status == "undelivered"


async def test_a_message_in_doubt_that_aliyun_holds_is_not_sent_again(services, fake_aliyun, clock):
    channel = services.channels["aliyun_sms"]
    await channel.send(RESIDENT, ACKED, {})
    assert await channel.find_sent(RESIDENT, ACKED, clock.now() - timedelta(minutes=5)) == \
        f"outid:{out_id(RESIDENT, ACKED)}"
    assert await channel.find_sent(RESIDENT, "另一条", clock.now() - timedelta(minutes=5)) is None


async def test_outside_wechats_window_a_linked_follower_gets_the_contact_your_grid_worker_sms(
        demo_db, gateway, services, fake_wechat, fake_aliyun, clock):
    follower = Follower(OPENID, now=clock.now().timestamp())
    with services.db.session() as s:
        s.add(WeChatIdentity(address=follower.address, phone=RESIDENT))
    await post(gateway, follower, follower.text("路灯修好了吗"))
    await post(gateway, follower, follower.text("还有楼道灯"))
    fake_wechat.outside_window.add(OPENID)
    await drive(services)
    assert fake_wechat.sent == []
    [sms] = fake_aliyun.sent  # two replies fell back: one SMS a day
    assert sms["TemplateCode"] == CODES["contact_grid_worker"] and sms["PhoneNumbers"] == "13900000001"
    assert sms["TemplateParam"]["phone"] == "13700000001"  # the grid worker's number
    with services.db.session() as s:
        dead = s.scalars(select(OutboxMessage.last_error).where(OutboxMessage.channel == "wechat")).all()
    assert len(dead) == 2 and all("errcode 45015" in reason for reason in dead)
    assert any("template SMS" in reason for reason in dead) and any("last 24 h" in reason for reason in dead)


async def test_a_follower_links_their_number_with_a_one_time_code_sent_by_template_sms(
        gateway, services, fake_wechat, fake_aliyun, fake_engine, clock):
    from bot.channels.wechat.linking import CODE_SENT, LINKED, WRONG

    follower = Follower(OPENID, now=clock.now().timestamp())
    await post(gateway, follower, follower.text("绑定 139 0000 0001"))
    await drive(services)
    [sms] = fake_aliyun.sent
    assert sms["TemplateCode"] == CODES["one_time_code"] and sms["PhoneNumbers"] == "13900000001"
    code = sms["TemplateParam"]["code"]
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    await post(gateway, follower, follower.text(f"验证码 {wrong}"))
    await post(gateway, follower, follower.text(code))
    await drive(services)
    assert [m["text"]["content"] for m in fake_wechat.sent] == [CODE_SENT.format(phone="139****0001"), WRONG,
                                                                 LINKED.format(phone="139****0001")]
    assert fake_engine.turns == []  # answered before the dialogue
    with services.db.session() as s:
        assert s.scalar(select(WeChatIdentity.phone).where(WeChatIdentity.address == follower.address)) == RESIDENT


async def test_a_code_tried_too_often_is_void(gateway, services, fake_wechat, fake_aliyun, clock):
    from bot.channels.wechat.linking import EXPIRED, MAX_TRIES

    follower = Follower(OPENID, now=clock.now().timestamp())
    await post(gateway, follower, follower.text("绑定 13900000001"))
    await drive(services)
    code = fake_aliyun.sent[0]["TemplateParam"]["code"]
    for n in range(MAX_TRIES):  # a second apart: WeChat allows five replies per message, counted since the last
        clock.advance(seconds=1)
        await post(gateway, follower, follower.text(f"验证码 {(int(code) + n + 1) % 1_000_000:06d}"))
        await drive(services)
    clock.advance(seconds=1)
    await post(gateway, follower, follower.text(code))
    await drive(services)
    assert fake_wechat.sent[-1]["text"]["content"] == EXPIRED
    with services.db.session() as s:
        assert s.scalar(select(WeChatIdentity.id)) is None


async def test_a_reply_tuizhi_opts_the_number_out_confirmed_by_template_and_later_notices_held_back(
        gateway, services, fake_aliyun, fake_engine, clock):
    item = {"phone_number": "13900000001", "content": "退订", "sequence_id": 9001}
    await gateway.post(f"/channels/aliyun_sms/reply?token={CALLBACK}", json=[item])
    await drive(services)
    assert [m["TemplateCode"] for m in fake_aliyun.sent] == [CODES["optout_confirmed"]]
    assert fake_engine.turns == []
    queue(services, ACKED, clock)
    await drive(services)
    assert len(fake_aliyun.sent) == 1
    assert rows(services)[-1].status == "suppressed"
