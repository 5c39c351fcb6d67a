"""PIPL rights over what the channels in China keep: a WeChat follower who linked a resident's number is
that resident, in the export and in the erasure, with their location, link and WeCom membership."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.personal_data import erase, find_subject
from bot.store.channel_models import WeChatIdentity, WeChatLinkCode, WeChatLocation, WeComMember
from bot.store.message_models import InboxMessage
from bot.store.models import Person, Ticket
from bot.store.voice_models import TicketAudio
from tests.conftest import POINT_IN_GRID_1, RESIDENT, WORKER
from tests.core.test_personal_data import SECRET, erased, exported, world  # noqa: F401  (the fixture)

FOLLOWER = "wx:oResident01"


def linked(w) -> None:
    with w.db.session() as s:
        s.add(WeChatIdentity(address=FOLLOWER, phone=RESIDENT, linked_at=w.clock.now()))
        s.add(WeChatLocation(sender=FOLLOWER, lat=POINT_IN_GRID_1[0], lon=POINT_IN_GRID_1[1], label="阳光小区",
                             shared_at=w.clock.now()))
        s.add(WeChatLinkCode(address=FOLLOWER, phone=RESIDENT, code_hash="x", sent_at=w.clock.now(),
                             expires_at=w.clock.now()))
        s.add(WeComMember(userid="lisi", phone=WORKER, linked_at=w.clock.now()))
        s.add(InboxMessage(channel="wechat", external_id="m:1", sender=FOLLOWER, text="路灯又坏了", status="done",
                           received_at=w.clock.now()))


def test_a_residents_export_holds_their_wechat_link_location_and_messages(world):  # noqa: F811
    linked(world)
    data = exported(world)
    assert data["wechat_linked"] == [{"address": FOLLOWER, "phone": RESIDENT, "linked_at": data["wechat_linked"][0]
                                      ["linked_at"]}]
    assert data["wechat_location"][0]["label"] == "阳光小区"
    assert "路灯又坏了" in str(data)
    assert exported(world, WORKER)["wecom_member"][0]["userid"] == "lisi"


def test_erasing_a_resident_erases_their_wechat_link_location_and_pending_code(world):  # noqa: F811
    linked(world)
    erased(world)
    with world.db.session() as s:
        assert s.scalar(select(WeChatIdentity.id)) is None and s.scalar(select(WeChatLocation.id)) is None
        assert s.scalar(select(WeChatLinkCode.id)) is None
        assert s.scalar(select(InboxMessage.text).where(InboxMessage.sender == FOLLOWER)) in ("", None)
        assert FOLLOWER not in find_subject(s, RESIDENT).addresses  # the link is gone with them


def test_a_residents_voice_messages_and_channel_order_are_exported_and_the_recordings_erased(world):  # noqa: F811
    with world.db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.reporter_address == RESIDENT))
        s.add(TicketAudio(ticket_id=ticket.id, audio_id="a" * 64, content_type="audio/amr", added_at=world.clock.now()))
        s.scalar(select(Person).where(Person.phone == RESIDENT)).fallback_channels = ["wechat", "aliyun_sms"]
    data = exported(world)
    assert data["voice_messages"] == ["a" * 64]
    assert data["person"]["fallback_channels"] == ["wechat", "aliyun_sms"]
    with world.db.session() as s:
        done = erase(s, world.clock, find_subject(s, RESIDENT), actor="cli:test", secret=SECRET)
    assert done.audio == ["a" * 64] and done.counts["voice_messages"] == 1
    with world.db.session() as s:
        assert s.scalar(select(TicketAudio.id)) is None
