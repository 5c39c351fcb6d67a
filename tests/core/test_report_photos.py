"""Photos a report came with end up on its ticket, and the people told of it hear how many; photos
sent a little after the report join it while it is open."""

from datetime import timedelta

from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import reports
from bot.messaging.inbox import Inbox
from bot.messaging.ports import Inbound
from bot.store.channel_models import InboundMedia
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from bot.store.models import Ticket, TicketPhoto
from tests.conftest import DUTY_OFFICER, POINT_IN_GRID_1, RESIDENT, RIDER, STRANGER, WORKER
from tests.core.helpers import RULES, kinds, make_report, submit

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


def test_photos_sent_after_a_report_join_its_ticket_once_per_message(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    clock.advance(minutes=5)
    later = stored_message(demo_db, clock, "m2")
    for _ in range(2):  # the same message processed again adds nothing
        with demo_db.session() as s:
            ticket = reports.recent_open_ticket(s, clock, RESIDENT, timedelta(minutes=30))
            assert ticket is not None and ticket.number == number
            reports.add_photos(s, clock, ticket, (PHOTO_A,), later, RESIDENT)
    with demo_db.session() as s:
        photos = s.execute(select(TicketPhoto.photo_id, TicketPhoto.source_message_id)).all()
    assert [tuple(p) for p in photos] == [(PHOTO_A, later)]
    assert kinds(demo_db, number).count("photos_added") == 1
    assert notices_to(demo_db, WORKER)[-1] == f"工单{number}补充照片1张，回复“{number} 详情”看"
    assert len(notices_to(demo_db, WORKER)) == 2  # the new-ticket notice and this one


def test_a_photo_already_on_the_ticket_is_neither_added_again_nor_announced(demo_db: Database, clock: FakeClock):
    first = stored_message(demo_db, clock, "m1", photos=[PHOTO_A])
    with demo_db.session() as s:
        number = reports.submit(s, clock, make_report(source_message_id=first), RULES).ticket.number
    again = stored_message(demo_db, clock, "m2")
    with demo_db.session() as s:
        ticket = reports.recent_open_ticket(s, clock, RESIDENT, timedelta(minutes=30))
        assert reports.add_photos(s, clock, ticket, (PHOTO_A,), again, RESIDENT) == 0
    assert "photos_added" not in kinds(demo_db, number)
    assert len(notices_to(demo_db, WORKER)) == 1


def test_a_report_older_than_the_window_or_no_longer_open_has_no_photos_join_it(demo_db: Database,
                                                                                  clock: FakeClock):
    submit(demo_db, clock)
    clock.advance(minutes=31)
    with demo_db.session() as s:
        assert reports.recent_open_ticket(s, clock, RESIDENT, timedelta(minutes=30)) is None
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        s.scalar(select(Ticket).where(Ticket.number == number)).status = "closed"
    with demo_db.session() as s:
        assert reports.recent_open_ticket(s, clock, RESIDENT, timedelta(minutes=30)) is None
        assert reports.recent_open_ticket(s, clock, STRANGER, timedelta(minutes=30)) is None


def test_a_report_linked_to_an_open_one_passes_its_photos_to_that_one(demo_db: Database, clock: FakeClock):
    lat, lon = POINT_IN_GRID_1
    original = submit(demo_db, clock, make_report(lat=lat, lon=lon))
    with demo_db.session() as s:
        opened = reports.submit(s, clock, make_report("路灯不亮", sender=RIDER, lat=lat, lon=lon), RULES)
        assert opened.merged_into is not None and opened.merged_into.number == original
    with demo_db.session() as s:
        ticket = reports.recent_open_ticket(s, clock, RIDER, timedelta(minutes=30))
        assert ticket is not None and ticket.number == original
