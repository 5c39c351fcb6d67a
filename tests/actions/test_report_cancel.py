"""A cancel while the bot asks where a report is, and a weak emergency guess naming no danger: the report is never
lost to the classifier's guess."""

from sqlalchemy import select

from actions.emergency import ActionReportEmergency
from actions.report_cancel import ActionCancelWhileReporting
from bot.store.models import Ticket
from tests.actions.conftest import make_tracker
from tests.conftest import RIDER, STRANGER

ASKED_WHERE = {"report_text": "锦绣路上红绿灯坏了 一直闪黄灯", "requested_slot": "report_place"}
POINT = {"lat": 25.4072, "lon": 103.3021}


def followups(events) -> list[str]:
    return [e["name"] for e in events if e["event"] == "followup"]


async def test_a_cancel_said_while_asked_where_drops_the_report(action_context, dispatcher, domain):
    tracker = make_tracker(RIDER, "算了 不报了", intent="cancel", slots=ASKED_WHERE)
    events = await ActionCancelWhileReporting().run(dispatcher, tracker, domain)
    assert {"event": "active_loop", "timestamp": None, "name": None} in events and not followups(events)
    assert [m["response"] for m in dispatcher.messages] == ["utter_cancelled"]


async def test_a_cancel_guessed_with_no_cancelling_word_is_the_answer_to_where(action_context, dispatcher, domain):
    tracker = make_tracker(RIDER, "我刚才不是说了嘛 红绿灯坏了", intent="cancel", slots=ASKED_WHERE, metadata=POINT)
    events = await ActionCancelWhileReporting().run(dispatcher, tracker, domain)
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["report_lat"] == POINT["lat"] and "刚才" not in slots["report_place"]
    assert followups(events) == ["report_form"] and events[-1]["event"] == "followup"
    assert not any(m.get("response") == "utter_cancelled" for m in dispatcher.messages)


async def test_a_weak_emergency_guess_naming_no_danger_is_handed_on_as_a_report(action_context, dispatcher, domain):
    tracker = make_tracker(STRANGER, "电梯卡主了", intent="emergency", confidence=0.48)
    events = await ActionReportEmergency().run(dispatcher, tracker, domain)
    assert followups(events) == ["action_report_instead"] and dispatcher.messages == []
    with action_context.db.session() as s:
        assert s.scalars(select(Ticket).where(Ticket.reporter_address == STRANGER)).all() == []


async def test_a_weak_emergency_guess_naming_a_danger_is_raised(action_context, dispatcher, domain):
    tracker = make_tracker(STRANGER, "电梯卡住了 我孙孙关在里头", intent="emergency", confidence=0.48)
    events = await ActionReportEmergency().run(dispatcher, tracker, domain)
    [alert] = [m for m in dispatcher.messages if m.get("response") == "utter_emergency"]
    assert not followups(events) and "119" in alert["phone"]
