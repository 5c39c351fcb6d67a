"""Who is this? The person behind a tracker's sender, or "not registered" said once."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.sender import registered_sender, sender_person
from bot.store.db import Database
from tests.actions.conftest import make_tracker
from tests.conftest import RIDER, STRANGER, VILLAGER, WORKER


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    return [m["response"] for m in dispatcher.messages]


def test_a_registered_sender_is_found_and_nothing_is_said(demo_db: Database, dispatcher: CollectingDispatcher):
    with demo_db.session() as s:
        person = registered_sender(s, make_tracker(VILLAGER), dispatcher, residents_only=True)
        assert (person.phone, person.kind) == (VILLAGER, "resident")
    assert responses(dispatcher) == []


def test_a_stranger_is_told_once_they_are_not_registered(demo_db: Database, dispatcher: CollectingDispatcher):
    with demo_db.session() as s:
        assert registered_sender(s, make_tracker(STRANGER), dispatcher) is None
    assert responses(dispatcher) == ["utter_not_registered"]


def test_staff_and_riders_count_only_where_residents_are_not_required(demo_db: Database,
                                                                       dispatcher: CollectingDispatcher):
    with demo_db.session() as s:
        assert registered_sender(s, make_tracker(WORKER), dispatcher).kind == "staff"
        assert registered_sender(s, make_tracker(RIDER), dispatcher, residents_only=True) is None
        assert registered_sender(s, make_tracker(WORKER), dispatcher, residents_only=True) is None
    assert responses(dispatcher) == ["utter_not_registered", "utter_not_registered"]


def test_looking_up_the_sender_alone_says_nothing(demo_db: Database, dispatcher: CollectingDispatcher):
    with demo_db.session() as s:
        assert sender_person(s, make_tracker(VILLAGER)).phone == VILLAGER
        assert sender_person(s, make_tracker(STRANGER)) is None
        assert sender_person(s, make_tracker(RIDER), residents_only=True) is None
    assert responses(dispatcher) == []
