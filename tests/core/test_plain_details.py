"""Blind test 36 (docs/usertests/2026-12-07-blind24.md, rows L21, E7b, B106, B114, E29, RD6n, E2b, W7b, RD4b, E21n,
Q22n): words that can only be more of the report join it; another matter, another thing at the place, stays apart."""

from __future__ import annotations

import pytest

from bot.core import plain_details, problem_match, trouble_effects
from bot.store.models import Ticket


def _ticket(text: str, place: str = "") -> Ticket:
    return Ticket(text=text, place_text=place or None, category="other")


@pytest.mark.parametrize(("report", "place", "text"), [
    ("河畔花园440栋旁边小桥的栏杆断了", "河畔花园440栋", "小娃儿上学天天走那里过 好危险"),
    ("河畔花园441栋楼道的扶手断了", "河畔花园441栋", "三楼到四楼那一截"),
    ("阳光小区441栋楼道的灯坏了", "阳光小区441栋", "五楼到六楼那一段"),
    ("河畔花园442栋的物业啥都不管", "河畔花园442栋", "不是说物业费 是物业从来不扫地 到处脏兮兮的"),
    ("河畔花园443栋一早上都没得水了", "河畔花园443栋", "河畔花园"),
    ("河畔花园444栋地下车库漏水", "河畔花园444栋", "车上全是泥水"),
])
def test_what_can_only_be_more_of_the_report_is_of_it(report: str, place: str, text: str):
    assert plain_details.of_the_report(_ticket(report, place), text)


@pytest.mark.parametrize(("report", "text"), [
    ("河畔花园441栋楼道的扶手断了", "楼道的灯也坏了"),
    ("河畔花园444栋地下车库漏水", "车库门口有人在烧垃圾"),
    ("河畔花园443栋一早上都没得水了", "阳光小区"),
    ("河畔花园440栋旁边小桥的栏杆断了", "那里有个井盖烂了 好危险"),
])
def test_another_thing_or_place_is_not(report: str, text: str):
    assert not plain_details.of_the_report(_ticket(report), text)


def test_someone_keeping_a_rider_out_is_a_matter_of_its_own():
    assert plain_details.kept_out("安居苑444栋路口的红绿灯不亮了", "小区保安不让外卖车进去 要走好远")
    assert not plain_details.kept_out("小区保安天天拦着外卖", "保安还是拦着")


def test_a_fix_asked_at_the_reports_place():
    assert plain_details.asks_fix_there("能不能在那里修个扶手嘛")
    assert not plain_details.asks_fix_there("能不能修个扶手嘛 在3栋")


def test_burning_rubbish_and_a_road_main_are_never_the_bin_or_the_garden_leak():
    assert not problem_match.same_problem("门口有人在烧垃圾 呛得很", "门口垃圾桶倒了 到处都是")
    assert not problem_match.same_problem("门口水管爆了 路上全是水", "花园里水管漏水")
    assert problem_match.same_problem("门口水管爆了 好多水", "门口水管漏水")


@pytest.mark.parametrize(("report", "again"), [
    ("楼上每天半夜拖椅子 吵得睡不着", "昨晚又拖到一点多"),
    ("门口有人摆摊卖菜 路都堵了", "今天卖菜的又来摆了"),
])
def test_the_reports_own_doing_again_goes_on(report: str, again: str):
    assert trouble_effects.goes_on(report, again)
    assert not trouble_effects.goes_on(report, "又停水了")
