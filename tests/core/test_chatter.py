"""Words with no problem in them are never a ticket (blind test 8): chat for someone else, a remark on an answer,
a self-introduction trailing off."""

from __future__ import annotations

import pytest

from bot.core import chatter


@pytest.mark.parametrize(("text", "chat"), [
    ("老王 明天早上去钓鱼不 带两根杆杆", True),
    ("兄弟 晚上一起吃火锅不", True),
    ("晚上一起吃饭不", True),
    ("楼上天天打麻将 吵死了", False),  # a problem
    ("老李家的狗天天叫", False),
    ("小区门口的烧烤摊油烟好大", False),
    ("老王 屋头着火了", False),  # a danger, whoever it is told to
])
def test_chat_meant_for_someone_else_is_told_from_a_report(text: str, chat: bool):
    assert chatter.meant_for_someone_else(text) is chat


@pytest.mark.parametrize(("text", "remark"), [
    ("房东是安居苑的", True), ("楼道灯坏了", False), ("要带啥子材料", False), ("我住5栋302", False)])
def test_a_remark_has_no_problem_no_question_and_no_number(text: str, remark: bool):
    assert chatter.remark(text) is remark


@pytest.mark.parametrize(("text", "only"), [
    ("我是阳光小区的 我们那个", True), ("我住安居苑 就是那个事", True), ("我是阳光小区的", False),
    ("我是阳光小区的 楼下路灯坏了", False)])
def test_a_self_introduction_trailing_off_names_no_problem(text: str, only: bool):
    assert chatter.introduces_only(text) is only
    assert (chatter.introduced_place(text) != "") is only


def test_the_place_a_self_introduction_names_is_held_for_the_problem():
    assert chatter.introduced_place("我是阳光小区的 我们那个") == "阳光小区"


def test_a_greeting_and_how_long_they_have_lived_there_is_an_introduction_only():
    # Blind test 10, #2: "你好 我是安居社区的 搬过来两年了" was filed as the report, the problem after it as its place.
    said = "你好 我是安居社区的 搬过来两年了"
    assert chatter.introduces_only(said) and chatter.introduced_place(said) == "安居社区"
    assert chatter.greets(said) and not chatter.greets("我是安居社区的 我们那个")
    assert not chatter.introduces_only("你好 我是安居社区的 搬过来两年了 电梯一直是坏的")
