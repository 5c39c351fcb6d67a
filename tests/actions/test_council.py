"""The 议事小院 and points actions: thin adapters that answer with responses from the domain."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import func, select

from actions.council import ActionAskTopics, ActionSubmitTopic, ActionVote, ValidateTopicForm
from actions.points import ActionAskPoints
from actions.runtime import ActionContext
from bot.core import council, points
from bot.store.council_models import Ballot, Topic
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
    await ActionVote().run(dispatcher, vote("1", "1", sender=GROUP2_VILLAGER), domain)
    await ActionVote().run(dispatcher, vote("1", "1", sender=STRANGER), domain)
    with action_context.db.session() as s:
        council.close_topic(s, action_context.clock, topic_id)
    await ActionVote().run(dispatcher, vote("1", "1"), domain)
    responses = said(dispatcher)
    assert responses[0][0] == "utter_vote_not_eligible" and responses[0][1]["electorate"] == "石桥村一组"
    assert [r for r, _ in responses[1:]] == ["utter_not_registered", "utter_vote_closed"]
    with action_context.db.session() as s:
        assert s.scalar(select(func.count()).select_from(Ballot)) == 0


async def test_with_two_open_topics_it_asks_which_and_then_records(action_context: ActionContext,
                                                                   dispatcher: CollectingDispatcher,
                                                                   domain: dict[str, Any]) -> None:
    with action_context.db.session() as s:
        open_topic(s, action_context.clock, title="垃圾清运费")
        second = open_topic(s, action_context.clock, title="修机耕路")
    slots = slots_of(await ActionVote().run(dispatcher, vote("赞成", "赞成"), domain))
    assert slots == {"vote_pending_option": "赞成"}
    assert said(dispatcher)[0][0] == "utter_vote_which_topic"
    assert "2 修机耕路" in said(dispatcher)[0][1]["text_list"]
    slots = slots_of(await ActionVote().run(dispatcher, vote("2", "2", slots=slots), domain))
    assert slots == {"vote_pending_option": None}
    assert said(dispatcher)[1][1]["title"] == "修机耕路"
    with action_context.db.session() as s:
        assert s.scalar(select(Ballot.topic_id)) == second


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


async def test_a_stranger_asking_for_the_board_or_points_hears_they_are_not_registered(
        action_context: ActionContext, dispatcher: CollectingDispatcher, domain: dict[str, Any]) -> None:
    board = await ActionAskTopics().run(dispatcher, make_tracker(STRANGER, "有什么投票", intent="ask_topics"), domain)
    pts = await ActionAskPoints().run(dispatcher, make_tracker(STRANGER, "我的积分", intent="ask_points"), domain)
    assert (board, pts) == ([], [])
    assert [r for r, _ in said(dispatcher)] == ["utter_not_registered", "utter_not_registered"]


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
