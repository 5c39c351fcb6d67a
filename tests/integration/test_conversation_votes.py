"""Votes by message as villagers really send them (issue 17 §6), through the gateway, the real engine and
the real action server, on SQLite and PostgreSQL: a ballot for mother never touches one's own, a closed
topic records nothing, "which topic?" is answered by the next message, a bare number answers only the
latest numbered question, and "take back that vote" takes back the vote, not a report.

Each conversation has villager groups of its own (石桥村N组, four villagers in two households), or residents
of 安居社区第2网格 (+8613900000101 … 120, in no other conversation) voting on topics of their own, so the
stack shared by the session holds no topic of another test that they could vote on."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.common.clock import Clock
from bot.core import council
from bot.store.council_models import Ballot
from bot.store.db import Database
from bot.store.models import OrgUnit, Person, Ticket
from tests.integration.stack import Stack
from tests.waiting import eventually_sync

pytestmark = pytest.mark.engine


def villagers(group: int) -> list[str]:
    """石桥村N组's four villagers: households (0, 1) and (2, 3)."""
    return [f"+86135{4 * (group - 1) + n:08d}" for n in range(1, 5)]


def database(stack: Stack) -> Database:
    return Database(stack.settings.resolved_database_url)


def open_topic(stack: Stack, group: int | list[str], title: str, **settings: object) -> int:
    """A topic opened by the village, as `bin/bot topics create/approve/open` does: its notice goes out.
    `group`: 石桥村N组, or the residents (by number) who vote on it."""
    db, clock = database(stack), Clock()
    try:
        with db.session() as s:
            if isinstance(group, list):
                people = list(s.scalars(select(Person.id).where(Person.phone.in_(group))))
                electorate = council.electorate_of(people=people)
            else:
                unit = s.scalar(select(OrgUnit.id).where(OrgUnit.code == f"SQ-V{group}"))
                electorate = council.electorate_of(groups=[unit])
            topic = council.create_topic(s, clock, title=title, electorate=electorate,
                                         **settings)  # type: ignore[arg-type]
            council.approve(s, clock, topic.id)
            council.open_topic(s, clock, topic.id, clock.now() + timedelta(hours=2))
            return topic.id
    finally:
        db.dispose()


def close_topic(stack: Stack, topic_id: int) -> None:
    db = database(stack)
    try:
        with db.session() as s:
            council.close_topic(s, Clock(), topic_id)
    finally:
        db.dispose()


def ballots(stack: Stack, *topic_ids: int) -> dict[tuple[int, str], tuple[int, bool, str]]:
    """(topic, whose number) → (option, proxy, sent from)."""
    db = database(stack)
    try:
        with db.session() as s:
            phone = dict(s.execute(select(Person.id, Person.phone)).all())
            return {(b.topic_id, phone[b.person_id]): (b.option, b.proxy, phone[b.cast_by_id])
                    for b in s.scalars(select(Ballot).where(Ballot.topic_id.in_(topic_ids)))}
    finally:
        db.dispose()


def name_of(stack: Stack, phone: str) -> str:
    db = database(stack)
    try:
        with db.session() as s:
            return s.scalar(select(Person.name).where(Person.phone == phone))
    finally:
        db.dispose()


def ticket_status(stack: Stack, number: str) -> str:
    db = database(stack)
    try:
        with db.session() as s:
            return s.scalar(select(Ticket.status).where(Ticket.number == number))
    finally:
        db.dispose()


def reply(stack: Stack, sender: str, text: str) -> str:
    response = stack.say(sender, text)
    assert response.status_code == 200, response.text
    replies = response.json()["replies"]
    assert replies, f"no reply to {text!r}"
    assert all(len(r) <= 70 for r in replies), replies  # one SMS each
    return "\n".join(replies)


# --- "help my mother vote" -----------------------------------------------------------------------------

