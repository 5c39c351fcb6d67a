"""The retention purge: old message texts blanked (rows kept), unfinished and recent ones untouched,
old Telegram locations and "更多" remainders gone, photo files gone unless still needed, audit entries
kept six months at least, and the purge itself audited."""

from __future__ import annotations

import os
from datetime import timedelta

from sqlalchemy import func, select, update

from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.core import audit
from bot.core.retention import purge
from bot.core.tickets import Report
from bot.store.channel_models import SmsContinuation, TelegramLocation
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import KnowledgeMiss, Ticket
from bot.store.photos import PhotoStore
from bot.store.privacy_models import AuditEntry
from tests.conftest import RESIDENT, STRANGER
from tests.core.helpers import submit_opened
from tests.fakes.images import JPEG

RETENTION = timedelta(days=180)


def message(db: Database, clock: FakeClock, n: int, text: str, *, status: str = "done",
            photos: list[str] | None = None) -> int:
    with db.session() as s:
        row = InboxMessage(channel="sms", external_id=f"SM{n}", sender=RESIDENT, text=text, status=status,
                           payload={"photos": photos} if photos else {}, received_at=clock.now())
        s.add(row)
        s.flush()
        s.add(OutboxMessage(channel="sms", recipient=RESIDENT, text=f"回复{n}", reply_to_id=row.id, seq=0,
                            status="sent", created_at=clock.now()))
        return row.id


def purged(db: Database, clock: FakeClock, photos: PhotoStore | None = None, audit_days: int = 365) -> dict[str, int]:
    with db.session() as s:
        done = purge(s, clock, older_than=RETENTION, audit_retention_days=audit_days, actor="cli:test",
                     photos_stored_before=photos.stored_before(clock.now() - RETENTION) if photos else [])
    for photo_id in done.photos:
        assert photos is not None
        photos.delete(photo_id)
    return done.counts


def texts(db: Database) -> list[tuple[str, str]]:
    with db.session() as s:
        return [(row.text, row.status) for row in s.scalars(select(InboxMessage).order_by(InboxMessage.id))]


def test_old_message_texts_are_blanked_and_their_rows_kept_recent_and_unfinished_ones_untouched(db: Database,
                                                                                                clock: FakeClock):
    message(db, clock, 1, "去年的报事", photos=["ab" * 32])
    message(db, clock, 2, "还没处理完的", status="pending")
    clock.advance(days=181)
    message(db, clock, 3, "今天的报事")
    counts = purged(db, clock)
    assert (counts["messages_received"], counts["messages_sent"]) == (1, 2)
    assert texts(db) == [("", "done"), ("还没处理完的", "pending"), ("今天的报事", "done")]
    with db.session() as s:
        assert s.scalar(select(InboxMessage.payload).where(InboxMessage.external_id == "SM1")) == {}
        assert s.scalars(select(OutboxMessage.text).order_by(OutboxMessage.id)).all() == ["", "", "回复3"]
        assert s.scalar(select(InboxMessage.sender).where(InboxMessage.external_id == "SM1")) == RESIDENT
    assert purged(db, clock)["messages_received"] == 0  # a second run finds nothing more


def test_old_locations_and_unsent_remainders_go(db: Database, clock: FakeClock):
    with db.session() as s:
        s.add(TelegramLocation(sender="tg:1", lat=25.4, lon=103.3, shared_at=clock.now()))
        s.add(SmsContinuation(channel="sms", recipient=RESIDENT, text="其余", created_at=clock.now()))
    clock.advance(days=181)
    with db.session() as s:
        s.add(TelegramLocation(sender="tg:2", lat=25.4, lon=103.3, shared_at=clock.now()))
    counts = purged(db, clock)
    assert (counts["telegram_locations"], counts["sms_continuations"]) == (1, 1)
    with db.session() as s:
        assert s.scalars(select(TelegramLocation.sender)).all() == ["tg:2"]


def test_old_photo_files_go_unless_an_open_ticket_or_a_recent_message_uses_them(demo_db: Database, clock: FakeClock,
                                                                                settings: Settings):
    photos = PhotoStore(settings.var_dir / "photos")
    closed, still_open, resent, orphan = (photos.save(JPEG + f"photo {n}".encode()) for n in range(4))
    with demo_db.session() as s:
        for photo, text in ((closed, "井盖丢了"), (still_open, "路灯坏了")):
            opened = submit_opened(s, clock, Report(text=text, category="roads", reporter_address=STRANGER,
                                                    channel="sms", photos=(photo,)))
            if photo == closed:
                s.execute(update(Ticket).where(Ticket.id == opened.ticket.id).values(status="closed"))
    clock.advance(days=181)
    message(demo_db, clock, 9, "又拍了一张", photos=[resent])
    long_ago = (clock.now() - timedelta(days=181)).timestamp()
    for photo in (closed, still_open, resent, orphan):
        os.utime(photos.path_of(photo), (long_ago, long_ago))
    assert purged(demo_db, clock, photos)["photo_files"] == 2
    assert {p for p in (closed, still_open, resent, orphan) if photos.path_of(p).exists()} == {still_open, resent}


def test_audit_entries_are_kept_six_months_and_the_purge_is_audited(db: Database, clock: FakeClock):
    with db.session() as s:
        audit.record(s, clock, "person:1", "ticket.acknowledged", "T1001")
    clock.advance(days=181)
    counts = purged(db, clock, audit_days=183)
    assert counts["audit_entries"] == 0  # past the message retention, not past six months
    clock.advance(days=10)
    assert purged(db, clock, audit_days=183)["audit_entries"] == 1
    with db.session() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert audit.verify(s).ok
    assert [e.action for e in entries] == ["purge", "purge"]
    assert entries[-1].detail["audit_entries"] == 1 and entries[-1].detail["older_than_days"] == 180
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 2


def test_old_unanswered_questions_go(db: Database, clock: FakeClock):
    with db.session() as s:
        s.add(KnowledgeMiss(address=RESIDENT, channel="sms", text="公积金咋个取", asked_at=clock.now()))
    clock.advance(days=181)
    with db.session() as s:
        s.add(KnowledgeMiss(address=STRANGER, channel="sms", text="电费咋个交", asked_at=clock.now()))
    assert purged(db, clock)["questions_not_answered"] == 1
    with db.session() as s:
        assert s.scalars(select(KnowledgeMiss.text)).all() == ["电费咋个交"]
