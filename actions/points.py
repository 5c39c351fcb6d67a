"""ask_points: the balance and the last few entries, in one SMS; what points are for (积分咋个用), from the
knowledge base with who to ask."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_data
from actions.runtime import context
from actions.sender import registered_sender, sender_person
from bot.core import points, questions


class ActionAskPoints(Action):
    def name(self) -> str:
        return "action_ask_points"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx = context()
        text = tracker_data.text(tracker)
        if points.asks_transfer(text):  # 积分能不能转给我妈: answered, never the balance alone (blind test 30, V25)
            dispatcher.utter_message(text=points.TRANSFER)
            return []
        found = ctx.knowledge.find(text) if points.asks_what_points_are_for(text) else None
        if found is not None:
            with ctx.db.session() as session:
                whom = questions.whom_to_ask(session, sender_person(session, tracker), ctx.knowledge.contact,
                                             found.entry.ask)
                person = sender_person(session, tracker) if points.asks_balance_too(text) else None
                total = points.balance(session, person.id) if person is not None else None
            who = f"网格员{whom.name}" if whom.grid_worker else whom.name
            if total is not None:  # 我的积分好多了 能换啥子: the balance and what it buys
                dispatcher.utter_message(text=points.balance_and_use(total, found.entry.answer,
                                                                     f"有疑问找{who}{whom.phone}。"))
                return []
            dispatcher.utter_message(response="utter_policy_answer", answer=found.entry.answer, who=who,
                                     phone=whom.phone)
            return []
        with ctx.db.session() as session:
            person = registered_sender(session, tracker, dispatcher)
            if person is None:
                return []
            dispatcher.utter_message(response="utter_points", summary=points.summary_text(session, person.id))
        return []
