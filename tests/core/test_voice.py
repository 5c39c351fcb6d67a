"""Voice messages on tickets: one per inbound message, and only recordings no open ticket needs are
purged past the retention."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.core import reports
from bot.core.routing_rules import load_rules
from bot.core.tickets import Report
from bot.core.voice import Voice, recordings_past, take_voice
from bot.store.message_models import OutboxMessage
from bot.store.models import Ticket
from bot.store.voice_models import TicketAudio
from tests.conftest import POINT_IN_GRID_1, RESIDENT
from tests.core.workbench_factories import in_grid_1

HALF_HOUR = timedelta(minutes=30)


def test_a_recording_joins_the_open_report_once_and_only_closed_old_ones_are_purged(demo_db, clock, settings):
    rules = load_rules(settings.routing_config)
    number = in_grid_1(demo_db, clock)
    with demo_db.session() as s:
        assert take_voice(s, clock, rules, Voice("a" * 64, "audio/amr", "sms", RESIDENT, None), HALF_HOUR) == number
    clock.advance(hours=1)  # the report is no longer recent: the next recording opens a ticket of its own
    with demo_db.session() as s:
        other = take_voice(s, clock, rules, Voice("b" * 64, "audio/amr", "sms", RESIDENT, None), HALF_HOUR)
        assert other != number
        assert "语音留言" in s.scalar(select(Ticket.text).where(Ticket.number == other))
        s.scalar(select(Ticket).where(Ticket.number == number)).status = "closed"
    clock.advance(days=200)
    with demo_db.session() as s:
        past = recordings_past(s, clock.now() - timedelta(days=180), ["a" * 64, "b" * 64, "c" * 64])
    assert past == ["a" * 64, "c" * 64]  # "b" is on a ticket still open; "c" is on none
    with demo_db.session() as s:
        assert len(s.scalars(select(TicketAudio)).all()) == 2


def test_a_recording_whose_report_is_joined_to_an_open_one_goes_on_that_one_and_its_worker_hears(
        demo_db, clock, settings):
    rules = load_rules(settings.routing_config)
    lat, lon = POINT_IN_GRID_1
    with demo_db.session() as s:
        first = reports.submit(s, clock, Report(text="小区门口堆了很多杂物", category="other",
                                                reporter_address="+8613600000009", channel="sms", lat=lat, lon=lon),
                               rules).ticket
        number, worker = first.number, first.assignee.phone
    with demo_db.session() as s:
        joined = take_voice(s, clock, rules, Voice("d" * 64, "audio/amr", "wechat", "wx:oVoice", None, lat, lon),
                            HALF_HOUR)
        assert joined == number
        on = s.scalar(select(Ticket.number).join(TicketAudio, TicketAudio.ticket_id == Ticket.id))
        assert on == number
        told = s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == worker)).all()
        assert any("语音留言" in text and number in text for text in told)
