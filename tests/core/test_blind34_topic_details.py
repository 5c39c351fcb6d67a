"""A villager asking where, how or for how much an open topic's matter would be done (blind test 33, B124: 村里那个
停车场要修在哪点 got a ticket), read before the engine (`council_asides.topic_detail`)."""

from __future__ import annotations

import pytest

from bot.core.council_asides import topic_detail
from tests.core.council_factories import GROUP1, open_topic, person

LIMING = GROUP1[0]
PARKING = "是否在村口修一个停车场"
FEE = "垃圾清运费按人头还是按户收"


@pytest.mark.parametrize("words", [
    "村里那个停车场要修在哪点",  # B124
    "停车场修在哪里嘛 村口哪个位置",
    "那个停车场要花好多钱",
    "停车场好久动工哦",
    "停车场具体是咋个回事",
])
def test_a_question_about_an_open_topics_matter_is_answered_from_the_topic(demo_db, clock, words) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=PARKING, description="在村口老晒坝，约20个车位，村集体出钱。")
        open_topic(s, clock, title=FEE, options=["按人头", "按户"])
        said = topic_detail(s, clock, person(s, LIMING), words)
        assert said is not None and len(said) <= 70, said
        assert PARKING in said and "老晒坝" in said and "村委会" in said, said


def test_a_topic_without_a_description_says_whom_to_ask(demo_db, clock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=PARKING)
        said = topic_detail(s, clock, person(s, LIMING), "村里那个停车场要修在哪点")
        assert said is not None and len(said) <= 70, said
        assert "没写" in said and "具体问村委会" in said, said


@pytest.mark.parametrize("words", [
    "停车场那里的路灯坏了 在哪点报",  # a problem beside it: a report
    "停车场那个投票结果咋样",  # its result: topic_result's
    "村口的路修在哪点",  # names no open topic
    "我投赞成",
])
def test_words_that_ask_no_detail_of_an_open_topic_are_left_alone(demo_db, clock, words) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title=PARKING)
        assert topic_detail(s, clock, person(s, LIMING), words) is None
