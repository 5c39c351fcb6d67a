"""Reaching a follower outside WeChat's 48-hour window: a subscription notice for the kinds of message a
template is configured for, else (or when the follower refused it) template SMS, else a call from their
grid worker. The channel is built on the fake WeChat API; the fallback queues rows the outbox sends."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.app.fallbacks import KIND, TASK_PREFIX, WeChatFallback
from bot.channels.wechat import WeChatApi, WeChatChannel, WindowTracker
from bot.channels.wechat.subscribe import SubscribeNotices
from bot.core.routing_rules import load_rules
from bot.messaging.ports import SendError
from bot.store.channel_models import WeChatIdentity
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import Ticket
from tests.conftest import RESIDENT
from tests.fakes.wechat import APP_ID, APP_SECRET, FakeWeChat

OPENID = "oSubscriber_0001"
ADDRESS = f"wx:{OPENID}"
RESOLVED = ("工单T1001已办结：楼道灯已经换成新的声控灯了，物业说下周再来检查一遍线路。"
            "请评价：回复1满意 2基本满意 3不满意")
TEMPLATES = {"ticket_resolved": {"template_id": "TPL_RESOLVED", "number": "character_string1", "text": "thing2"}}


def channel(db, clock, settings, fake: FakeWeChat, *, sms: str | None = "aliyun_sms") -> WeChatChannel:
    api = WeChatApi(db, clock, APP_ID, APP_SECRET, base_url=fake.base_url)
    with db.session() as s:
        s.add(WeChatIdentity(address=ADDRESS, phone=RESIDENT, linked_at=clock.now()))
    fallback = WeChatFallback(db, clock, load_rules(settings.routing_config), sms_channel=sms)
    return WeChatChannel(api, WindowTracker(db, clock), fallback, subscriptions=SubscribeNotices(api, TEMPLATES))


def outbox(db, channel_name: str) -> list[OutboxMessage]:
    with db.session() as s:
        return list(s.scalars(select(OutboxMessage).where(OutboxMessage.channel == channel_name)))


async def test_inside_the_window_a_message_goes_by_the_customer_service_api(demo_db, clock, settings, fake_wechat):
    sender = channel(demo_db, clock, settings, fake_wechat)
    with demo_db.session() as s:
        s.add(InboxMessage(channel="wechat", external_id="m:sub1", sender=ADDRESS, text="你好", status="done",
                           received_at=clock.now()))
    await sender.send(ADDRESS, RESOLVED, {})
    assert [m["touser"] for m in fake_wechat.sent] == [OPENID]
    assert fake_wechat.subscribe_calls == 0


async def test_outside_the_window_a_configured_kind_goes_as_a_subscription_notice(demo_db, clock, settings,
                                                                                  fake_wechat):
    sender = channel(demo_db, clock, settings, fake_wechat)
    assert await sender.send(ADDRESS, RESOLVED, {}) is None  # sent: the outbox marks it so
    [notice] = fake_wechat.subscribed
    assert notice["touser"] == OPENID and notice["template_id"] == "TPL_RESOLVED"
    assert notice["data"]["character_string1"] == {"value": "T1001"}
    assert len(notice["data"]["thing2"]["value"]) == 20 and notice["data"]["thing2"]["value"].endswith("…")
    assert fake_wechat.sent == [] and outbox(demo_db, "aliyun_sms") == []


async def test_a_refused_subscription_falls_back_to_template_sms(demo_db, clock, settings, fake_wechat):
    sender = channel(demo_db, clock, settings, fake_wechat)
    fake_wechat.refused.add(OPENID)
    with pytest.raises(SendError) as failed:
        await sender.send(ADDRESS, RESOLVED, {})
    assert failed.value.permanent and "43101" in str(failed.value) and "template SMS" in str(failed.value)
    assert fake_wechat.subscribed == []
    [sms] = outbox(demo_db, "aliyun_sms")
    assert sms.recipient == RESIDENT and sms.kind == KIND and sms.payload["template"] == "contact_grid_worker"


async def test_a_kind_without_a_subscription_template_goes_straight_to_template_sms(demo_db, clock, settings,
                                                                                    fake_wechat):
    sender = channel(demo_db, clock, settings, fake_wechat)
    with pytest.raises(SendError, match="no subscription template"):
        await sender.send(ADDRESS, "已催办工单T1001，承办人会尽快处理。", {})
    assert fake_wechat.subscribe_calls == 0
    assert len(outbox(demo_db, "aliyun_sms")) == 1


async def test_refused_and_without_template_sms_the_grid_worker_gets_a_task_to_phone(demo_db, clock, settings,
                                                                                     fake_wechat):
    sender = channel(demo_db, clock, settings, fake_wechat, sms=None)
    fake_wechat.refused.add(OPENID)
    with pytest.raises(SendError, match="call-back task"):
        await sender.send(ADDRESS, RESOLVED, {})
    with demo_db.session() as s:
        task = s.scalar(select(Ticket).where(Ticket.reporter_address == ADDRESS))
        assert task.text.startswith(TASK_PREFIX) and task.assignee is not None
    assert outbox(demo_db, "aliyun_sms") == []
