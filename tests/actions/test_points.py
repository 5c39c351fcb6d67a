"""ask_points with a real tracker: the balance when asked for it, what points are for when asked that."""

from actions.points import ActionAskPoints
from bot.core import points, registry
from bot.messaging.sms_budget import segments
from tests.actions.conftest import make_tracker
from tests.conftest import RESIDENT


def said(dispatcher, domain) -> tuple[dict, str]:
    [message] = dispatcher.messages
    text = message.get("text") or domain["responses"][message["response"]][0]["text"].format(**message)
    assert segments(text) == 1, text
    return message, text


async def test_how_to_use_points_is_answered_with_what_they_are_for_not_the_balance(action_context, dispatcher,
                                                                                     domain):
    for question in ["积分咋个用", "积分能换啥子", "怎么挣积分"]:
        dispatcher.messages.clear()
        await ActionAskPoints().run(dispatcher, make_tracker(RESIDENT, question, intent="ask_points"), domain)
        message, text = said(dispatcher, domain)
        assert message["response"] == "utter_policy_answer", question
        assert "换米" in text and "您的积分" not in text and "有疑问找网格员" in text


async def test_my_points_is_still_the_balance(action_context, dispatcher, domain):
    with action_context.db.session() as s:
        me = registry.person_by_address(s, RESIDENT)
        points.credit(s, action_context.clock, me.id, "report", "T1001")
    await ActionAskPoints().run(dispatcher, make_tracker(RESIDENT, "我的积分", intent="ask_points"), domain)
    message, _ = said(dispatcher, domain)
    assert message["response"] == "utter_points" and message["summary"].startswith("您的积分：5分")


async def test_what_points_buy_asked_with_the_balance_gets_both(action_context, dispatcher, domain):
    with action_context.db.session() as s:
        points.credit(s, action_context.clock, registry.person_by_address(s, RESIDENT).id, "report", "T1001")
    await ActionAskPoints().run(dispatcher, make_tracker(RESIDENT, "我的积分好多了 能换啥子", intent="ask_points"),
                                domain)
    _, text = said(dispatcher, domain)  # blind test 6, #70: only what they buy, no balance
    assert text.startswith("您的积分：5分。积分可到") and "换米" in text
