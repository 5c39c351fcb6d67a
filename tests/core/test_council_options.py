"""Which option of which topic a vote message names, from words alone (blind test 5, #106, #125, #119)."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from bot.core.council_options import only_an_option, option_of, spoken_option, topic_by_option


@dataclass
class T:
    id: int
    title: str
    options: list[str] = field(default_factory=lambda: ["赞成", "反对", "弃权"])


TRUCK = T(1, "垃圾车几点来收", ["早上", "晚上"])
TERM = T(2, "换届选举时间", ["元旦前", "春节后"])
FEE = T(3, "是否收缴垃圾清运费")


@pytest.mark.parametrize(("text", "topic", "option"), [
    ("春节后", TERM, 2), ("春节后嘛", TERM, 2), ("我投春节后", TERM, 2), ("我投早上", TRUCK, 1),
    ("就选晚上吧", TRUCK, 2), ("我也投元旦前的", TERM, 1), ("我赞成", FEE, 1),
])
def test_a_message_that_is_only_an_option_of_one_open_topic_is_that_ballot(text: str, topic: T, option: int):
    assert only_an_option([TRUCK, TERM, FEE], text) == (topic, option)


@pytest.mark.parametrize("text", ["每天早上垃圾车都不来", "早上好", "春节后再说这个事情", "不要早上", "2", "投第二个"])
def test_a_longer_message_a_negation_or_a_number_is_no_option_ballot(text: str):
    assert only_an_option([TRUCK, TERM, FEE], text) is None


def test_an_option_two_open_topics_share_names_no_topic():
    same = T(4, "修路要不要凑钱")
    assert topic_by_option([FEE, same], "我赞成") is None
    assert topic_by_option([FEE, TERM], "帮我屋头那个投元旦前") is TERM


def test_a_spoken_option_is_a_word_never_a_number():
    assert spoken_option(FEE, "投第二个") is None
    assert spoken_option(FEE, "2") is None
    assert spoken_option(FEE, "我反对") == 2
    assert spoken_option(FEE, "不同意") == 2
    assert spoken_option(TRUCK, "晚上") == 2


LAMPS = T(5, "村里路灯几点关", ["晚上十点", "晚上十二点"])


@pytest.mark.parametrize(("text", "option"), [
    ("十二点", 2), ("十点", 1), ("路灯那个我投十二点", 2), ("帮我妈也投个十点", 1), ("晚上十二点", 2),
    ("晚上", None), ("不要十点", None), ("我投十点还是十二点", 2),
])
def test_a_part_of_one_options_name_is_that_option(text: str, option: int | None):
    assert option_of(LAMPS, text) == option


def test_a_message_that_is_only_a_part_of_one_options_name_is_that_ballot():
    assert only_an_option([TRUCK, TERM, FEE, LAMPS], "十二点嘛") == (LAMPS, 2)
    assert only_an_option([TRUCK, TERM, FEE, LAMPS], "路灯十点就关了") is None
    assert topic_by_option([FEE, LAMPS], "我投十点") is LAMPS
