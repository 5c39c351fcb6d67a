"""Blind test 31 (docs/usertests/2026-12-07-blind19.md): a ballot asked about, through the gateway, the real engine
and the real action server.

- V12, V12b, V12c: 我投的停车场那票还在不, 我那票还算数不 get the ballot on that topic (or each), counted; never the
  topic's options again, nor 撤销 of a report.
- A-B145: 我妈那票现在是哪个 gets the mother's ballot as the son last changed it.
- A-B145b: 我妈的票撤回了吧 withdraws the mother's ballot (我妈的 is no curse).

Senders: villagers +8613955546000 … 099 of 石桥村网格 in households of two (李明秀, the mother, and 王建军, her son),
registered here and in no other test; each conversation's topics are for its own household only, closed at its end."""

from __future__ import annotations

from contextlib import AbstractContextManager

import pytest

from tests.integration import households
from tests.integration.households import joined
from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, say
from tests.integration.test_conversation_votes import ballots

pytestmark = pytest.mark.engine
VILLAGERS = [f"+86139555460{n:02d}" for n in range(100)]
FEE = "垃圾清运费按人头还是按户收 blind31"
PARKING = "是否在村口修一个停车场 blind31"
MOTHER = "李明秀"
NAMES = (MOTHER, "王建军")
ADDRESS = "石桥村七组"


def household(stack: Stack, first: int) -> tuple[str, str]:
    """Villagers `first` and `first + 1` of this module, one household."""
    return households.household(stack, (VILLAGERS[first], VILLAGERS[first + 1]), NAMES, ADDRESS)


def topics(stack: Stack, voters: tuple[str, str]) -> AbstractContextManager[tuple[int, int]]:
    return households.topics(stack, voters, FEE, PARKING)


def test_whether_her_ballot_still_stands_is_answered_with_the_ballot(running: Stack) -> None:
    mother, son = household(running, 0)
    with topics(running, (mother, son)) as (_, parking):
        say(running, son, "我投赞成")
        assert ballots(running, parking)[(parking, son)] == (1, False, son)
        say(running, son, "我想提个议题")
        say(running, son, "取消")
        as_if_earlier(running, son, 9)
        said = joined(say(running, son, "我投的停车场那票还在不"))
        assert "停车场" in said and "赞成" in said and "算数" in said and "请回复" not in said, said
        assert ballots(running, parking)[(parking, son)] == (1, False, son)


def test_whether_my_ballot_counts_is_never_a_withdrawal_nor_a_reports_cancel(running: Stack) -> None:
    mother, son = household(running, 2)
    with topics(running, (mother, son)) as (_, parking):
        said = joined(say(running, mother, "我投的票还算数不"))
        assert "还没投" in said and "撤销" not in said, said
        say(running, mother, "停车场那个我投赞成")
        said = joined(say(running, mother, "我那票还算数不"))
        assert "停车场" in said and "赞成" in said and "算数" in said and "撤销" not in said, said
        assert ballots(running, parking)[(parking, mother)] == (1, False, mother)


def test_the_mothers_ballot_asked_is_its_choice_and_she_can_be_withdrawn_for(running: Stack) -> None:
    mother, son = household(running, 4)
    with topics(running, (mother, son)) as (fee, _):
        say(running, son, "帮我妈投按人头")
        said = joined(say(running, son, "把我妈那票改成按户"))
        assert MOTHER in said and "按户" in said, said
        as_if_earlier(running, son, 11)
        said = joined(say(running, son, "我妈那票现在是哪个"))
        assert MOTHER in said and "按户" in said and "帮不上" not in said, said
        said = joined(say(running, son, "我妈的票撤回了吧"))
        assert "撤回" in said and MOTHER in said and "别急" not in said, said
        assert (fee, mother) not in ballots(running, fee)