def proxy_ballots(stack: Stack) -> None:
    lamps = open_topic(stack, 3, "是否安装村组路灯", allow_proxy=True)
    me, mother = villagers(3)[1], villagers(3)[0]
    mum = name_of(stack, mother)
    assert "您投赞成" in reply(stack, me, "路灯那个我赞成噶")
    said = reply(stack, me, "我妈也投反对")
    assert f"已替{mum}投" in said and "反对" in said and "您自己的票不变" in said
    assert ballots(stack, lamps) == {(lamps, me): (1, False, me), (lamps, mother): (2, True, me)}
    # No option said: asked, and the answer (一个汉字) is the member's, never the sender's.
    asked = reply(stack, me, "帮我妈投一票")
    assert f"替{mum}投" in asked and "1 赞成 2 反对 3 弃权" in asked
    assert f"已替{mum}改投弃权" in reply(stack, me, "三")
    assert ballots(stack, lamps) == {(lamps, me): (1, False, me), (lamps, mother): (3, True, me)}

    # A topic that allows no proxy: refused, and the sender's own ballot stays as it was.
    fee = open_topic(stack, 4, "是否收缴垃圾清运费")
    son, father = villagers(4)[3], villagers(4)[2]
    assert "您投赞成" in reply(stack, son, "我赞成")
    assert "不能代投" in reply(stack, son, "我帮我老汉也投一票 他也反对 他不会用手机")
    assert "不能代投" in reply(stack, son, "我老汉也投反对")
    assert ballots(stack, fee) == {(fee, son): (1, False, son)}
    assert father not in {whose for _, whose in ballots(stack, fee)}


def test_a_ballot_for_mother_never_touches_the_senders_own(stack: Stack) -> None:
    proxy_ballots(stack)


@pytest.mark.postgres
def test_a_ballot_for_mother_never_touches_the_senders_own_on_postgresql(pg_stack: Stack) -> None:
    proxy_ballots(pg_stack)


# --- a topic that has just closed ---------------------------------------------------------------------------

def closed_topic(stack: Stack) -> None:
    fee = open_topic(stack, 5, "是否收缴垃圾清运费")
    road = open_topic(stack, 5, "村头那条机耕道烂了 想大家凑点钱修一哈")
    voter, late = villagers(5)[0], villagers(5)[1]
    assert "您投反对" in reply(stack, voter, "清运费那个我反对")
    close_topic(stack, fee)
    said = reply(stack, late, "清运费那个我投赞成噶")
    assert "“是否收缴垃圾清运费”已截止" in said and "结果：赞成0 反对1 弃权0" in said
    assert ballots(stack, fee, road) == {(fee, voter): (2, False, voter)}  # nothing on the open topic


def test_a_ballot_naming_a_closed_topic_is_recorded_nowhere(stack: Stack) -> None:
    closed_topic(stack)


@pytest.mark.postgres
def test_a_ballot_naming_a_closed_topic_is_recorded_nowhere_on_postgresql(pg_stack: Stack) -> None:
    closed_topic(pg_stack)


# --- several open topics: which one? ---------------------------------------------------------------------

def which_topic(stack: Stack) -> None:
    open_topic(stack, 6, "是否收缴垃圾清运费")
    road = open_topic(stack, 6, "村头那条机耕道烂了 想大家凑点钱修一哈")
    truck = open_topic(stack, 6, "垃圾车几点来收", options=["早上7点", "中午12点", "晚上6点"])
    me = villagers(6)[0]
    asked = reply(stack, me, "投第二个")
    assert asked.startswith("请回复序号选议题：1 ")
    # The answer names the topic and says its own choice: read as the answer, the choice said now wins.
    assert "您投赞成" in reply(stack, me, "机耕道那个赞成")
    # A digit after the board (no question) is asked about, then answered by number.
    reply(stack, me, "有哪些在投票的")
    assert reply(stack, me, "3").startswith("请回复序号选议题：")
    assert "请回复 1 早上7点 2 中午12点 3 晚上6点" in reply(stack, me, "3")
    assert "您投晚上6点" in reply(stack, me, "晚上6点")
    assert ballots(stack, road, truck) == {(road, me): (1, False, me), (truck, me): (3, False, me)}


def test_with_several_open_topics_the_bot_asks_which_and_reads_the_answer(stack: Stack) -> None:
    which_topic(stack)


