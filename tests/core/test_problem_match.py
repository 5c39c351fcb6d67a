"""Whether two reports at one place are one problem (bot/core/problem_match.py), as 并单 on arrival reads them: what
a dog did and what is wrong with rubbish decide it, never the dog or the rubbish named (blind test 34, B133, B135)."""

from __future__ import annotations

import pytest

from bot.core.problem_match import same_problem

PLACES = ["河畔花园851栋", "河畔花园"]


@pytest.mark.parametrize("bite", ["送外卖遭狗咬了 在河畔花园851栋", "遭狗咬了一口 咬起血了", "我被狗咬了 腿上出血"])
@pytest.mark.parametrize("other", ["我家狗丢了 黄色的土狗", "找狗 一条白色的泰迪", "851栋有人遛狗不捡屎"])
def test_a_dog_bite_is_never_the_same_problem_as_a_lost_dog_or_its_mess(bite: str, other: str):
    assert not same_problem(bite, other, PLACES)


def test_two_bites_by_a_dog_at_one_place_are_one_problem():
    assert same_problem("851栋那条黑狗咬人了", "遭狗咬了 就在851栋楼下", PLACES)


def test_dog_mess_and_a_dog_off_its_lead_are_still_one_problem():
    assert same_problem("到处是狗屎 臭得很", "有人遛狗不捡屎", PLACES)


@pytest.mark.parametrize("heap", ["东门外面一堆建筑垃圾挡路", "建筑垃圾堵到路了 车子过不去", "门口一堆垃圾 挡倒门了"])
def test_rubbish_in_the_way_is_never_rubbish_tipped_somewhere_else(heap: str):
    assert not same_problem(heap, "有人往河里倒垃圾", ["河畔花园东门", "河畔花园"])


def test_rubbish_dumped_in_the_way_is_still_the_dumping():
    assert same_problem("有人乱倒建筑垃圾 把路都挡了", "晚上有人乱倒垃圾", PLACES)
