"""A bill grown too high, a fall with a swelling, a child bullied at school: what to do, asked (blind test 33)."""

from __future__ import annotations

import pytest

from bot.core import home_advice


@pytest.mark.parametrize(("text", "advice"), [
    ("我屋头电费咋个突然那么多", home_advice.ELECTRICITY_BILL),  # B180: 帮不上忙
    ("电费一个月四百多 以前才一百多", home_advice.ELECTRICITY_BILL),  # B180: asked where
    ("这个月电费翻了一倍 是不是电表有问题", home_advice.ELECTRICITY_BILL),
    ("河畔花园的水费咋个这么贵", home_advice.WATER_BILL),  # B99
    ("我是说水费太贵了 一个月两百多 是不是表坏了", home_advice.WATER_BILL),  # B99: asked where
])
def test_a_bill_grown_too_high_gets_the_meter_check(text: str, advice: str) -> None:
    assert home_advice.advice(text) == advice


def test_the_electricity_bill_advice_names_the_power_line_in_one_sms() -> None:
    assert "95598" in home_advice.ELECTRICITY_BILL and len(home_advice.ELECTRICITY_BILL) <= 70


@pytest.mark.parametrize("text", ["电费咋个交", "水费在哪点交", "我想提个议题 四组的路灯电费大家均摊",
                                  "来电了 我交了两百块电费", "物业乱收水费 一吨收八块 太贵了",
                                  "房东电费按两块钱一度收 太贵了"])
def test_paying_a_bill_sharing_one_or_being_overcharged_is_no_bill_too_high(text: str) -> None:
    assert home_advice.bill(text) is None


@pytest.mark.parametrize("text", ["老人走路摔了一跤 手肿了 要紧不", "我妈摔了一扑爬 脚崴了 要紧不嘛",
                                  "婆婆跌了一跤 手腕肿起好大 咋个办"])
def test_a_fall_with_a_swelling_asked_about_gets_first_aid(text: str) -> None:
    assert home_advice.advice(text) == home_advice.FALL  # B86: asked where, then filed
    assert "冷敷" in home_advice.FALL and "120" in home_advice.FALL


@pytest.mark.parametrize("text", ["老汉摔了 头撞到了 咋个办", "老人摔了一跤 起不来了 腿痛 咋个办",
                                  "安居苑门口有个老人摔了 腿痛 咋个办", "摔了一跤 擦破点皮 不严重",
                                  "老人摔了一跤 手肿了"])
def test_a_worse_fall_one_told_at_a_place_or_not_asked_about_is_no_home_first_aid(text: str) -> None:
    assert home_advice.fall(text) is None


@pytest.mark.parametrize("text", ["我家娃娃在学校遭欺负了 咋个办", "孙子在学校被同学打了 咋办",
                                  "娃娃说班上有人欺负他 该咋个办"])
def test_a_child_bullied_at_school_asked_about_gets_the_teacher_and_12355(text: str) -> None:
    assert home_advice.advice(text) == home_advice.BULLIED  # B40: asked where, then filed
    assert "班主任" in home_advice.BULLIED and "12355" in home_advice.BULLIED


def test_a_bullying_said_with_no_school_is_not_the_schools() -> None:
    assert home_advice.bullied("隔壁那家天天欺负我们老年人 咋个办") is None


def test_every_reply_fits_one_sms() -> None:
    for reply in (home_advice.ELECTRICITY_BILL, home_advice.WATER_BILL, home_advice.FALL, home_advice.BULLIED):
        assert len(reply) <= 70, reply
