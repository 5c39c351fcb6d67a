"""Blind test 33 (docs/usertests/2026-12-07-blind21.md), in the core: door-step impostors and frauds: a surname given
(A1), a knock from "the community" and how to check it (A2), a seller as a grid worker (A3), the original ID card to
be taken (A4), a utility's man asking money at the door (A80), and the next step after money lost (A21, A22, A77)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import fraud_calls, held_words, impostors, visitor_checks
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import STRANGER
from tests.core.helpers import inbound, make_report, submit

SMS = 70
CENTRE = "0874-3112345"


@pytest.mark.parametrize("words", ["他说他姓杨 是安居苑的网格员 是真的不", "她说她姓杨 安居苑网格员 真的不",
                                   "那个人说他姓杨 是安居苑的网格员 对不对"])
def test_a_surname_that_fits_the_estates_worker_names_her_and_her_number(demo_db: Database, words: str) -> None:
    assert visitor_checks.asks_about_named(words)
    with demo_db.session() as s:
        [reply] = visitor_checks.named(s, CENTRE, STRANGER, words)
    assert "杨艳" in reply and "13700000005" in reply and "姓杨" in reply and len(reply) <= SMS, reply


def test_a_surname_that_does_not_fit_says_who_the_worker_is(demo_db: Database) -> None:
    with demo_db.session() as s:
        [reply] = visitor_checks.named(s, CENTRE, STRANGER, "他说他姓刘 是安居苑的网格员 是真的不")
    assert "杨艳" in reply and "不姓刘" in reply and "别开门" in reply and len(reply) <= SMS, reply


@pytest.mark.parametrize("words", ["有个人敲门说是社区的", "有人敲门 说是网格员", "来了个人在门口 说是居委会的",
                                   "有个女的敲门说是街道的"])
def test_a_stranger_knocking_as_one_of_us_gets_the_check_advice(demo_db: Database, words: str) -> None:
    assert impostors.at_door(words)
    with demo_db.session() as s:
        replies = impostors.advice(s, CENTRE, STRANGER, words)
    assert "别开门" in replies[0] and CENTRE in replies[0], replies


@pytest.mark.parametrize("words", ["网格员说是明天上门", "社区的人说是下周来登记", "网格员敲门说是来收表的 谢谢你们"])
def test_one_of_us_announced_by_name_is_no_stranger_at_the_door(words: str) -> None:
    assert not impostors.at_door(words)


def _follow_up(db: Database, clock: FakeClock, text: str) -> list[str] | None:
    before = inbound(db, clock, STRANGER, text)
    with db.session() as s:
        return impostors.follow_up(s, clock, CENTRE, "simulator", STRANGER, before, text)


@pytest.mark.parametrize("words", ["我又不认得他 咋个核实嘛", "咋个确认他是不是", "我不认识这个人 怎么查"])
def test_after_a_knock_how_to_check_him_is_the_work_card_and_the_community(demo_db: Database, clock: FakeClock,
                                                                          words: str) -> None:
    inbound(demo_db, clock, STRANGER, "有个人敲门说是社区的")
    clock.advance(minutes=3)
    replies = _follow_up(demo_db, clock, words)
    assert replies and "工作证" in replies[0] and CENTRE in replies[0] and "别开门" in replies[0], replies
    assert all(len(r) <= SMS for r in replies), replies


def test_how_to_check_with_no_knock_before_is_not_ours(demo_db: Database, clock: FakeClock) -> None:
    assert _follow_up(demo_db, clock, "咋个核实嘛") is None


@pytest.mark.parametrize("words", ["安居苑有个人说他是网格员 挨家挨户卖保健品", "有人上门说是社区的 推销净水器",
                                   "说他是街道的 一家一家敲门卖米"])
def test_one_of_us_selling_door_to_door_is_an_impostor_told_of(words: str) -> None:
    assert impostors.told_of(words)


@pytest.mark.parametrize("words", ["网格员说社区门口有人卖假药", "说是社区的通知 菜市场卖菜的要登记"])
def test_selling_somewhere_said_by_one_of_us_is_no_impostor(words: str) -> None:
    assert not impostors.told_of(words)


def test_the_seller_come_back_35_minutes_on_goes_on_his_ticket(demo_db: Database, clock: FakeClock) -> None:
    first = "安居苑有个人说他是网格员 挨家挨户卖保健品"
    inbound(demo_db, clock, STRANGER, first)
    number = submit(demo_db, clock, make_report(first, sender=STRANGER, category="public_security"))
    clock.advance(minutes=4)
    assert _follow_up(demo_db, clock, "那个人走了 是不是骗子嘛") == [impostors.LIKELY_CHEAT]  # A3: the phone text
    clock.advance(minutes=31)
    replies = _follow_up(demo_db, clock, "卖保健品那个人又来了")  # A3: 没太看懂
    assert replies and replies[0] == impostors.STAY_IN and number in replies[1], replies
    with demo_db.session() as s:
        assert "又来了" in str(s.scalar(select(Ticket.text).where(Ticket.number == number)))


@pytest.mark.parametrize("words", ["网格员来我屋头要把身份证原件拿走 说是登记 可以给不",
                                   "社区的人要把户口本拿走 可以给吗", "网格员要拍我身份证 给得不"])
def test_a_paper_to_be_taken_is_not_usual(words: str) -> None:
    assert visitor_checks.asks_if_usual(words)
    assert visitor_checks.usual(CENTRE, words).startswith("不正常")


@pytest.mark.parametrize(("words", "utility"), [
    ("煤气公司的人上门说要换管子 收两百 真的假的", "燃气公司"),  # A80: the volunteer-team answer
    ("自来水公司的师傅敲门 要换水表 收三百 靠得住不", "自来水公司"),
    ("天然气的人来了 说要收安检费 是不是骗子", "燃气公司"),
])
def test_a_utilitys_man_asking_money_at_the_door_is_dont_pay_and_call_the_bill_number(
        demo_db: Database, words: str, utility: str) -> None:
    assert visitor_checks.fee_at_door(words) and impostors.at_door(words)
    with demo_db.session() as s:
        said = impostors.advice(s, CENTRE, STRANGER, words)[0]
    assert "别开门" in said and "别交钱" in said and "缴费单" in said and utility in said and CENTRE in said, said
    assert len(said) <= SMS, said


@pytest.mark.parametrize("words", ["煤气公司的人说明天上门安检", "燃气公司打电话说要收两百 真的假的"])
def test_a_utility_announcing_or_on_the_phone_is_no_fee_at_the_door(words: str) -> None:
    assert not visitor_checks.fee_at_door(words)


@pytest.mark.parametrize("words", [
    "刚刚转了两万给一个说是公安局的人 现在电话打不通了",  # A22: asked where, then a ticket
    "转了五千给说是银行客服的 现在把我拉黑了",
    "有人冒充银行 我把验证码告诉他了 钱遭转走了",  # A77
    "我打了三千过去 那个人电话就关机了",
])
def test_money_gone_to_a_false_official_or_a_caller_gone_quiet_is_lost(words: str) -> None:
    assert fraud_calls.money_lost(words)


@pytest.mark.parametrize("words", ["交了两百块物业费 物业电话打不通", "给我儿子转了两千 他电话打不通"])
def test_money_paid_to_someone_known_who_is_not_answering_is_no_scam(words: str) -> None:
    assert not fraud_calls.money_lost(words)


LOST = ["我遭骗了 我转了三千过去 河畔花园的"]


@pytest.mark.parametrize("words", ["报警了 警察说要等", "报了警 派出所说回去等通知", "已经报案了 还要做啥子"])
def test_after_money_lost_the_police_saying_wait_gets_the_records_and_the_bank(words: str) -> None:
    reply = fraud_calls.after_loss(words, LOST)
    assert reply == fraud_calls.POLICE_WAIT and "银行" in reply and "96110" in reply and len(reply) <= SMS


@pytest.mark.parametrize("words", ["银行卡要不要去冻结", "卡咋个挂失", "我的卡要冻结不"])
def test_after_money_lost_freezing_the_card_is_yes_by_the_banks_number(words: str) -> None:
    reply = fraud_calls.after_loss(words, LOST)
    assert reply == fraud_calls.FREEZE_CARD and reply.startswith("要") and "电话" in reply and len(reply) <= SMS


def test_without_money_lost_the_police_or_the_card_is_not_the_next_step() -> None:
    assert fraud_calls.after_loss("报警了 警察说要等", ["楼下路灯坏了"]) is None
    assert fraud_calls.after_loss("银行卡要不要去冻结", []) is None
    assert fraud_calls.after_loss("遭骗了 银行卡要不要冻结", []) == fraud_calls.FREEZE_CARD


@pytest.mark.parametrize("words", ["我要报警", "我的卡被冻结了 要我转钱", "警察来了没有", "我的社保卡丢了 在哪里挂失"])
def test_a_call_for_the_police_or_a_card_frozen_by_a_caller_is_no_next_step(words: str) -> None:
    assert fraud_calls.after_loss(words, LOST) is None


def test_a_place_said_just_after_money_lost_is_told_110_not_asked_the_problem() -> None:
    reply = held_words.place_reply("我在河畔花园", "刚刚转了两万给一个说是公安局的人 现在电话打不通了")
    assert "110" in reply and "什么问题" not in reply and "河畔花园" in reply and len(reply) <= SMS, reply
