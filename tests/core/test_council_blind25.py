"""Vote messages from blind test 25 (2026-12-06, docs/usertests/2026-12-06-blind13.md, V1, V8, V11), read before
the engine (`council_asides`, `council_outsider.may_i`, `council_turn.read_turn`):

- A clear ballot while a proposal is drafted is recorded, and the draft's question is asked again.
- A question naming a topic about its result or turnout is answered: open, when it closes and the turnout;
  closed, its result.
- After asking whether one may vote for a neighbour, saying she is a neighbour gets the refusal kindly."""

from __future__ import annotations

import pytest

from bot.core import council
from bot.core.council_asides import ballot_amid_proposal, topic_result
from bot.core.council_outsider import may_i
from bot.core.council_words import PROXY_VOTE
from tests.core.council_factories import GROUP1, open_topic, person
from tests.core.test_council_blind24 import turn
from tests.core.test_council_dialogue import ballots, replied

LIMING = GROUP1[0]
FITNESS = "是否在村口装健身器材"
DANCE = "村里广场舞几点结束"
LATE = ["晚上八点半", "晚上九点半"]
DESCRIBE = "请简单说明一下，比如要花多少钱、谁来出、怎么办。"
CONFIRM = "议题：村口垃圾池离屋太近了。说明：夏天臭 想搬远点。提交给村里审核吗？回复“是”或“不”"


@pytest.mark.parametrize(("asked", "text", "option"), [
    (CONFIRM, "健身器材那个改投反对", 2),
    (DESCRIBE, "健身器材我投赞成", 1),
    (CONFIRM, "健身器材那个反对", 2),
    ("好的。想议什么事？一句话说清楚，比如“修组里的机耕路”。", "村口健身器材 我选弃权", 3),
])
def test_a_ballot_amid_a_proposal_is_recorded_and_the_draft_waits(demo_db, clock, asked, text, option) -> None:
    # Blind test 25, V8: "健身器材那个改投反对" became the proposal's description.
    with demo_db.session() as s:
        fitness = open_topic(s, clock, title=FITNESS)
        me = person(s, LIMING)
        replied(s, LIMING, asked)
        said = ballot_amid_proposal(s, clock, me, LIMING, text)
        assert said is not None and len(said) == 2 and all(len(r) <= 70 for r in said), said
        assert "健身器材" in said[0], said
        assert said[1].startswith("您的议题") and "还没" in said[1], said
        assert ballots(s) == {(fitness, me.id): (option, False, me.id)}


@pytest.mark.parametrize("text", ["夏天臭 想搬远点", "跟健身器材一样大家出点钱", "垃圾池搬到村口健身器材旁边去"])
def test_a_description_naming_a_topic_is_no_ballot(demo_db, clock, text) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=FITNESS)
        replied(s, LIMING, DESCRIBE)
        assert ballot_amid_proposal(s, clock, person(s, LIMING), LIMING, text) is None
        assert ballots(s) == {}


def test_a_ballot_with_no_proposal_pending_is_left_to_the_usual_reading(demo_db, clock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=FITNESS)
        replied(s, LIMING, "已记下：“是否在村口装健身器材”您投赞成。截止前想改，再回复一次就行。")
        assert ballot_amid_proposal(s, clock, person(s, LIMING), LIMING, "健身器材那个改投反对") is None


@pytest.mark.parametrize("text", ["健身器材那个结果出来没得", "健身器材的投票结果咋样", "装健身器材那个定了没得",
                                  "健身器材现在好多人投了"])
def test_asking_an_open_topics_result_by_a_word_gets_when_it_closes_and_the_turnout(demo_db, clock, text) -> None:
    # Blind test 25, V11: "健身器材那个结果出来没得" got "没太看懂".
    with demo_db.session() as s:
        open_topic(s, clock, title=FITNESS, hours=3)
        open_topic(s, clock, title=DANCE, options=LATE)
        said = topic_result(s, clock, person(s, LIMING), LIMING, text)
        assert said is not None and len(said) <= 70, said
        assert "还在投票" in said and "截止后公布结果" in said and "已投0/" in said and "广场舞" not in said, said


def test_asking_a_closed_topics_result_gets_the_result(demo_db, clock) -> None:
    with demo_db.session() as s:
        fitness = open_topic(s, clock, title=FITNESS, hours=1)
        clock.advance(hours=2)
        council.close_topic(s, clock, fitness)
        said = topic_result(s, clock, person(s, LIMING), LIMING, "健身器材那个结果出来没得")
        assert said is not None and "已截止" in said, said


def test_a_question_naming_no_topic_is_left_alone(demo_db, clock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=FITNESS)
        assert topic_result(s, clock, person(s, LIMING), LIMING, "低保审批结果出来没得") is None
        assert topic_result(s, clock, person(s, LIMING), LIMING, "健身器材那个改投反对") is None


@pytest.mark.parametrize("then", ["她不是我屋头的 是邻居", "她是邻居 不是一家人", "王婆婆是隔壁的"])
def test_saying_the_one_asked_about_is_a_neighbour_gets_the_refusal_kindly(demo_db, clock, then) -> None:
    # Blind test 25, V1: the refusal was right, then "她不是我屋头的 是邻居" got "没太看懂".
    with demo_db.session() as s:
        open_topic(s, clock, title=FITNESS)
        me = person(s, LIMING)
        assert may_i(s, clock, me, "我可以帮隔壁王婆婆投票不 她眼睛看不见") == PROXY_VOTE
        replied(s, LIMING, PROXY_VOTE)
        said = turn(s, clock, then)
        assert said is not None and "不能替" in said and "网格员" in said, said
        assert ballots(s) == {}
