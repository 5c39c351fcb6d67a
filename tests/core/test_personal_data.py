"""A person's data: everything held about them comes out as JSON; erasure leaves nothing that names
them and keeps what the record needs (ticket facts, counts, ballots); both are audited."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.core import audit, council, council_ballots
from bot.core.personal_data import ERASED_NAME, ERASED_TEXT, erase, export, find_subject, pseudonym
from bot.core.tickets import Report
from bot.store.channel_models import InboundMedia, OptOut, SmsContinuation
from bot.store.council_models import Ballot
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import KnowledgeMiss, Person, Ticket, TicketPhoto
from bot.store.photos import PhotoStore
from bot.store.privacy_models import AuditEntry, PrivacyNotice
from bot.store.tracker_events import TrackerEvents
from tests.conftest import POINT_IN_GRID_1, RESIDENT, STRANGER, WORKER
from tests.core.council_factories import GROUP1, open_topic, person
from tests.core.helpers import submit_opened
from tests.fakes.images import JPEG
from tests.fakes.rasa_tracker import RasaTrackerStore

SECRET = "test-secret"
REPORT = "我家楼下路灯坏了好几天了"


@dataclass
class World:
    db: Database
    clock: FakeClock
    tracker: TrackerEvents
    rasa: RasaTrackerStore
    photos: PhotoStore
    number: str
    own_photo: str  # only the resident sent it
    shared_photo: str  # the stranger sent the same picture


def said(db: Database, clock: FakeClock, sender: str, n: int, text: str, photos: list[str]) -> int:
    with db.session() as s:
        row = InboxMessage(channel="sms", external_id=f"SM-{sender}-{n}", sender=sender, text=text,
                           payload={"photos": photos} if photos else {}, status="done", received_at=clock.now())
        s.add(row)
        s.flush()
        s.add(OutboxMessage(channel="sms", recipient=sender, text=f"收到：{text[:10]}", reply_to_id=row.id, seq=0,
                            status="sent"))
        return row.id


@pytest.fixture
def world(demo_db: Database, clock: FakeClock, settings: Settings) -> Iterator[World]:
    photos = PhotoStore(settings.var_dir / "photos")
    own, shared = photos.save(JPEG + b"the resident's photo"), photos.save(JPEG + b"a photo both sent")
    message_id = said(demo_db, clock, RESIDENT, 1, REPORT, [own, shared])
    said(demo_db, clock, STRANGER, 1, "河畔花园路灯坏了", [shared])
    with demo_db.session() as s:
        opened = submit_opened(s, clock, Report(text=REPORT, category="roads", reporter_address=RESIDENT,
                                                channel="sms", place_text="阳光小区3栋", lat=POINT_IN_GRID_1[0],
                                                lon=POINT_IN_GRID_1[1], source_message_id=message_id,
                                                photos=(own, shared)))
        s.add(InboundMedia(inbox_message_id=message_id, channel="sms", source_key="MM1/ME1", photo_id=own))
        s.add(SmsContinuation(channel="sms", recipient=RESIDENT, text="……的其余部分"))
        s.add(OptOut(channel="sms", address=RESIDENT, active=False))
        s.add(PrivacyNotice(address=RESIDENT, channel="sms", told_at=clock.now()))
        number = opened.ticket.number
    rasa = RasaTrackerStore(settings.resolved_tracker_store_url)
    rasa.user_said(RESIDENT, REPORT, clock.now())
    rasa.user_said(STRANGER, "你好", clock.now())
    yield World(demo_db, clock, TrackerEvents(settings.resolved_tracker_store_url), rasa, photos, number, own, shared)
    rasa.dispose()


def exported(w: World, address: str = RESIDENT) -> dict:
    with w.db.session() as s:
        data = export(s, w.clock, w.tracker, find_subject(s, address), actor="cli:test", secret=SECRET)
    return json.loads(json.dumps(data, ensure_ascii=False))  # it is JSON, all of it


def erased(w: World, address: str = RESIDENT) -> dict[str, int]:
    with w.db.session() as s:
        subject = find_subject(s, address)
        events = w.tracker.delete_senders(subject.addresses)
        done = erase(s, w.clock, subject, actor="cli:test", secret=SECRET, conversation_events=events)
    for photo_id in done.photos:
        w.photos.delete(photo_id)
    return done.counts


def test_an_export_holds_the_registry_entry_messages_tickets_photos_conversation_and_points(world: World):
    data = exported(world)
    assert data["person"]["phone"] == RESIDENT and data["person"]["household"]["address"]
    assert data["person"]["home_grid"] == "幸福社区第1网格"
    assert [m["text"] for m in data["messages_received"]] == [REPORT]
    assert data["messages_sent"][0]["text"].startswith("收到")
    [ticket] = data["tickets_reported"]
    assert (ticket["number"], ticket["text"], ticket["place"]) == (world.number, REPORT, "阳光小区3栋")
    assert set(data["photos"]) == {world.own_photo, world.shared_photo}
    assert [e["data"]["text"] for e in data["conversations"]] == [REPORT]
    assert data["points"]["balance"] == 5 and data["points"]["entries"][0]["ref"] == world.number
    assert data["opt_outs"] == [{"channel": "sms", "active": False, "changed_at": data["opt_outs"][0]["changed_at"]}]
    assert data["privacy_notice"][0]["address"] == RESIDENT
    assert "河畔花园" not in json.dumps(data, ensure_ascii=False)  # nobody else's data


def test_an_export_is_audited_and_the_next_one_lists_it(world: World):
    exported(world)
    data = exported(world)
    with world.db.session() as s:
        resident = person(s, RESIDENT)
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert audit.verify(s).ok
    assert [(e.actor, e.action, e.subject) for e in entries][-2:] == [
        ("cli:test", "person.export", f"person:{resident.id}")] * 2
    assert [a["action"] for a in data["audit"]] == ["person.export"]


def test_someone_not_in_the_registry_is_exported_by_address_under_a_keyed_hash(world: World):
    data = exported(world, STRANGER)
    assert data["person"] is None
    assert [m["text"] for m in data["messages_received"]] == ["河畔花园路灯坏了"]
    with world.db.session() as s:
        last = s.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert last.subject == f"addr:{pseudonym(SECRET, STRANGER)}" and STRANGER not in last.subject


def test_erasure_leaves_nothing_that_names_the_person(world: World):
    with world.db.session() as s:
        resident_id = person(s, RESIDENT).id
        messages_before = s.scalar(select(func.count()).select_from(InboxMessage))
    counts = erased(world)
    assert counts["messages_received"] == 1 and counts["tickets"] == 1 and counts["conversation_events"] == 1
    with world.db.session() as s:
        gone = s.get(Person, resident_id)
        assert (gone.name, gone.phone, gone.telegram_user_id, gone.household_id) == (ERASED_NAME, None, None, None)
        assert s.scalar(select(func.count()).select_from(InboxMessage)) == messages_before  # counts still add up
        token = f"erased:{pseudonym(SECRET, RESIDENT)}"
        mine = s.scalars(select(InboxMessage).where(InboxMessage.sender == token)).all()
        assert [(m.text, m.payload) for m in mine] == [("", {})]
        assert s.scalar(select(func.count()).select_from(InboxMessage).where(InboxMessage.sender == RESIDENT)) == 0
        assert s.scalar(select(func.count()).select_from(OutboxMessage)
                        .where(OutboxMessage.recipient == RESIDENT)) == 0
        assert s.scalar(select(func.count()).select_from(SmsContinuation)) == 0
        assert s.scalar(select(func.count()).select_from(PrivacyNotice)) == 0
    assert world.rasa.count(RESIDENT) == 0 and world.rasa.count(STRANGER) == 1
    after = exported(world)
    assert after["person"] is None and after["messages_received"] == [] and after["tickets_reported"] == []


def test_the_ticket_keeps_its_facts_without_the_person_and_notices_quoting_it_lose_their_text(world: World):
    with world.db.session() as s:
        before = s.scalar(select(Ticket).where(Ticket.number == world.number))
        facts = (before.category, before.status, before.unit_id, before.assignee_id, before.created_at)
    erased(world)
    with world.db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == world.number))
        assert (ticket.category, ticket.status, ticket.unit_id, ticket.assignee_id, ticket.created_at) == facts
        assert (ticket.text, ticket.place_text, ticket.lat, ticket.lon) == (ERASED_TEXT, ERASED_TEXT, None, None)
        assert ticket.reporter_address.startswith("erased:")
        told = s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == WORKER,
                                                          OutboxMessage.ticket_id == ticket.id)).all()
        assert told and all("路灯" not in text for text in told)


def test_photos_the_person_sent_go_files_too_unless_someone_else_sent_the_same_picture(world: World):
    erased(world)
    assert not world.photos.path_of(world.own_photo).exists()
    assert world.photos.path_of(world.shared_photo).exists()
    with world.db.session() as s:
        assert s.scalar(select(func.count()).select_from(TicketPhoto)) == 0
        assert s.scalar(select(func.count()).select_from(InboundMedia)) == 0


def test_an_opt_out_stays_so_the_number_is_not_messaged_again(world: World):
    erased(world)
    with world.db.session() as s:
        assert s.scalar(select(OptOut.address)) == RESIDENT


def test_a_ballot_still_counts_after_its_voter_is_erased(demo_db: Database, clock: FakeClock, settings: Settings):
    with demo_db.session() as s:
        topic_id = open_topic(s, clock)
        council_ballots.cast(s, clock, topic_id, person(s, GROUP1[0]), 1)
        council_ballots.cast(s, clock, topic_id, person(s, GROUP1[1]), 2)
    with demo_db.session() as s:
        erase(s, clock, find_subject(s, GROUP1[0]), actor="cli:test", secret=SECRET)
    with demo_db.session() as s:
        assert s.scalar(select(func.count()).select_from(Ballot).where(Ballot.topic_id == topic_id)) == 2
        tally, _notice = council.close_topic(s, clock, topic_id)
    assert (tally.counts, tally.cast) == ({1: 1, 2: 1, 3: 0}, 2)


def test_erasure_is_audited_under_the_person_s_id_and_the_chain_still_verifies(world: World):
    with world.db.session() as s:
        resident_id = person(s, RESIDENT).id
    erased(world)
    erased(world)  # again: nothing left to find, nothing changes
    with world.db.session() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
        assert audit.verify(s).ok
    assert (entries[0].action, entries[0].subject) == ("person.erase", f"person:{resident_id}")
    assert entries[0].detail["messages_received"] == 1
    assert RESIDENT not in json.dumps([e.detail for e in entries]) and all(RESIDENT not in e.subject for e in entries)


def test_a_telegram_account_is_found_with_the_number_it_shared(demo_db: Database):
    from bot.core.registry import link_telegram

    with demo_db.session() as s:
        link_telegram(s, 4242, RESIDENT)
    with demo_db.session() as s:
        assert find_subject(s, "tg:4242").addresses == ["tg:4242", RESIDENT]
        assert find_subject(s, RESIDENT).addresses == [RESIDENT, "tg:4242"]


def test_a_staff_member_s_export_lists_what_they_did_to_tickets(world: World):
    from bot.core import lifecycle
    from tests.core.helpers import RULES

    with world.db.session() as s:
        lifecycle.acknowledge(s, world.clock, RULES, world.number, WORKER)
    data = exported(world, WORKER)
    assert [(a["action"], a["subject"]) for a in data["audit"]] == [("ticket.acknowledged", world.number)]
    assert [(a["ticket"], a["kind"]) for a in data["ticket_actions"]] == [(world.number, "acknowledged")]
    assert data["person"]["staff_roles"]


def test_an_unanswered_question_is_exported_and_erased_with_the_person(world: World):
    with world.db.session() as s:
        s.add(KnowledgeMiss(address=RESIDENT, channel="sms", text="公积金咋个取", asked_at=world.clock.now()))
        s.add(KnowledgeMiss(address=STRANGER, channel="sms", text="电费咋个交", asked_at=world.clock.now()))
    assert [q["text"] for q in exported(world)["questions_not_answered"]] == ["公积金咋个取"]
    assert erased(world)["questions_not_answered"] == 1
    with world.db.session() as s:
        assert s.scalars(select(KnowledgeMiss.text)).all() == ["电费咋个交"]
