"""Blind test 32's false emergencies and wrong emergency advice (docs/usertests/2026-12-07-blind20.md, A111, B94,
B103, L15, B89, B43, A19, B28, A27): smoking, dumping, noise, a coal stove in use, a guard rail down with nobody hurt
and someone sleeping rough are ordinary reports; a labour's "what now?" gets the labour's advice; a sewer's smell no
drinking-water advice; a bleeding bite asked about the advice alone."""

from __future__ import annotations

import pytest

from bot.core import advice_asked, care_words, danger_signs, emergency_raise, nuisances, still_going, triage
from bot.core.emergency_followups import ADVICE_LABOUR, JOINED_LABOUR, advice
from bot.store.models import Ticket

SMS = 70


@pytest.mark.parametrize("text", [
    "楼道里有人抽烟 烟味好大 安居苑3栋",  # A111
    "河畔花园 5栋 楼梯间 有人 抽烟 烟头 乱丢",  # B94
    "电梯里天天有人吸烟 臭死了",
    "楼梯间到处是烟头 哪个乱丢的",
])
def test_someone_smoking_in_a_stairwell_is_a_report_never_a_fire(text: str):
    assert not triage.is_emergency(text, classified_as_emergency=True)
    assert triage.has_problem(text)


@pytest.mark.parametrize("text", [
    "晚上有人在小区里面偷偷倒建筑垃圾 河畔花园后门",  # B103
    "半夜有人偷偷摸摸往河边倒渣土",
    "深更半夜有人开车来倒垃圾 安居苑后门",
    "有人在绿化带里偷偷倒剩饭 臭得很",
    "楼上半夜还在装修 吵死了",
    "有人晚上偷排污水到沟里",
])
def test_dumping_littering_or_noise_at_night_is_a_report_never_the_police(text: str):
    assert not triage.is_emergency(text, classified_as_emergency=True)
    assert triage.has_problem(text)


@pytest.mark.parametrize("text", ["有人在小区偷电瓶车", "有人在偷偷摸摸撬车锁", "正在偷东西 快来", "有人在车棚偷电瓶"])
def test_a_theft_in_progress_is_still_the_polices(text: str):
    assert triage.is_emergency(text, classified_as_emergency=False)


@pytest.mark.parametrize("text", [
    "安居苑门口有辆车撞了护栏 没人受伤 护栏倒在路上",  # L15
    "有辆货车把路灯杆撞倒了 人没事 杆子倒在路边",
    "电瓶车撞到栏杆了 莫得人受伤 栏杆倒在马路上",
    "一辆小车把护栏撞歪了 没得人遭 护栏躺在路中间",
])
def test_a_rail_knocked_down_with_nobody_hurt_is_a_road_report(text: str):
    assert not triage.is_emergency(text, classified_as_emergency=True)
    assert not danger_signs.lying_out(text)


@pytest.mark.parametrize("text", ["车子把一个老人撞了 躺在地上不动", "护栏倒了 有个人躺在路上起不来"])
def test_someone_down_after_a_crash_stays_an_emergency(text: str):
    assert triage.is_emergency(text, classified_as_emergency=False)


@pytest.mark.parametrize("text", [
    "有个流浪汉睡在安居苑门口 好冷 会不会冻到",  # B89
    "河畔花园桥洞下面有个讨口子睡起的 天好冷",
    "有个捡垃圾的老头晚上睡在安居苑车棚 怕冻死",
    "小区门口有个流浪的睡在地上 穿得好少",
])
def test_someone_sleeping_rough_is_a_report_with_blankets_and_the_rescue_station(text: str):
    assert not triage.is_emergency(text, classified_as_emergency=True)
    assert triage.has_problem(text) and triage.information_request(text) is None
    said = care_words.with_report(text)
    assert nuisances.ROUGH_SLEEPER in said and "救助站" in nuisances.ROUGH_SLEEPER and "120" in nuisances.ROUGH_SLEEPER
    assert len(nuisances.ROUGH_SLEEPER) <= SMS


