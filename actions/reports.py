"""Actions for reporting a problem: capture it, open the ticket (asking where is actions/report_form.py)."""

from __future__ import annotations

from dataclasses import replace

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_data
from actions.council import ActionAskTopics
from actions.emergency import ActionReportEmergency, raise_emergency
from actions.policy import ActionAnswerPolicy, ActionNotUnderstood
from actions.report_form import DROPPED, RAISED, asked_where, report_from
from actions.report_places import fuller_place, placed
from actions.runtime import context
from actions.tickets import ActionWorkerTicket
from bot.core import (
    care_words,
    commands,
    help_requests,
    openers,
    reports,
    triage,
    two_problems,
    water_questions,
    when_collected,
)
from bot.core.other_problem import OWN_REPORT
from bot.core.tickets import assignee_label

REPORT_SLOTS = ["report_text", "report_category", "report_lat", "report_lon", "report_message_id",
                "report_channel", "report_place", "report_place_tries", "report_second", "report_second_category"]
def recent_texts(tracker: Tracker, count: int = 3) -> list[str]:
    """The sender's last `count` messages, newest first: the report's own words before the answer to "where?"."""
    said = [str(e.get("text") or "") for e in reversed(tracker.events) if e.get("event") == "user"]
    return said[:count]


class ActionCaptureReport(Action):
    """Remember what the report says, its category, location and the message it came in."""

    def name(self) -> str:
        return "action_capture_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = tracker_data.text(tracker)
        not_a_report = await triaged(dispatcher, tracker, domain, text)
        if not_a_report is not None:
            return not_a_report
        meta = tracker_data.metadata(tracker)
        # A place sent alone just before (5栋2单元, then 门口那个水沟堵了) was held for this report (dialogue.py).
        place = placed(text, fuller_place(text, tracker_data.entity(tracker, "place")),
                       str(meta.get("held_place") or ""))
        # 好久来收嘛 read with 垃圾没人收 to place it: the ticket keeps the resident's own words (bot/app/steps.py)
        own = str(meta.get(when_collected.OWN_WORDS) or text)
        return [
            # 老师 我家天然气点不燃: the report begins with the problem, never the word calling us (blind test 27, A29)
            SlotSet("report_text", openers.without_calling(own) or own),
            SlotSet("report_category", str(meta.get(when_collected.OWN_CATEGORY) or tracker_data.category(tracker))),
            SlotSet("report_lat", meta.get("lat")),
            SlotSet("report_lon", meta.get("lon")),
            SlotSet("report_message_id", meta.get("inbox_id")),
            SlotSet("report_channel", meta.get("channel")),
            SlotSet("report_place_tries", 0.0),
            # A second problem in the same message (…还有…, bot/core/two_problems.py): its own ticket on submit.
            SlotSet("report_second", meta.get("second_problem")),
            SlotSet("report_second_category", meta.get("second_category")),
        ] + ([SlotSet("report_place", place)] if place else [])


async def triaged(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
                  text: str) -> list[EventType] | None:
    """A message read as a report that is none (bot/core/triage.py), answered here and the report
    form never started (the bot listens next); None for a real report. Danger words make it an
    emergency; abuse alone is answered calmly; a question is answered (the notice board, the grid
    worker's number, how to vote or send a photo, the knowledge base), never filed."""
    listen: list[EventType] = [FollowupAction("action_listen")]
    if triage.has_danger(text):
        return await ActionReportEmergency().run(dispatcher, tracker, domain) + listen
    if triage.abuse_only(text):
        dispatcher.utter_message(text=triage.CALM_REPLY)
        return listen
    if openers.says_no_problem_yet(text):  # 我要反应个事, 我们屋头那个: what is the problem? (blind test 5, #62)
        dispatcher.utter_message(text=openers.no_problem_yet_reply(text))
        return listen
    asked = triage.information_request(text)
    if asked is None:
        return None
    if asked == "board":
        return await ActionAskTopics().run(dispatcher, tracker, domain) + listen
    return await ActionAnswerPolicy().run(dispatcher, tracker, domain) + listen


class ActionUnsure(Action):
    """What the classifier could not place. A message naming a danger is an emergency all the same, one
    naming a problem (not asking something) a report; only the rest is 没太看懂 (blind test 6, #13:
    "河坝头涨大水了 安居苑门口那条路都淹了" was not understood)."""

    def name(self) -> str:
        return "action_unsure"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = tracker_data.text(tracker)
        if triage.has_danger(text):  # the bot listens next: never 没太看懂 after it (blind test 25, B17)
            return await ActionReportEmergency().run(dispatcher, tracker, domain) + [FollowupAction("action_listen")]
        # Or read as a report of its own after another (bot/core/other_problem.py, blind test 24: 有个老人家坐在路边
        # 说找不到屋了 安居苑门口).
        if (triage.has_problem(text) and not triage.asks_despite_problem(text)) \
                or tracker_data.metadata(tracker).get(OWN_REPORT):
            return await ActionReportInstead().run(dispatcher, tracker, domain)
        # A staff member's words on a ticket from someone who is not staff (收到 T1042): the classifier, told the
        # sender's role, no longer reads them as worker_ack; the staff desk's action says who may (issue 18).
        if commands.says_staff_command(text):
            return await ActionWorkerTicket().run(dispatcher, tracker, domain)
        # A question the knowledge base answers is answered (换电柜在哪: blind test 5, #112); the rest 没太看懂.
        return await ActionNotUnderstood().run(dispatcher, tracker, domain)


