"""Blind test 24 (2026-12-06, /work/ut24-report.md, failure 7, A39, A45): ballots on 是否硬化二组到三组的机耕道
(赞成/反对/弃权) and 村里路灯几点关 (代投 allowed, 晚上十点/晚上十二点), through the gateway, the real engine and the
real action server.

- B28, B38: 路灯那个我投十二点 is a ballot for 晚上十二点; 十点 answering the options question is 晚上十点.
- B29: 帮我屋头老婆子也投十二点 is her ballot at once; 路灯我自己投十二点 刚才那个是帮老婆子投的 is his own.
- A39: 我能帮隔壁李婆婆投个票不 gets "只能替同户的家人投", and 不是哦 李婆婆是隔壁的… never lands on his road ticket.
- A45: 还是不撤了 right after withdrawing the road ballot puts it back, and never speaks of tickets.

Senders: villagers +8613500009940 … 949 of 石桥村网格 in households of two (40+41, 42+43, 44+45, 46+47), registered
here and in no other test; each conversation's topics are for its own household only, closed at its end."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import select

from bot.store.models import Household, Person
from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, file_report, register, say, session_of, ticket_numbered, told
from tests.integration.test_conversation_votes import ballots, close_topic, open_topic

pytestmark = pytest.mark.engine
VILLAGERS = [f"+86135{n:08d}" for n in range(9940, 9950)]
NAMES = ["李德明", "张秀芬", "王建华", "刘桂兰", "陈国强", "杨玉珍", "赵志刚", "周淑英", "吴永福", "孙丽华"]
ROAD = "是否硬化二组到三组的机耕道"
LAMPS = "村里路灯几点关"
LATE = ["晚上十点", "晚上十二点"]


def household(stack: Stack, first: int) -> tuple[str, str]:
    """Villagers `first` and `first + 1` of 石桥村网格, one household, as a household import would have them."""
    phones = (VILLAGERS[first], VILLAGERS[first + 1])
    for phone in phones:
        register(stack, phone, "resident", "石桥村网格")
    with session_of(stack) as s:
        people = [s.scalar(select(Person).where(Person.phone == phone)) for phone in phones]
        if people[0].household_id is None:
            home = Household(code=f"H{phones[0]}", unit_id=people[0].home_unit_id, address="石桥村二组")
            s.add(home)
            s.flush()
            for n, person in enumerate(people):
                person.household_id, person.name = home.id, NAMES[first + n]
    return phones


@contextmanager
def road_and_lamps(stack: Stack, voters: tuple[str, str]) -> Iterator[tuple[int, int]]:
    """The two topics of the blind test, open to `voters` only, closed afterwards."""
    road = open_topic(stack, list(voters), ROAD)
    lamps = open_topic(stack, list(voters), LAMPS, options=LATE, allow_proxy=True)
    try:
        yield road, lamps
    finally:
        close_topic(stack, road)
        close_topic(stack, lamps)


def reply(stack: Stack, sender: str, text: str) -> str:
    replies = say(stack, sender, text)
    assert replies, f"no reply to {text!r}"
    return "\n".join(replies)


def test_a_short_option_word_or_an_ordinal_is_the_lamp_ballot(running: Stack) -> None:
    me, other = household(running, 0)
    with road_and_lamps(running, (me, other)) as (road, lamps):
        said = reply(running, me, "路灯那个我投十二点")
        assert "您投晚上十二点" in said, said
        assert reply(running, other, "投第二个").startswith("请回复序号选议题")
        assert "1 晚上十点 2 晚上十二点" in reply(running, other, "2")
        said = reply(running, other, "十点")
        assert "您投晚上十点" in said, said
        assert ballots(running, road, lamps) == {(lamps, me): (2, False, me), (lamps, other): (1, False, other)}


def test_my_own_vote_after_one_for_my_wife_is_my_own(running: Stack) -> None:
    me, wife = household(running, 2)
    with road_and_lamps(running, (me, wife)) as (road, lamps):
        said = reply(running, me, "帮我屋头老婆子也投十二点")
        assert said.startswith(f"已替{NAMES[3]}投") and "晚上十二点" in said, said
        said = reply(running, me, "路灯我自己投十二点 刚才那个是帮老婆子投的")
        assert said.startswith("已记下") and "您投晚上十二点" in said, said
        assert ballots(running, road, lamps) == {(lamps, wife): (2, True, me), (lamps, me): (2, False, me)}


def test_a_neighbour_is_refused_and_what_follows_never_touches_the_road_ticket(running: Stack) -> None:
    me, wife = household(running, 4)
    with road_and_lamps(running, (me, wife)) as (road, lamps):
        number = file_report(running, me, "二组的机耕道垮了一截 三轮车过不去")
        holder = assignee_phone(running, number)
        said = reply(running, me, "我能帮隔壁李婆婆投个票不 她不识字")
        assert "只能替同户的家人投" in said and NAMES[5] not in said, said
        said = reply(running, me, "不是哦 李婆婆是隔壁的 不是我屋头的人")
        assert "工单" not in said and "补充" not in said, said
        assert ballots(running, road, lamps) == {}
        assert "李婆婆" not in ticket_numbered(running, number).text
        assert not any("李婆婆" in t for t in told(running, holder, number))


def test_keeping_a_road_ballot_just_withdrawn_puts_it_back(running: Stack) -> None:
    me, wife = household(running, 6)
    with road_and_lamps(running, (me, wife)) as (road, lamps):
        assert "您投赞成" in reply(running, me, "机耕道那个我投赞成")
        assert "已撤回" in reply(running, me, "我想把我那票收回来")
        assert ballots(running, road, lamps) == {}
        said = reply(running, me, "哎呀 算了嘛 还是不撤了")
        assert "不撤了" in said and "赞成" in said and "工单" not in said, said
        assert ballots(running, road, lamps) == {(road, me): (1, False, me)}