@pytest.mark.parametrize("text", [
    "有个流浪汉躺在门口 喊不醒", "流浪汉睡在路中间 喝醉了", "河滨路公交站那有个老头躺起 喝醉了 天冷得很",
    "桥洞下面有个婆婆睡在地上 冷得发抖", "有个流浪汉倒在路边 一动不动",
])
def test_someone_out_in_the_cold_who_cannot_be_woken_or_is_not_homeless_stays_an_emergency(text: str):
    assert triage.is_emergency(text, classified_as_emergency=False)


@pytest.mark.parametrize("text", ["还在楼道烧蜂窝煤 有烟", "楼道里有人烧煤炉子 烟子呛人", "有人在河边烧秸秆",
                                  "楼下有人生火盆烤火"])
def test_a_fire_in_use_is_a_report_unless_it_spreads(text: str):
    assert not triage.is_emergency(text, classified_as_emergency=True)


@pytest.mark.parametrize("text", ["楼道的蜂窝煤烧起来了", "有人在烧垃圾 烟好大", "有人乱丢烟头 把纸壳子点燃了"])
def test_a_fire_that_spread_or_big_smoke_is_never_taken_for_a_nuisance(text: str):
    assert triage.is_emergency(text, classified_as_emergency=True)
    assert not nuisances.no_emergency(text)


@pytest.mark.parametrize(("before", "after"), [
    ("安居苑6栋有户人家在楼道堆煤", "还在楼道烧蜂窝煤 有烟"),  # B43
    ("河畔花园楼道里堆了好多柴", "还在堆 越堆越多"),
    ("楼下那家在楼道堆煤球", "又在烧煤 呛死人"),
])
def test_more_of_a_coal_report_goes_on_that_report(before: str, after: str):
    assert still_going.goes_on(before, after)
    assert not triage.has_danger(after)


@pytest.mark.parametrize("earlier", ["安居苑6栋有户人家在楼道堆煤", "楼道里堆满了纸壳杂物", "楼梯间放了好多柴"])
def test_fuel_piled_then_smoke_raises_that_ticket_with_its_place(earlier: str):
    assert emergency_raise._FUEL.search(earlier) or emergency_raise._BURNING.search(earlier)


def _ticket(text: str, category: str = "health") -> Ticket:
    return Ticket(text=text, category=category, priority="immediate", severity="critical")


@pytest.mark.parametrize("first", ["我儿媳妇要生了 肚子痛得很 安居苑6栋", "我老婆快生了 安居苑",
                                   "孕妇肚子痛得很 河畔花园"])
def test_what_to_do_in_labour_is_the_labours_advice_never_the_collapses(first: str):
    said = advice(_ticket(first), "120")
    assert said == ADVICE_LABOUR and "躺下" in said and "呼吸" not in said and len(said) <= SMS
    assert "躺下" in JOINED_LABOUR and len(JOINED_LABOUR) <= SMS


def test_someone_collapsed_still_gets_the_collapses_advice():
    assert "呼吸" in advice(_ticket("老汉倒在地上 喊不醒"), "120")


@pytest.mark.parametrize("text", ["河畔花园1栋的下水道冒臭水", "化粪池冒臭水 满地都是", "楼下阴沟的水好臭",
                                  "厕所地漏反臭水"])
def test_a_sewers_smell_gets_no_drinking_water_advice(text: str):
    assert care_words.water_advice(text) == ""


@pytest.mark.parametrize("text", ["自来水有股臭味", "水龙头出来的水是黄的", "下水道旁边那个自来水管流出来的水有臭味"])
def test_tap_water_smelling_or_muddy_still_gets_it(text: str):
    assert care_words.water_advice(text) == care_words.WATER


@pytest.mark.parametrize("text", ["遭狗咬了 流血了 咋个办", "被狗咬了 出血了 怎么办", "我被狗咬了 流了点血 要紧不",
                                  "遭狗咬了一口 在流血 咋整"])
def test_a_bleeding_bite_asked_what_to_do_gets_the_advice_alone(text: str):
    assert advice_asked.advice(text) == danger_signs.BITE_ADVICE


@pytest.mark.parametrize("text", ["遭流浪狗咬了 流血了 咋个办", "遭狗咬了一口 流血了 在阳光小区19栋",
                                  "小孩被狗咬了脸 咋个办"])
def test_a_stray_a_place_or_a_mauling_stays_a_report_or_an_emergency(text: str):
    assert advice_asked.advice(text) is None
