"""Photos a report came with end up on its ticket, and the people told of it hear how many."""

from sqlalchemy import select

from bot.clock import FakeClock
from bot.core import reports
from bot.messaging.inbox import Inbound, Inbox
from bot.store.channel_models import InboundMedia
from bot.store.db import Database
from bot.store.models import OutboxMessage, TicketPhoto
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER, WORKER
from tests.core.helpers import RULES, make_report

PHOTO_A, PHOTO_B = "a" * 64, "b" * 64


def stored_message(db: Database, clock: FakeClock, external_id: str, sender: str = RESIDENT, **payload) -> int:
    message_id, _ = Inbox(db, clock).store(Inbound("simulator", external_id, sender, "路灯坏了", payload))
    return message_id


def notices_to(db: Database, address: str) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == address)))


def test_the_photos_of_the_reports_message_are_attached_to_its_ticket(demo_db: Database, clock: FakeClock):
    message_id = stored_message(demo_db, clock, "m1", photos=[PHOTO_A, PHOTO_B, PHOTO_A])
    with demo_db.session() as s:
        ticket = reports.submit(s, clock, make_report(source_message_id=message_id), RULES).ticket
        assert [p.photo_id for p in ticket.photos] == [PHOTO_A, PHOTO_B]  # once each, in the order sent
        assert {p.source_message_id for p in ticket.photos} == {message_id}
    [notice] = notices_to(demo_db, WORKER)
    assert "附照片2张" in notice and len(notice) <= 134  # two SMS parts at most


def test_media_rows_stored_by_a_channel_count_even_when_the_payload_lost_them(demo_db: Database,
                                                                              clock: FakeClock):
    message_id = stored_message(demo_db, clock, "m1")
    with demo_db.session() as s:
        s.add(InboundMedia(inbox_message_id=message_id, channel="sms", source_key="MM1/ME1", photo_id=PHOTO_A,
                           content_type="image/png", size=3, stored_at=clock.now()))
    with demo_db.session() as s:
        ticket = reports.submit(s, clock, make_report(source_message_id=message_id), RULES).ticket
        assert [p.photo_id for p in ticket.photos] == [PHOTO_A]
    assert "附照片1张" in notices_to(demo_db, WORKER)[0]


def test_a_report_without_photos_says_nothing_of_photos(demo_db: Database, clock: FakeClock):
    message_id = stored_message(demo_db, clock, "m1")
    with demo_db.session() as s:
        assert reports.submit(s, clock, make_report(source_message_id=message_id), RULES).ticket.photos == []
    [notice] = notices_to(demo_db, WORKER)
    assert "照片" not in notice


def test_processing_the_message_again_attaches_its_photos_once(demo_db: Database, clock: FakeClock):
    message_id = stored_message(demo_db, clock, "m1", photos=[PHOTO_A])
    for _ in range(2):
        with demo_db.session() as s:
            reports.submit(s, clock, make_report(source_message_id=message_id), RULES)
    with demo_db.session() as s:
        assert s.scalars(select(TicketPhoto.photo_id)).all() == [PHOTO_A]


def test_the_duty_officer_hears_of_the_photos_of_a_report_nobody_can_place(demo_db: Database, clock: FakeClock):
    message_id = stored_message(demo_db, clock, "m1", sender=STRANGER, photos=[PHOTO_A])
    with demo_db.session() as s:
        reports.submit(s, clock, make_report(sender=STRANGER, place_text="不晓得", source_message_id=message_id),
                       RULES)
    [notice] = notices_to(demo_db, DUTY_OFFICER)
    assert "附照片1张" in notice
