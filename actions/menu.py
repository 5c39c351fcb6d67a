"""The numbered main menu: a bare digit right after the menu is a choice, not a ballot."""

from __future__ import annotations

import unicodedata

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_data

# Responses that end with "1 反映问题 2 查询进度 3 议事投票 4 我的积分".
# action_unsure (the classifier unsure) says utter_default's text unless it filed something or the knowledge
# base answered.
MENU_RESPONSES = {"utter_greet", "utter_help", "utter_default", "utter_out_of_scope", "action_unsure",
                  "action_not_understood", "action_out_of_scope"}
# What each choice leads to: a response to utter, or an action to run next.
CHOICES: dict[str, tuple[str, str]] = {
    "1": ("response", "utter_ask_problem"),
    "2": ("action", "action_check_status"),
    "3": ("action", "action_ask_topics"),
    "4": ("action", "action_ask_points"),
}


def last_bot_action(tracker: Tracker) -> str | None:
    """The last action the bot ran before the latest user message."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif seen_user and event.get("event") == "action" and event.get("name") not in (None, "action_listen"):
            return str(event["name"])
    return None


def pending_menu_choice(tracker: Tracker) -> str | None:
    """'1'…'4' when the latest message is only that digit (full-width too) and answers the menu: the
    worker said so, or (it did not say) the menu was the bot's last message in this conversation."""
    text = unicodedata.normalize("NFKC", tracker_data.text(tracker)).strip(" 。.!！")
    answers = answering(tracker)
    if text in CHOICES and (answers == "menu" or (answers is None and last_bot_action(tracker) in MENU_RESPONSES)):
        return text
    return None


def answering(tracker: Tracker) -> str | None:
    """Which numbered question a bare number answers, when the inbound worker read it from the
    conversation before the engine (bot/app/dialogue.py puts it in the metadata: "menu", "rating",
    "callback", "topic_choice", "option_choice", "ballot"); None when it did not say."""
    found = tracker_data.metadata(tracker).get("answers")
    return str(found) if found else None


class ActionMenuChoice(Action):
    """Carry out a menu choice; called as a follow-up by actions that see a bare digit."""

    def name(self) -> str:
        return "action_menu_choice"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        choice = pending_menu_choice(tracker)
        if choice is None:
            dispatcher.utter_message(response="utter_default")
            return []
        kind, target = CHOICES[choice]
        if kind == "response":
            dispatcher.utter_message(response=target)
            return []
        return [FollowupAction(target)]
