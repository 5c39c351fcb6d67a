"""A cancel said while the bot asks where a report is: with a word of cancelling it drops the report, without one it
is the answer to "where?"."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_data
from actions.report_form import ValidateReportForm
from bot.core import cancelling, place_answers


class ActionCancelWhileReporting(Action):
    """取消 / 算了 不报了 drop the report being placed. A message the classifier reads as *cancel* with no such word
    ("我刚才不是说了嘛 红绿灯坏了", a rider answering where) is read as the form reads an answer, and the form goes on:
    the report is never lost to a guess."""

    def name(self) -> str:
        return "action_cancel_while_reporting"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = tracker_data.text(tracker)
        withdrawn = ValidateReportForm().withdrawn_other(dispatcher, tracker, text)
        if withdrawn:  # 灯那个不报了 while 垃圾 waits for its place: the lamp ticket, the 垃圾 still asked where
            return [*(SlotSet(name, value) for name, value in withdrawn.items()), FollowupAction("report_form")]
        if not text.strip() or cancelling.says_cancel(text) or place_answers.reading(text) == "gives_up":
            dispatcher.utter_message(response="utter_cancelled")
            return [ActiveLoop(None), SlotSet("requested_slot", None)]
        answered = ValidateReportForm().validate_report_place(text, dispatcher, tracker, domain)
        # The follow-up last: the form then finds no slot set after it to validate a second time.
        return [*(SlotSet(name, value) for name, value in answered.items()), FollowupAction("report_form")]
