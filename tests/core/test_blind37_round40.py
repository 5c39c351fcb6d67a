"""Blind test 37 (docs/usertests/2026-12-08-blind25.md): a flood cutting people off, a cadre's loan on WeChat, a free
check for the elderly, a cup said to cure, and money sent after a trick, read by their words alone."""

from __future__ import annotations

import pytest

from bot.core import (
    emergency_numbers,
    plain_details,
    question_kinds,
    scam_kinds,
    scam_tricks,
    still_open,
    triage,
    visitor_checks,
)
from bot.store.db import Database
from bot.store.models import Ticket

SMS = 70


@pytest.mark.parametrize("words", ["涨水了 石桥村四组有户人家被水围住了 出不来", "河边那几户遭水困住了",
                                   "山洪下来了 三组有人在屋头"])
def test_people_cut_off_by_a_flood_are_an_emergency_for_the_rescue(words: str) -> None:
    assert triage.has_danger(words), words


def test_a_family_surrounded_by_water_is_trapped_for_the_fire_brigade() -> None:
    assert emergency_numbers.trapped_by_disaster("石桥村四组有户人家被水围住了")


@pytest.mark.parametrize("words", ["去年发大水 补贴发了没", "防洪水的沙袋在哪领", "河边的路被水冲坏了", "水围着花坛流"])
def test_a_flood_asked_about_or_a_road_washed_out_is_no_emergency(words: str) -> None:
    assert not triage.has_danger(words), words


@pytest.mark.parametrize("words", ["有个人加我微信说是社区书记 要我帮她转两千块钱 说明天还",
                                   "有人打电话说他是村长 叫我借他五千 急用", "微信上有个自称网格员的 喊我转钱给他"])
def test_a_cadre_asking_money_to_be_sent_is_a_likely_cheat(words: str) -> None:
    reply = scam_tricks.advice(words)
    assert reply == scam_tricks.CADRE_LOAN and "96110" in reply and len(reply) <= SMS, (words, reply)


@pytest.mark.parametrize("words", ["社区书记说要交两百块钱卫生费 是真的不", "网格员说要我转发通知给邻居",
                                   "书记说明天来我家看看"])
def test_a_cadre_asking_a_fee_or_passing_word_is_no_loan_trick(words: str) -> None:
    assert scam_tricks.advice(words) != scam_tricks.CADRE_LOAN, words


def test_a_free_check_offered_for_the_elderly_by_bang_is_the_free_check_trick() -> None:
    assert scam_tricks.advice("有人上门说免费帮老年人检查燃气灶 检查完说要换 收八百块") == scam_tricks.FREE_CHECK


def test_money_sent_after_a_trick_told_is_110_and_the_bank() -> None:
    earlier = ["有个人加我微信说是社区书记 要我帮她转两千块钱 说明天还"]
    reply = scam_tricks.paid_after("我已经转了三千了 咋个办嘛", earlier, lambda said: False)
    assert reply == scam_tricks.PAID_SENT and "110" in reply and "银行" in reply and len(reply) <= SMS, reply


@pytest.mark.parametrize("words", ["小区门口有人卖啥子量子水杯 说喝了治糖尿病 好多老人在买", "有人卖神水 说能治百病"])
def test_a_cup_or_water_said_to_cure_is_a_product_that_cures_nothing(words: str) -> None:
    assert scam_kinds.product_cures(words), words


@pytest.mark.parametrize("words", ["我的水杯丢了", "楼下药店关门了"])
def test_a_cup_lost_or_a_chemist_closed_is_no_cure_sold(words: str) -> None:
    assert not scam_kinds.product_cures(words), words


@pytest.mark.parametrize(("words", "phone"), [
    ("有人打电话说他是杨艳 换了新号码 喊我明天把低保存折带过去", "13700000005"),  # F8c: a number registration
    ("有个人说他是李磊 号码换了 叫我把银行卡号发给他", "13700000001"),
])
def test_a_named_worker_on_a_new_number_wanting_a_bankbook_gets_his_real_number(demo_db: Database, words: str,
                                                                              phone: str) -> None:
    assert visitor_checks.wechat_as_named(words)
    with demo_db.session() as s:
        reply = visitor_checks.wechat_check(s, words)
    assert reply is not None and phone in reply and "存折" in reply and len(reply) <= SMS, reply


@pytest.mark.parametrize("words", ["我换了新号码 是杨艳喊我来登记的", "我妈说她换了新号码",
                                   "李磊说他换了号码 新号是多少"])
def test_a_new_number_with_nothing_of_value_wanted_is_no_impostor(words: str) -> None:
    assert not visitor_checks.wechat_as_named(words), words


@pytest.mark.parametrize("words", ["我想养只狗 小区让不让养", "河畔花园有没得电瓶车充电的地方",
                                   "小区头可不可以养猫"])
def test_whether_it_is_allowed_or_where_it_is_done_is_asked(words: str) -> None:
    assert question_kinds.asks_allowed_or_where(words), words


@pytest.mark.parametrize("words", ["楼上有人养狗 天天叫", "隔壁天天在楼道充电", "小区有没得人管一下乱停的车",
                                   "狗咬人了"])
def test_someone_doing_it_or_a_plain_report_is_no_such_question(words: str) -> None:
    assert not question_kinds.asks_allowed_or_where(words), words


@pytest.mark.parametrize(("report", "text"), [
    ("河畔花园好久来水嘛，停水了", "一早上都没水"),  # B114
    ("安居苑小区里头有条流浪狗 咬了人", "咬的是隔壁的小娃娃 已经去打针了"),  # Q11c
])
def test_the_reports_outage_again_or_who_it_hit_is_more_of_it(report: str, text: str) -> None:
    assert plain_details.of_the_report(Ticket(text=report, place_text=None, category="other"), text)


@pytest.mark.parametrize(("report", "text"), [
    ("河畔花园好久来水嘛，停水了", "一早上都没水 也没电"),
    ("河畔花园好久来水嘛，停水了", "停电了"),
    ("我们这点停水两天了 莫得水煮饭", "我那个停水的事情搞得咋样了嘛 咋个还莫得人来"),
    ("阳光小区路口两个车撞了", "咬的是隔壁的小娃娃"),
])
def test_another_supply_off_or_a_doing_the_report_never_told_is_not_more_of_it(report: str, text: str) -> None:
    assert not plain_details.of_the_report(Ticket(text=report, place_text=None, category="other"), text)


def test_the_older_reports_doing_again_beside_a_newer_report_is_the_older_ones() -> None:
    older, newer = Ticket(text="楼上那家天天半夜拖凳子 吵得人睡不着觉"), Ticket(text="1栋楼道里的声控灯有一半不亮了")
    assert still_open.rather_than(older, newer, "昨天晚上又拖到一点过")  # E21n
    assert not still_open.rather_than(older, newer, "灯还是不亮")
    assert not still_open.rather_than(newer, older, "昨天晚上又拖到一点过")
