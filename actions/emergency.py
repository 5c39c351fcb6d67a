"""Emergencies by message: the number to call first, an immediate ticket, the secretary and the duty officer
alerted at once; a complaint the classifier took for one but that names no danger is an ordinary ticket."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import tracker_data
from actions.report_places import fuller_place, placed
from actions.runtime import context
from actions.tickets import rules
from bot.core import (
    care_words,
    emergencies,
    emergency_followups,
    emergency_numbers,
    emergency_raise,
    person_danger,
    reports,
    triage,
)
from bot.core.made_up import MADE_UP_REPLY, made_up
from bot.core.tickets import Report, assignee_label, home_of

# Below this the classifier's *emergency* is a guess: with no danger in the words it is a report, asked where like
# any ("电梯卡主了" at 0.48; then "里头有人 我孙孙在里头" makes it the lift's emergency, for 119).
SURE_EMERGENCY = 0.6


class ActionReportEmergency(Action):
    """An emergency: tell the person which number to call first, open an immediate ticket and alert
    the community secretary and the duty officer at once (no questions asked)."""

    def name(self) -> str:
        return "action_report_emergency"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = tracker_data.text(tracker)
        # A report being placed when the answer makes it an emergency ("电梯卡主了", asked where, then
        # "里头有人 我孙孙在里头"): the emergency is what both say, so the lift is named and its number given.
        held = tracker.get_slot("report_text") if (tracker.active_loop or {}).get("name") == "report_form" else None
        if held and held not in text:
            text = f"{held} {text}"
        elif not held and (tracker_data.confidence(tracker) < SURE_EMERGENCY or _stopped_lift_unplaced(tracker, text)) \
                and not triage.is_emergency(text, classified_as_emergency=False):
            return [FollowupAction("action_report_instead")]
        return await raise_emergency(dispatcher, tracker, text, tracker_data.category(tracker))


def _stopped_lift_unplaced(tracker: Tracker, text: str) -> bool:
    """A lift standing still, nobody said to be in it, and no place (电梯不动了): a report asked where like any, so
    that "我老伴关在里头" next makes it the emergency with its place still asked (blind tests 25 and 28), never a
    ticket filed at once with no place."""
    meta = tracker_data.metadata(tracker)
    return person_danger.lift_out_of_order(text) and meta.get("lat") is None and not placed(
        text, fuller_place(text, tracker_data.entity(tracker, "place")), str(meta.get("held_place") or ""))


async def raise_emergency(dispatcher: CollectingDispatcher, tracker: Tracker, text: str, classified: str,
                          message_id: int | None = None) -> list[EventType]:
    """The emergency `text` says (the latest message, or a report with the answer that made it one: "电梯卡主了" then
    "里头有人 我孙孙在里头", blind test 24, B91), filed and alerted; `message_id` the message it began with."""
    ctx = context()
    meta = tracker_data.metadata(tracker)
    category = emergency_numbers.category_for(classified, text)
    lat, lon = meta.get("lat"), meta.get("lon")
    if message_id is None and meta.get("inbox_id") is not None:
        message_id = int(meta["inbox_id"])
    if not triage.is_emergency(text, classified_as_emergency=True):  # abuse, never an emergency
        if triage.abuse_only(text):
            dispatcher.utter_message(text=triage.CALM_REPLY)
            return []
        if made_up(text):  # 报个假的 火星上着火了 (blind test 25, B17): nothing filed
            dispatcher.utter_message(text=MADE_UP_REPLY)
            return []
        if triage.stands_down(text):  # 算了 不报了 我喊儿子拿螺丝刀拧紧了 (blind test 8, #150): nothing to file
            dispatcher.utter_message(text=triage.STOOD_DOWN)
            return []
        return await _ordinary_report(dispatcher, tracker, category)
    if emergency_numbers.lift_trapped(text) and "电梯" not in text:  # 关了两个人在里头 按警铃: say it is the lift
        text = emergency_numbers.LIFT_HEAD + text
    # A landmark in the message ("菜市场门口") is the place to pass on, mapped to a grid or not (blind test 5, #35);
    # the fuller of it and the place the engine found ("安居苑门口" over "安居苑", blind test 6, #13).
    named, landmark = tracker_data.entity(tracker, "place") or "", emergencies.landmark_in(text)
    report = Report(text=text, category=category, reporter_address=tracker.sender_id,
                    channel=meta.get("channel") or "simulator",
                    place_text=(landmark if landmark and (not named or named in landmark) else named)
                    or str(meta.get("held_place") or ""),
                    lat=float(lat) if lat is not None else None, lon=float(lon) if lon is not None else None,
                    source_message_id=message_id, emergency=True)
    with ctx.db.session() as session:
        located = reports.where_is(session, report)
        ask_where = emergencies.should_ask_place(located, report)
        earlier = emergency_raise.ticket_to_raise(session, ctx.clock, tracker.sender_id, text) if ask_where else None
        if earlier is not None:  # 烟子好大 after their 烧纸 report (blind test 29, B106): raised, no "where?"
            emergency_raise.raise_ticket(session, ctx.clock, earlier, text, category)
            number, ask_where, home = earlier.number, False, None
        else:
            # Sent to the registered home with nothing else to go by: say so, and that another place is taken.
            home = located.unit.name if located is not None and located.how == "home" and not report.place_text \
                and not ask_where else None
            opened = reports.submit(session, ctx.clock, report, rules())
            number = opened.ticket.number
            if home is not None and located is not None:  # the household's address when it is known (#81)
                home = home_of(opened.ticket, located.unit) or home
    phone = emergency_numbers.number_to_call(rules(), category, text)
    dispatcher.utter_message(response="utter_emergency", phone=phone, number=number)
    safety = emergency_followups.safety_first(text)
    if safety:  # a gas leak: no spark, air, out (blind test 25, B15)
        dispatcher.utter_message(text=safety)
    if ask_where:  # the answer goes onto this ticket before the engine (bot/app/emergency_place.py)
        dispatcher.utter_message(response="utter_emergency_where")
    elif home:  # blind test 5, #89: a place answer still goes onto it (EmergencyPlace)
        dispatcher.utter_message(text=emergencies.HOME_ASSUMED.format(home=home))
    return [SlotSet("last_ticket", number)]


async def _ordinary_report(dispatcher: CollectingDispatcher, tracker: Tracker, category: str) -> list[EventType]:
    """A complaint the classifier took for an emergency but that names no danger ("你们这些废物 路灯坏了
    半个月"): an ordinary ticket, nobody alerted."""
    ctx = context()
    meta = tracker_data.metadata(tracker)
    lat, lon = meta.get("lat"), meta.get("lon")
    text = tracker_data.text(tracker)
    # 河畔花园7动电体不动了: 河畔花园7栋, the building the engine's 河畔花园 dropped (blind test 31, B26b)
    place = placed(text, fuller_place(text, tracker_data.entity(tracker, "place")), str(meta.get("held_place") or ""))
    report = Report(text=text, category=category, reporter_address=tracker.sender_id,
                    channel=meta.get("channel") or "simulator", place_text=place,
                    lat=float(lat) if lat is not None else None, lon=float(lon) if lon is not None else None,
                    source_message_id=int(meta["inbox_id"]) if meta.get("inbox_id") is not None else None)
    with ctx.db.session() as session:
        opened = reports.submit(session, ctx.clock, report, rules())
        number, assignee = opened.ticket.number, assignee_label(opened.assignee)
    if assignee:
        dispatcher.utter_message(response="utter_report_opened", number=number, assignee=assignee)
    else:
        dispatcher.utter_message(response="utter_report_opened_unassigned", number=number)
    # 被狗咬了一口 (blind test 27, B71): the rabies jab, no 120; 燃气灶点不着火 是不是没气了 (blind test 31, B60): what
    # to check, the question it asked answered
    for words in care_words.with_report(report.text):
        dispatcher.utter_message(text=words)
    return [SlotSet("last_ticket", number)]
