"""The report form's "where?": when to ask it, how an answer is read (a place, a location, a problem, abuse,
giving up, "it was a question", a question about another ticket), and the asking itself, once a turn."""

from __future__ import annotations

import re
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_data
from actions.policy import find_answer
from actions.report_places import names_a_grid, said_place, several_grids
from actions.runtime import context
from actions.sender import sender_person
from bot.core import (
    answers,
    cancelling,
    care_words,
    lifecycle,
    place_answers,
    questions,
    reports,
    sent_before,
    ticket_questions,
    triage,
)
from bot.core.emergencies import answers_where, knows_no_place, landmark_in
from bot.core.followups import sent_alone
from bot.core.places import match_place
from bot.core.registry import OrgUnit
from bot.core.tickets import Report
from bot.engine.parse import category_of

MAX_PLACE_TRIES = 2
DROPPED = "（不报了）"  # the place of a report dropped while asked where: the form ends, nothing is filed
# The place of a report the answer to "where?" made an emergency ("电梯卡主了", then "里头有人 我孙孙在里头": blind
# test 24, B91 was told "没找到这个地方"): the form ends and the emergency is raised, asking where itself.
RAISED = "（紧急）"
_GOING_TO = re.compile(r"^(?:就是|就)?去(?=\S)")  # 去石桥村那条路上: the way there is not the place's


def alias_of(grid: OrgUnit) -> str:
    """The name people use for a grid (its first alias: an estate or street), else its own name."""
    return (grid.aliases or [grid.name])[0]


def report_from(tracker: Tracker) -> Report:
    lat, lon = tracker.get_slot("report_lat"), tracker.get_slot("report_lon")
    message_id = tracker.get_slot("report_message_id")
    place = tracker.get_slot("report_place") or ""
    if lat is not None and lon is not None and (sent_alone(place) or place == sent_before.SHARED_PLACE):
        place = ""  # "我的位置" with a location sent after the report: the point places it (blind test 9, #14)
    return Report(
        text=tracker.get_slot("report_text") or "",
        category=tracker.get_slot("report_category") or "other",
        reporter_address=tracker.sender_id,
        channel=tracker.get_slot("report_channel") or "simulator",
        place_text=place,
        lat=float(lat) if lat is not None else None,
        lon=float(lon) if lon is not None else None,
        source_message_id=int(message_id) if message_id is not None else None,
    )


