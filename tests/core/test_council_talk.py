"""What a vote conversation is about beyond the question asked (blind test 7, #26, #27, #52): a ballot for a
member named by name is a proxy ballot (refused where the topic allows none), a topic named alone is shown
(never a report) and the next number or 撤回 acts on it, and a change right after a closed topic's result is
about that topic: 已截止, recorded nowhere."""

from __future__ import annotations

from types import SimpleNamespace

from bot.core import council
from bot.core.cancelling import NOTHING_FILED, NOTHING_OPEN, nothing_to_cancel
from bot.core.corrections import not_a_report
from bot.core.council_ballots import cast
from bot.core.council_dialogue import closed_result
from bot.core.council_words import names_only
from tests.core.council_factories import GROUP1, open_topic, person
from tests.core.test_council_dialogue import ballots, replied, turn, vote

LIMING, ME = GROUP1[0], GROUP1[1]  # one household: 李明 and 张建国
ROAD = "村道硬化时间"
FEE = "是否收缴垃圾清运费"


def test_a_ballot_for_a_member_named_by_name_is_a_proxy_ballot_refused_where_the_topic_allows_none(
        demo_db, clock) -> None:
    with demo_db.session() as s:
        road = open_topic(s, clock, title=ROAD, options=["春节前", "春节后"])
        fee = open_topic(s, clock, title=FEE, allow_proxy=True)
        liming, me = person(s, LIMING), person(s, ME)
        assert liming.name == "李明"
        said = turn(s, clock, "修路那个 帮李明投春节前")
        assert said is not None and "“村道硬化时间”不能代投" in said and "您的票没有变" in said, said
        assert ballots(s) == {}
        said = turn(s, clock, "垃圾费那个 帮李明投反对")
        assert said is not None and said.startswith("已替李明投：“是否收缴垃圾清运费”反对"), said
        assert ballots(s) == {(fee, liming.id): (2, True, me.id)}
        # His own ballot is his: a proxy ballot never replaces it.
        cast(s, clock, fee, liming, 1)
        s.expire_all()  # as the next message's own session would see it
        said = turn(s, clock, "垃圾费那个 替李明改投弃权")
        assert said is not None and "以本人的票为准" in said, said
        assert ballots(s) == {(fee, liming.id): (1, False, liming.id)}
        assert road  # nothing on the road topic either


def test_a_topic_named_alone_is_shown_and_the_next_number_or_withdrawal_acts_on_it(demo_db, clock) -> None:
    with demo_db.session() as s:
        road = open_topic(s, clock, title=ROAD, options=["春节前", "春节后"])
        fee = open_topic(s, clock, title=FEE)
        me = person(s, ME)
        cast(s, clock, fee, me, 1)
        cast(s, clock, road, me, 2)
        assert turn(s, clock, "撤回投票").startswith("已撤回您对“村道硬化时间”")
        said = turn(s, clock, "垃圾费那个")
        assert said == "“是否收缴垃圾清运费”您投了赞成，截止前可改：回复 1 赞成 2 反对 3 弃权。撤回请回复“撤回”。", said
        turn(s, clock, "算了")  # giving up talking takes nothing back
        assert ballots(s) == {(fee, me.id): (1, False, me.id)}
        assert turn(s, clock, "垃圾费那个").startswith("“是否收缴垃圾清运费”您投了赞成")
        assert turn(s, clock, "撤回").startswith("已撤回您对“是否收缴垃圾清运费”")
        assert ballots(s) == {}
        said = turn(s, clock, "修路的事呢")
        assert said is None  # 修路 is not in the title: the engine reads it
        said = turn(s, clock, "村道硬化那个")
        assert said == "“村道硬化时间”正在投票，您还没投。请回复 1 春节前 2 春节后。", said
        assert "您投春节前" in turn(s, clock, "1")
        assert turn(s, clock, "垃圾费那个").startswith("“是否收缴垃圾清运费”正在投票")
        assert turn(s, clock, "好的") is None  # an acknowledgement is no 赞成
        assert ballots(s) == {(road, me.id): (1, False, me.id)}


