"""Rasa's tracker store read and trimmed by SQL: a person's events, forgetting them, old ones going;
no store yet means nothing to do, and none is made."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.common.address_cipher import conversation_cipher
from bot.common.settings import Settings
from bot.store.tracker_events import TrackerEvents, app_url
from tests.conftest import RESIDENT, STRANGER
from tests.fakes.rasa_tracker import RasaTrackerStore

NOW = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def rasa(settings: Settings) -> Iterator[RasaTrackerStore]:
    store = RasaTrackerStore(settings.resolved_tracker_store_url)
    yield store
    store.dispose()


def test_a_person_s_events_come_back_oldest_first_with_their_data(settings: Settings, rasa: RasaTrackerStore):
    rasa.user_said(RESIDENT, "路灯坏了", NOW - timedelta(minutes=2))
    rasa.user_said(STRANGER, "你好", NOW)
    rasa.user_said(RESIDENT, "在阳光小区", NOW)
    events = TrackerEvents(settings.resolved_tracker_store_url).of_senders([RESIDENT])
    assert [e["data"]["text"] for e in events] == ["路灯坏了", "在阳光小区"]
    assert events[0]["sender_id"] == RESIDENT and events[0]["timestamp"] == (NOW - timedelta(minutes=2)).timestamp()


def test_forgetting_a_conversation_deletes_only_its_events(settings: Settings, rasa: RasaTrackerStore):
    rasa.user_said(RESIDENT, "路灯坏了", NOW)
    rasa.user_said(STRANGER, "你好", NOW)
    assert TrackerEvents(settings.resolved_tracker_store_url).delete_senders([RESIDENT, "tg:42"]) == 1
    assert (rasa.count(RESIDENT), rasa.count(STRANGER)) == (0, 1)


def test_a_conversation_kept_under_its_opaque_id_is_found_by_the_address_and_forgotten(settings: Settings,
                                                                                       rasa: RasaTrackerStore):
    tracker = TrackerEvents(settings.resolved_tracker_store_url, conversation_key="k")
    conversation = conversation_cipher("k").seal(RESIDENT)  # EngineClient.conversation_id
    rasa.user_said(conversation, "路灯坏了", NOW)  # as the engine keeps it now
    rasa.user_said(RESIDENT, "去年说的", NOW - timedelta(days=1))  # kept before conversation ids were sealed
    rasa.user_said(STRANGER, "你好", NOW)
    events = tracker.of_senders([RESIDENT])
    assert [(e["sender_id"], e["data"]["text"]) for e in events] == [(RESIDENT, "路灯坏了"), (RESIDENT, "去年说的")]
    assert tracker.delete_senders([RESIDENT]) == 2
    assert (rasa.count(conversation), rasa.count(RESIDENT), rasa.count(STRANGER)) == (0, 0, 1)


def test_events_older_than_the_cutoff_are_deleted(settings: Settings, rasa: RasaTrackerStore):
    rasa.user_said(RESIDENT, "去年的事", NOW - timedelta(days=200))
    rasa.user_said(RESIDENT, "今天的事", NOW)
    assert TrackerEvents(settings.resolved_tracker_store_url).delete_before(NOW - timedelta(days=180)) == 1
    assert rasa.count(RESIDENT) == 1


def test_before_the_engine_has_run_there_is_nothing_to_do_and_no_store_is_made(settings: Settings):
    tracker = TrackerEvents(settings.resolved_tracker_store_url)
    assert tracker.of_senders([RESIDENT]) == []
    assert tracker.delete_senders([RESIDENT]) == 0
    assert tracker.delete_before(NOW) == 0
    if settings.is_sqlite:
        assert not Path(settings.resolved_tracker_store_url.split("///", 1)[1]).exists()


def test_the_engine_s_postgresql_url_is_read_with_the_app_s_driver():
    assert app_url("postgresql://bot@db:5432/grid") == "postgresql+psycopg://bot@db:5432/grid"
    assert app_url("sqlite:///var/rasa_tracker.db") == "sqlite:///var/rasa_tracker.db"
