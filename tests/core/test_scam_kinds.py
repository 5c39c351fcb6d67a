"""Kinds of scam told by their trick (bot/core/scam_kinds.py; blind test 34, failure 4), and a named worker said to
be coming (bot/core/visitor_checks.py, F5)."""

from __future__ import annotations

import pytest

from bot.core import scam_kinds, visitor_checks
from bot.store.db import Database

SMS = 70
CENTRE = "0874-3112345"


@pytest.mark.parametrize("words", ["有人打电话说我孙子在派出所 要交五万保释金",
                                   "幺儿打电话说出车祸了 喊我赶紧打两万过去",
                                   "有个人说我外孙遭抓了 要拿三万块保释"])
def test_a_relative_held_or_hurt_and_money_asked_is_a_scam_with_call_him_yourself(words: str) -> None:
    reply = scam_kinds.advice(words, CENTRE)
    assert reply is not None and "骗" in reply and "96110" in reply and "家里人" in reply, reply


@pytest.mark.parametrize("words", ["儿子住院了 要交医药费 咋个报销", "我孙子考上大学了 要交学费"])
def test_the_senders_own_family_news_is_no_scam(words: str) -> None:
    assert scam_kinds.advice(words, CENTRE) is None


@pytest.mark.parametrize("words", ["有人说能帮我办低保 要先交两千块好处费", "有个人说帮我办高龄补贴 要先给红包"])
def test_a_fee_for_a_benefit_is_free_never_paid(words: str) -> None:
    reply = scam_kinds.advice(words, CENTRE)
    assert reply is not None and "免费" in reply and "别给" in reply and CENTRE in reply, reply


def test_who_he_said_he_was_after_a_fee_asked_is_pay_nobody_never_noted() -> None:
    reply = scam_kinds.named_after("他说他是社区的 姓王", ["有人说能帮我办低保 要先交两千块好处费"], CENTRE)
    assert reply is not None and "好处费" in reply and "别给钱" in reply, reply
    assert scam_kinds.named_after("他说他是社区的 姓王", ["安居苑路灯坏了"], CENTRE) is None


@pytest.mark.parametrize("words", ["低保咋个申请", "养老保险断缴了能补交不", "社保卡密码忘了咋个办", "网格员电话多少",
                                   "低保每个月给好多钱", "网格员上门核实低保 要交啥子材料"])
def test_questions_about_services_are_no_scam(words: str) -> None:
    assert scam_kinds.advice(words, CENTRE) is None


def test_a_code_to_scan_for_free_eggs_is_dont_scan() -> None:
    reply = scam_kinds.advice("有人冒充网格员加我微信 要我扫码领鸡蛋", CENTRE)
    assert reply is not None and reply.startswith("别扫") and CENTRE in reply, reply


@pytest.mark.parametrize("words", ["有人说投资养老项目每个月返利 说是社区推荐的 真的不",
                                   "喊我买养老公寓 每个月返钱 保本"])
def test_an_investment_with_a_monthly_return_is_illegal_fundraising(words: str) -> None:
    reply = scam_kinds.advice(words, CENTRE)
    assert reply is not None and "非法集资" in reply and "社区从不推荐" in reply, reply


def test_a_caller_as_gridbot_asking_the_card_number_is_hang_up() -> None:
    reply = scam_kinds.advice("有个电话说是网格通的 要我报银行卡号", CENTRE)
    assert reply is not None and "挂断" in reply and "96110" in reply, reply


def test_cash_for_a_pension_at_the_door_is_never_paid() -> None:
    reply = scam_kinds.advice("有人上门收养老保险 说补交能多领 要现金 河畔花园", CENTRE)
    assert reply is not None and "现金" in reply and "12333" in reply, reply


def test_every_scam_reply_fits_one_sms() -> None:
    replies = [scam_kinds.FAMILY_IN_TROUBLE, scam_kinds.BENEFIT_FEE, scam_kinds.NAMED_AFTER, scam_kinds.SCAN_CODE,
               scam_kinds.INVESTMENT, scam_kinds.CARD_ASKED, scam_kinds.CASH_AT_DOOR, scam_kinds.RESIDENT_DATA,
               scam_kinds.PRODUCT_NOTE]
    assert all(len(reply.format(phone=CENTRE)) <= SMS for reply in replies)


@pytest.mark.parametrize("words", ["我是网格员 帮我查一下安居苑831栋101住的是哪个", "帮我查下隔壁哪个住的",
                                   "我想知道3栋2单元住户电话"])
def test_who_lives_at_a_home_asked_by_message_is_a_resident_data_request(words: str) -> None:
    assert scam_kinds.residents_asked(words)


@pytest.mark.parametrize("words", ["我住的是哪个网格 查一下", "查一下我的工单"])
def test_asking_ones_own_grid_or_ticket_is_no_resident_data_request(words: str) -> None:
    assert not scam_kinds.residents_asked(words)


def test_a_health_product_said_to_cure_is_told() -> None:
    assert scam_kinds.product_cures("安居苑门口有人卖保健品 说能治高血压 一盒一千多")
    assert not scam_kinds.product_cures("楼下药店关门了")


def test_someone_saying_he_is_the_estates_worker_and_coming_is_checked_on_his_number(demo_db: Database) -> None:
    words = "有个人说他是周明 要来我屋头检查燃气 我住河畔花园"
    assert visitor_checks.coming_as_named(words)
    with demo_db.session() as s:
        reply = visitor_checks.coming_check(s, words)
        nobody = visitor_checks.coming_check(s, "有个人说他是张三 要来检查燃气")
    assert reply is not None and reply.startswith("先别开门") and "13700000009" in reply and len(reply) <= SMS
    assert nobody is None
