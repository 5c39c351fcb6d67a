"""Ballot messages from blind test 24 (2026-12-06, /work/ut24-report.md, failure 7 and A39/A45), read before the
engine (`council_turn.read_turn`) or by the vote action (`handle_vote`):

- A short option word (十二点, 十点) is the option whose name alone holds it; an ordinal, a digit or such a word
  answering the options question is the choice, for a family member too.
- 我自己/本人 is the sender's own ballot, never a proxy, even with a clause about an earlier proxy ballot.
- A neighbour (隔壁李婆婆) is no household member: "只能替同户的家人投", nothing recorded, and what the sender
  says about it next touches no ticket.
- 还是不撤了 right after a withdrawal puts that ballot back."""

from __future__ import annotations

from sqlalchemy import select

from bot.core.council_dialogue import handle_vote
from bot.core.council_turn import read_turn
from bot.store.models import Ticket
from tests.core.council_factories import GROUP1, open_topic, person
from tests.core.test_council_dialogue import ballots, replied

LIMING, JIANGUO = GROUP1[0], GROUP1[1]  # one household: 李明 and 张建国
ROAD = "是否硬化二组到三组的机耕道"
LAMPS = "村里路灯几点关"
LATE = ["晚上十点", "晚上十二点"]


def turn(s, clock, text: str, sender: str = LIMING) -> str | None:
    reply = read_turn(s, clock, person(s, sender), sender, text)
    assert reply is None or len(reply) <= 70, reply
    if reply is not None:
        replied(s, sender, reply)
    return reply


def vote(s, clock, text: str, sender: str = LIMING) -> str:
    """A message the engine read as a ballot."""
    decision = handle_vote(s, clock, person(s, sender), text)
    replied(s, sender, decision.text or decision.kind)
    return decision.text


def topics(s, clock) -> tuple[int, int]:
    road = open_topic(s, clock, title=ROAD)
    lamps = open_topic(s, clock, title=LAMPS, options=LATE, allow_proxy=True)
    return road, lamps


def test_a_short_option_word_naming_one_option_is_that_ballot(demo_db, clock) -> None:
    with demo_db.session() as s:
        _, lamps = topics(s, clock)
        me = person(s, LIMING)
        said = turn(s, clock, "路灯那个我投十二点") or vote(s, clock, "路灯那个我投十二点")
        assert "晚上十二点" in said and "请回复" not in said, said
        assert ballots(s) == {(lamps, me.id): (2, False, me.id)}
        said = turn(s, clock, "十点")  # right after the ballot: a change
        assert said is not None and "晚上十点" in said, said
        assert ballots(s) == {(lamps, me.id): (1, False, me.id)}


def test_an_ordinal_a_digit_or_a_short_word_answers_the_options_question(demo_db, clock) -> None:
    with demo_db.session() as s:
        _, lamps = topics(s, clock)
        me = person(s, JIANGUO)
        for answer, option in (("十点", 1), ("投第二个", 2), ("2", 2), ("第一个", 1)):
            asked = turn(s, clock, "投第二个", JIANGUO) or vote(s, clock, "投第二个", JIANGUO)
            assert "请回复序号选议题" in asked, asked
            asked = turn(s, clock, "2", JIANGUO)
            assert asked is not None and "1 晚上十点 2 晚上十二点" in asked, asked
            said = turn(s, clock, answer, JIANGUO)
            assert said is not None and LATE[option - 1] in said, (answer, said)
            assert ballots(s)[(lamps, me.id)] == (option, False, me.id), answer


def test_a_short_option_word_for_a_family_member_is_recorded_without_asking(demo_db, clock) -> None:
    with demo_db.session() as s:
        _, lamps = topics(s, clock)
        me, wife = person(s, LIMING), person(s, JIANGUO)
        said = turn(s, clock, "帮我屋头老婆子也投十二点")
        assert said is not None and said.startswith(f"已替{wife.name}投") and "晚上十二点" in said, said
        assert ballots(s) == {(lamps, wife.id): (2, True, me.id)}


def test_my_own_vote_said_with_a_word_about_an_earlier_proxy_ballot_is_my_own(demo_db, clock) -> None:
    with demo_db.session() as s:
        _, lamps = topics(s, clock)
        me, wife = person(s, LIMING), person(s, JIANGUO)
        turn(s, clock, "帮我屋头老婆子也投十二点")
        said = turn(s, clock, "路灯我自己投十二点 刚才那个是帮老婆子投的")
        assert said is not None and said.startswith("已记下") and "您投晚上十二点" in said, said
        assert ballots(s) == {(lamps, wife.id): (2, True, me.id), (lamps, me.id): (2, False, me.id)}
        said = turn(s, clock, "本人投十点")
        assert said is not None and "您改投晚上十点" in said, said
        assert ballots(s)[(lamps, me.id)] == (1, False, me.id)


def test_a_neighbour_is_no_family_member_to_vote_for(demo_db, clock) -> None:
    with demo_db.session() as s:
        topics(s, clock)
        for text in ("我能帮隔壁李婆婆投个票不 她不识字", "帮隔壁王大爷投晚上十点", "替邻居投个十二点"):
            said = turn(s, clock, text)
            assert said is not None and "只能替同户的家人投" in said and "张建国" not in said, (text, said)
        assert ballots(s) == {}
        tickets = s.scalar(select(Ticket.id).limit(1))
        said = turn(s, clock, "不是哦 李婆婆是隔壁的 不是我屋头的人")
        assert said is not None and "工单" not in said, said
        assert ballots(s) == {} and s.scalar(select(Ticket.id).limit(1)) == tickets
        turn(s, clock, "帮隔壁王大爷投晚上十点")
        assert turn(s, clock, "家里停水了 好几天了") is None  # a report after the refusal is left to be filed
        said = turn(s, clock, "她不会用手机", JIANGUO)
        assert said is None or "李婆婆" not in said


def test_keeping_a_ballot_just_withdrawn_puts_it_back(demo_db, clock) -> None:
    with demo_db.session() as s:
        road, _ = topics(s, clock)
        me = person(s, JIANGUO)
        said = turn(s, clock, "机耕道那个我投赞成", JIANGUO) or vote(s, clock, "机耕道那个我投赞成", JIANGUO)
        assert "您投赞成" in said, said
        assert "已撤回" in (turn(s, clock, "我想把我那票收回来", JIANGUO) or "")
        assert ballots(s) == {}
        for never_mind in ("哎呀 算了嘛 还是不撤了", "算了还是投"):
            said = turn(s, clock, never_mind, JIANGUO)
            assert said is not None and "赞成" in said and "工单" not in said, (never_mind, said)
            assert ballots(s) == {(road, me.id): (1, False, me.id)}
            assert "已撤回" in (turn(s, clock, "撤回机耕道的票", JIANGUO) or "")
