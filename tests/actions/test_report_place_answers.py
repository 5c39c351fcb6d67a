"""The report form's "where?" answered with something that is no place (blind test 10): abuse asked again calmly,
giving up drops the report, "我前头报过的" is answered with that ticket, a problem is the report's words (never a try
at a place), a place said whole is kept whole."""

from rasa_sdk.events import SlotSet

from actions.report_form import DROPPED, ValidateReportForm
from actions.reports import ActionCaptureReport, ActionSubmitReport
from bot.core import place_answers
from tests.actions.conftest import make_tracker
from tests.conftest import STRANGER
from tests.core.helpers import make_report, submit

ASKED = {"requested_slot": "report_place"}


def slots_of(events):
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def asked(text: str, report: str, category: str | None = None, **slots: object):
    return make_tracker(STRANGER, text, category=category, slots={**ASKED, "report_text": report, **slots})


async def test_abuse_while_asked_where_is_no_place_nor_a_try(action_context, dispatcher, domain):
    validated = ValidateReportForm().validate_report_place("关你啥子事", dispatcher, asked("关你啥子事", "路灯坏了"),
                                                           domain)
    assert validated == {"report_place": None}
    assert dispatcher.messages[0]["text"] == place_answers.ABUSE_ASKED_AGAIN


async def test_giving_up_while_asked_where_drops_the_report_and_nothing_is_filed(action_context, dispatcher, domain):
    validated = ValidateReportForm().validate_report_place("算了 懒得跟你说", dispatcher,
                                                           asked("算了 懒得跟你说", "爬开"), domain)
    assert validated == {"report_text": None, "report_place": DROPPED}
    assert dispatcher.messages[0]["text"] == place_answers.GAVE_UP
    dispatcher.messages.clear()
    events = await ActionSubmitReport().run(dispatcher, make_tracker(STRANGER, slots={"report_place": DROPPED}),
                                            domain)
    assert dispatcher.messages == [] and SlotSet("report_place", None) in events


async def test_giving_up_with_a_place_said_is_the_place(action_context, dispatcher, domain):
    validated = ValidateReportForm().validate_report_place("算了 就在阳光小区门口", dispatcher,
                                                           asked("算了 就在阳光小区门口", "路灯坏了"), domain)
    assert validated["report_place"] and "阳光小区" in validated["report_place"]


async def test_reported_before_is_answered_with_the_ticket_never_a_duplicate(action_context, dispatcher, domain):
    number = submit(action_context.db, action_context.clock,
                    make_report("安居苑3栋的电梯坏了", sender=STRANGER, category="housing_utilities"))
    text = "安居苑3栋 我前头报过的嘛"
    validated = ValidateReportForm().validate_report_place(text, dispatcher, asked(text, "电梯那个到底好久修得好嘛"),
                                                           domain)
    assert validated == {"report_text": None, "report_place": DROPPED, "last_ticket": number}
    assert number in dispatcher.messages[0]["text"]


async def test_the_problem_told_while_asked_where_is_the_report_never_a_place(action_context, dispatcher, domain):
    text = "我们那栋楼的电梯坏了半个月了"
    validated = ValidateReportForm().validate_report_place(
        text, dispatcher, asked(text, "你好 我是安居社区的 搬过来两年了", category="housing_utilities",
                                report_category="health", report_place_tries=1.0), domain)
    assert validated["report_text"] == text and validated["report_category"] == "housing_utilities"
    assert validated["report_place"] is None and validated["report_place_tries"] == 1.0  # not a try
    assert dispatcher.messages[0]["response"] == "utter_place_ambiguous"  # which of 安居社区's grids


async def test_the_problem_after_who_alone_joins_it_and_its_place_words_are_the_place(action_context, dispatcher,
                                                                                       domain):
    text = "河畔花园6栋 天天半夜剁排骨 吵得睡不着"
    validated = ValidateReportForm().validate_report_place(text, dispatcher, asked(text, "我跟你说 我们楼上那家"),
                                                           domain)
    assert validated["report_text"] == f"我跟你说 我们楼上那家 {text}"
    assert validated["report_place"] == "河畔花园6栋"


async def test_a_place_said_whole_in_the_report_is_kept_whole(dispatcher, domain):
    tracker = make_tracker(STRANGER, "安居苑二期7栋后面那个化粪池", entities=[{"entity": "place", "value": "安居苑"}])
    assert slots_of(await ActionCaptureReport().run(dispatcher, tracker, domain))["report_place"] == "安居苑二期7栋后面"
