"""Blind test 28's missed dangers (docs/usertests: ut28 failures 1, 2; B39, B78, B79, A-B63), in the core: someone on a
roof's edge or said to be about to jump is the police's (110) with no 楼 said; a child or anyone shut in a car is an
emergency for 119 and 110; a knife drawn in a quarrel is 110 (120和110 when someone is cut); a fire set on purpose is
119 and 110. Games (跳绳, 跳广场舞), food (刀削面), things left in a car and a pet are none."""

from __future__ import annotations

import pytest

from bot.core import danger_signs, emergency_numbers, triage
from tests.core.helpers import RULES


def _call(category: str, text: str) -> str:
    return emergency_numbers.number_to_call(RULES, emergency_numbers.category_for(category, text), text)


@pytest.mark.parametrize("text", ["楼顶上有个女的站在边边上 怕是要跳 安居苑3栋",
                                  "有个小伙子爬到河畔花园2栋楼顶上了 在边边上走来走去 喊都喊不下来",
                                  "天台边边上坐了个人 喊都喊不下来",
                                  "有个女的在桥上哭 怕是要跳",
                                  "我邻居站在窗台上 说要往下跳"])
def test_someone_on_the_edge_or_about_to_jump_is_110_with_no_楼_said(text: str):
    assert danger_signs.about_to_end_life(text)
    for classified in (True, False):
        assert triage.is_emergency(text, classified_as_emergency=classified)
    for category in ("other", "fire_safety", "public_security"):
        assert emergency_numbers.category_for(category, text) == "public_security"
    assert _call("other", text) == emergency_numbers.POLICE


@pytest.mark.parametrize("text", ["娃娃被锁在车里头了 太阳好大",
                                  "安居苑停车场有辆车里关了个娃娃 太阳好大 车门锁起的",
                                  "车里锁了个小娃娃 哭得不行 河畔花园停车场",
                                  "有个老人被关在车里了 出不来"])
def test_someone_shut_in_a_car_is_an_emergency_for_the_rescue_and_the_police(text: str):
    assert danger_signs.shut_in_car(text)
    for classified in (True, False):
        assert triage.is_emergency(text, classified_as_emergency=classified)
    assert emergency_numbers.category_for("roads", text) == "public_security"
    assert _call("roads", text) == emergency_numbers.RESCUE_AND_POLICE


@pytest.mark.parametrize(("text", "number"), [("楼上两口子吵架动刀了 河畔花园4栋502", "110"),
                                               ("两口子吵架 男的拿刀了", "110"),
                                               ("隔壁吵起来了 动刀子了", "110"),
                                               ("楼下吵架动刀了 有个人被砍伤了 在流血", "120和110")])
def test_a_knife_drawn_in_a_quarrel_is_110_and_an_ambulance_when_someone_is_cut(text: str, number: str):
    assert danger_signs.knife_drawn(text) and danger_signs.fight(text)
    for classified in (True, False):
        assert triage.is_emergency(text, classified_as_emergency=classified)
    assert emergency_numbers.category_for("other", text) == "public_security"
    assert _call("other", text) == number and _call("dispute", text) == number


@pytest.mark.parametrize("text", ["有人在安居苑停车场放火烧车", "有人故意点火烧电瓶车", "楼下有人纵火"])
def test_a_fire_set_on_purpose_is_119_and_110_and_fire_safety(text: str):
    assert danger_signs.arson(text)
    for classified in (True, False):
        assert triage.is_emergency(text, classified_as_emergency=classified)
    for category in ("other", "public_security", "roads"):
        assert emergency_numbers.category_for(category, text) == "fire_safety"
    assert _call("other", text) == emergency_numbers.RESCUE_AND_POLICE


@pytest.mark.parametrize("text", ["跳绳", "楼下天天跳广场舞 音响好大", "我在学跳舞", "娃娃跳起来够不到",
                                  "刀削面好吃", "车里放着东西被偷了", "钥匙锁在车里了", "我家狗被关在车里了",
                                  "楼顶上晒的被子掉下来了", "楼顶边上的栏杆坏了", "楼顶边边上堆了好多垃圾",
                                  "防止有人放火", "放火炮太吵了", "上次有人在桥上怕是要跳 后来劝下来了",
                                  "昨天两口子吵架动刀了 今天和好了"])
def test_games_food_things_in_a_car_a_pet_and_another_days_news_are_no_such_danger(text: str):
    assert not (danger_signs.on_the_edge(text) or danger_signs.shut_in_car(text) or danger_signs.knife_drawn(text)
                or danger_signs.arson(text))
    assert not triage.is_emergency(text, classified_as_emergency=False)
