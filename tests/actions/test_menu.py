from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction

from actions.menu import ActionMenuChoice, pending_menu_choice
from tests.conftest import RESIDENT


def tracker_after(bot_action: str, text: str, answers: str | None = None) -> Tracker:
    events = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "你好", "parse_data": {"intent": {"name": "greet"}}},
        {"event": "action", "name": bot_action},
        {"event": "bot", "text": "菜单"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": {"intent": {"name": "vote"}}},
    ]
    return Tracker.from_dict({"sender_id": RESIDENT, "slots": {}, "events": events, "paused": False,
                              "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen",
                              "latest_message": {"text": text, "intent": {"name": "vote"}, "entities": [],
                                                 "metadata": {"answers": answers} if answers else {}}})


def test_a_bare_digit_after_the_menu_is_a_menu_choice():
    assert pending_menu_choice(tracker_after("utter_greet", "2")) == "2"


def test_a_full_width_digit_counts_too():
    assert pending_menu_choice(tracker_after("utter_help", "４")) == "4"


def test_a_digit_after_anything_else_is_not_a_menu_choice():
    assert pending_menu_choice(tracker_after("action_open_topic", "2")) is None


def test_the_question_the_worker_read_from_the_conversation_decides_over_the_trackers_last_action():
    """The menu may have been sent by the worker's own step (the engine never saw it), and a notice
    (a rating request, a ballot) may have come after the engine's menu."""
    assert pending_menu_choice(tracker_after("action_submit_report", "2", answers="menu")) == "2"
    assert pending_menu_choice(tracker_after("utter_greet", "2", answers="ballot")) is None


def test_words_after_the_menu_are_not_a_menu_choice():
    assert pending_menu_choice(tracker_after("utter_greet", "2号楼停电了")) is None


async def test_choice_one_asks_for_the_problem(dispatcher, domain):
    events = await ActionMenuChoice().run(dispatcher, tracker_after("utter_greet", "1"), domain)
    assert events == [] and dispatcher.messages[0]["response"] == "utter_ask_problem"


async def test_choice_four_hands_over_to_the_points_action(dispatcher, domain):
    events = await ActionMenuChoice().run(dispatcher, tracker_after("utter_greet", "4"), domain)
    assert events == [FollowupAction("action_ask_points")]
