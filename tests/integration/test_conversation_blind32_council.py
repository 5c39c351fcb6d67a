"""Blind test 32 (docs/usertests/2026-12-07-blind20.md): villagers' proposals and proxy ballots, through the gateway,
the real engine and the real action server.

- B11: the proposal's 说明 given 12 minutes after it was asked is the 说明 (not "好的，记下了");
  我刚才提的议题交上去了没得 is answered (not yet, then 已提交 once 是 sent it), never taken for the 说明.
- B133: while a draft waits, 投第二个 gets the list of topics alone, 2 按户 is topic 2's 按户, 取消 drops the draft;
  垃圾费那个 按户 is the sender's own ballot, never her family's ballot shown again.
- B132: 我老汉投按人头 from a daughter whose only member she called 我妈 is nobody's ballot; a son's 我老汉 still is.
- B108: 我们组啥时候开会 is told how meetings are called and what is open meanwhile, never the points.

Senders: villagers +8613955555000 … 099 of 石桥村网格 in households of two, registered here and in no other test;
each conversation's topics (titles of their own) are for its own household only, closed at its end."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from bot.store.council_models import Topic
from bot.store.models import Person
from tests.integration import households
from tests.integration.households import PER, joined
from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, say, session_of
from tests.integration.test_conversation_votes import ballots, close_topic, open_topic

pytestmark = pytest.mark.engine
VILLAGERS = [f"+86139555550{n:02d}" for n in range(100)]
ADDRESS = "石桥村十组"


def household(stack: Stack, first: int, names: tuple[str, str] = ("李明华", "王小芳")) -> tuple[str, str]:
    """Villagers `first` and `first + 1` of this module, one household (the first the mother by default)."""
    return households.household(stack, (VILLAGERS[first], VILLAGERS[first + 1]), names, ADDRESS)


@contextmanager
def topics(stack: Stack, voters: tuple[str, ...], tag: str) -> Iterator[tuple[int, int]]:
    """A parking topic listed first, then a fee topic allowing proxy ballots (按人头/按户), open for the voters only
    and titled for this conversation alone; yields (parking, fee) and closes both."""
    parking = open_topic(stack, list(voters), f"是否在村口修一个停车场 blind32{tag}")
    fee = open_topic(stack, list(voters), f"垃圾清运费按人头还是按户收 blind32{tag}", options=PER, allow_proxy=True)
    try:
        yield parking, fee
    finally:
        close_topic(stack, fee)
        close_topic(stack, parking)


def proposals_of(stack: Stack, sender: str) -> list[Topic]:
    with session_of(stack) as s:
        rows = s.scalars(select(Topic).join(Person, Person.id == Topic.proposer_id).where(Person.phone == sender))
        return [Topic(title=t.title, description=t.description, status=t.status) for t in rows]


def test_the_proposals_cost_said_later_is_its_description_and_its_state_is_answered(running: Stack) -> None:
    mother, _ = household(running, 0)
    assert "想议什么事" in joined(say(running, mother, "我想提个议题"))
    assert "请简单说明" in joined(say(running, mother, "村里路灯太少了 晚上走路看不见 b11"))
    as_if_earlier(running, mother, 12)
    said = joined(say(running, mother, "大概要两万块 村集体出 组里出工"))
    assert "提交给村里审核吗" in said and "两万" in said and "记下了" not in said, said
    said = joined(say(running, mother, "我刚才提的议题交上去了没得"))
    assert "还没提交" in said and "说明：我刚才" not in said, said
    said = joined(say(running, mother, "是"))
    assert "提交" in said and "还没" not in said, said
    [topic] = proposals_of(running, mother)
    assert "路灯" in topic.title and "两万" in topic.description and topic.status == "proposed", topic.description
    said = joined(say(running, mother, "我刚才提的议题交上去了没得"))
    assert "已提交" in said and "审核" in said, said


def test_a_waiting_draft_leaves_ballots_to_the_ballots_and_is_dropped_by_cancel(running: Stack) -> None:
    mother, daughter = household(running, 2)
    with topics(running, (mother, daughter), "b") as (_, fee):
        say(running, mother, "我想提个议题")
        say(running, mother, "村里路灯太少了 晚上走路看不见 b133")
        assert "提交给村里审核吗" in joined(say(running, mother, "大概要两万块 村集体出 组里出工"))
        said = joined(say(running, mother, "投第二个"))
        assert "请回复序号选议题" in said and "提交给村里审核" not in said, said
        said = joined(say(running, mother, "2 按户"))
        assert "按户" in said and "没太看懂" not in said and "提交给村里审核" not in said, said
        assert ballots(running, fee)[(fee, mother)] == (2, False, mother)
        said = joined(say(running, mother, "那个议题不要了 取消"))
        assert "取消" in said or "不提" in said, said
        assert proposals_of(running, mother) == []
        assert ballots(running, fee)[(fee, mother)] == (2, False, mother)


def test_a_topic_named_with_an_option_is_her_own_ballot_over_her_familys(running: Stack) -> None:
    mother, daughter = household(running, 4)
    with topics(running, (mother, daughter), "c") as (_, fee):
        assert "已替" in joined(say(running, daughter, "帮我妈投按人头"))
        said = joined(say(running, mother, "垃圾费那个 按户"))
        assert "按户" in said and "家人替您投了" not in said, said
        assert ballots(running, fee)[(fee, mother)] == (2, False, mother)


def test_her_father_is_not_the_mother_she_voted_for_and_his_father_still_is(running: Stack) -> None:
    mother, daughter = household(running, 6)
    son, father = household(running, 8, ("赵建国", "陈杰"))
    with topics(running, (mother, daughter), "d") as (_, fee):
        assert "已替李明华" in joined(say(running, daughter, "帮我妈投按户"))
        assert "撤回" in joined(say(running, daughter, "把我妈的票撤回"))
        said = joined(say(running, daughter, "我老汉投按人头"))
        assert "没有登记您老汉" in said and "已替" not in said, said
        assert (fee, mother) not in ballots(running, fee)
    with topics(running, (son, father), "e") as (_, fee):
        said = joined(say(running, son, "我老汉投按人头"))
        assert "已替陈杰" in said and "按人头" in said, said
        assert ballots(running, fee)[(fee, father)] == (1, True, son)


def test_when_the_group_meets_is_answered_never_with_the_points(running: Stack) -> None:
    mother, daughter = household(running, 10)
    with topics(running, (mother, daughter), "f"):
        said = joined(say(running, daughter, "我们组啥时候开会"))
        assert "村口黑板" in said and "通知" in said and "停车场" in said and "积分" not in said, said