@pytest.mark.postgres
def test_with_several_open_topics_the_bot_asks_which_and_reads_the_answer_on_postgresql(pg_stack: Stack) -> None:
    which_topic(pg_stack)


# --- bare digits -------------------------------------------------------------------------------------------

def bare_digits(stack: Stack) -> None:
    fee = open_topic(stack, 7, "是否收缴垃圾清运费")
    first, second = villagers(7)[0], villagers(7)[2]
    # Right after the topic's notice a bare digit answers it.
    assert "您投赞成" in reply(stack, first, "1")
    # After the menu, 二 is the menu's second choice, not a ballot.
    reply(stack, second, "你好")
    assert "工单" in reply(stack, second, "二")
    # After a reply that asked nothing, a digit with the one topic open to her is her ballot there, and the
    # reply says what was recorded (blind test 6, #116); the same digit again changes nothing.
    assert "您投反对" in reply(stack, second, "2")
    assert ballots(stack, fee) == {(fee, first): (1, False, first), (fee, second): (2, False, second)}
    assert "您投反对" in reply(stack, second, "２")
    assert ballots(stack, fee) == {(fee, first): (1, False, first), (fee, second): (2, False, second)}


def test_a_bare_digit_answers_the_latest_numbered_question_or_the_one_open_topic(stack: Stack) -> None:
    bare_digits(stack)


@pytest.mark.postgres
def test_a_bare_digit_answers_the_latest_numbered_question_or_the_one_open_topic_on_postgresql(
        pg_stack: Stack) -> None:
    bare_digits(pg_stack)


# --- take back that vote ---------------------------------------------------------------------------------

def take_back(stack: Stack) -> None:
    fee = open_topic(stack, 8, "是否收缴垃圾清运费")
    me = villagers(8)[0]
    opened = reply(stack, me, "我家门口的路灯坏了好几天了")
    number = re.search(r"T\d{4,}", opened).group(0)
    assert "您投赞成" in reply(stack, me, "清运费我赞成")
    assert reply(stack, me, "撤回投票") == "已撤回您对“是否收缴垃圾清运费”的投票。截止前还可以再投。"
    assert ballots(stack, fee) == {}
    assert ticket_status(stack, number) != "cancelled"
    assert "您投反对" in reply(stack, me, "清运费我反对")
    assert reply(stack, me, "我那票不算了").startswith("已撤回您对“是否收缴垃圾清运费”的投票")
    assert ballots(stack, fee) == {}
    assert ticket_status(stack, number) != "cancelled"
    # "取消" alone acts on the most recent thing and says which: the ballot cast last, then the report.
    assert "您投赞成" in reply(stack, me, "清运费我赞成")
    assert reply(stack, me, "取消").startswith("已撤回您对“是否收缴垃圾清运费”的投票")
    assert ballots(stack, fee) == {}
    assert number in reply(stack, me, "取消")
    assert ticket_status(stack, number) == "cancelled"


def test_take_back_that_vote_takes_back_the_vote_not_a_report(stack: Stack) -> None:
    take_back(stack)


@pytest.mark.postgres
def test_take_back_that_vote_takes_back_the_vote_not_a_report_on_postgresql(pg_stack: Stack) -> None:
    take_back(pg_stack)


# --- how the vote stands; mother and father; points of a withdrawn ballot (blind test 4, #26, #27, #34) -------

def how_it_stands(stack: Stack) -> None:
    fee = open_topic(stack, 9, "是否收缴垃圾清运费", allow_proxy=True)
    me, member = villagers(9)[1], villagers(9)[0]
    assert "您投赞成" in reply(stack, me, "垃圾费我投赞成")
    for question in ("现在好多人投了", "投票结果咋样"):
        said = reply(stack, me, question)
        assert "是否收缴垃圾清运费：已投1/4人" in said, said  # secret ballots: turnout, no counts
    assert ballots(stack, fee) == {(fee, me): (1, False, me)}
    # 我妈 then 我老汉 with one other member registered: not the same person twice; asked, with the name.
    name = name_of(stack, member)
    assert f"已替{name}投" in reply(stack, me, "帮我妈投一票 她也赞成")
    asked = reply(stack, me, "我老汉也投反对")
    assert name in asked and "登记" in asked, asked
    assert ballots(stack, fee)[(fee, member)] == (1, True, me)
    # A withdrawn ballot takes its points back; 取消 with nothing left says so.
    assert reply(stack, me, "我那票不算了").startswith("已撤回")
    assert "已取消" not in reply(stack, me, "取消")
    assert "积分" in reply(stack, me, "我的积分")