class ActionReportInstead(Action):
    """A message the classifier only guessed was an emergency, with no danger in its words: a report, captured and
    placed like any (actions/emergency.py hands it here)."""

    def name(self) -> str:
        return "action_report_instead"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        events = await ActionCaptureReport().run(dispatcher, tracker, domain)
        captured = any(e.get("event") == "slot" and e.get("name") == "report_text" for e in events)
        return [*events, FollowupAction("report_form")] if captured else events


class ActionSubmitReport(Action):
    """Open the ticket and tell the reporter its number and who has it."""

    def name(self) -> str:
        return "action_submit_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if tracker.get_slot("report_place") == RAISED:
            message_id = tracker.get_slot("report_message_id")
            raised = await raise_emergency(dispatcher, tracker, tracker.get_slot("report_text") or "",
                                           tracker.get_slot("report_category") or "other",
                                           int(message_id) if message_id is not None else None)
            return [SlotSet(slot, None) for slot in REPORT_SLOTS] + raised
        ctx = context()
        report = report_from(tracker)
        if not report.text:
            if tracker.get_slot("report_place") != DROPPED:  # dropped while asked where: already answered
                dispatcher.utter_message(response="utter_ask_problem")
            return [SlotSet(slot, None) for slot in REPORT_SLOTS]
        second_text = tracker.get_slot("report_second")
        later = [str(p) for p in tracker_data.metadata(tracker).get("photos") or []]
        with ctx.db.session() as session:
            if later:  # a photo sent while the bot asked where came with the answer (blind test 8, #73)
                report = replace(report, photos=tuple(dict.fromkeys(
                    [*reports.photos_of_message(session, report.source_message_id), *later])))
            opened = reports.submit(session, ctx.clock, report, ctx.rules)
            number, assignee = opened.ticket.number, assignee_label(opened.assignee)
            merged_into = opened.merged_into.number if opened.merged_into is not None else None
            own = opened.merged_into is not None and opened.merged_into.reporter_address == report.reporter_address
            if second_text:  # no message of its own (a ticket's message is unique): opened once, by its first's
                second = reports.submit_second(session, ctx.clock, replace(
                    report, text=str(second_text), category=tracker.get_slot("report_second_category") or "other",
                    source_message_id=None), opened, ctx.rules)
                numbers = [(o.merged_into or o.ticket).number for o in (opened, second)]
                same = opened.assignee is not None and second.assignee is not None \
                    and opened.assignee.id == second.assignee.id
                apart = opened.assignee is not None and second.assignee is not None and not same
                # 安居苑's 井盖 and 河畔花园's 路灯: each its own worker, both named (blind test 31, B25)
                dispatcher.utter_message(text=two_problems.opened_apart_reply(
                    (numbers[0], assignee), (numbers[1], assignee_label(second.assignee))) if apart
                    else two_problems.opened_reply(*numbers, assignee if same else ""))
                return [SlotSet(slot, None) for slot in REPORT_SLOTS] + [SlotSet("last_ticket", numbers[1])]
        if merged_into and own:  # her own report of it, still open: never "已有人反映" (blind test 33, A13)
            dispatcher.utter_message(text=reports.MERGED_OWN.format(number=merged_into))
            return [SlotSet(slot, None) for slot in REPORT_SLOTS] + [SlotSet("last_ticket", merged_into)]
        if merged_into:
            dispatcher.utter_message(response="utter_report_merged", number=merged_into)
            return [SlotSet(slot, None) for slot in REPORT_SLOTS] + [SlotSet("last_ticket", merged_into)]
        if help_requests.asks_for_help(report.text):  # 帮我买菜: someone will come (bot/core/help_requests.py)
            dispatcher.utter_message(text=help_requests.opened_reply(number or "", assignee, report.text))
        elif assignee:
            dispatcher.utter_message(response="utter_report_opened", number=number, assignee=assignee)
        else:
            dispatcher.utter_message(response="utter_report_opened_unassigned", number=number)
        if care_words.water_advice(report.text):  # 水是黄的 能煮饭不: not to drink it yet (blind test 29)
            dispatcher.utter_message(text=care_words.water_advice(report.text))
            wash = next(filter(None, map(water_questions.wash_reply, recent_texts(tracker))), "")
            if wash:  # 水里有漂白粉味 可以洗澡不: the bathing question answered too (blind test 32, A75)
                dispatcher.utter_message(text=wash)
        if not asked_where(tracker):  # never asked where, so never told yet (blind test 31, A42c2):
            for words in care_words.with_report(report.text):  # 别怕; 被狗咬了一口 (blind test 27, B71): the jab
                dispatcher.utter_message(text=words)
        return [SlotSet(slot, None) for slot in REPORT_SLOTS] + [SlotSet("last_ticket", number)]