def test_a_topic_named_alone_answers_which_topic_and_shows_a_ballot_cast_for_the_sender(demo_db, clock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=ROAD, options=["春节前", "春节后"])
        fee = open_topic(s, clock, title=FEE, allow_proxy=True)
        me = person(s, ME)
        asked = vote(s, clock, "投第二个", None)
        assert asked.text.startswith("请回复序号选议题")
        said = turn(s, clock, "垃圾费那个")  # the answer to "which topic?": its options asked, nothing shown
        assert said == "“是否收缴垃圾清运费”请回复 1 赞成 2 反对 3 弃权", said
        assert "您投反对" in turn(s, clock, "2")
        said = turn(s, clock, f"帮{me.name}投赞成", sender=LIMING)  # she voted herself
        assert said is not None and "以本人的票为准" in said, said
        assert turn(s, clock, "帮李明投弃权").startswith("已替李明投")
        said = turn(s, clock, "垃圾费那个", sender=LIMING)  # not his to take back: no 撤回 offered
        assert said.startswith("“是否收缴垃圾清运费”家人替您投了弃权，截止前可改") and "撤回" not in said, said
        assert ballots(s)[(fee, me.id)] == (2, False, me.id)


def test_a_change_right_after_a_closed_topics_result_is_about_it(demo_db, clock) -> None:
    with demo_db.session() as s:
        fee = open_topic(s, clock, title=FEE)
        road = open_topic(s, clock, title=ROAD, options=["春节前", "春节后"])
        me, other = person(s, ME), person(s, GROUP1[2])
        cast(s, clock, fee, other, 1)
        council.close_topic(s, clock, fee)
        result = closed_result(s, clock, me, "垃圾费那个最后定下来没有")
        assert result is not None and "已截止" in result
        replied(s, ME, result)  # the answer is the last message she got
        said = turn(s, clock, "那我改投赞成嘛")
        assert said is not None and said.startswith("“是否收缴垃圾清运费”已截止，没有计票"), said
        assert "春节" not in said
        assert ballots(s) == {(fee, other.id): (1, False, other.id)}
        # An option only the open topic has is a ballot there; a closed topic named alone gets its result.
        assert "您投春节后" in turn(s, clock, "我投春节后")
        said = turn(s, clock, "垃圾费那个")
        assert said is not None and said.startswith("“是否收缴垃圾清运费”已截止。结果：赞成1"), said
        assert ballots(s) == {(fee, other.id): (1, False, other.id), (road, me.id): (2, False, me.id)}


def test_only_a_topics_name_is_a_reference_to_it_a_problem_in_its_words_is_not() -> None:
    fee = council_topic("是否收缴垃圾清运费")
    pit = council_topic("把村头垃圾池挪到公路边去 现在臭得很")
    assert names_only(fee, "垃圾费那个") and names_only(fee, "清运费那个议题") and names_only(fee, "垃圾清运费")
    assert not names_only(fee, "垃圾费那个 赞成") and not names_only(fee, "垃圾费最后定下来没有")
    assert names_only(pit, "垃圾池") and not names_only(pit, "垃圾池臭得很")


def test_not_reporting_a_problem_is_no_question_and_nothing_open_is_said_as_such() -> None:
    assert not not_a_report("刚才那个不是反映问题 算了 不报了")
    assert not_a_report("刚才那个不是反映问题 我是想问一下低保")
    assert nothing_to_cancel("刚才那个不是反映问题 算了 不报了") == NOTHING_FILED
    assert nothing_to_cancel("撤销") == NOTHING_OPEN


def council_topic(title: str) -> SimpleNamespace:
    """A title and options, as names_only reads them."""
    return SimpleNamespace(id=0, title=title, options=["赞成", "反对", "弃权"])
