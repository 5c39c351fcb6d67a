"""Blind test 30: emergencies wrongly raised (cooking fumes, a stove that won't light, a fire denied), real ones
missed (labour, someone lying in the road, oil carried to burn, a bin on fire), a scam's money just lost, a theft
told, and the words that stand an emergency down or update it."""

from __future__ import annotations

import pytest

from bot.core import advice_asked, danger_signs, emergency_downgrade, emergency_numbers, fraud_calls, triage
from bot.core.emergency_updates import false_alarm, says_over
from tests.core.helpers import RULES


@pytest.mark.parametrize("text", [
    "我要投诉 楼下烧烤店油烟大得很 天天熏",
    "我是投诉油烟 不是着火了",
    "家里煤气灶打不燃 是不是没气了",
    "不是漏气 就是打不燃火",
    "隔壁饭馆炒菜的烟天天往我家飘",
    # blind test 32, A111, B94: someone smoking was 119 with the duty officer alerted
    "楼道里有人抽烟 烟味好大 安居苑3栋",
    "河畔花园 5栋 楼梯间 有人 抽烟 烟头 乱丢",
    "有人在电梯里吸烟 熏死人了",
])
def test_fumes_a_stove_out_of_gas_or_a_fire_denied_is_no_emergency(text: str):
    assert not triage.is_emergency(text, classified_as_emergency=True)


@pytest.mark.parametrize("text", ["楼道有人抽烟 烟头把纸壳子点燃了", "烟头丢到垃圾桶里 着火了"])
def test_a_cigarette_that_set_something_alight_is_a_fire(text: str):
    assert triage.is_emergency(text, classified_as_emergency=True)


@pytest.mark.parametrize("text", ["厨房着火了 烟好大", "煤气味好大 怕是漏气了", "老汉倒在地上 没气了"])
def test_real_fire_gas_or_someone_not_breathing_stays_an_emergency(text: str):
    assert triage.is_emergency(text, classified_as_emergency=False)


@pytest.mark.parametrize(("text", "category", "number"), [
    ("我媳妇要生了 肚子痛得很 安居苑3栋", "health", "120"),
    ("她说羊水好像破了", "housing_utilities", "120"),
    ("老婆怀孕七个月 突然肚子痛得很 还出血了", "other", "120"),
    ("路边倒了个人 一动不动 安居苑门口", "health", "120和110"),
    ("安居苑外面马路中间躺了个人 不晓得是不是喝醉了", "sanitation", "110"),
    ("河畔花园大门口马路上睡了个喝醉的人 车子来来往往的", "roads", "110"),
    ("安居苑有个男的拎了一桶油 说要去把物业烧了", "dispute", "119和110"),
    ("安居苑楼下有个垃圾桶在烧", "sanitation", "119"),
])
def test_labour_someone_in_the_road_oil_to_burn_and_a_bin_on_fire_are_emergencies(text: str, category: str,
                                                                                  number: str):
    assert triage.is_emergency(text, classified_as_emergency=False)
    placed = emergency_numbers.category_for(category, text)
    assert emergency_numbers.number_to_call(RULES, placed, text) == number


@pytest.mark.parametrize("text", ["我家母猪要生了", "儿媳妇下个月要生了 想问下生育补贴", "有人在烧垃圾 烟熏得很",
                                  "拿了瓶油回去炒菜", "防止垃圾桶烧起来 烟头别乱丢"])
def test_a_sow_a_birth_to_come_burning_rubbish_or_cooking_oil_is_no_emergency(text: str):
    assert not danger_signs.in_labour(text) and not danger_signs.thing_burning(text) \
        and not danger_signs.arson(text)


def test_a_correction_that_it_is_no_fire_but_a_complaint_downgrades_never_withdraws():
    for text in ("我是投诉油烟 不是着火了", "不是漏气 就是打不燃火"):
        assert emergency_downgrade.says_not_urgent(text) and emergency_downgrade.still_a_report(text)
    assert not emergency_downgrade.still_a_report("搞错了 不是着火")


def test_a_pot_burnt_is_a_false_alarm_and_the_gas_company_shutting_the_valve_is_an_update():
    assert false_alarm("哦 是锅烧糊了 没得事 不好意思")
    assert says_over("燃气公司来了 关了总阀")
    assert not says_over("燃气公司还没来 气还在漏")


@pytest.mark.parametrize("text", ["遭骗了 有人打电话说我孙子出事了 我转了五千块过去", "我在河畔花园 钱还追得回来不",
                                  "我被骗了 转了两万"])
def test_money_just_lost_to_a_scam_is_told_110_now_and_to_keep_evidence(text: str):
    assert fraud_calls.money_lost(text)
    assert "110" in fraud_calls.MONEY_LOST and "96110" in fraud_calls.MONEY_LOST and len(fraud_calls.MONEY_LOST) <= 70


def test_a_transfer_for_a_bill_is_no_scam():
    assert not fraud_calls.money_lost("我转了五百块给物业 交物业费")


@pytest.mark.parametrize("text", ["我的电瓶车遭偷了 在农贸市场门口", "报警 安居苑车棚头我的电瓶遭人剪了", "屋头进贼了"])
def test_a_theft_told_is_named_for_the_police(text: str):
    assert advice_asked.theft_told(text)


def test_a_broken_lamp_is_no_theft():
    assert not advice_asked.theft_told("路灯被撞坏了")
