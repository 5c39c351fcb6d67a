"""bot/core/id_lures.py: a lure for ID numbers reported is a fraud filed with a word never to give the number, and
said again soon after it is more of that report (blind test 33, B31)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import id_lures
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import STRANGER
from tests.core.helpers import inbound, make_report, submit

LURE = "有人在河畔花园门口发传单 说免费领鸡蛋 要登记身份证号"


@pytest.mark.parametrize("words", [
    LURE,  # B31: a number-registration ticket
    "我不是要登记 是举报他们骗身份证",
    "小区门口有人扫码送鸡蛋 要填身份证号",
    "楼下有人免费送米送油 要拍身份证",
    "有人说免费体检 要留银行卡号",
])
def test_a_lure_for_id_numbers_is_a_fraud_told(words: str) -> None:
    assert id_lures.told(words)


@pytest.mark.parametrize("words", ["我要登记身份证号 换了新号码", "免费领鸡蛋 在哪点领", "身份证丢了咋个补办",
                                   "帮我登记 身份证号是免费办的不"])
def test_ones_own_registration_or_a_free_gift_alone_is_no_lure(words: str) -> None:
    assert not id_lures.told(words)


def test_the_note_says_never_to_give_the_number() -> None:
    assert "身份证号" in id_lures.NOTE and "别给" in id_lures.NOTE and len(id_lures.NOTE) <= 70


def test_said_again_after_the_report_goes_on_that_ticket(demo_db: Database, clock: FakeClock) -> None:
    inbound(demo_db, clock, STRANGER, LURE)
    number = submit(demo_db, clock, make_report(LURE, sender=STRANGER, category="public_security"))
    clock.advance(minutes=10)
    again = "我不是要登记 是举报他们骗身份证"
    message = inbound(demo_db, clock, STRANGER, again)
    with demo_db.session() as s:
        replies = id_lures.more_of(s, clock, STRANGER, again, message)
    assert replies and number in replies[0] and "身份证号" in replies[0] and len(replies[0]) <= 70, replies
    with demo_db.session() as s:
        assert "骗身份证" in str(s.scalar(select(Ticket.text).where(Ticket.number == number)))


def test_without_a_lure_reported_nothing_is_added(demo_db: Database, clock: FakeClock) -> None:
    submit(demo_db, clock, make_report("河畔花园门口路灯坏了", sender=STRANGER, category="other"))
    message = inbound(demo_db, clock, STRANGER, "是举报他们骗身份证")
    with demo_db.session() as s:
        assert id_lures.more_of(s, clock, STRANGER, "是举报他们骗身份证", message) is None


@pytest.mark.parametrize("words", ["安居苑门口有人摆摊 说登记身份证号就送洗衣粉", "留个身份证号就送一袋米",
                                   "门口有人喊填身份证号 填了就给一桶油"])
def test_a_gift_for_the_id_number_is_a_lure(words: str) -> None:
    assert id_lures.told(words)  # blind test 35, B31: a number-registration ticket


@pytest.mark.parametrize("words", ["办身份证就给我说要带户口本",
                                   "社区登记身份证号都给了吗", "我要登记身份证号 换了新号码"])
def test_papers_without_a_gift_are_no_lure(words: str) -> None:
    assert not id_lures.told(words)


@pytest.mark.parametrize("words", ["我不是要登记哈 是举报他们套身份证信息",  # blind test 36, B31
                                   "不是我要登记 我是反映他们套人家身份证号",
                                   "我不是登记哈 是说他们骗老年人的身份信息"])
def test_a_fraud_for_id_numbers_in_other_words_is_the_lure_reported(words: str) -> None:
    assert id_lures.told(words)
