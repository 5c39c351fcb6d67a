"""The 议事小院 and points actions: thin adapters that answer with responses from the domain."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from actions.council import ActionAskTopics, ActionSubmitTopic, ActionVote, ValidateTopicForm
from actions.points import ActionAskPoints
from actions.runtime import ActionContext
from actions.tickets import ActionCancelTicket
from bot.core import council, points, public_board, reports
from bot.core.council_ballots import cast
from bot.core.council_dialogue import pending
from bot.core.notify import notify
from bot.core.tickets import Report
from bot.store.council_models import Ballot, Topic
from bot.store.models import Ticket
from tests.actions.conftest import make_tracker
from tests.conftest import RESIDENT, STRANGER, VILLAGER
from tests.core.council_factories import GROUP2_VILLAGER, SECRETARY, open_topic, person


def slots_of(events: list[dict[str, Any]]) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


def said(dispatcher: CollectingDispatcher) -> list[tuple[str, dict[str, Any]]]:
    return [(m["response"], {k: v for k, v in m.items() if k not in ("response", "text", "buttons", "elements",
                                                                     "custom", "template", "image", "attachment")})
            for m in dispatcher.messages]


def vote(text: str, option: str | None = None, sender: str = VILLAGER, slots: dict[str, Any] | None = None) -> Any:
    entities = [{"entity": "option", "value": option}] if option else []
    return make_tracker(sender, text, intent="vote", entities=entities, slots=slots)


async def test_a_vote_is_recorded_and_confirmed_then_changed(action_context: ActionContext,
                                                             dispatcher: CollectingDispatcher,
                                                             domain: dict[str, Any]) -> None:
    with action_context.db.session() as s:
        open_topic(s, action_context.clock, title="垃圾清运费")
    await ActionVote().run(dispatcher, vote("同意出钱", "同意"), domain)
    await ActionVote().run(dispatcher, vote("我反对", "反对"), domain)
    [(first, a), (second, b)] = said(dispatcher)
    assert (first, a["title"], a["option"]) == ("utter_vote_recorded", "垃圾清运费", "赞成")
    assert (second, b["option"], b["previous"]) == ("utter_vote_changed", "反对", "赞成")
    assert "utter_vote_changed" in domain["responses"]
    with action_context.db.session() as s:
        assert s.scalar(select(Ballot.option)) == 2


async def test_an_outsider_a_stranger_and_a_late_voter_are_refused_politely(action_context: ActionContext,
                                                                            dispatcher: CollectingDispatcher,
                                                                            domain: dict[str, Any]) -> None:
    with action_context.db.session() as s:
        topic_id = open_topic(s, action_context.clock, title="垃圾清运费")
    await ActionVote().run(dispatcher, vote("我赞成", "赞成", sender=GROUP2_VILLAGER), domain)
    await ActionVote().run(dispatcher, vote("1", "1", sender=GROUP2_VILLAGER), domain)  # no other group's topic named
    await ActionVote().run(dispatcher, vote("1", "1", sender=STRANGER), domain)
    with action_context.db.session() as s:
        council.close_topic(s, action_context.clock, topic_id)
    await ActionVote().run(dispatcher, vote("我同意", "同意"), domain)
    responses = said(dispatcher)
    assert responses[0][0] == "utter_vote_not_eligible" and responses[0][1]["electorate"] == "石桥村一组"
    assert [r for r, _ in responses[1:]] == ["utter_vote_none_open", "utter_not_registered", None]
    assert dispatcher.messages[3]["text"].startswith("“垃圾清运费”已截止，没有计票。结果：赞成0 反对0 弃权0")
    with action_context.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Ballot)) == 0


async def test_a_ballot_naming_a_closed_topic_is_refused_not_cast_on_the_open_one(
        action_context: ActionContext, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    with action_context.db.session() as s:
        closed = open_topic(s, action_context.clock, title="是否收缴垃圾清运费")
        open_topic(s, action_context.clock, title="修机耕路")
        council.close_topic(s, action_context.clock, closed)
    await ActionVote().run(dispatcher, vote("清运费那个我投赞成", "赞成"), domain)
    text = dispatcher.messages[0]["text"]
    assert "“是否收缴垃圾清运费”已截止" in text and len(text) <= 70
    with action_context.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Ballot)) == 0


async def test_with_two_open_topics_it_asks_which_and_keeps_the_question_for_the_answer(
        action_context: ActionContext, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    with action_context.db.session() as s:
        open_topic(s, action_context.clock, title="垃圾清运费")
        open_topic(s, action_context.clock, title="修机耕路")
    assert await ActionVote().run(dispatcher, vote("赞成", "赞成"), domain) == []
    (response, values), = said(dispatcher)
    assert response == "utter_vote_which_topic" and values["text_list"] == "请回复序号选议题：1 垃圾清运费 2 修机耕路"
    with action_context.db.session() as s:
        question = pending(s, action_context.clock, person(s, VILLAGER))
        assert (question.kind, question.choice, len(question.topic_ids)) == ("topic", "赞成", 2)
        assert s.scalar(select(func.count()).select_from(Ballot)) == 0


async def test_a_bare_digit_answering_no_question_is_the_one_open_topics_ballot_and_said(
        action_context: ActionContext, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    """Blind test 6, #116: a 2 long after, with one topic open to the sender, is a ballot there (the reply says
    what was recorded, so a wrong reading is seen); after a rating request it is never guessed to be one."""
    with action_context.db.session() as s:
        topic = open_topic(s, action_context.clock, title="垃圾清运费")
    await ActionVote().run(dispatcher, vote("2", "2"), domain)
    (response, values), = said(dispatcher)
    assert (response, values["title"], values["option"]) == ("utter_vote_recorded", "垃圾清运费", "反对")
    with action_context.db.session() as s:
        assert [(b.topic_id, b.option) for b in s.scalars(select(Ballot))] == [(topic, 2)]
        notify(s, person(s, VILLAGER), "工单T1001已办结。请评价：1 满意 2 基本满意 3 不满意")
    dispatcher.messages.clear()
    await ActionVote().run(dispatcher, vote("1", "1"), domain)
    (response, values), = said(dispatcher)
    assert (response, values["options"]) == ("utter_vote_which_option", "回复 1 赞成 2 反对 3 弃权")
    with action_context.db.session() as s:
        assert [(b.topic_id, b.option) for b in s.scalars(select(Ballot))] == [(topic, 2)]


async def test_a_question_about_a_vote_shows_how_it_stands_and_casts_nothing(
        action_context: ActionContext, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    with action_context.db.session() as s:
        open_topic(s, action_context.clock, title="修机耕路")
    await ActionVote().run(dispatcher, vote("机耕路那个现在好多人赞成了", "赞成"), domain)
    assert dispatcher.messages[0]["text"].startswith("修机耕路：已投0/")
    dispatcher.messages.clear()
    await ActionVote().run(dispatcher, vote("机耕路那个投票了吗"), domain)
    assert said(dispatcher)[0][0] == "utter_board"
    with action_context.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Ballot)) == 0


async def test_take_back_that_vote_read_as_a_ballot_or_a_cancel_withdraws_the_ballot_not_a_report(
        action_context: ActionContext, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    ctx = action_context
    with ctx.db.session() as s:
        topic_id = open_topic(s, ctx.clock, title="垃圾清运费")
        number = reports.submit(s, ctx.clock, Report("村口垃圾堆了好几天没人收", "sanitation", VILLAGER, "simulator"),
                                ctx.rules).ticket.number
        cast(s, ctx.clock, topic_id, person(s, VILLAGER), 1)
    await ActionCancelTicket().run(dispatcher, make_tracker(VILLAGER, "撤回投票", intent="cancel"), domain)
    await ActionVote().run(dispatcher, vote("我那票不算了"), domain)
    assert [m["text"] for m in dispatcher.messages] == ["已撤回您对“垃圾清运费”的投票。截止前还可以再投。",
                                                       "您现在没有可以撤回的投票。"]
    with ctx.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Ballot)) == 0
        assert s.scalar(select(Ticket.status).where(Ticket.number == number)) != "cancelled"


async def test_a_bare_digit_right_after_the_menu_goes_to_the_menu(action_context: ActionContext,
                                                                  dispatcher: CollectingDispatcher,
                                                                  domain: dict[str, Any]) -> None:
    tracker = vote("3", "3")
    tracker.events = [{"event": "action", "name": "utter_greet"}, {"event": "user", "text": "3"}]
    events = await ActionVote().run(dispatcher, tracker, domain)
    assert events == [{"event": "followup", "timestamp": None, "name": "action_menu_choice"}]


async def test_the_board_lists_open_topics_and_points_answer_in_one_sms(action_context: ActionContext,
                                                                        dispatcher: CollectingDispatcher,
                                                                        domain: dict[str, Any]) -> None:
    with action_context.db.session() as s:
        topic_id = open_topic(s, action_context.clock, title="垃圾清运费")
        points.credit(s, action_context.clock, person(s, VILLAGER).id, "ballot", str(topic_id))
    await ActionAskTopics().run(dispatcher, make_tracker(VILLAGER, "有什么投票", intent="ask_topics"), domain)
    await ActionAskPoints().run(dispatcher, make_tracker(VILLAGER, "我的积分", intent="ask_points"), domain)
    [(board, b), (pts, p)] = said(dispatcher)
    assert board == "utter_board" and f"{topic_id}号 垃圾清运费" in b["board"]
    assert pts == "utter_points" and p["summary"].startswith("您的积分：2分") and len(p["summary"]) <= 70


async def test_asking_how_the_vote_stands_gets_the_turnout_whether_read_as_a_ballot_or_as_the_board(
        action_context: ActionContext, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    with action_context.db.session() as s:
        topic_id = open_topic(s, action_context.clock, title="垃圾清运费")
        cast(s, action_context.clock, topic_id, person(s, VILLAGER), 1)
    await ActionAskTopics().run(dispatcher, make_tracker(VILLAGER, "投票结果咋样", intent="ask_topics"), domain)
    await ActionVote().run(dispatcher, vote("现在好多人投了"), domain)
    texts = [m["text"] for m in dispatcher.messages]
    assert len(texts) == 2 and all(t.startswith("垃圾清运费：已投1/") for t in texts), texts
    with action_context.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Ballot)) == 1


async def test_a_stranger_asking_for_points_hears_they_are_not_registered_but_sees_the_public_board(
        action_context: ActionContext, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    board = await ActionAskTopics().run(dispatcher, make_tracker(STRANGER, "有什么投票", intent="ask_topics"), domain)
    pts = await ActionAskPoints().run(dispatcher, make_tracker(STRANGER, "我的积分", intent="ask_points"), domain)
    assert (board, pts) == ([], [])
    texts = [m.get("text") for m in dispatcher.messages]
    assert texts[0] == public_board.NOTHING  # what hangs on the village board is public (blind test 26, B22)
    assert [r for r, _ in said(dispatcher)][-1] == "utter_not_registered"


async def test_a_confirmed_proposal_goes_to_the_secretary(action_context: ActionContext,
                                                          dispatcher: CollectingDispatcher,
                                                          domain: dict[str, Any]) -> None:
    form = ValidateTopicForm()
    slots = ["topic_title", "topic_description", "topic_confirm"]
    assert await form.required_slots(slots, dispatcher, make_tracker(VILLAGER), domain) == slots
    assert await form.required_slots(slots, dispatcher, make_tracker(STRANGER), domain) == []
    assert await form.required_slots(slots, dispatcher, make_tracker(SECRETARY), domain) == []
    tracker = make_tracker(VILLAGER, "是", intent="affirm", slots={
        "topic_title": "修组里的机耕路", "topic_description": "每户出工两天", "topic_confirm": True})
    events = await ActionSubmitTopic().run(dispatcher, tracker, domain)
    assert slots_of(events) == dict.fromkeys(slots)
    (response, values), = said(dispatcher)
    with action_context.db.session() as s:
        topic = s.scalar(select(Topic))
        assert (response, values["topic_id"]) == ("utter_topic_submitted", topic.id)
        assert (topic.title, topic.status, topic.proposer_id) == ("修组里的机耕路", "proposed", person(s, VILLAGER).id)


async def test_a_declined_proposal_is_not_sent(action_context: ActionContext, dispatcher: CollectingDispatcher,
                                               domain: dict[str, Any]) -> None:
    tracker = make_tracker(RESIDENT, "不", intent="deny", slots={
        "topic_title": "装路灯", "topic_description": "小区门口", "topic_confirm": False})
    await ActionSubmitTopic().run(dispatcher, tracker, domain)
    assert said(dispatcher)[0][0] == "utter_cancelled"
    with action_context.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Topic)) == 0