def test_how_the_vote_stands_and_a_proxy_for_father_after_mother(stack: Stack) -> None:
    how_it_stands(stack)


@pytest.mark.postgres
def test_how_the_vote_stands_and_a_proxy_for_father_after_mother_on_postgresql(pg_stack: Stack) -> None:
    how_it_stands(pg_stack)


# --- a bare digit after a refused proxy ballot is the sender's own (blind test 5, #24, #75) --------------------

def digit_after_refused_proxy(stack: Stack, group: int) -> None:
    fee = open_topic(stack, group, "是否收缴垃圾清运费", allow_proxy=True)
    me, member = villagers(group)[1], villagers(group)[0]
    assert "您投赞成" in reply(stack, member, "清运费我赞成")
    refused = reply(stack, me, "我妈也投反对")  # the only member voted herself: refused, nothing cast
    assert "以本人的票为准" in refused, refused
    asked = reply(stack, me, "2")
    if "请回复" in asked:  # the options question once at most: the next digit is recorded as the sender's own
        asked = reply(stack, me, "2")
    assert "您投反对" in asked, asked
    assert ballots(stack, fee) == {(fee, member): (1, False, member), (fee, me): (2, False, me)}


def test_a_bare_digit_after_a_refused_proxy_ballot_is_recorded_as_the_senders_own(stack: Stack) -> None:
    digit_after_refused_proxy(stack, 10)


# --- the digit after the bot's word on a vote; options of one of two topics (blind test 5, #24, #75, #106, #119) --

def digits_and_option_words(stack: Stack) -> None:
    fee = open_topic(stack, 11, "是否收缴垃圾清运费", allow_proxy=True)
    member, me = villagers(11)[0], villagers(11)[1]
    assert "您投赞成" in reply(stack, member, "我赞成")
    assert "以本人的票为准" in reply(stack, me, "我妈也投反对")
    assert "您投反对" in reply(stack, me, "2")  # the sender's own, never the options question again
    assert ballots(stack, fee) == {(fee, member): (1, False, member), (fee, me): (2, False, me)}

    truck = open_topic(stack, 12, "垃圾车几点来收", options=["早上", "晚上"], allow_proxy=True)
    term = open_topic(stack, 12, "换届选举时间", options=["元旦前", "春节后"])
    me, member, neighbour, other = villagers(12)
    assert f"已替{name_of(stack, member)}投" in reply(stack, me, "帮我屋头那个也投一票 投早上")
    [notice] = eventually_sync(lambda: [m["text"] for m in stack.outbox(member) if "替您投了" in m["text"]])
    assert name_of(stack, me) in notice and "早上" in notice and "1 早上 2 晚上" in notice, notice
    assert "您投早上" in reply(stack, me, "1")  # his own, right after the proxy ballot
    said = reply(stack, me, "帮我屋头那个投元旦前")
    assert "换届选举时间" in said and "不能代投" in said, said
    assert "改投晚上" in reply(stack, member, "2")  # the member's own digit after the notice replaces it
    assert "您投早上" in reply(stack, neighbour, "我投早上")
    assert "您投春节后" in reply(stack, neighbour, "春节后")
    assert reply(stack, other, "投第二个").startswith("请回复序号选议题")
    assert "1 元旦前 2 春节后" in reply(stack, other, "2")  # the topic chosen, the option still asked
    assert "您投元旦前" in reply(stack, other, "1")
    assert ballots(stack, truck, term) == {
        (truck, me): (1, False, me), (truck, member): (2, False, member), (truck, neighbour): (1, False, neighbour),
        (term, neighbour): (2, False, neighbour), (term, other): (1, False, other)}


