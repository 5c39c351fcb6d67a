"""Who is this? The registered person behind a tracker's sender, or a polite "not registered"."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from bot.core import registry
from bot.core.registry import Person


def sender_person(session: Session, tracker: Tracker, *, residents_only: bool = False) -> Person | None:
    """The person who sent the latest message; with `residents_only`, only a resident or villager
    (not staff, not a rider) counts."""
    person = registry.person_by_address(session, tracker.sender_id)
    if person is None or (residents_only and person.kind != "resident"):
        return None
    return person


def registered_sender(session: Session, tracker: Tracker, dispatcher: CollectingDispatcher, *,
                      residents_only: bool = False) -> Person | None:
    """`sender_person`, or None once the sender has been told they are not registered."""
    person = sender_person(session, tracker, residents_only=residents_only)
    if person is None:
        dispatcher.utter_message(response="utter_not_registered")
    return person
