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
from bot.core import (
    after_report,
    help_requests,
    how_to,
    knowledge,
    points,
    problem_context,
    question_kinds,
    questions,
    residence,
    said_before,
    triage,
)
from bot.core.knowledge import Found

UNANSWERED_SLOT = "policy_unanswered"
# After an answer that may not settle it (an entry with `callback`); its words are answers.QUESTION_MARKERS' callback.
CALLBACK_OFFER = "要查具体情况，回复1，请工作人员给您回电。"  # a household's or a felled tree's (blind test 35, Q8)
# A bare acknowledgement with nothing before it to acknowledge (好的, 晓得了): a short word back, never 没太看懂.
ACKNOWLEDGED = "好的，有事随时发消息说。"


def channel_and_message(tracker: Tracker) -> tuple[str, int | None]:
    meta = tracker_data.metadata(tracker)
    inbox_id = meta.get("inbox_id")
    return str(meta.get("channel") or "simulator"), int(inbox_id) if inbox_id is not None else None


def pending_callback(tracker: Tracker) -> bool:
    """True when the latest message is just 1 and the bot had just said it could not answer."""
    text = unicodedata.normalize("NFKC", tracker_data.text(tracker)).strip(" 。.!！")
    if answering(tracker) not in (None, "callback"):
        return False
    # The worker read "回复1，请工作人员给您回电" as the last thing the sender was told (answers "callback"), or the
    # question went through an action that hands questions on to this one (blind test 22, #64: a 1 after an
    # unanswered question from an unregistered number was refused as not registered).
    # The worker's word alone will do: the slot may have been reset by a turn between (blind test 32, B69: a rider's 1
    # a minute after 答不上 was not taken for the call back).
    return text == "1" and (answering(tracker) == "callback" or (bool(tracker.get_slot(UNANSWERED_SLOT))
                                                                 and last_bot_action(tracker) in ANSWERING_ACTIONS))


ANSWERING_ACTIONS = ("action_answer_policy", "action_not_understood", "action_out_of_scope", "action_register")


# A question this soon after one the knowledge base answered may be about its subject (blind test 33, B7:
# 我们这批好久发嘛 ten minutes after 搬迁补助好久发 got 没太看懂 at 600 seconds).
FOLLOW_UP_SECONDS = said_before.WINDOW_SECONDS


def find_answer(tracker: Tracker, text: str) -> Found | None:
    """The knowledge base's entry for the question; a follow-up that names no subject of its own
    ("我屋头三个人 在哪点交" right after "新农合今年一个人交好多钱", blind test 8, #108) is read with the
    previous question's."""
    base, audience = context().knowledge, audience_of(tracker)  # a rider gets the riders' answer (blind 7, #55)
    found = base.find(text, audience)
    if found is not None or triage.information_request(text) != "question":
        return found  # only a question follows up on another ("嗯嗯" after an answer is not asked again)
    before = previous_text(tracker, FOLLOW_UP_SECONDS)
    if before and triage.information_request(before) != "question":
        return None  # only a question is followed up on: 老年卡在哪点办 after 一股煤气味 is no gas question (bt 22)
    subject = base.find(before, audience) if before else None
    if subject is None:
        return None
    together = base.find(f"{before} {text}", audience)
    return together if together is not None and together.entry.id == subject.entry.id else None


def subject_asked_again(tracker: Tracker, text: str) -> Found | None:
    """A question naming no subject of its own right after one the knowledge base answered (到底啥时候轮到我们那批嘛
    after 搬迁补助啥时候发, blind test 35, B7, even where the two read together find a neighbour entry): that answer's
    entry, asked of again; None otherwise."""
    base, audience = context().knowledge, audience_of(tracker)
    if base.find(text, audience) is not None or triage.information_request(text) != "question":
        return None
    before = previous_text(tracker, FOLLOW_UP_SECONDS)
    if not before or triage.information_request(before) != "question":
        return None
    subject = base.find(before, audience)
    return subject if subject is not None and answered_just_now(tracker, subject.entry.answer) else None


def previous_text(tracker: Tracker, within: float) -> str | None:
    """The sender's message before the latest, when it came within `within` seconds of it."""
    said = [e for e in reversed(tracker.events) if e.get("event") == "user"]
    if len(said) < 2:
        return None
    latest, before = said[0], said[1]
    if float(latest.get("timestamp") or 0) - float(before.get("timestamp") or 0) > within:
        return None
    return str(before.get("text") or "") or None


