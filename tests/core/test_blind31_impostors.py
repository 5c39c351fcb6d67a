"""Blind test 31 (docs/usertests/2026-12-07-blind19.md), in the core: someone at the door saying he is a grid worker
(don't open, show nothing, check, 110 if pressed; asked about after, or found out), money sent to someone posing as
a courier's service line, wages owed and a wage ticket closed by the duty officer."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import closing_asked, fraud_calls, impostors, invalid_tickets, registry, wage_claims
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import DUTY_OFFICER, STRANGER
from tests.core.helpers import inbound, make_report, messages_to, submit

SMS = 70
CENTRE = "0874-3112345"


@pytest.mark.parametrize("words", [
    "有人上门说是网格员 要我把存折拿出来给他登记 安居苑的",  # A6-3a: a number-registration ticket
    "有个男的说他是网格员 要看我家银行卡 安居苑的",  # A6-3a2: not understood
    "敲门那个人说他是社区网格员 我咋个晓得是不是真的",  # A6-3b
    "来了个人自称网格员 咋个分辨真假",  # A6-3b2
    "有个人说是网格员 要进屋看看 我该不该开门",  # A6-3b3: the e-bike battery answer
    "有个穿制服的说是社区的 要我身份证复印件 靠谱不",  # A6-3c
    "门口有个女的讲是街道的 要拍我家户口本",
    "两个人穿起制服说是社区的 要进屋检查 能开门不",
])
def test_someone_at_the_door_as_a_grid_worker_is_told_not_to_open_and_how_to_check(words: str) -> None:
    assert impostors.at_door(words) and not impostors.impostor_now(words)
    said = fraud_calls.visit_check(CENTRE)
    assert "别开门" in said and "存折" in said and "银行卡" in said and "验证码" in said and CENTRE in said
    assert "110" in said and "姓名" in said and len(said) <= SMS


@pytest.mark.parametrize("words", [
    "网格员说是明天来修路灯", "有人打电话说是社区的 要我转账", "有人发微信说是网格员 要我身份证",
    "网格员来过了 说是下周来修", "怕有人冒充网格员", "社区的人来登记 是真的不",
])
def test_a_grid_workers_own_word_or_a_caller_is_no_visitor_at_the_door(words: str) -> None:
    assert not impostors.at_door(words)


def test_the_estates_grid_worker_is_named_to_check_with(demo_db: Database) -> None:
    with demo_db.session() as s:
        replies = impostors.advice(s, CENTRE, STRANGER, "有个男的说他是网格员 要看我家银行卡 安居苑的")
    assert len(replies) == 2 and all(len(r) <= SMS for r in replies), replies
    assert "安居苑" in replies[1] and "137" in replies[1], replies


def test_an_impostor_at_the_door_now_is_told_110_and_the_duty_officer_hears(demo_db: Database) -> None:
    words = "冒充网格员的骗子上门了咋个办"  # A6-3d: the phone-scam text
    assert impostors.impostor_now(words)
    with demo_db.session() as s:
        said = impostors.called_110(s, STRANGER, words, found_out=False)
    assert said == impostors.CALL_110_NOW and "110" in said and "别开门" in said and len(said) <= SMS
    assert any("冒充网格员" in m and "13999999999" in m for m in messages_to(demo_db, DUTY_OFFICER))


def _said(db: Database, clock: FakeClock, text: str) -> int:
    return inbound(db, clock, STRANGER, text)


def _follow_up(db: Database, clock: FakeClock, text: str) -> list[str] | None:
    before = _said(db, clock, text)
    with db.session() as s:
        return impostors.follow_up(s, clock, CENTRE, "simulator", STRANGER, before, text)


def test_asked_after_whether_the_visitor_was_real_we_cannot_tell_and_the_community_can(demo_db: Database,
                                                                                      clock: FakeClock) -> None:
    assert _follow_up(demo_db, clock, "他到底是不是网格员嘛") is None  # no visitor told of: not ours
    _said(demo_db, clock, "有人上门说是网格员 要我把存折拿出来给他登记 安居苑的")
    clock.advance(minutes=10)
    replies = _follow_up(demo_db, clock, "那个人走了 他到底是不是网格员嘛")  # A6-3a: 已催办
    assert replies and CENTRE in replies[0] and "110" in replies[0] and "杨艳" in " ".join(replies), replies
    assert all(len(r) <= SMS for r in replies)


def test_told_the_community_sent_nobody_the_sender_calls_110_and_the_duty_officer_hears(demo_db: Database,
                                                                                       clock: FakeClock) -> None:
    _said(demo_db, clock, "有个穿制服的说是社区的 要我身份证复印件 靠谱不")
    clock.advance(minutes=15)
    assert impostors.says_not_sent("我问了 社区说没派人来 那个是骗子")
    assert _follow_up(demo_db, clock, "我问了 社区说没派人来 那个是骗子") == [impostors.CALL_110]  # A6-3c
    assert any("冒充网格员" in m for m in messages_to(demo_db, DUTY_OFFICER))
    clock.advance(hours=2)
    assert _follow_up(demo_db, clock, "社区说没派人来") is None  # long ago: no longer about him


@pytest.mark.parametrize("words", ["他到底是不是网格员嘛", "网格员是不是真的会上门", "是不是骗子哦"])
def test_a_doubt_is_no_word_that_nobody_was_sent(words: str) -> None:
    assert not impostors.says_not_sent(words)


@pytest.mark.parametrize("words", [
    "刚才有人冒充快递客服 我转了三千过去 河畔花园的",  # B52b: an ordinary ticket
    "有个自称银行客服的 我给他转了两万",
    "假警察打电话 我转了五千过去",
])
def test_money_sent_to_someone_posing_as_another_is_110_at_once(words: str) -> None:
    assert fraud_calls.money_lost(words)


def test_money_sent_to_family_is_no_scam() -> None:
    assert not fraud_calls.money_lost("我转了三千过去 给我妈的")


@pytest.mark.parametrize("words", ["包工头不给工钱 拖了半年了 河畔花园的", "工资拖了三个月没发", "老板欠薪跑了"])
def test_wages_owed_are_told_of(words: str) -> None:
    assert wage_claims.owed(words)
    assert "12333" in wage_claims.NOTE and len(wage_claims.NOTE) <= SMS


@pytest.mark.parametrize("words", ["工钱的事 网格员能帮我找包工头不", "工资的事社区管不管", "你们能不能帮我要工钱"])
def test_whether_the_grid_worker_helps_with_wages_is_asked(words: str) -> None:
    assert wage_claims.asks_for_help(words)


def test_the_grid_worker_helping_with_wages_names_the_ticket(demo_db: Database, clock: FakeClock) -> None:
    with demo_db.session() as s:
        assert wage_claims.help_reply(s, STRANGER) == wage_claims.CAN_HELP_NO_TICKET
    number = submit(demo_db, clock, make_report("包工头不给工钱 拖了半年了 阳光小区", sender=STRANGER,
                                                category="dispute"))
    with demo_db.session() as s:
        said = wage_claims.help_reply(s, STRANGER)
    assert said.startswith("能") and number in said and len(said) <= SMS, said


def test_why_a_wage_ticket_was_closed_names_the_reason_and_the_closer_calls_back(demo_db: Database,
                                                                                clock: FakeClock) -> None:
    assert not closing_asked.asks_why("门关了 进不去")
    number = submit(demo_db, clock, make_report("包工头欠我工资半年了", sender=STRANGER, category="dispute"))
    with demo_db.session() as s:
        officer = registry.person_by_address(s, DUTY_OFFICER)
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        invalid_tickets.close(s, clock, officer, ticket, "是劳资纠纷 已告诉他打12333")
    clock.advance(minutes=10)
    with demo_db.session() as s:  # B93: "请问在哪点？"
        replies = closing_asked.reply(s, clock, "simulator", STRANGER, "凭啥子关了嘛 我的工资咋个办")
    assert replies and number in replies[0] and "建议您打12333" in replies[0] and "回电话" in replies[0], replies
    assert "他" not in replies[0].split("。")[0], replies  # staff's words about him stay with staff
    assert all(len(r) <= SMS for r in replies), replies
    assert any(number in m and "请回电13999999999" in m for m in messages_to(demo_db, DUTY_OFFICER))
    with demo_db.session() as s:
        assert closing_asked.reply(s, clock, "simulator", STRANGER, "楼道灯坏了咋个办") is None


def test_sent_back_to_us_by_12333_the_closer_calls_back_and_nothing_is_filed(demo_db: Database,
                                                                            clock: FakeClock) -> None:
    number = submit(demo_db, clock, make_report("工地老板拖欠工钱三个月", sender=STRANGER, category="dispute"))
    with demo_db.session() as s:
        officer = registry.person_by_address(s, DUTY_OFFICER)
        invalid_tickets.close(s, clock, officer, s.scalar(select(Ticket).where(Ticket.number == number)),
                              "劳资纠纷 打12333")
    clock.advance(minutes=20)
    assert closing_asked.may_be_about_closing("我打了12333 他们说要找社区")
    with demo_db.session() as s:  # B93: a place-less ticket
        replies = closing_asked.reply(s, clock, "simulator", STRANGER, "我打了12333 他们说要找社区")
    assert replies == [closing_asked.SENT_BACK.format(number=number)] and len(replies[0]) <= SMS
    assert any("要找社区" in m and "请回电" in m for m in messages_to(demo_db, DUTY_OFFICER))
