"""Blind test 34, failure 3: all-clears, a leak's flood, felled trees, a habit of burning and a bite at home that
became new emergencies (docs/usertests/2026-12-07-blind22.md: M4, B1, Q8, Q26, A9)."""

from __future__ import annotations

import pytest

from bot.common.plain_text import plain
from bot.core import danger_signs, emergency_updates, nuisances, still_going, triage


@pytest.mark.parametrize("text", ["人捞起来了 没事", "人拉上岸了 莫得事", "娃娃捞上来了", "人救起来了 没得事"])
def test_someone_pulled_out_of_the_water_is_an_all_clear(text: str):
    assert emergency_updates.says_over(text)


@pytest.mark.parametrize("text", ["人还没捞起来", "捞起来了 没气了 快来"])
def test_someone_not_yet_out_or_not_breathing_is_no_all_clear(text: str):
    assert not emergency_updates.says_over(text)


@pytest.mark.parametrize("text", ["安居苑路边的树遭砍了好几棵 是哪个批准的", "门口的树子被砍了 哪个批的嘛",
                                  "有人在砍小区的树 砍了好几棵了"])
def test_trees_cut_are_a_report_never_a_knife_emergency(text: str):
    assert not triage.has_danger(text) and not triage.is_emergency(text, True)


@pytest.mark.parametrize("text", ["有人拿刀砍人", "我遭砍了 流血了", "有人砍了树 还砍伤了人"])
def test_someone_cut_with_a_knife_is_still_an_emergency(text: str):
    assert triage.has_danger(text)


@pytest.mark.parametrize("text", ["我家隔壁天天烧东西 烟大得很", "隔壁屋头经常烧垃圾 烟子大得很",
                                  "楼下老是烧东西 烟大得很 熏死了"])
def test_burning_as_a_habit_is_a_nuisance_never_119(text: str):
    assert not triage.has_danger(text) and not triage.is_emergency(text, True)
    assert nuisances.no_emergency(text)


@pytest.mark.parametrize("text", ["隔壁天天烧东西 今天烧起来了", "隔壁天天烧东西 烟大得很 有人熏晕了",
                                  "楼下着火了 烟大得很"])
def test_burning_that_spread_or_overcame_someone_is_still_an_emergency(text: str):
    assert triage.has_danger(text)


@pytest.mark.parametrize("text", ["我遭邻居屋头的狗咬了 腿上在流血", "遭隔壁屋头的狗咬了一口 脚杆在流血",
                                  "在屋里头遭狗咬了 出血了"])
def test_a_bite_at_home_is_a_minor_bite_with_the_advice(text: str):
    assert danger_signs.minor_bite(plain(text)) and not triage.has_danger(text)
    assert "15分钟" in danger_signs.bite_advice(text)


@pytest.mark.parametrize("text", ["狗咬到头了 流好多血", "狗把娃娃的脸咬烂了"])
def test_a_bite_to_the_head_or_face_is_still_mauled(text: str):
    assert danger_signs.mauled(plain(text))


LEAK = "安居苑823栋1单元水管爆了 楼梯上都是水"


@pytest.mark.parametrize("text", ["水还在往下流 一楼都淹了", "还在漏 楼下都淹了"])
def test_a_leak_flooding_on_is_more_of_the_leak(text: str):
    assert still_going.leak_floods(LEAK, text)


@pytest.mark.parametrize("text", ["水还在流 电闸都淹了", "一楼淹了 有个老人困在里头", "淹了 救命"])
def test_a_flood_with_power_or_people_in_it_is_not_just_the_leak(text: str):
    assert not still_going.leak_floods(LEAK, text)