def answered_just_now(tracker: Tracker, answer: str) -> bool:
    """Whether `answer` went out to the sender within said_before.WINDOW_SECONDS of their latest message."""
    latest = next((e for e in reversed(tracker.events) if e.get("event") == "user"), None)
    if latest is None:
        return False
    now = float(latest.get("timestamp") or 0)
    return any(e.get("event") == "bot" and answer in str(e.get("text") or "")
               and now - float(e.get("timestamp") or 0) <= said_before.WINDOW_SECONDS for e in tracker.events)


def audience_of(tracker: Tracker) -> str:
    """Whose answers the sender gets from the knowledge base: riders' for a registered rider, else residents'."""
    with context().db.session() as session:
        person = sender_person(session, tracker)
        return knowledge.audience_for(person.kind if person is not None else None)


class ActionAnswerPolicy(Action):
    """The knowledge base's answer and the sender's grid worker (or the service station) to ask; with
    `after_answer`, a question naming nothing of its own right after an answer is asked of that answer's entry."""

    def __init__(self, *, after_answer: bool = False) -> None:
        self.after_answer = after_answer

    def name(self) -> str:
        return "action_answer_policy"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        ctx = context()
        text = tracker_data.text(tracker)
        if answering(tracker) == "problem" and triage.has_problem(text):
            # Told "请说说是什么问题", the answer is the report even asked as a question (水管爆了 咋个办嘛, bt 7 #42).
            return [FollowupAction("action_unsure")]
        if help_requests.asks_for_help(text) and not triage.asks_despite_problem(text):
            # 老伴瘫在床上 有没有上门服务: someone is sent (blind test 29); 能不能请人上门帮我办养老金认证 asks how
            # (blind test 35, E16n: action_unsure, told it is asked, answered nothing)
            return [FollowupAction("action_unsure")]
        before = tracker_data.metadata(tracker).get("before")
        if before:  # what was done first: the ticket the question had become, withdrawn (bot/core/corrections.py)
            dispatcher.utter_message(text=str(before))
        asked = triage.information_request(text)
        about_the_bot = {"how_to_vote": how_to.HOW_TO_VOTE, "how_to_photo": how_to.HOW_TO_PHOTO,
                         "how_to_video": how_to.HOW_TO_VIDEO,
                         "how_to_location": how_to.HOW_TO_LOCATION}
        if asked in about_the_bot:  # about the bot itself: answered here
            dispatcher.utter_message(text=about_the_bot[asked])
            return [SlotSet(UNANSWERED_SLOT, None)]
        if asked in ("contact", "someone_contact", "how_to_voice"):  # "我的网格员电话多少": their contact, whole
            with ctx.db.session() as session:
                whom = questions.whom_to_ask(session, sender_person(session, tracker), ctx.knowledge.contact)
                named = residence.grid_contact(session, text) if asked == "contact" and not whom.grid_worker else None
            if named is not None:  # 我住河畔花园的 网格员是哪个: that place's grid worker (blind test 22, #94)
                dispatcher.utter_message(text=named)
                return [SlotSet(UNANSWERED_SLOT, None)]
            dispatcher.utter_message(text=how_to.voice_reply(whom.name, whom.phone, whom.grid_worker)
                                     if asked == "how_to_voice" else
                                     how_to.contact_reply(whom.name, whom.phone, whom.grid_worker,
                                                          asked == "someone_contact"))
            return [SlotSet(UNANSWERED_SLOT, None)]
        if "积分" in text and points.asks_what_points_are_for(text) and points.asks_balance_too(text):
            return [SlotSet(UNANSWERED_SLOT, None), FollowupAction("action_ask_points")]  # the balance too (#70)
        found = find_answer(tracker, text) or (subject_asked_again(tracker, text) if self.after_answer else None)
        if found is not None and question_kinds.asks_to_pass_on(text):
            # 安居苑581栋 物业费…涨到一块八 帮我反映一下, after the fee's answer: passed on (blind test 32, B44)
            return [FollowupAction("action_report_instead")]
        with ctx.db.session() as session:
            if found is None and triage.has_problem(text) and not problem_context.asks(text) \
                    and not triage.asks_despite_problem(text):
                # 这里有根电线杆歪起了 要倒不倒的, guessed a question: a problem told, nobody answers, is a report
                # (bt 23, #5); 电梯那个到底好久修得好嘛 still asks (about their report)
                return [FollowupAction("action_unsure")]
            person = sender_person(session, tracker)
            from_notice = questions.notice_answer(session, ctx.clock, person, text, questions.whom_to_ask(
                session, person, ctx.knowledge.contact))
            if from_notice is not None:  # 取暖补贴我老汉去不了 我帮他领得不, after that notice (blind test 8, #138):
                dispatcher.utter_message(text=from_notice)  # more to the point than the 取暖 entry (blind test 33)
                return [SlotSet(UNANSWERED_SLOT, None)]
            if found is None:
                channel, message_id = channel_and_message(tracker)
                questions.log_miss(session, ctx.clock, tracker.sender_id, channel, text, message_id)
                dispatcher.utter_message(response="utter_policy_unknown")
                return [SlotSet(UNANSWERED_SLOT, True)]
            whom = questions.whom_to_ask(session, person, ctx.knowledge.contact, found.entry.ask)
            if not found.entry.callback and answered_just_now(tracker, found.entry.answer):
                # 一顿好多钱嘛 after the canteen's answer: never the same words twice (blind test 33, B87, L17)
                dispatcher.utter_message(text=said_before.again_reply(
                    text, found.entry.answer, f"网格员{whom.name}" if whom.grid_worker else whom.name, whom.phone,
                    found.entry.title))
                return [SlotSet(UNANSWERED_SLOT, None)]
            if found.entry.callback:  # 残疾补贴断了: why, for this household, is for a person (blind test 29)
                channel, message_id = channel_and_message(tracker)
                questions.log_miss(session, ctx.clock, tracker.sender_id, channel, text, message_id)
        dispatcher.utter_message(response="utter_policy_answer", answer=found.entry.answer,
                                 who=f"网格员{whom.name}" if whom.grid_worker else whom.name, phone=whom.phone)
        if found.entry.callback:
            dispatcher.utter_message(text=CALLBACK_OFFER)
            return [SlotSet(UNANSWERED_SLOT, True)]
        return [SlotSet(UNANSWERED_SLOT, None)]


