"""Actions for 议事小院: vote, ask for the board, propose a topic. The decisions live in the core."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_data
from actions.menu import answering, pending_menu_choice
from actions.policy import pending_callback
from actions.runtime import context
from actions.sender import registered_sender, sender_person
from actions.tickets import pending_rating
from bot.core import council, public_board
from bot.core.council_dialogue import closed_result, handle_vote, vote_progress, withdraw_latest
from bot.core.council_words import (
    asks_progress,
    confirms_draft,
    drops_proposal,
    is_withdrawal,
    proposal_subject,
    proposes_anew,
    suggestion_subject,
)
from bot.core.points import PointRules

TOPIC_SLOTS = ["topic_title", "topic_description", "topic_confirm"]
NO_DESCRIPTION = "无补充说明"  # a draft confirmed at the description question (确认)
CAST_RESPONSES = {"recorded": "utter_vote_recorded", "unchanged": "utter_vote_recorded",
                  "changed": "utter_vote_changed", "locked": "utter_vote_locked",
                  "not_open": "utter_vote_closed", "not_eligible": "utter_vote_not_eligible",
                  "no_proxy": "utter_vote_not_eligible", "own_ballot": "utter_vote_not_eligible",
                  "bad_option": "utter_vote_which_option"}


class ActionVote(Action):
    """Record a ballot the classifier recognised: which topic (asking when several are open), which option,
    and say what counted. Answers to the bot's vote questions, proxy ballots and withdrawals are read
    before the engine (bot/app/council_step.py); a bare number reaching here answers no vote question: it is
    a ballot on the one open topic the sender can still change (the reply says what was recorded), otherwise
    asked about, never cast on a guessed topic."""

    def name(self) -> str:
        return "action_vote"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if pending_menu_choice(tracker):
            return [FollowupAction("action_menu_choice")]
        if pending_callback(tracker):  # a bare 1 after "回复1，请工作人员给您回电"
            return [FollowupAction("action_policy_callback")]
        if pending_rating(tracker) is not None:  # a bare 1/2/3 answering a rating request
            return [FollowupAction("action_rate_service")]
        ctx = context()
        text = tracker_data.text(tracker)
        with ctx.db.session() as session:
            voter = registered_sender(session, tracker, dispatcher, residents_only=True)
            if voter is None:
                return []
            if is_withdrawal(text):  # 撤回投票 read as a ballot: it takes the ballot back
                dispatcher.utter_message(text=withdraw_latest(session, ctx.clock, voter, text))
                return []
            decision = handle_vote(session, ctx.clock, voter, text, tracker_data.entity(tracker, "option"),
                                   PointRules.from_settings(ctx.settings), answering=answering(tracker))
            self._answer(session, ctx.clock, voter, dispatcher, decision)
        return []

    @staticmethod
    def _answer(session: Any, clock: Any, voter: Any, dispatcher: CollectingDispatcher, decision: Any) -> None:
        if decision.kind == "asked" and len(decision.topics) == 1:
            topic = decision.topics[0]
            dispatcher.utter_message(response="utter_vote_which_option", title=council.fit(topic.title, 16),
                                     options=council.options_line(topic.options))
        elif decision.kind == "asked":
            dispatcher.utter_message(response="utter_vote_which_topic", text_list=decision.text)
        elif decision.kind == "none_open":
            dispatcher.utter_message(response="utter_vote_none_open")
        elif decision.kind == "board":
            dispatcher.utter_message(response="utter_board", board=council.board_text(session, voter, clock.now()))
        elif decision.kind in ("closed", "progress"):  # the core's text carries the counts or the result
            dispatcher.utter_message(text=decision.text)
        elif decision.kind == "not_eligible":
            topic = decision.topics[0]
            dispatcher.utter_message(response="utter_vote_not_eligible", title=council.fit(topic.title, 16),
                                     electorate=council.fit(council.describe_electorate(session, topic.electorate), 16))
        else:
            result = decision.result
            topic = result.topic
            previous = topic.options[result.previous - 1] if result.previous else ""
            dispatcher.utter_message(response=CAST_RESPONSES[result.status], title=council.fit(topic.title, 16),
                                     option=result.label, previous=previous,
                                     options=council.options_line(topic.options),
                                     electorate=council.fit(council.describe_electorate(session, topic.electorate), 16))


class ActionAskTopics(Action):
    """The 村口黑板: open topics for this person, then the latest result or notice."""

    def name(self) -> str:
        return "action_ask_topics"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx = context()
        with ctx.db.session() as session:
            person = sender_person(session, tracker)
            if person is None:  # what hangs on the village board is public (bot/core/public_board.py)
                dispatcher.utter_message(text=public_board.outsider_board(session))
                return []
            result = closed_result(session, ctx.clock, person, tracker_data.text(tracker))
            if result is not None:  # 垃圾费最后咋个定的: that topic's result, in one SMS part
                dispatcher.utter_message(text=result)
                return []
            if asks_progress(tracker_data.text(tracker)):  # 投票结果咋样: counts, turnout, results
                dispatcher.utter_message(text=vote_progress(session, ctx.clock, person))
                return []
            dispatcher.utter_message(response="utter_board", board=council.board_text(session, person,
                                                                                      ctx.clock.now()))
        return []


# Another request while proposing leaves the draft and is answered (blind test 6, #96: "我的积分" became the
# description): the intents, when the classifier is this sure, and what answers them.
LEAVE_FOR = {"ask_points": "action_ask_points", "check_status": "action_check_status", "urge": "action_urge",
             "ask_topics": "action_ask_topics", "greet": "utter_greet", "help": "utter_help"}
LEAVE_CONFIDENCE = 0.8
DROPPED = "好的，这个议题先不提了。想提时再说“我想提个议题”。"


class ValidateTopicForm(FormValidationAction):
    """Gather a title (the first message's subject when it names one) and a description, then a yes/no; ask
    nothing of someone not registered. A never-mind ends the draft; another request leaves it and is answered."""

    def name(self) -> str:
        return "validate_topic_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("requested_slot") is None:  # the form starting: the proposal itself
            return await super().run(dispatcher, tracker, domain)
        text, intent = tracker_data.text(tracker), tracker.latest_message.get("intent") or {}
        leave = [SlotSet(slot, None) for slot in TOPIC_SLOTS] + [SlotSet("requested_slot", None)]
        if drops_proposal(text):
            dispatcher.utter_message(text=DROPPED)
            return [*leave, FollowupAction("action_listen")]
        if proposes_anew(text):  # 我要提个建议 while an old draft waits: a fresh draft (blind test 26)
            subject = proposal_subject(text)
            # requested_slot None would end the form: the next slot asked is the fresh draft's first empty one
            return [*leave[:-1], SlotSet("topic_title", subject or None),
                    SlotSet("requested_slot", "topic_description" if subject else "topic_title")]
        target = LEAVE_FOR.get(intent.get("name") or "")
        if target is not None and float(intent.get("confidence") or 0) >= LEAVE_CONFIDENCE:
            return [*leave, FollowupAction(target)]
        return await super().run(dispatcher, tracker, domain)

    async def extract_topic_title(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                  domain: DomainDict) -> dict[str, Any]:
        """"我想提个议题 村头那个垃圾池要挪个地方": the subject is the title, not asked again (blind test 6, #45)."""
        if tracker.get_slot("requested_slot") is not None or tracker.get_slot("topic_title"):
            return {}
        subject = proposal_subject(tracker_data.text(tracker))
        return {"topic_title": subject} if subject else {}

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        with context().db.session() as session:
            if sender_person(session, tracker, residents_only=True) is None:
                return []
        return domain_slots

    def validate_topic_title(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> dict[str, Any]:
        text = str(value or "").strip()
        return {"topic_title": council.fit(text, 40) if len(text) >= 2 else None}

    def validate_topic_description(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> dict[str, Any]:
        text = str(value or "").strip()
        if confirms_draft(text):  # 确认: the title said it all, the draft confirmed (blind test 29, B65)
            return {"topic_description": NO_DESCRIPTION, "topic_confirm": True}
        return {"topic_description": council.fit(text, 60) if text else None}


class ActionSubmitTopic(Action):
    """Send a confirmed proposal to the village secretary."""

    def name(self) -> str:
        return "action_submit_topic"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx = context()
        clear = [SlotSet(slot, None) for slot in TOPIC_SLOTS]
        with ctx.db.session() as session:
            outsider = sender_person(session, tracker, residents_only=True) is None
        if outsider and suggestion_subject(tracker_data.text(tracker)):
            # 我想给我们小区提个建议 多装点监控 from a number no village knows: passed to the grid worker as a report,
            # never "not registered" (blind test 32, B72)
            return [*clear, FollowupAction("action_report_instead")]
        with ctx.db.session() as session:
            proposer = registered_sender(session, tracker, dispatcher, residents_only=True)
            if proposer is None:
                return clear
            if not tracker.get_slot("topic_confirm"):
                dispatcher.utter_message(response="utter_cancelled")
                return clear
            try:
                topic = council.propose(session, ctx.clock, proposer, tracker.get_slot("topic_title") or "",
                                        tracker.get_slot("topic_description") or "")
            except council.CouncilError:
                dispatcher.utter_message(response="utter_not_registered")
                return clear
            topic_id = topic.id
        dispatcher.utter_message(response="utter_topic_submitted", topic_id=topic_id)
        return clear
