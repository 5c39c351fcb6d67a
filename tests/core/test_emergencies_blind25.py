"""Blind test 25's emergency words (report /work/ut25-report.md), in the core: a child not home after school or for
hours is missing, for the police; a swear word never cancels a fight with bricks; a hissing gas pipe is a gas
emergency; someone fallen from a building needs 120; a burst pipe, a cat fallen from a window and a joke are no
emergency."""

from __future__ import annotations

import pytest

from bot.core import emergency_numbers, person_danger, triage
from tests.core.helpers import RULES


def _call(category: str, text: str) -> str:
    return emergency_numbers.number_to_call(RULES, emergency_numbers.category_for(category, text), text)


@pytest.mark.parametrize("text", ["我女儿放学到现在还没到屋 电话关机 才八岁 河畔花园的",
                                  "我儿子十岁 放学两个钟头了还没回来 安居苑的",
                                  "孙子放学了还没到家 打他电话打不通"])
def test_a_child_not_home_after_school_is_missing_for_the_police(text: str):
    assert person_danger.missing_person(text)
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert _call("other", text) == "110"
    assert emergency_numbers.category_for("other", text) == "public_security"


@pytest.mark.parametrize("text", ["我家猫放学的时候跑出去了 两个钟头了还没回来", "我家狗到现在还没回来 安居苑的"])
def test_a_pet_not_back_is_nobody_missing(text: str):
    assert not person_danger.missing_person(text)
    assert not triage.is_emergency(text, classified_as_emergency=False)


def test_a_swear_word_never_cancels_a_fight_with_bricks():
    text = "妈的 楼下几个人打群架 有人拿砖头砸 安居苑门口"
    assert triage.has_danger(text)
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert _call("public_security", text) == "110"
    hurt = "他妈的 门口几个人打群架 拿砖头砸 有人头都打破了 在流血"
    assert triage.is_emergency(hurt, classified_as_emergency=False)
    assert _call("public_security", hurt) == "120和110"


def test_abuse_alone_is_still_no_emergency():
    assert not triage.is_emergency("妈的 你们这些废物", classified_as_emergency=True)


def test_a_hissing_gas_pipe_is_a_gas_emergency():
    text = "天然气管子有点嗤嗤的响 不晓得是不是漏了 河畔花园7栋"
    assert triage.has_danger(text)
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert _call("housing_utilities", text) == "119"


def test_a_child_fallen_from_a_building_needs_an_ambulance():
    text = "有个娃娃从楼上掉下来了 安居苑6栋"
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert "120" in _call("housing_utilities", text)


def test_a_burst_pipe_is_no_emergency_and_no_119():
    text = "屋头漏水了 楼上的水管爆了 水哗哗的流 阳光小区4栋"
    assert not triage.has_danger(text)
    assert not triage.is_emergency(text, classified_as_emergency=True)
    assert triage.is_emergency("楼上漏水 水哗哗的往我屋头灌", classified_as_emergency=False)


def test_a_cat_fallen_from_the_fifth_floor_is_no_emergency():
    text = "屋头的猫从五楼掉下去了 还活起的 河畔花园4栋"
    assert not triage.is_emergency(text, classified_as_emergency=True)
    assert not person_danger.fell_from_height(text)


def test_a_made_up_fire_is_no_emergency():
    joke = "哈哈哈哈 测试一下 你们这个好不好用 报个假的 火星上着火了"
    assert not triage.is_emergency(joke, classified_as_emergency=True)
    assert triage.is_emergency("不是开玩笑 楼道里真的着火了", classified_as_emergency=False)
