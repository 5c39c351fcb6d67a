"""Blind test 33's false and wrong-number emergencies (docs/usertests/2026-12-07-blind21.md, B113, B170, B1, B162,
B172, B111, A38, A69, A73, B36, A46): all-clears, continuations of an ordinary report, the number to call first and
nuisances that are no emergency."""

from __future__ import annotations

import pytest

from bot.core import (
    care_words,
    danger_signs,
    emergency_numbers,
    emergency_updates,
    nuisances,
    person_danger,
    still_going,
    triage,
)
from bot.core.routing_rules import DEFAULT_PATH, load_rules

SMS = 70


@pytest.mark.parametrize("text", [
    "人劝下来了", "劝下来了 没事了", "人已经被拉下来了", "消防员把人救下来了",  # B113
    "供电局来了 没冒火花了", "供电所的人来了", "不冒火花了", "电力公司到了",  # B170
    "120来了 拉走了",
])
def test_an_all_clear_after_an_emergency_is_news_of_it(text: str):
    assert emergency_updates.says_over(text)
    assert not triage.has_danger(text)


@pytest.mark.parametrize("text", ["还在冒火花", "又冒烟了", "劝不下来", "人还没下来"])
def test_words_that_it_goes_on_are_no_all_clear(text: str):
    assert not emergency_updates.says_over(text)


@pytest.mark.parametrize(("ticket", "text"), [
    ("安居苑3栋2单元的水管在漏 楼梯上全是水", "水还在流 都流到一楼了"),  # B1
    ("安居苑3栋2单元的水管在漏 楼梯上全是水", "水还在淌 一直在流"),
    ("阳光小区6栋302在装修 把承重墙打了", "他们还在打 整栋楼都在震"),  # B162
    ("阳光小区6栋302在装修 把承重墙打了", "还在砸 楼都在震"),
    ("楼上在装修 打墙", "一直在打钻 还在打"),
])
def test_more_of_an_ordinary_report_goes_on_never_a_new_emergency(ticket: str, text: str):
    assert still_going.goes_on(ticket, text)
    assert not triage.has_danger(text)


def test_a_quarrel_still_going_is_no_work_still_going():
    assert not still_going.goes_on("楼下两口子吵架", "还在打")


def test_a_load_bearing_wall_gets_12345_never_119():
    said = still_going.meanwhile("阳光小区6栋302在装修 把承重墙打了")
    assert "12345" in said and "119" not in said and len(said) <= SMS


@pytest.mark.parametrize("text", [
    "有个老人在河畔花园门口转来转去 问他住哪里他说不清楚",  # B172
    "门口有个老太婆 问她家在哪里 她说不出来",
    "路边坐了个老大爷 问他住哪点 他记不得了",
])
def test_an_elder_who_cannot_say_where_home_is_is_lost_for_the_police(text: str):
    rules = load_rules(DEFAULT_PATH)
    assert person_danger.missing_person(text) and triage.is_emergency(text, classified_as_emergency=False)
    category = emergency_numbers.category_for("other", text)
    assert emergency_numbers.number_to_call(rules, category, text) == "110"


@pytest.mark.parametrize("text", [
    "救命 我屋头进小偷了 人还在屋头 安居苑4栋302",  # B111
    "救命啊 有贼娃子在撬门",
    "屋头进贼了 还没走",
])
@pytest.mark.parametrize("classified", ["other", "fire_safety", "health"])
def test_a_thief_there_now_is_the_polices(text: str, classified: str):
    rules = load_rules(DEFAULT_PATH)
    category = emergency_numbers.category_for(classified, text)
    assert emergency_numbers.number_to_call(rules, category, text) == "110"


@pytest.mark.parametrize("text", [
    "河畔花园1栋电梯里头有人 卡在3楼不动了",  # B36
    "电梯停在5楼不动了 里头有人",
    "电梯卡在半中间不动了 里面还有人",
])
def test_people_in_a_stuck_lift_nobody_hurt_is_the_lifts_rescue(text: str):
    rules = load_rules(DEFAULT_PATH)
    category = emergency_numbers.category_for("other", text)
    assert emergency_numbers.number_to_call(rules, category, text) == emergency_numbers.LIFT_RESCUE


@pytest.mark.parametrize("text", [
    "河畔花园电梯里头有人抽烟 烟头丢一地",  # A38
    "电梯里面有人吸烟 臭得很",
    "电梯里有人抽烟 烟味好大",
    "河畔花园门口有个车撞到花坛了 人没事 花坛砖头散一地",  # A69
    "车子撞到路灯杆了 没得人受伤",
    "安居苑2栋有人在楼道烧蜂窝煤 烟子大得很",  # A46
    "楼下有人烧煤炉 烟好大",
])
def test_a_nuisance_or_nobody_hurt_is_no_emergency(text: str):
    assert not triage.is_emergency(text, classified_as_emergency=True)


@pytest.mark.parametrize("text", [
    "电梯里头有人 卡住了 出不来", "楼道里的煤烧起来了 烟好大", "有人烧蜂窝煤 烟好大 老人熏晕了",
])
def test_real_dangers_stay_emergencies(text: str):
    assert triage.is_emergency(text, classified_as_emergency=True)


def test_a_coal_stoves_smoke_gets_the_ventilation_advice():
    assert nuisances.STOVE_SMOKE in care_words.with_report("安居苑2栋有人在楼道烧蜂窝煤 烟子大得很")
    assert len(nuisances.STOVE_SMOKE) <= SMS
    assert still_going.stove_smoke("安居苑2栋有人在楼道烧蜂窝煤", "烟子大得很")
    assert not still_going.stove_smoke("安居苑2栋有人在楼道烧蜂窝煤", "烧起来了 烟好大")


@pytest.mark.parametrize("text", ["遭猫抓了 流血了", "被猫抓了一道 出血了", "猫把娃娃的手挠破了 流血了"])  # A73
def test_a_cats_scratch_gets_the_bites_advice_never_120(text: str):
    assert not triage.is_emergency(text, classified_as_emergency=True)
    assert danger_signs.bite_advice(text) == danger_signs.BITE_ADVICE
