"""Blind test 25's emergencies, what is said first (docs/usertests/2026-12-06-blind13.md, rows B15 and B17): a gas leak
is told what to do at once with the number to call; a made-up fire is a joke, never an emergency and never filed, while
saying it is no joke ("不开玩笑 楼道里真的着火了") is still an emergency."""

from __future__ import annotations

import pytest

from bot.core import emergency_followups, made_up, triage


def test_a_gas_leak_is_told_what_to_do_at_once_a_gas_fire_is_not_told_to_open_windows():
    assert "别点火" in emergency_followups.safety_first("天然气管子有点嗤嗤的响 不晓得是不是漏了 河畔花园7栋")
    assert "开窗" in emergency_followups.safety_first("屋头好大一股煤气味")
    assert emergency_followups.safety_first("液化气罐着火了") == ""
    assert emergency_followups.safety_first("有个娃娃从楼上掉下来了") == ""


@pytest.mark.parametrize("text", ["哈哈哈哈 测试一下 你们这个好不好用 报个假的 火星上着火了",
                                  "开个玩笑哈 月亮上着火了 看你们来不来", "逗你玩的 我们小区着火了 哈哈"])
def test_a_made_up_fire_is_a_joke(text: str):
    assert made_up.made_up(text)
    assert not triage.is_emergency(text, classified_as_emergency=True)


@pytest.mark.parametrize("text", ["不开玩笑 楼道里真的着火了", "没有开玩笑 河畔花园9栋着火了",
                                  "别开玩笑了 真的着火了 快来"])
def test_saying_it_is_no_joke_is_still_an_emergency(text: str):
    assert not made_up.made_up(text)
    assert triage.is_emergency(text, classified_as_emergency=False)
