"""Votes whose topic the message names or the sender's state makes plain (blind test 6): a change naming a
closed topic is refused, never cast on the open one; a question about it gets its result in one part; a
topic named or an option only one topic has is that topic; a bare digit with one topic the sender can still
change is a change there; withdrawing is the sender's own unless a member is named."""

from __future__ import annotations

from bot.core import council
from bot.core.council_ballots import cast
from bot.core.council_dialogue import closed_result, household_members
from tests.core.council_factories import GROUP1, open_topic, person
from tests.core.test_council_dialogue import ballots, turn, vote

ME = GROUP1[1]  # her household: GROUP1[0] and GROUP1[1]
FEE = "是否收缴垃圾清运费每户每月5元"
PIT = "把村头垃圾池挪到公路边去 现在臭得很"


def test_a_change_naming_the_closed_fee_topic_is_refused_not_cast_on_the_open_pit_topic(demo_db, clock) -> None:
    with demo_db.session() as s:
        fee = open_topic(s, clock, title=FEE)
        me = person(s, ME)
        cast(s, clock, fee, person(s, GROUP1[0]), 1)
        council.close_topic(s, clock, fee)
        pit = open_topic(s, clock, title=PIT)
        assert "您投反对" in vote(s, clock, "垃圾池那个我投反对", "反对").text
        result = closed_result(s, clock, me, "垃圾费最后咋个定的")
        assert result is not None and result.startswith("“是否收缴垃圾清运费每户…”已截止。结果：赞成1 反对0 弃权0")
        assert len(result) <= 70
        said = turn(s, clock, "垃圾费我改投赞成")  # right after its result: the closed topic's (blind test 7, #52)
        assert said is not None and "已截止" in said and "垃圾池" not in said, said
        decision = vote(s, clock, "垃圾费我改投赞成", "赞成")
        assert decision.kind == "closed" and "已截止" in decision.text
        assert ballots(s) == {(fee, person(s, GROUP1[0]).id): (1, False, person(s, GROUP1[0]).id),
                              (pit, me.id): (2, False, me.id)}
        assert closed_result(s, clock, me, "垃圾池那个现在咋样") is None  # an open topic: not a result


def test_the_topic_named_or_the_only_topic_with_that_option_is_voted_on(demo_db, clock) -> None:
    with demo_db.session() as s:
        fee = open_topic(s, clock, title=FEE)
        open_topic(s, clock, title="村口路灯装在东头还是西头", options=["东头", "西头"])
        me, other = person(s, ME), person(s, GROUP1[2])
        assert vote(s, clock, "算了还是投反对 垃圾费那个", "反对").text.startswith("已记下：“是否收缴垃圾清运费")
        assert vote(s, clock, "我自己投弃权", "弃权", sender=GROUP1[2]).kind == "cast"
        assert ballots(s) == {(fee, me.id): (2, False, me.id), (fee, other.id): (3, False, other.id)}


def test_a_bare_digit_long_after_is_a_change_on_the_one_topic_the_sender_can_still_change(demo_db, clock) -> None:
    with demo_db.session() as s:
        pit = open_topic(s, clock, title=PIT, hours=5)
        locked = open_topic(s, clock, title="是否修机耕路", hours=5, allow_change=False)
        me = person(s, ME)
        cast(s, clock, pit, me, 1)
        cast(s, clock, locked, me, 1)
        clock.advance(hours=3)
        decision = vote(s, clock, "2", None)
        assert decision.kind == "cast" and "改投反对（原来是赞成）" in decision.text, decision.text
        assert ballots(s)[(pit, me.id)] == (2, False, me.id)
        # Someone with two topics still open to them is asked which, never guessed.
        asked = vote(s, clock, "2", None, sender=GROUP1[2])
        assert asked.kind == "asked" and asked.text.startswith("请回复序号选议题")


def test_withdrawing_takes_back_the_senders_own_and_a_bare_cancel_after_it_takes_nothing_more(demo_db, clock) -> None:
    with demo_db.session() as s:
        fee = open_topic(s, clock, title=FEE, allow_proxy=True)
        me, mother = person(s, ME), household_members(s, person(s, ME))[0]
        assert f"已替{mother.name}投" in turn(s, clock, "帮我妈投一票 赞成")
        assert "您投弃权" in turn(s, clock, "我自己投弃权")
        assert turn(s, clock, "撤回投票").startswith("已撤回您对“是否收缴垃圾清运费")
        said = turn(s, clock, "取消")
        assert f"替{mother.name}投的" in said and f"撤回{mother.name}的票" in said, said
        assert ballots(s) == {(fee, mother.id): (1, True, me.id)}
        assert turn(s, clock, f"撤回{mother.name}的票").startswith(f"已撤回您替{mother.name}对")
        assert ballots(s) == {}
