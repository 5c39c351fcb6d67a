"""bot/core/not_ours.py and the blind test 36 words of question_kinds and public_board: a taxi, the weather, a small
trade, a lost card, an outage asked about, where notices are read (rows Q16b, Q18b, Q1b, Q24, B114, VL12n)."""

from __future__ import annotations

import pytest

from bot.common.sms_parts import UCS2_SINGLE
from bot.core import not_ours, public_board, question_kinds


@pytest.mark.parametrize("text", ["你们能不能帮我叫个出租车", "帮我喊个的士嘛", "可不可以帮我打个车 我腿脚不方便"])
def test_a_taxi_asked_for_is_one(text: str):
    assert not_ours.asks_taxi(text)


@pytest.mark.parametrize("text", ["打车费好多", "我的车被人刮了 能不能帮我查", "房子出租要登记不"])
def test_a_car_or_a_rental_is_no_taxi(text: str):
    assert not not_ours.asks_taxi(text)


@pytest.mark.parametrize("text", ["今天会下雨不", "明天天气咋样嘛", "这两天会不会降温哦"])
def test_the_weather_asked_about_is_read(text: str):
    assert not_ours.asks_weather(text)


@pytest.mark.parametrize("text", ["下雨天路上好滑 附近有没有可以避雨的地方", "一下雨屋顶就漏水"])
def test_rain_in_a_report_or_a_riders_shelter_is_no_weather_question(text: str):
    assert not not_ours.asks_weather(text)


@pytest.mark.parametrize("text", ["社区有没有修伞修鞋的", "附近有没得补鞋的师傅嘛", "哪点有修伞的哦"])
def test_a_small_trade_asked_for_is_read(text: str):
    assert not_ours.asks_trade(text)


@pytest.mark.parametrize("text", ["小区有没有修电梯的 电梯坏了", "路灯坏了有没有人修"])
def test_a_repair_for_the_worker_is_no_trade(text: str):
    assert not not_ours.asks_trade(text)


def test_the_replies_fit_one_sms_part():
    for text in (not_ours.TAXI, not_ours.WEATHER, not_ours.trade_reply("便民服务中心", "0874-3112345", False)):
        assert len(text) <= UCS2_SINGLE, text


@pytest.mark.parametrize("text", ["河畔花园门禁卡丢了 咋个补", "安居苑的门卡搞丢了 找哪个补办嘛",
                                  "阳光小区门禁卡掉了 咋个办"])
def test_a_lost_cards_replacement_is_a_question(text: str):
    assert question_kinds.asks_replacing_lost(text)


def test_a_broken_door_lock_is_no_lost_card():
    assert not question_kinds.asks_replacing_lost("安居苑420栋单元门的门禁坏了 关都关不上")


@pytest.mark.parametrize(("text", "supply"), [("河畔花园好久来水", "水"), ("安居苑啥时候来水哦", "水"),
                                              ("河畔花园好久才来电嘛", "电"), ("水费在哪交", None)])
def test_when_the_supply_comes_back_names_the_outage(text: str, supply: str | None):
    assert question_kinds.outage_asked(text) == supply


@pytest.mark.parametrize(("text", "where"), [("村里的公告在哪看", True), ("村上的通知在哪点看嘛", True),
                                             ("通知我去哪开会", False), ("停车场修在哪", False)])
def test_where_notices_are_read_with_na_alone(text: str, where: bool):
    assert public_board.asks_where_notices(text) is where
