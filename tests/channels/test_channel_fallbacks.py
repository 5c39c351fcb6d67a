"""A person's fallback channels through the outbox, with two fakes (WeChat and Twilio): a message that
dies on WeChat, or is queued for a channel not configured here, goes on by the next channel on the
person's list; and a linked WeChat follower is one conversation with their number."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.notify import notify
from bot.store.channel_models import WeChatIdentity
from bot.store.message_models import OutboxMessage
from bot.store.models import Person
from tests.channels.conftest import drive
from tests.channels.test_wechat import (  # noqa: F401  (the module's fixtures)
    OPENID,
    channel_settings,
    follower,
    post,
)
from tests.conftest import RESIDENT

FOLLOWER = f"wx:{OPENID}"


def with_channels(services, preferred: str, fallbacks: list[str], *, linked: bool = True) -> None:
    with services.db.session() as s:
        person = s.scalar(select(Person).where(Person.phone == RESIDENT))
        person.preferred_channel, person.fallback_channels = preferred, fallbacks
        if linked:
            s.add(WeChatIdentity(address=FOLLOWER, phone=RESIDENT))
        s.flush()
        row = notify(s, person, "您反映的问题（T1001）已有新进展")
        row.created_at = row.next_attempt_at = services.clock.now()


async def send_all(services) -> None:
    for _ in range(3):
        while await services.dispatcher.run_once():
            pass


def rows(services) -> list[OutboxMessage]:
    with services.db.session() as s:
        return list(s.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


async def test_a_notice_wechat_cannot_deliver_goes_on_by_sms_the_next_channel_on_the_list(
        demo_db, services, fake_wechat, fake_twilio):
    with_channels(services, "wechat", ["sms"])  # the follower never wrote: WeChat's window is closed
    await send_all(services)
    first, second = rows(services)
    assert (first.channel, first.status) == ("wechat", "dead") and "next channel" in first.last_error
    assert (second.channel, second.recipient, second.status) == ("sms", RESIDENT, "sent")
    assert second.payload["tried_channels"] == ["wechat"]
    assert [m["Body"] for m in fake_twilio.sent if m["To"] == RESIDENT] == ["您反映的问题（T1001）已有新进展"]
    assert fake_wechat.sent == []


async def test_a_notice_for_a_channel_not_configured_here_goes_by_the_next_one(
        demo_db, services, fake_wechat, fake_twilio):
    with_channels(services, "aliyun_sms", ["sms"], linked=False)
    await send_all(services)
    first, second = rows(services)
    assert (first.channel, first.status) == ("aliyun_sms", "dead")
    assert first.last_error.startswith("aliyun_sms is not configured; moved to sms")
    assert (second.channel, second.status) == ("sms", "sent")
    assert len([m for m in fake_twilio.sent if m["To"] == RESIDENT]) == 1


async def test_the_last_channel_failing_too_leaves_the_message_dead_once(
        demo_db, services, fake_wechat, fake_twilio):
    with_channels(services, "sms", ["wechat"])
    fake_twilio.failures_for[RESIDENT] = [(400, 21610)]  # the number opted out at Twilio: for good
    await send_all(services)
    assert [(r.channel, r.status) for r in rows(services)] == [("sms", "dead"), ("wechat", "dead")]


async def test_a_linked_follower_and_their_number_are_one_conversation(
        demo_db, gateway, services, follower, fake_wechat, fake_engine):  # noqa: F811
    with services.db.session() as s:
        s.add(WeChatIdentity(address=FOLLOWER, phone=RESIDENT))
    await post(gateway, follower, follower.text("路灯坏了"))
    await drive(services)
    assert [t["sender"] for t in fake_engine.turns] == [RESIDENT]  # the number's conversation
    assert [m["touser"] for m in fake_wechat.sent] == [OPENID]  # answered where they wrote