def test_a_digit_after_the_bots_word_on_a_vote_and_an_option_of_one_topic_are_recorded(stack: Stack) -> None:
    digits_and_option_words(stack)


@pytest.mark.postgres
def test_a_digit_after_the_bots_word_on_a_vote_and_an_option_of_one_topic_are_recorded_on_postgresql(
        pg_stack: Stack) -> None:
    digits_and_option_words(pg_stack)


# --- named topics, the sender's own ballot, a digit long after (blind test 6, #97, #71, #38, #40, #116) -------

AJ_GRID_2 = [f"+86139{n:08d}" for n in range(101, 121)]  # households: 101+102, 105+106, 109+110, 113+114 …


def named_and_own(stack: Stack) -> None:
    voters = AJ_GRID_2[0:4]
    me, neighbour = voters[0], voters[2]
    fee = open_topic(stack, voters, "是否收缴垃圾清运费每户每月5元")
    assert "您投赞成" in reply(stack, neighbour, "清运费我赞成")
    close_topic(stack, fee)
    pit = open_topic(stack, voters, "把村头垃圾池挪到公路边去 现在臭得很")
    assert "您投反对" in reply(stack, me, "垃圾池那个我投反对 挪过去离我们屋近了")
    said = reply(stack, me, "垃圾费最后咋个定的")  # within one SMS part (the helper checks 70)
    assert "是否收缴垃圾清运费" in said and "已截止" in said and "赞成1" in said, said
    said = reply(stack, me, "垃圾费我改投赞成")
    assert "已截止" in said and "垃圾池" not in said, said
    assert ballots(stack, fee, pit) == {(fee, neighbour): (1, False, neighbour), (pit, me): (2, False, me)}

    # The topic named, or the one topic with that option, among two open ones (#38, #40).
    lamps = open_topic(stack, AJ_GRID_2[4:8], "村口路灯装在东头还是西头", options=["东头", "西头"])
    levy = open_topic(stack, AJ_GRID_2[4:8], "是否收缴垃圾清运费", allow_proxy=True)
    son, mother = AJ_GRID_2[5], AJ_GRID_2[4]
    assert "您投反对" in reply(stack, AJ_GRID_2[6], "算了还是投反对 垃圾费那个")
    name = name_of(stack, mother)
    assert f"已替{name}投" in reply(stack, son, "帮我妈投一票 赞成 垃圾清运费那个")
    assert "您投弃权" in reply(stack, son, "我自己投弃权")
    # Withdrawing is his own; 取消 right after takes nothing more, and says how to take back hers (#71).
    assert reply(stack, son, "撤回投票").startswith("已撤回您对“是否收缴垃圾清运费”")
    said = reply(stack, son, "取消")
    assert f"撤回{name}的票" in said and "已撤回" not in said, said
    assert ballots(stack, lamps, levy) == {(levy, AJ_GRID_2[6]): (2, False, AJ_GRID_2[6]),
                                           (levy, mother): (1, True, son)}
    assert reply(stack, son, f"撤回{name}的票").startswith(f"已撤回您替{name}对")
    assert ballots(stack, lamps, levy) == {(levy, AJ_GRID_2[6]): (2, False, AJ_GRID_2[6])}

    # A digit long after his ballot, with one topic open to him, changes it and says so (#116).
    assert "改投赞成（原来是反对）" in reply(stack, me, "1")  # after "已截止": the pit, his one open topic
    assert "积分" in reply(stack, me, "我的积分")
    assert "改投反对（原来是赞成）" in reply(stack, me, "2")
    assert ballots(stack, pit) == {(pit, me): (2, False, me)}


def test_a_named_closed_topic_records_nothing_and_withdrawing_is_the_senders_own(stack: Stack) -> None:
    named_and_own(stack)


@pytest.mark.postgres
def test_a_named_closed_topic_records_nothing_and_withdrawing_is_the_senders_own_on_postgresql(
        pg_stack: Stack) -> None:
    named_and_own(pg_stack)
