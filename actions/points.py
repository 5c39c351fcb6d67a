"""ask_points: the balance and the last few entries, in one SMS."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.runtime import context
from actions.sender import registered_sender
from bot.core import points


class ActionAskPoints(Action):
    def name(self) -> str:
        return "action_ask_points"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx = context()
        with ctx.db.session() as session:
            person = registered_sender(session, tracker, dispatcher)
            if person is None:
                return []
            dispatcher.utter_message(response="utter_points", summary=points.summary_text(session, person.id))
        return []
