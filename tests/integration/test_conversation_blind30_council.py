"""Blind test 30 (docs/usertests/2026-12-07-blind18.md): the council (议事小院) by message, through the gateway, the
real engine and the real action server.

- V12: 取消 while proposing a topic drops the proposal, never a ballot; 我是不想提议题了 drops it too.
- A-B145: 帮我妈改成按户 is the mother's proxy ballot, never the sender's own.
- V20, V2b: a question about a named topic's result or state gets the topic's state, never a prompt or tickets.
- V21: 我提的修路那个议题审了没得 gets her proposal's state.
- V9: 投票啥时候截止 gets each open topic's closing time. B127: 我的票投的啥 gets her choices.
- V25: 积分能不能转给我妈 is answered: points are not transferred.

Senders: villagers +8613955533001 … 099 of 石桥村网格 in households of two, registered here and in no other test;
each conversation's topics are for its own household only, closed at its end."""

from __future__ import annotations

from contextlib import AbstractContextManager

import pytest
from sqlalchemy import select

from bot.store.council_models import Topic
from bot.store.models import Person
from tests.integration import households
from tests.integration.households import joined
from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, file_report, say, session_of, tickets_of
from tests.integration.test_conversation_votes import ballots

pytestmark = pytest.mark.engine
VILLAGERS = [f"+86139555330{n:02d}" for n in range(1, 100)]
NAMES = ("张秀英", "刘桂芳")
ADDRESS = "石桥村三组"
FEE = "垃圾清运费按人头还是按户收 blind30"
PARKING = "是否在村口修一个停车场 blind30"


def household(stack: Stack, first: int) -> tuple[str, str]:
    """Villagers `first` and `first + 1` of this module, one household."""
    return households.household(stack, (VILLAGERS[first], VILLAGERS[first + 1]), NAMES, ADDRESS)


def topics(stack: Stack, voters: tuple[str, str]) -> AbstractContextManager[tuple[int, int]]:
    return households.topics(stack, voters, FEE, PARKING)


def test_cancel_while_proposing_drops_the_proposal_never_a_ballot(running: Stack) -> None:
    me, mother = household(running, 0)
    with topics(running, (me, mother)) as (fee, _):
        say(running, me, "垃圾费那个我投按人头")
        assert ballots(running, fee)[(fee, me)] == (1, False, me)
        say(running, me, "我想提个议题")
        said = joined(say(running, me, "取消"))
        assert "撤回" not in said and ballots(running, fee)[(fee, me)] == (1, False, me), said
        say(running, me, "我想提个议题")
        said = joined(say(running, me, "我没有要撤回投票 我是不想提议题了"))
        assert "请简单说明" not in said and "撤回" not in said, said
        assert ballots(running, fee)[(fee, me)] == (1, False, me)
        with session_of(running) as s:
            mine = s.scalars(select(Topic).join(Person, Person.id == Topic.proposer_id).where(Person.phone == me)).all()
            assert mine == [], [t.title for t in mine]


def test_a_change_said_for_the_mother_is_her_proxy_ballot(running: Stack) -> None:
    me, mother = household(running, 2)
    with topics(running, (me, mother)) as (fee, _):
        say(running, me, "帮我妈投按人头")
        assert ballots(running, fee)[(fee, mother)] == (1, True, me)
        file_report(running, me, "石桥村三组的机耕道上有个大坑 三轮车过不去")
        said = joined(say(running, me, "帮我妈改成按户"))
        assert "刘桂芳" in said and "按户" in said, said
        assert ballots(running, fee)[(fee, mother)] == (2, True, me)
        assert (fee, me) not in ballots(running, fee)


def test_a_named_topics_result_or_state_asked_gets_its_state(running: Stack) -> None:
    me, mother = household(running, 4)
    with topics(running, (me, mother)):
        say(running, me, "我要投票")  # "which topic?" waiting: a result question is still a question (V20)
        said = joined(say(running, me, "停车场那个结果出来没得"))
        assert "还在投票" in said and "截止" in said and "请回复" not in said, said
        say(running, me, "垃圾费那个我投按户")
        as_if_earlier(running, me, 40)
        said = joined(say(running, me, "垃圾费那个现在啥情况"))
        assert "垃圾清运费" in said and "还在投票" in said and "工单" not in said, said


def test_her_own_proposals_state_is_answered(running: Stack) -> None:
    me, mother = household(running, 6)
    say(running, me, "我要提议题 修村里的路")
    say(running, me, "村里的路烂了 下雨天走不得")
    say(running, me, "是")
    as_if_earlier(running, me, 35)
    with topics(running, (me, mother)):
        said = joined(say(running, me, "我提的修路那个议题审了没得"))
        assert "修村里的路" in said and "审核" in said, said


def test_closing_times_and_her_own_choices_are_answered(running: Stack) -> None:
    me, mother = household(running, 8)
    with topics(running, (me, mother)):
        said = joined(say(running, me, "投票啥时候截止"))
        assert said.count("截止") >= 2 and "月" in said and "停车场" in said, said
        say(running, me, "垃圾费那个我投按户")
        say(running, me, "帮我妈投按人头")
        said = joined(say(running, me, "我的票投的啥"))
        assert "按户" in said and "刘桂芳" in said and "按人头" in said and "停车场" in said, said


def test_points_cannot_be_transferred(running: Stack) -> None:
    me, _ = household(running, 10)
    said = joined(say(running, me, "积分能不能转给我妈"))
    assert "不能转" in said, said
    assert tickets_of(running, me) == []
