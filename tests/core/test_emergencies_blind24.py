"""Blind test 24's emergency detection (report /work/ut24-report.md, rows B93, B104, B91, B97, B102, A5, A6), in the
core: someone alone fallen and unable to get up is an emergency for 120; someone still in a stopped lift is one for
the lift's rescue or 119, also when the lift and who is in it come in two messages; a head hit with a bottle in a
fight is 120 and 110, a swear word beside it or not; a wall down or a sign fallen with nobody hurt is an ordinary
report, and someone under it still an emergency."""

from __future__ import annotations

import pytest

from bot.core import emergency_numbers, triage
from tests.core.helpers import RULES


def _call(category: str, text: str) -> str:
    return emergency_numbers.number_to_call(RULES, emergency_numbers.category_for(category, text), text)


@pytest.mark.parametrize("text", ["我一个人在屋 摔倒了起不来 腰杆痛", "老汉儿在厕所头跌了一跤 爬不起来了"])
def test_someone_fallen_and_unable_to_get_up_is_an_emergency_for_120(text: str):
    assert triage.has_danger(text)
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert _call("elderly_care", text) == "120"


@pytest.mark.parametrize("text", ["电梯卡在半中间了 我孙孙还在里头 河畔花园3栋", "电梯停了 我妈还在里面"])
def test_someone_still_in_a_stopped_lift_is_trapped_for_the_lift_rescue_or_119(text: str):
    assert triage.has_danger(text)
    assert emergency_numbers.lift_trapped(text)
    assert "119" in _call("housing_utilities", text)


def test_a_lift_then_who_is_in_it_make_an_emergency_together_not_apart():
    assert triage.danger_with("电梯卡主了", "里头有人 我孙孙在里头")
    assert not triage.has_danger("电梯卡主了") and not triage.has_danger("里头有人 我孙孙在里头")
    assert not triage.danger_with("电梯卡主了", "河畔花园3栋")
    assert not triage.danger_with("楼道灯坏了", "里头有人 我孙孙在里头")
    assert "119" in _call("other", "电梯卡主了 里头有人 我孙孙在里头")


@pytest.mark.parametrize("text", ["狗日的 楼下两个醉鬼打起来了 一个拿酒瓶子砸脑壳 河滨路烧烤摊",
                                  "楼下两个醉鬼打起来了 一个拿酒瓶子砸脑壳 河滨路烧烤摊"])
@pytest.mark.parametrize("category", ["public_security", "dispute", "other"])
def test_a_head_hit_with_a_bottle_in_a_fight_is_120_and_110_a_swear_word_beside_it_or_not(text: str, category: str):
    assert triage.has_danger(text)
    assert triage.is_emergency(text, classified_as_emergency=False)
    assert _call(category, text) == "120和110"


@pytest.mark.parametrize("text", ["安居苑后面的围墙垮了一截 还好没得人", "菜市场门口的招牌掉下来了 砸在地上 莫得人遭",
                                  "河边那间烂房子塌了 没伤到人", "广告牌倒了 没砸到人", "树倒了 幸好没有人受伤"])
def test_a_thing_fallen_or_collapsed_with_nobody_hurt_is_an_ordinary_report(text: str):
    assert not triage.has_danger(text)
    assert not triage.is_emergency(text, classified_as_emergency=True)
    assert triage.has_problem(text)


@pytest.mark.parametrize("text", ["围墙垮了 压到人了", "招牌掉下来了 砸到人了", "房子塌了 有人被埋在下面",
                                  "围墙垮了 还好没得人 但是有个娃娃被压在砖头下面"])
def test_someone_under_a_fallen_thing_is_still_an_emergency(text: str):
    assert triage.has_danger(text)
    assert triage.is_emergency(text, classified_as_emergency=False)


def test_nobody_hurt_never_cancels_another_danger_and_a_thing_falling_is_still_nobody_down():
    assert triage.has_danger("河滨路那根电杆倒起了 电线拖在地上 没伤到人")
    assert _call("roads", "河滨路那根电杆倒起了 电线拖在地上 没伤到人") == "110"
    assert triage.has_danger("楼下着火了 还好没得人")
    assert not triage.is_emergency("垃圾桶翻倒起了 没得人管", classified_as_emergency=True)
    assert not triage.is_emergency("我家狗走丢了", classified_as_emergency=False)
