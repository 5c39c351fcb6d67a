"""ask_points: the balance and the last few entries, in one SMS."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.runtime import context
from bot.core import points, registry


class ActionAskPoints(Action):
    def name(self) -> str:
        return "action_ask_points"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx = context()
        with ctx.db.session() as session:
            person = registry.person_by_address(session, tracker.sender_id)
            if person is None:
                dispatcher.utter_message(response="utter_not_registered")
                return []
            dispatcher.utter_message(response="utter_points", summary=points.summary_text(session, person.id))
        return []
