"""`bin/bot person export|erase`, `purge` and `audit verify`: the forms an operator relies on."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update
from typer.testing import CliRunner

from bot.cli.main import app
from bot.common.settings import Settings
from bot.store.db import Database
from bot.store.message_models import InboxMessage
from bot.store.models import Person
from bot.store.photos import PhotoStore
from bot.store.privacy_models import AuditEntry
from tests.conftest import RESIDENT
from tests.fakes.images import JPEG
from tests.fakes.rasa_tracker import RasaTrackerStore


@pytest.fixture
def cli(demo_db: Database, settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    monkeypatch.setenv("VAR_DIR", str(settings.var_dir))
    monkeypatch.delenv("TRACKER_STORE_URL", raising=False)
    return CliRunner()


@pytest.fixture
def rasa(settings: Settings) -> Iterator[RasaTrackerStore]:
    store = RasaTrackerStore(settings.resolved_tracker_store_url)
    yield store
    store.dispose()


def said(db: Database, text: str, at: datetime, photos: list[str] | None = None) -> None:
    with db.session() as s:
        s.add(InboxMessage(channel="sms", external_id=f"SM-{text}", sender=RESIDENT, text=text, status="done",
                           payload={"photos": photos} if photos else {}, received_at=at))


def actions(db: Database) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))


def test_export_prints_everything_held_as_json_and_is_audited(cli: CliRunner, demo_db: Database,
                                                              rasa: RasaTrackerStore, tmp_path: Path):
    now = datetime.now(UTC)
    said(demo_db, "路灯坏了", now)
    rasa.user_said(RESIDENT, "路灯坏了", now)
    done = cli.invoke(app, ["person", "export", "--phone", "139 0000 0001"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.stdout)
    assert data["person"]["phone"] == RESIDENT
    assert [m["text"] for m in data["messages_received"]] == ["路灯坏了"]
    assert [e["data"]["text"] for e in data["conversations"]] == ["路灯坏了"]
    to_file = cli.invoke(app, ["person", "export", "--phone", RESIDENT, "-o", str(tmp_path / "out.json")])
    assert to_file.exit_code == 0, to_file.output
    assert json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["addresses"] == [RESIDENT]
    assert actions(demo_db) == ["person.export", "person.export"]


def test_erase_asks_first_then_erases_the_person_their_conversation_and_photos(cli: CliRunner, demo_db: Database,
                                                                              settings: Settings,
                                                                              rasa: RasaTrackerStore):
    photo = PhotoStore(settings.var_dir / "photos").save(JPEG + b"a photo")
    said(demo_db, "路灯坏了", datetime.now(UTC), photos=[photo])
    rasa.user_said(RESIDENT, "路灯坏了", datetime.now(UTC))
    refused = cli.invoke(app, ["person", "erase", "--phone", RESIDENT], input="n\n")
    assert refused.exit_code == 1 and actions(demo_db) == []
    done = cli.invoke(app, ["person", "erase", "--phone", RESIDENT, "--yes"])
    assert done.exit_code == 0, done.output
    counts = dict(line.split("\t") for line in done.stdout.strip().splitlines())
    assert (counts["messages_received"], counts["conversation_events"], counts["photo_files"]) == ("1", "1", "1")
    assert rasa.count(RESIDENT) == 0 and not PhotoStore(settings.var_dir / "photos").path_of(photo).exists()
    with demo_db.session() as s:
        assert s.scalar(select(Person).where(Person.phone == RESIDENT)) is None
    assert actions(demo_db) == ["person.erase"]


def test_a_person_is_named_by_number_or_telegram_id(cli: CliRunner):
    assert cli.invoke(app, ["person", "export"]).exit_code == 2
    assert cli.invoke(app, ["person", "export", "--phone", "not a number"]).exit_code == 2
    assert cli.invoke(app, ["person", "export", "--telegram-id", "4242"]).exit_code == 0


def test_purge_blanks_what_is_past_the_retention_and_prints_counts(cli: CliRunner, demo_db: Database,
                                                                   rasa: RasaTrackerStore):
    now = datetime.now(UTC)
    said(demo_db, "半年前的报事", now - timedelta(days=200))
    said(demo_db, "上周的报事", now - timedelta(days=7))
    rasa.user_said(RESIDENT, "半年前的报事", now - timedelta(days=200))
    done = cli.invoke(app, ["purge", "--older-than", "180d"])
    assert done.exit_code == 0, done.output
    counts = dict(line.split("\t") for line in done.stdout.strip().splitlines())
    assert (counts["messages_received"], counts["conversation_events"]) == ("1", "1")
    with demo_db.session() as s:
        assert s.scalars(select(InboxMessage.text).order_by(InboxMessage.id)).all() == ["", "上周的报事"]
    assert cli.invoke(app, ["purge", "--older-than", "26w"]).exit_code == 0
    assert cli.invoke(app, ["purge", "--older-than", "half a year"]).exit_code == 2
    assert actions(demo_db) == ["purge", "purge"]


def test_audit_verify_says_ok_and_exits_1_naming_the_entry_when_one_was_changed(cli: CliRunner, demo_db: Database):
    cli.invoke(app, ["person", "export", "--phone", RESIDENT])
    cli.invoke(app, ["person", "export", "--phone", RESIDENT])
    ok = cli.invoke(app, ["audit", "verify"])
    assert ok.exit_code == 0 and ok.stdout.startswith("ok\t2 entries"), ok.output
    with demo_db.session() as s:
        s.execute(update(AuditEntry).where(AuditEntry.id == 1).values(action="person.look"))
    broken = cli.invoke(app, ["audit", "verify"])
    assert broken.exit_code == 1 and broken.stdout.startswith("broken\t1\t"), broken.output
