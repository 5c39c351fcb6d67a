"""A villager's wish to change a ballot that names neither topic nor option (我想改一下票, 我要改投) starts the
change: the topic just voted on, or the one voted on, gets its options asked; several, which topic. Blind test 9,
#21: both got the registration reply (换了号码请告诉网格员…)."""

from __future__ import annotations

from bot.core.council_ballots import cast
from bot.core.council_words import asks_change_only
from tests.core.council_factories import GROUP1, open_topic, person
from tests.core.test_council_dialogue import ballots
from tests.core.test_council_turn import turn

ME = GROUP1[1]


def test_only_words_of_changing_a_ballot_ask_which_one() -> None:
    assert asks_change_only("我想改一下票") and asks_change_only("我要改投") and asks_change_only("能不能重新投")
    assert not asks_change_only("改投赞成") and not asks_change_only("改成第二个")
    assert not asks_change_only("我想改一下地址") and not asks_change_only("路灯我投赞成")


def test_a_change_after_two_ballots_asks_which_topic_and_the_answer_asks_its_options(demo_db, clock) -> None:
    with demo_db.session() as s:
        lamp = open_topic(s, clock, title="是否安装村口路灯")
        meeting = open_topic(s, clock, title="村民大会时间", options=["早上", "晚上"])
        me = person(s, ME)
        cast(s, clock, lamp, me, 1)
        cast(s, clock, meeting, me, 1)
        said = turn(s, clock, "我想改一下票")
        assert said is not None and said.startswith("请回复序号选议题") and "路灯" in said and "大会" in said, said
        assert ballots(s) == {(lamp, me.id): (1, False, me.id), (meeting, me.id): (1, False, me.id)}
        options = turn(s, clock, "1" if said.index("大会") < said.index("路灯") else "2")
        assert options is not None and "1 早上 2 晚上" in options, options


def test_a_change_with_one_ballot_asks_its_options(demo_db, clock) -> None:
    with demo_db.session() as s:
        meeting = open_topic(s, clock, title="村民大会时间", options=["早上", "晚上"])
        me = person(s, ME)
        cast(s, clock, meeting, me, 1)
        said = turn(s, clock, "我要改投")
        assert said is not None and "村民大会时间" in said and "1 早上 2 晚上" in said, said
        assert turn(s, clock, "2") is not None
        assert ballots(s) == {(meeting, me.id): (2, False, me.id)}
