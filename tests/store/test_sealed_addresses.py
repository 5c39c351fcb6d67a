"""Phone numbers (and tg:<id> addresses) are sealed at rest: the tables hold no digits of them, look-ups
by number work as before, and a database read with the wrong key fails loudly instead of answering."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import String, create_engine, func, inspect, select, text
from sqlalchemy.exc import IntegrityError, StatementError

from bot.common.address_cipher import WrongKey, column_cipher
from bot.common.clock import FakeClock
from bot.messaging.inbox import Inbox
from bot.messaging.ports import Inbound
from bot.store.base import Base
from bot.store.channel_models import (
    OptOut,
    SmsContinuation,
    TelegramLocation,
    WeChatIdentity,
    WeChatLinkCode,
    WeChatLocation,
    WeComMember,
)
from bot.store.db import Database, alembic_config
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import KnowledgeMiss, Person, Ticket, TicketFollower
from bot.store.privacy_models import PrivacyNotice
from bot.store.types import NoAddressCipher, SealedAddress
from tests.conftest import RESIDENT, STRANGER, WORKER, create_postgres_database, drop_postgres_database
from tests.core.helpers import make_report, submit

TELEGRAM = "tg:987654321"
WECHAT = "wx:oAbCdEf1234567890"


def sealed_columns() -> list[tuple[str, str]]:
    return sorted((table.name, column.name) for table in Base.metadata.tables.values()
                  for column in table.columns if isinstance(column.type, SealedAddress))


def every_text_value(db: Database) -> list[str]:
    """Every value of every text column of every table, as the database holds it (no decoding)."""
    found = inspect(db.engine)
    values: list[str] = []
    with db.engine.connect() as conn:
        for table in found.get_table_names():
            for column in found.get_columns(table):
                if isinstance(column["type"], String):
                    values += [str(v) for v in conn.execute(text(f'SELECT "{column["name"]}" FROM "{table}"')).scalars()
                               if v is not None]
    return values


def fill(db: Database, clock: FakeClock) -> None:
    """A row in every table that holds an address, written the ordinary way."""
    inbox = Inbox(db, clock)
    inbox.store(Inbound(channel="sms", external_id="SM1", sender=STRANGER, text="路灯坏了"))
    inbox.store(Inbound(channel="telegram", external_id="u1", sender=TELEGRAM, text="你好"))
    submit(db, clock, make_report(sender=RESIDENT))
    with db.session() as s:
        s.add_all([OptOut(channel="sms", address=STRANGER),
                   SmsContinuation(channel="sms", recipient=STRANGER, text="余下"),
                   TelegramLocation(sender=TELEGRAM, lat=25.4, lon=103.3),
                   PrivacyNotice(address=STRANGER, channel="sms"),
                   KnowledgeMiss(address=STRANGER, channel="sms", text="低保怎么办"),
                   TicketFollower(ticket_id=s.scalar(select(Ticket.id)), role="reporter", address=STRANGER,
                                  channel="sms"),
                   WeChatLocation(sender=WECHAT, lat=25.4, lon=103.3),
                   WeChatIdentity(address=WECHAT, phone=STRANGER),
                   WeComMember(userid="lilei", phone=WORKER),
                   WeChatLinkCode(address=WECHAT, phone=STRANGER, code_hash="0" * 64,
                                  expires_at=clock.now())])


def test_every_column_that_holds_an_address_is_sealed():
    assert sealed_columns() == sorted([
        ("people", "phone"), ("inbox_messages", "sender"), ("outbox_messages", "recipient"),
        ("tickets", "reporter_address"), ("ticket_followers", "address"), ("channel_opt_outs", "address"),
        ("privacy_notices", "address"), ("knowledge_misses", "address"), ("telegram_locations", "sender"),
        ("sms_continuations", "recipient"), ("wechat_locations", "sender"), ("wechat_identities", "address"),
        ("wechat_identities", "phone"), ("wecom_members", "phone"), ("wechat_link_codes", "address"),
        ("wechat_link_codes", "phone")])


def test_the_raw_tables_hold_no_digits_of_any_number(demo_db: Database, clock: FakeClock):
    fill(demo_db, clock)
    values = every_text_value(demo_db)
    for number in (RESIDENT, WORKER, STRANGER, TELEGRAM):
        assert not [v for v in values if number[-9:] in v], number
    with demo_db.engine.connect() as conn:
        for table, column in sealed_columns():
            raw = [v for v in conn.execute(text(f'SELECT "{column}" FROM "{table}"')).scalars() if v is not None]
            assert raw and all(v.startswith("a1.") for v in raw), (table, column)


def test_look_ups_by_number_work_as_they_always_did(demo_db: Database, clock: FakeClock):
    fill(demo_db, clock)
    with demo_db.session() as s:
        assert s.scalar(select(Person.name).where(Person.phone == WORKER))
        assert s.scalar(select(func.count()).select_from(Person).where(Person.phone.in_([RESIDENT, WORKER]))) == 2
        assert s.scalar(select(InboxMessage.text).where(InboxMessage.sender == TELEGRAM)) == "你好"
        assert s.scalar(select(Ticket.reporter_address).where(Ticket.reporter_address == RESIDENT)) == RESIDENT
        reporter = s.scalar(select(Person.name).join(Ticket, Ticket.reporter_address == Person.phone))
        assert reporter is not None  # a join between two sealed columns
        assert WORKER in {m.recipient for m in s.scalars(select(OutboxMessage))}  # the new ticket's notice
        assert s.scalar(select(TelegramLocation.lat).where(TelegramLocation.sender == TELEGRAM)) == 25.4
    with pytest.raises(IntegrityError), demo_db.session() as s:  # unique constraints still hold
        s.add(Person(name="重名号码", phone=WORKER))


def test_a_database_read_with_another_key_fails_loudly(demo_db: Database):
    other = Database(demo_db.url, phone_key="not-the-key-it-was-sealed-with")
    try:
        with pytest.raises(WrongKey), other.session() as s:
            s.scalars(select(Person.phone).where(Person.phone.is_not(None))).all()
        with other.session() as s:  # and a look-up by number finds nothing rather than someone else
            assert s.scalar(select(Person.id).where(Person.phone == WORKER)) is None
    finally:
        other.dispose()


def test_an_engine_made_without_the_cipher_refuses_to_touch_a_number(db: Database):
    bare = create_engine(db.url)
    try:
        with pytest.raises(StatementError) as failed, bare.connect() as conn:
            conn.execute(select(Person.id).where(Person.phone == WORKER))
        assert isinstance(failed.value.orig, NoAddressCipher)
    finally:
        bare.dispose()


@pytest.fixture
def empty_url(db_url: str, tmp_path: Path, request: pytest.FixtureRequest):
    if db_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    admin = request.getfixturevalue("postgres_server")
    name, url = create_postgres_database(admin)
    try:
        yield url
    finally:
        drop_postgres_database(admin, name)


def test_the_migration_seals_the_numbers_already_there_and_its_downgrade_opens_them(empty_url: str):
    cipher = column_cipher("the-deployments-key")
    config = alembic_config(empty_url, cipher)
    command.upgrade(config, "0007_knowledge_misses")
    engine = create_engine(empty_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO people (name, phone, kind, preferred_channel, created_at) "
                              "VALUES ('张三', :phone, 'resident', 'sms', CURRENT_TIMESTAMP)"), {"phone": RESIDENT})
            conn.execute(text("INSERT INTO channel_opt_outs (channel, address, active, changed_at) "
                              "VALUES ('sms', :a, true, CURRENT_TIMESTAMP)"), {"a": STRANGER})
            conn.execute(text("INSERT INTO telegram_locations (sender, lat, lon, shared_at) "
                              "VALUES (:a, 1.0, 2.0, CURRENT_TIMESTAMP)"), {"a": TELEGRAM})
        command.upgrade(config, "0008_phone_encryption")
        with engine.connect() as conn:
            raw = [conn.scalar(text(f"SELECT {column} FROM {table}")) for table, column in
                   (("people", "phone"), ("channel_opt_outs", "address"), ("telegram_locations", "sender"))]
        assert [cipher.open(v) for v in raw] == [RESIDENT, STRANGER, TELEGRAM]
        database = Database(empty_url, phone_key="the-deployments-key")
        with database.session() as s:
            assert s.scalar(select(Person.name).where(Person.phone == RESIDENT)) == "张三"
        database.dispose()
        command.downgrade(config, "0007_knowledge_misses")
        with engine.connect() as conn:
            assert conn.scalar(text("SELECT phone FROM people")) == RESIDENT
            assert conn.scalar(text("SELECT sender FROM telegram_locations")) == TELEGRAM
    finally:
        engine.dispose()
