"""register with a real tracker, a dispatcher and the project's domain: a registered sender hears
where they stand and who changes a number; a new number becomes a task a person verifies."""

from sqlalchemy import select

from actions.register import ActionRegister
from bot.core import registry
from bot.messaging.sms_budget import segments
from bot.store.models import Ticket
from tests.actions.conftest import make_tracker
from tests.conftest import RESIDENT, RIDER, STRANGER, WORKER


def said(dispatcher, domain) -> tuple[dict, str]:
    [message] = dispatcher.messages
    text = domain["responses"][message["response"]][0]["text"].format(**message)
    assert segments(text) == 1, text
    return message, text


async def test_a_registered_resident_hears_their_grid_and_whom_to_tell_of_a_new_number(action_context, dispatcher,
                                                                                      domain):
    await ActionRegister().run(dispatcher, make_tracker(RESIDENT, "换了手机号 要重新绑定", intent="register"), domain)
    message, text = said(dispatcher, domain)
    with action_context.db.session() as s:
        worker = registry.person_by_address(s, WORKER).name
        assert s.scalar(select(Ticket.id)) is None
    assert message["response"] == "utter_registered"
    assert text == f"您已登记在幸福社区第1网格。换了号码请告诉网格员{worker}13700000001，核实后才改。"


async def test_a_registered_rider_is_told_so(action_context, dispatcher, domain):
    await ActionRegister().run(dispatcher, make_tracker(RIDER, "骑手咋个加入", intent="register"), domain)
    assert said(dispatcher, domain)[0]["response"] == "utter_registered_rider"


async def test_a_new_number_becomes_a_verification_task_for_the_grid_worker_of_the_place_it_names(
        action_context, dispatcher, domain):
    tracker = make_tracker(STRANGER, "我是阳光小区的 换了号码", intent="register", metadata={"channel": "sms"})
    await ActionRegister().run(dispatcher, tracker, domain)
    message, text = said(dispatcher, domain)
    with action_context.db.session() as s:
        ticket = s.scalar(select(Ticket))
        assert ticket.assignee.phone == WORKER and ticket.reporter_address == STRANGER
        assert registry.person_by_address(s, STRANGER) is None
    assert message["response"] == "utter_register_verifying" and ticket.number in text


async def test_a_new_number_naming_no_place_is_verified_by_the_subdistrict(action_context, dispatcher, domain):
    await ActionRegister().run(dispatcher, make_tracker(STRANGER, "我是新搬来的 要登记", intent="register"), domain)
    assert said(dispatcher, domain)[0]["response"] == "utter_register_verifying_unassigned"


async def test_an_unknown_telegram_account_is_told_to_share_its_contact(action_context, dispatcher, domain):
    await ActionRegister().run(dispatcher, make_tracker("tg:424242", "我想绑定我的手机号", intent="register"), domain)
    assert said(dispatcher, domain)[0]["response"] == "utter_register_telegram"


async def test_a_riders_question_after_saying_who_they_are_is_answered_not_the_registration(action_context,
                                                                                           dispatcher, domain):
    """Blind test 8, #25: 我是骑手 流动网格员发现问题有积分没得 got 您已登记为骑手…"""
    tracker = make_tracker(RIDER, "我是骑手 流动网格员发现问题有积分没得", intent="register")
    await ActionRegister().run(dispatcher, tracker, domain)
    message, text = said(dispatcher, domain)
    assert message["response"] == "utter_policy_answer" and "积分" in text, text


async def test_a_lure_for_id_numbers_read_as_register_is_a_report_never_a_verification(action_context, dispatcher,
                                                                                       domain):
    text = "有人在河畔花园门口发传单 说免费领鸡蛋 要登记身份证号"  # blind test 33, B31
    events = await ActionRegister().run(dispatcher, make_tracker(STRANGER, text, intent="register"), domain)
    with action_context.db.session() as s:
        assert s.scalar(select(Ticket.id)) is None  # the report form opens it, with its place
    assert any(e.get("name") == "report_text" and e.get("value") == text for e in events), events
    assert any(e.get("event") == "followup" and e.get("name") == "report_form" for e in events), events
