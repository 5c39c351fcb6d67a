"""The vote step before the engine: it answers what belongs to a vote conversation and passes on the rest,
a lone Chinese numeral as its digit, so that menus read it too."""

from __future__ import annotations

from sqlalchemy import select

from bot.app.council_step import CouncilTurn
from bot.common.clock import FakeClock
from bot.core.council_dialogue import handle_vote, pending
from bot.messaging.ports import Claimed
from bot.store.council_models import Ballot
from bot.store.db import Database
from tests.conftest import RESIDENT, VILLAGER
from tests.core.council_factories import open_topic, person


def message(text: str, sender: str = VILLAGER) -> Claimed:
    return Claimed(1, "simulator", sender, text, {}, 1)


async def test_a_digit_right_after_the_topics_notice_is_answered_before_the_engine(demo_db: Database,
                                                                                  clock: FakeClock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title="是否收缴垃圾清运费")
    assert await CouncilTurn(demo_db, clock)(message("①")) == [
        {"text": "已记下：“是否收缴垃圾清运费”您投赞成。截止前想改，再回复一次就行。"}]
    with demo_db.session() as s:
        assert s.scalar(select(Ballot.option)) == 1


async def test_what_is_no_vote_goes_on_to_the_engine_and_drops_the_question_waiting(demo_db: Database,
                                                                                   clock: FakeClock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title="是否收缴垃圾清运费")
        open_topic(s, clock, title="修机耕路")
        handle_vote(s, clock, person(s, VILLAGER), "我赞成", "赞成")
    step = CouncilTurn(demo_db, clock)
    passed = message("村口路灯坏了好几天了")
    assert await step(passed) is passed
    with demo_db.session() as s:
        assert pending(s, clock, person(s, VILLAGER)) is None
        assert s.scalar(select(Ballot.id)) is None


async def test_a_lone_chinese_numeral_goes_on_as_its_digit_and_staff_are_left_alone(demo_db: Database,
                                                                                  clock: FakeClock) -> None:
    step = CouncilTurn(demo_db, clock)
    assert (await step(message("二", sender=RESIDENT))).text == "2"
    assert (await step(message("撤回投票", sender="+8613700000001"))).text == "撤回投票"
    assert (await step(message("我赞成", sender=RESIDENT))).text == "我赞成"