class ActionNotUnderstood(Action):
    """What the classifier cannot place: a question the knowledge base answers is answered (换电柜在哪,
    小区不让电动车进 外卖咋个送: blind test 17, #21, #97, #112), anything else gets 没太看懂 and the menu."""

    RESPONSE = "utter_default"
    PROBLEM_IS_REPORT = False  # out of scope with problem words in it is a report (blind test 23, #5)

    def name(self) -> str:
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = tracker_data.text(tracker)
        if after_report.acknowledges(text):  # 好的 alone (blind test 29)
            dispatcher.utter_message(text=ACKNOWLEDGED)
            return []
        if self.PROBLEM_IS_REPORT and triage.has_problem(text) and not problem_context.asks(text) \
                and not triage.asks_despite_problem(text) and find_answer(tracker, text) is None:
            return [FollowupAction("action_unsure")]
        asks = not triage.has_problem(text) or triage.asks_despite_problem(text)  # 有没得补助 for an illness
        plain_question = question_kinds.plainly_asks(text)  # 停车费好多钱一个月: 答不上 and a call back (test 27)
        if asks and (find_answer(tracker, text) is not None or plain_question or self._about_a_notice(tracker)):
            return await ActionAnswerPolicy().run(dispatcher, tracker, domain)
        dispatcher.utter_message(response=self.RESPONSE)
        return []

    @staticmethod
    def _about_a_notice(tracker: Tracker) -> bool:
        ctx = context()
        with ctx.db.session() as session:
            person = sender_person(session, tracker)
            whom = questions.Whom("", "", grid_worker=False)
            return questions.notice_answer(session, ctx.clock, person, tracker_data.text(tracker), whom) is not None


class ActionOutOfScope(ActionNotUnderstood):
    """Out of scope for the classifier, yet a question the knowledge base answers is answered: a rider's
    电瓶快没电了 这附近哪里能充 (blind test 7, #55) is the riders' battery-swap points, not 这个我帮不上忙."""

    RESPONSE = "utter_out_of_scope"
    PROBLEM_IS_REPORT = True

    def name(self) -> str:
        return "action_out_of_scope"


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
