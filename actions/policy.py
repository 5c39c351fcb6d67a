"""ask_policy: an answer from the knowledge base with who to ask; a question it cannot answer is
kept for staff, and a bare 1 right after asks for a call back (a question ticket)."""

from __future__ import annotations

import unicodedata

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_data
from actions.menu import answering, last_bot_action
from actions.runtime import context
from actions.sender import sender_person
from bot.core import knowledge, points, questions, triage

UNANSWERED_SLOT = "policy_unanswered"


def channel_and_message(tracker: Tracker) -> tuple[str, int | None]:
    meta = tracker_data.metadata(tracker)
    inbox_id = meta.get("inbox_id")
    return str(meta.get("channel") or "simulator"), int(inbox_id) if inbox_id is not None else None


def pending_callback(tracker: Tracker) -> bool:
    """True when the latest message is just 1 and the bot had just said it could not answer."""
    text = unicodedata.normalize("NFKC", tracker_data.text(tracker)).strip(" 。.!！")
    if answering(tracker) not in (None, "callback"):
        return False
    return (text == "1" and bool(tracker.get_slot(UNANSWERED_SLOT))
            and last_bot_action(tracker) == "action_answer_policy")


def audience_of(tracker: Tracker) -> str:
    """Whose answers the sender gets from the knowledge base: riders' for a registered rider, else residents'."""
    with context().db.session() as session:
        person = sender_person(session, tracker)
        return knowledge.audience_for(person.kind if person is not None else None)


class ActionAnswerPolicy(Action):
    """The knowledge base's answer and the sender's grid worker (or the service station) to ask."""

    def name(self) -> str:
        return "action_answer_policy"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx = context()
        text = tracker_data.text(tracker)
        if answering(tracker) == "problem" and triage.has_problem(text):
            # Told "请说说是什么问题", the answer is the report even asked as a question (水管爆了 咋个办嘛, bt 7 #42).
            return [FollowupAction("action_unsure")]
        before = tracker_data.metadata(tracker).get("before")
        if before:  # what was done first: the ticket the question had become, withdrawn (bot/core/corrections.py)
            dispatcher.utter_message(text=str(before))
        asked = triage.information_request(text)
        if asked in ("how_to_vote", "how_to_photo"):  # about the bot itself: answered here
            dispatcher.utter_message(text=triage.HOW_TO_VOTE if asked == "how_to_vote" else triage.HOW_TO_PHOTO)
            return [SlotSet(UNANSWERED_SLOT, None)]
        if asked in ("contact", "someone_contact"):  # "我的网格员电话多少": their published contact, whole
            with ctx.db.session() as session:
                whom = questions.whom_to_ask(session, sender_person(session, tracker), ctx.knowledge.contact)
                dispatcher.utter_message(text=triage.contact_reply(whom.name, whom.phone, whom.grid_worker,
                                                                   asked == "someone_contact"))
            return [SlotSet(UNANSWERED_SLOT, None)]
        if "积分" in text and points.asks_what_points_are_for(text) and points.asks_balance_too(text):
            return [SlotSet(UNANSWERED_SLOT, None), FollowupAction("action_ask_points")]  # the balance too (#70)
        found = ctx.knowledge.find(text, audience_of(tracker))  # a rider gets the riders' answer (blind 7, #55)
        with ctx.db.session() as session:
            if found is None:
                channel, message_id = channel_and_message(tracker)
                questions.log_miss(session, ctx.clock, tracker.sender_id, channel, text, message_id)
                dispatcher.utter_message(response="utter_policy_unknown")
                return [SlotSet(UNANSWERED_SLOT, True)]
            whom = questions.whom_to_ask(session, sender_person(session, tracker), ctx.knowledge.contact,
                                         found.entry.ask)
        dispatcher.utter_message(response="utter_policy_answer", answer=found.entry.answer,
                                 who=f"网格员{whom.name}" if whom.grid_worker else whom.name, phone=whom.phone)
        return [SlotSet(UNANSWERED_SLOT, None)]


class ActionNotUnderstood(Action):
    """What the classifier cannot place: a question the knowledge base answers is answered (换电柜在哪,
    小区不让电动车进 外卖咋个送: blind test 17, #21, #97, #112), anything else gets 没太看懂 and the menu."""

    def name(self) -> str:
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = tracker_data.text(tracker)
        if not triage.has_problem(text) and context().knowledge.find(text, audience_of(tracker)) is not None:
            return await ActionAnswerPolicy().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response="utter_default")
        return []


class ActionPolicyCallback(Action):
    """回复 1 after an unanswered question: a question ticket, and the worker calls back."""

    def name(self) -> str:
        return "action_policy_callback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx = context()
        with ctx.db.session() as session:
            miss = questions.last_miss(session, ctx.clock, tracker.sender_id)
            if miss is None:
                dispatcher.utter_message(response="utter_policy_ask_again")
                return [SlotSet(UNANSWERED_SLOT, None)]
            opened = questions.ask_callback(session, ctx.clock, ctx.rules, miss, channel_and_message(tracker)[1])
            number = opened.ticket.number
            assignee = opened.assignee.name if opened.assignee is not None else None
        if assignee:
            dispatcher.utter_message(response="utter_policy_callback", name=assignee, number=number)
        else:
            dispatcher.utter_message(response="utter_policy_callback_unassigned", number=number)
        return [SlotSet(UNANSWERED_SLOT, None), SlotSet("last_ticket", number)]
