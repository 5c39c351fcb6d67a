"""Words of care (bot/core/care_words.py, blind test 28, A-B105, A42): a small hurt said to be nothing serious gets
first-aid words, never a report; someone afraid while their report is placed gets a comforting word."""

from __future__ import annotations

import pytest

from bot.core import care_words


@pytest.mark.parametrize(("text", "advice"), [
    ("骑电瓶车摔了一跤 膝盖擦破点皮 没得事", care_words.SCRAPE),  # A-B105-1: asked where
    ("刚才下楼梯崴了一下脚 不严重 就是问问", care_words.SPRAIN),  # A-B105-2: 没太看懂
    ("切菜划了个口子 不要紧", care_words.CUT),
    ("烫到手了 起泡了 咋个处理", care_words.BURN),
    ("膝盖磕青了 没得啥子大事", care_words.KNOCK),
])
def test_a_small_hurt_said_to_be_nothing_serious_gets_first_aid_words_for_its_kind(text: str, advice: str):
    assert care_words.first_aid(text) == advice and len(advice) <= 70
    assert "在哪" not in advice and "医院" in advice  # when to see a doctor, never where it is


@pytest.mark.parametrize("text", [
    "楼梯灯不亮 我摔了一跤 擦破点皮 没得事",  # the lamp is a report
    "井盖松了 我崴了一下脚 不严重",
    "路上有个坑 我崴了脚 没得事",
    "被狗咬了 擦破点皮 没得事",  # a bite: the rabies jab (danger_signs)
    "老人摔倒了 站不起来 擦破皮了",  # a serious sign: the emergency's
    "我摔了一跤 擦破了皮",  # nothing said of how bad: not told it is nothing
    "我摔了一跤 没得事",  # no hurt to treat
])
def test_a_hurt_beside_a_fault_a_bite_or_a_serious_sign_gets_no_first_aid(text: str):
    assert care_words.first_aid(text) is None


def test_someone_afraid_in_the_dark_is_comforted_and_told_to_light_their_way():
    said = care_words.comfort("停电了 屋头黑黢黢的 我一个老太婆 有点怕")  # A42-1: only asked where
    assert said == care_words.COMFORT_DARK and "别怕" in said and len(said) <= 70
    assert care_words.comfort("楼道里有个醉汉 好吓人") == care_words.COMFORT


@pytest.mark.parametrize("text", ["停电了 屋头黑黢黢的", "墙裂了条缝 怕是要垮", "电线杆歪了 怕要倒"])
def test_a_report_with_no_fear_said_gets_no_comfort(text: str):
    assert care_words.comfort(text) == ""
