"""A WeChat voice message with no recognition text goes to the grid worker as a recording (the fake
WeChat server holds the audio; the engine is faked and never sees it)."""

from __future__ import annotations

from sqlalchemy import select

from bot.channels.wechat.voice import VOICE_NOT_RECEIVED, VOICE_PASSED_ON
from bot.common.clock import Clock
from bot.core import reports
from bot.core.routing_rules import load_rules
from bot.core.tickets import Report
from bot.core.voice import VOICE_ADDED
from bot.store.audio import AudioStore
from bot.store.message_models import OutboxMessage
from bot.store.models import Ticket
from bot.store.voice_models import TicketAudio
from tests.channels.conftest import drive
from tests.channels.test_wechat import (  # noqa: F401  (the module's fixtures)
    OPENID,
    channel_settings,
    follower,
    inbox_rows,
    post,
)
from tests.conftest import POINT_IN_GRID_1, WORKER

AMR = b"#!AMR\n" + bytes(range(200))


def store(services) -> AudioStore:
    return AudioStore(services.settings.var_dir / "audio")


def told_worker(services) -> list[str]:
    with services.db.session() as s:
        return list(s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == WORKER)))


async def test_a_voice_without_recognition_opens_a_located_ticket_the_worker_can_listen_to(
        demo_db, gateway, services, follower, fake_engine, fake_wechat):  # noqa: F811
    fake_wechat.media["VOICE_1"] = AMR
    lat, lon = POINT_IN_GRID_1
    await post(gateway, follower, follower.location(lat, lon, "阳光小区"))
    await post(gateway, follower, follower.voice("VOICE_1"))
    await drive(services)
    assert fake_engine.turns == []  # nothing to read: the engine never sees it
    with services.db.session() as s:
        [recording] = s.scalars(select(TicketAudio)).all()
        ticket = s.get(Ticket, recording.ticket_id)
        assert ticket.reporter_address == f"wx:{OPENID}" and ticket.unit.name == "幸福社区第1网格"
        assert ticket.assignee.phone == WORKER and "语音留言" in ticket.text
        number = ticket.number
    assert store(services).path_of(recording.audio_id).read_bytes() == AMR
    assert recording.content_type == "audio/amr"
    assert fake_wechat.sent[-1]["text"]["content"] == VOICE_PASSED_ON.format(number=number)
    assert any(number in text and "语音留言" in text for text in told_worker(services))


async def test_a_voice_sent_after_a_report_joins_it_and_its_worker_is_told(
        demo_db, gateway, services, follower, fake_wechat, clock: Clock):  # noqa: F811
    with services.db.session() as s:
        opened = reports.submit(s, clock, Report(text="楼道灯坏了", category="other", reporter_address=f"wx:{OPENID}",
                                                 channel="wechat", lat=POINT_IN_GRID_1[0], lon=POINT_IN_GRID_1[1]),
                                load_rules(services.settings.routing_config))
        number, ticket_id = opened.ticket.number, opened.ticket.id
    fake_wechat.media["VOICE_2"] = AMR + b"2"
    await post(gateway, follower, follower.voice("VOICE_2"))
    await drive(services)
    with services.db.session() as s:
        assert s.scalars(select(TicketAudio.ticket_id)).all() == [ticket_id]
        assert s.scalar(select(Ticket.id).order_by(Ticket.id.desc())) == ticket_id  # no new ticket
    assert VOICE_ADDED.format(number=number) in told_worker(services)
    assert fake_wechat.sent[-1]["text"]["content"] == VOICE_PASSED_ON.format(number=number)


async def test_an_expired_voice_is_parked_and_the_sender_asked_to_send_it_again_or_type(
        gateway, services, follower, fake_wechat):  # noqa: F811
    await post(gateway, follower, follower.voice("GONE"))
    await drive(services)
    assert [m["text"]["content"] for m in fake_wechat.sent] == [VOICE_NOT_RECEIVED]
    assert inbox_rows(services)[0].status == "parked"
    with services.db.session() as s:
        assert s.scalars(select(TicketAudio)).all() == []


async def test_a_voice_that_is_not_audio_is_not_kept(gateway, services, follower, fake_wechat):  # noqa: F811
    fake_wechat.media["ODD"] = b"<html>nope</html>"
    await post(gateway, follower, follower.voice("ODD"))
    await drive(services)
    assert "打字" in fake_wechat.sent[-1]["text"]["content"]
    with services.db.session() as s:
        assert s.scalars(select(TicketAudio)).all() == []
