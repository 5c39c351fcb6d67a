"""Villagers' proposals and ballots from blind test 32 (docs/usertests/2026-12-07-blind20.md, B11, B133, B132,
B108), read from the words and the council's rows before the engine (`council_status`, `council_asides`,
`council_options`, `council_talk`, `council_proxy`, `council_dialogue`):

- B11: 我刚才提的议题交上去了没得 while the draft waits is asked about it (not yet: 回复 是), never its 说明.
- B133: 投第二个 while the draft waits gets the ballot's question alone; 2 按户 is topic 2's 按户; 垃圾费那个 按户 is
  the sender's own ballot, never the family's ballot shown again.
- B132: 我老汉 is not the member the sender named 我妈 before: no such member is registered, nothing recorded.
- B108: 我们组啥时候开会 is told how meetings are called, and what is open to vote meanwhile."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.core import council_status
from bot.core.council_asides import amid_draft
from bot.core.council_ballots import cast
from bot.core.council_options import numbered_option
from bot.core.council_proxy import household_members
from tests.core.council_factories import GROUP1, open_topic, person
from tests.core.test_council_dialogue import ballots, replied, sent, vote

DAUGHTER, SON = GROUP1[1], GROUP1[2]  # GROUP1[0] and [1] are one household, [2] and [3] another
FEE = "垃圾清运费按人头还是按户收"
PARKING = "是否在村口修一个停车场"
PER = ["按人头", "按户"]
CONFIRM = "议题：村里路灯太少了 晚上走路看不见。说明：大概要两万块 村集体出 组里出工。提交给村里审核吗？回复“是”或“不”"
DESCRIBE = "请简单说明一下，比如要花多少钱、谁来出、怎么办。"


def _fits(parts: list[str] | None) -> str:
    assert parts and all(len(p) <= 70 for p in parts), parts
    return "\n".join(parts)


@pytest.mark.parametrize("text", ["我刚才提的议题交上去了没得", "我那个议题提交了没", "刚才那个建议报上去没有",
                                  "我提的议题审了没得", "我刚刚提的建议交了没有哦"])
def test_whether_the_draft_went_in_is_a_question_about_it(text) -> None:
    assert council_status.asks_draft_state(text)


@pytest.mark.parametrize("text", ["大概要两万块 村集体出 组里出工", "路灯要装在路口", "我的建议是多装几盏灯",
                                  "村里出钱 组里出工"])
def test_a_drafts_own_words_are_no_question_about_it(text) -> None:
    assert not council_status.asks_draft_state(text)


@pytest.mark.parametrize("text", ["我刚才提的议题交上去了没得", "我的议题交上去没有"])
def test_asking_whether_the_draft_went_in_says_not_yet_and_asks_again(demo_db, clock, text) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=FEE, options=PER)
        replied(s, DAUGHTER, CONFIRM)
        said = _fits(amid_draft(s, clock, person(s, DAUGHTER), DAUGHTER, text))
        assert "还没提交" in said and "提交给村里审核吗" in said and "路灯" in said, said
        replied(s, DAUGHTER, DESCRIBE)
        said = _fits(amid_draft(s, clock, person(s, DAUGHTER), DAUGHTER, text))
        assert "还没提完" in said and "请简单说明" in said, said


@pytest.mark.parametrize("text", ["投第二个", "我要投票", "我要投个票", "我想投票嘛"])
def test_a_ballot_asked_for_amid_a_draft_gets_the_ballots_question_alone(demo_db, clock, text) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=PARKING)
        open_topic(s, clock, title=FEE, options=PER)
        replied(s, DAUGHTER, CONFIRM)
        said = _fits(amid_draft(s, clock, person(s, DAUGHTER), DAUGHTER, text))
        assert "请回复序号选议题" in said and "提交给村里审核" not in said, said
        assert ballots(s) == {}


@pytest.mark.parametrize("text", ["大概要两万块 村集体出 组里出工", "是", "不提了"])
def test_the_drafts_answers_are_left_to_the_draft(demo_db, clock, text) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=FEE, options=PER)
        replied(s, DAUGHTER, CONFIRM)
        assert amid_draft(s, clock, person(s, DAUGHTER), DAUGHTER, text) is None


@pytest.mark.parametrize(("text", "expected"), [("2 按户", (1, 2)), ("2号 按人头", (1, 1)), ("二 投按户", (1, 2)),
                                                ("1 反对", (0, 2)), ("第一个 赞成嘛", (0, 1)), ("2 反对", None),
                                                ("3 按户", None), ("2 按户 不对 按人头", None), ("2", None)])
def test_a_topics_number_then_its_option_is_that_ballot(text, expected) -> None:
    topics = [SimpleNamespace(title=PARKING, options=["赞成", "反对", "弃权"]), SimpleNamespace(title=FEE, options=PER)]
    found = numbered_option(topics, text)
    assert (None if found is None else (topics.index(found[0]), found[1])) == expected


@pytest.mark.parametrize(("text", "option"), [("2 按户", 2), ("2 按人头嘛", 1)])
def test_the_number_and_option_answer_which_topic(demo_db, clock, text, option) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=PARKING)
        fee = open_topic(s, clock, title=FEE, options=PER)
        me = person(s, DAUGHTER)
        asked = vote(s, clock, "投第二个", None, sender=DAUGHTER)
        assert asked.kind == "asked" and "请回复序号选议题" in asked.text
        said = sent(s, clock, text, DAUGHTER)
        assert said is not None and "没太看懂" not in said and PER[option - 1] in said, said
        assert ballots(s) == {(fee, me.id): (option, False, me.id)}


@pytest.mark.parametrize(("text", "option"), [("垃圾费那个 按户", 2), ("清运费那个按人头嘛", 1),
                                              ("垃圾费那个我投按户", 2), ("垃圾清运费 按户", 2)])
def test_a_topic_named_with_an_option_is_the_senders_own_ballot_over_the_familys(demo_db, clock, text,
                                                                                option) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=PARKING)
        fee = open_topic(s, clock, title=FEE, options=PER, allow_proxy=True)
        mother, daughter = person(s, GROUP1[0]), person(s, DAUGHTER)
        cast(s, clock, fee, daughter, 3 - option, on_behalf_of=mother)  # the daughter's ballot for her mother
        said = sent(s, clock, text, GROUP1[0])
        assert said is not None and "家人替您投了" not in said and PER[option - 1] in said, said
        assert ballots(s)[(fee, mother.id)] == (option, False, mother.id)


@pytest.mark.parametrize("text", ["垃圾费那个", "垃圾费那个 不要按户"])
def test_a_topic_named_alone_or_an_option_refused_is_no_ballot(demo_db, clock, text) -> None:
    with demo_db.session() as s:
        fee = open_topic(s, clock, title=FEE, options=PER)
        sent(s, clock, text, DAUGHTER)
        assert (fee, person(s, DAUGHTER).id) not in ballots(s)


@pytest.mark.parametrize("father", ["我老汉投按人头", "帮我爸投按户", "替我父亲投按人头", "我老爹也投按户"])
def test_a_father_is_not_the_member_named_mother_before(demo_db, clock, father) -> None:
    with demo_db.session() as s:
        fee = open_topic(s, clock, title=FEE, options=PER, allow_proxy=True)
        me = person(s, DAUGHTER)
        mother = household_members(s, me)[0]
        assert f"已替{mother.name}投" in sent(s, clock, "帮我妈投按户", DAUGHTER)
        assert "撤回" in sent(s, clock, "把我妈的票撤回", DAUGHTER)
        said = sent(s, clock, father, DAUGHTER)
        assert said is not None and "没有登记您" in said and mother.name in said and "已替" not in said, said
        assert ballots(s) == {}
        assert f"已替{mother.name}投" in sent(s, clock, "我妈投按人头", DAUGHTER)  # the mother still is
        assert ballots(s) == {(fee, mother.id): (1, True, me.id)}


def test_a_relation_never_named_before_still_means_the_one_member(demo_db, clock) -> None:
    # 0003's 老汉 is 陈杰: nothing said before says otherwise, so the one member is meant.
    with demo_db.session() as s:
        fee = open_topic(s, clock, title=FEE, options=PER, allow_proxy=True)
        me = person(s, SON)
        father = household_members(s, me)[0]
        assert f"已替{father.name}投" in sent(s, clock, "我老汉投按人头", SON)
        assert ballots(s) == {(fee, father.id): (1, True, me.id)}


@pytest.mark.parametrize("text", ["我们组啥时候开会", "好久开村民大会", "议事会是哪天", "坝坝会开不开",
                                  "组里最近开会没得", "什么时候开群众会？"])
def test_when_the_group_meets_is_answered_with_what_is_open(demo_db, clock, text) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=FEE, options=PER)
        said = _fits(council_status.meeting_times(s, clock, person(s, DAUGHTER), text))
        assert "村口黑板" in said and "通知" in said and "垃圾清运费" in said and "截止" in said, said
        assert "积分" not in said


@pytest.mark.parametrize("text", ["我在开会 等会说", "开会回来发现路灯坏了", "我的积分咋个用"])
def test_a_meeting_mentioned_is_no_question_about_it(demo_db, clock, text) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=FEE, options=PER)
        assert council_status.meeting_times(s, clock, person(s, DAUGHTER), text) is None


@pytest.mark.parametrize("asked", ["工单T1001已办结。请评价：回复 1 满意 2 一般 3 不满意",
                                   "是补充T1002，还是新问题？1 补充 2 新问题"])
def test_a_number_and_words_answering_another_numbered_question_is_no_ballot(demo_db, clock, asked) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=PARKING)
        fee = open_topic(s, clock, title=FEE, options=PER)
        replied(s, DAUGHTER, asked)
        sent(s, clock, "2 按户", DAUGHTER)
        assert (fee, person(s, DAUGHTER).id) not in ballots(s)
