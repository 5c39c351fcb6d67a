"""Villagers asking after ballots and topics in words blind test 33 did not use (B127, L11, B124 reworded), through
the vote step before the engine (`CouncilTurn`), and the words the information step must leave to it."""

from __future__ import annotations

import pytest

from bot.app.council_step import CouncilTurn
from bot.common.clock import FakeClock
from bot.core import council_words
from bot.messaging.ports import Claimed
from bot.store.db import Database
from tests.core.council_factories import GROUP1, open_topic

MOTHER, DAUGHTER = GROUP1[0], GROUP1[1]  # 李明 and a member of her household
FEE = "垃圾清运费按人头还是按户收"
PARKING = "是否在村口修一个停车场"


def message(text: str, sender: str) -> Claimed:
    return Claimed(1, "simulator", sender, text, {}, 1)


async def said(step: CouncilTurn, sender: str, text: str) -> str:
    replies = await step(message(text, sender))
    assert isinstance(replies, list), (text, replies)
    [reply] = replies
    assert len(reply["text"]) <= 70, reply
    return reply["text"]


def topics(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=FEE, options=["按人头", "按户"], allow_proxy=True)
        open_topic(s, clock, title=PARKING)


async def test_whether_anyone_voted_for_me_is_answered_before_and_after_a_proxy(demo_db: Database,
                                                                                clock: FakeClock) -> None:
    topics(demo_db, clock)
    step = CouncilTurn(demo_db, clock)
    assert "没人替您投" in await said(step, MOTHER, "有没得人帮我投过票")
    await said(step, DAUGHTER, "帮我妈投按人头")
    answer = await said(step, MOTHER, "是不是哪个帮我投了")
    assert answer.startswith("是的") and "按人头" in answer, answer


async def test_asking_for_someone_to_vote_for_me_is_no_question_who_did(demo_db: Database, clock: FakeClock) -> None:
    topics(demo_db, clock)
    replies = await CouncilTurn(demo_db, clock)(message("哪个能帮我投一下票", MOTHER))
    assert not (isinstance(replies, list) and any("替您投" in r["text"] for r in replies)), replies


@pytest.mark.parametrize("words", ["帮我妈投的那票算数不", "我帮我妈投的票投上了没得", "我妈那票投起了没得",
                                   "我妈那票投进去没得"])
async def test_whether_the_ballot_cast_for_mother_went_in_is_its_state(demo_db: Database, clock: FakeClock,
                                                                      words: str) -> None:
    topics(demo_db, clock)
    step = CouncilTurn(demo_db, clock)
    await said(step, DAUGHTER, "帮我妈投按人头")
    answer = await said(step, DAUGHTER, words)
    assert "李明" in answer and "按人头" in answer and "算数" in answer, answer
    assert not council_words.asks_proxy_vote(words)  # never "只能替同户的家人投" from the information step


def test_asking_whether_one_may_vote_for_a_neighbour_is_still_the_rule() -> None:
    assert council_words.asks_proxy_vote("我可以帮隔壁王大爷投一票不 他不会用手机")
    assert council_words.asks_proxy_vote("能不能帮我妈投")


@pytest.mark.parametrize("words", ["停车场是修来干啥子的", "那个停车场修了收不收费", "停车场修好大"])
async def test_what_an_open_topics_matter_is_for_is_answered_from_the_topic(demo_db: Database, clock: FakeClock,
                                                                           words: str) -> None:
    topics(demo_db, clock)
    answer = await said(CouncilTurn(demo_db, clock), MOTHER, words)
    assert PARKING in answer and "村委会" in answer, answer