class ValidateReportForm(FormValidationAction):
    """Ask where only when neither the location, the reporter's home grid nor a named place says."""

    def name(self) -> str:
        return "validate_report_form"

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        if tracker.get_slot("report_place") or tracker.get_slot("report_place_tries"):
            return domain_slots
        if tracker.get_slot("report_lat") is not None:
            # A location sent with the report (or held from before it) is its place: never asked where, even when it
            # falls in no grid (the duty officer dispatches it, blind test 8, #22).
            return []
        ctx = context()
        with ctx.db.session() as session:
            if not reports.needs_place(session, report_from(tracker)):
                return []
        return domain_slots

    def validate_report_place(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> dict[str, Any]:
        text = str(value or "").strip()
        meta = tracker_data.metadata(tracker)
        lat, lon = meta.get("lat"), meta.get("lon")
        # "我刚才不是发了位置嘛 就在安居路口": the remark is never the place, only a place said (blind test 8, #22, #73)
        said = text if sent_alone(text) else sent_before.place_in(text)
        if isinstance(lat, int | float) and isinstance(lon, int | float):  # a location sent as the answer
            return {"report_place": said or sent_before.SHARED_PLACE, "report_lat": float(lat),
                    "report_lon": float(lon)}
        if not text:  # nothing said yet: the form asks
            return {"report_place": None}
        if text == str(meta.get("held_place") or "") and not several_grids(text):
            return {"report_place": text}  # sent alone before the report: taken as said (5栋2单元); 安居社区 is asked
        tries = int(tracker.get_slot("report_place_tries") or 0) + 1
        asked = tracker.get_slot("requested_slot") == "report_place"
        if sent_before.points_back(text):  # 我刚才不是说了嘛 (红绿灯坏了): only a place said beside it counts
            if not said:
                return {"report_place": said_place(tracker.get_slot("report_text") or ""),
                        "report_place_tries": float(tries)}
            text = said
        report_text = tracker.get_slot("report_text") or ""
        if asked and triage.danger_with(report_text, text):
            return {"report_text": f"{report_text} {text}", "report_place": RAISED}
        if asked:
            with context().db.session() as session:  # 消防栓那个搞得咋样了: the other ticket's state, still asked where
                other = place_answers.ticket_asked(session, tracker.sender_id, text)
                if other is not None:
                    dispatcher.utter_message(text=ticket_questions.status_reply(session, other))
                    dispatcher.utter_message(text=place_answers.ASKED_AGAIN)
                    return {"report_place": None, "last_ticket": other.number}
            withdrawn = self.withdrawn_other(dispatcher, tracker, text)
            if withdrawn:
                return withdrawn
            read = place_answers.reading(text)
            if read == "gives_up" and names_a_grid(text):  # 算了 就在阳光小区: the place, said impatiently
                read = None
            if read is not None:
                return self._not_a_place(read, text, dispatcher, tracker, tries)
        if asked and not answers_where(text):
            # 我的单子处理得咋样了 is no place (blind test 6, #23): the report goes in with the place its own
            # words name ("河滨社区那个小区门口"), or none, and the reply says where it stands.
            return {"report_place": said_place(tracker.get_slot("report_text") or ""),
                    "report_place_tries": float(tries)}
        with context().db.session() as session:
            match = match_place(session, text)
            choices = "、".join(alias_of(g) for g in match.grids[:4])
            # A registered resident's building or gate ("3栋门口下水道堵了") names no grid: their home grid's, never
            # "没找到这个地方" (issue 17, item 9: the home grid unless the text names another place).
            person = sender_person(session, tracker)
            at_home = not match.grids and person is not None and person.home_unit_id is not None
        if match.grid is None and not at_home and tries >= MAX_PLACE_TRIES and knows_no_place(text):
            return {"report_place": "", "report_place_tries": float(tries)}
        if match.grid is not None or at_home or (text and tries >= MAX_PLACE_TRIES):
            return {"report_place": _GOING_TO.sub("", text) or text, "report_place_tries": float(tries)}
        # 高速路口那条路上 加油站过去点, for a real problem: the duty officer goes by it (blind test 9, #28); a "report"
        # naming no problem (河边, after a chat meant for someone else) is asked again, never filed on it.
        if said and landmark_in(said) and triage.has_problem(tracker.get_slot("report_text") or ""):
            return {"report_place": said, "report_place_tries": float(tries)}
        if match.ambiguous:
            dispatcher.utter_message(response="utter_place_ambiguous", place=match.name, choices=choices)
        else:
            dispatcher.utter_message(response="utter_place_unknown")
        return {"report_place": None, "report_place_tries": float(tries)}


    def withdrawn_other(self, dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> dict[str, Any]:
        """灯那个不报了 物业来换了, while a 垃圾 report waits for its place: the lamp ticket withdrawn, the report still
        asked where (blind test 29, B139); {} when the words take back no other ticket."""
        with context().db.session() as session:
            number = place_answers.other_withdrawn(session, tracker.sender_id,
                                                   tracker.get_slot("report_text") or "", text)
            if number is None:
                return {}
            try:
                cancelling.cancel(session, context().clock, tracker.sender_id, number, text=text)
            except lifecycle.TicketError:
                return {}
        dispatcher.utter_message(text=place_answers.OTHER_WITHDRAWN.format(number=number))
        dispatcher.utter_message(text=place_answers.ASKED_AGAIN)
        return {"report_place": None, "last_ticket": number}

    @staticmethod
    def _answered(text: str, dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
        """The knowledge base's answer to the question a dropped report was, or an invitation to ask it."""
        found = find_answer(tracker, text)
        if found is None:
            dispatcher.utter_message(text=place_answers.ASK_IT)
            return
        ctx = context()
        with ctx.db.session() as session:
            whom = questions.whom_to_ask(session, sender_person(session, tracker), ctx.knowledge.contact,
                                         found.entry.ask)
        dispatcher.utter_message(response="utter_policy_answer", answer=found.entry.answer,
                                 who=f"网格员{whom.name}" if whom.grid_worker else whom.name, phone=whom.phone)

    def _not_a_place(self, read: str, text: str, dispatcher: CollectingDispatcher, tracker: Tracker,
                     tries: int) -> dict[str, Any]:
        """A reply to "where?" that is not only a place (bot/core/place_answers.py, blind test 10): abuse is answered
        calmly and the place asked again, giving up drops the report, "我前头报过的" is answered with the ticket it
        meant, and a problem is the report's words (its category the answer's), its place words, if any, the place."""
        report_text = tracker.get_slot("report_text") or ""
        if read == "abuse":
            dispatcher.utter_message(text=place_answers.ABUSE_ASKED_AGAIN)
            return {"report_place": None}
        if read == "gives_up":
            dispatcher.utter_message(text=place_answers.GAVE_UP)
            return {"report_text": None, "report_place": DROPPED}
        if read == "not_a_report":  # 我就是想问下律师 不是反映问题: nothing filed, the question answered (bt 31, B113b)
            dispatcher.utter_message(text=place_answers.NOT_FILED)
            self._answered(text, dispatcher, tracker)
            return {"report_text": None, "report_place": DROPPED}
        if read == "reported_before":
            with context().db.session() as session:
                ticket = place_answers.reported_before(session, tracker.sender_id, report_text)
                if ticket is not None:
                    dispatcher.utter_message(text=ticket_questions.status_reply(session, ticket))
                    return {"report_text": None, "report_place": DROPPED, "last_ticket": ticket.number}
            beside = place_answers.place_beside(text)  # no ticket of theirs: the place words beside, if any
            return self.validate_report_place(beside, dispatcher, tracker, {}) if beside else {"report_place": None}
        # A problem: never a try at a place. Who alone, or an introduction, was only its beginning (blind test 10).
        had_problem = triage.has_problem(report_text)
        problem = {"report_text": place_answers.report_with(report_text, text)}
        category = category_of(tracker.latest_message or {})
        if not had_problem and category is not None and triage.has_problem(text):  # 厕所 alone names no category
            problem["report_category"] = category
        place = place_answers.problem_place(text) or sent_before.place_in(text)
        with context().db.session() as session:
            match = match_place(session, place) if place else None
            hint = match_place(session, said_place(report_text)) if match is None or not match.grids else None
        if match is not None and match.grids:
            if match.grid is not None:
                return {**problem, "report_place": place}
            dispatcher.utter_message(response="utter_place_ambiguous", place=match.name,
                                     choices="、".join(alias_of(g) for g in match.grids[:4]))
            return {**problem, "report_place": None}
        if had_problem and tries >= MAX_PLACE_TRIES:  # a detail after a detail: filed, the duty officer places it
            return {**problem, "report_place": place or said_place(report_text), "report_place_tries": float(tries)}
        if hint is not None and hint.ambiguous:  # 安居社区 said before: which of its grids
            dispatcher.utter_message(response="utter_place_ambiguous", place=hint.name,
                                     choices="、".join(alias_of(g) for g in hint.grids[:4]))
        return {**problem, "report_place": None,
                "report_place_tries": float(tries if had_problem else tries - 1)}


REPORT_STARTS = ("action_capture_report", "action_report_instead")


def asked_where(tracker: Tracker) -> bool:
    """Whether the bot asked "where?" (and so said its words of care) since the report being filed was captured."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot" and answers.question_in(str(event.get("text") or "")) == "place":
            return True
        if event.get("event") == "action" and event.get("name") in REPORT_STARTS:
            return False
    return False


def spoke_this_turn(tracker: Tracker) -> bool:
    """Whether the bot already said something since the person's latest message."""
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return True
        if event.get("event") == "user":
            return False
    return False


class ActionAskReportPlace(Action):
    """The report form's "where?", asked once a turn: when the validator has just asked which of a
    community's grids, it is not asked again (blind test 6, #23: asked where twice in one turn). Someone afraid hears
    a comforting word and what to do now (a bite, a stove) before it is first asked (bot/core/care_words.py)."""

    def name(self) -> str:
        return "action_ask_report_place"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        if not spoke_this_turn(tracker):
            # 停电了 屋头黑黢黢的 我一个老太婆 有点怕: a comforting word before the first "where?" (blind test 28, A42);
            # 遭狗咬了一口 出血了, 天然气打不燃火: what to do now, never kept waiting for the place (blind test 31)
            if not asked_where(tracker):
                for words in care_words.with_report(tracker.get_slot("report_text") or ""):
                    dispatcher.utter_message(text=words)
            dispatcher.utter_message(response="utter_ask_report_place")
        return []


