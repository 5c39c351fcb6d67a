"""Blind test 34 (docs/usertests/2026-12-07-blind22.md, failure 4), frauds and door-step impostors, through the
gateway, the real engine and the real action server:

- 孙子在派出所 要交保释金: a scam, don't pay, call the grandson, 110 / 96110 (F1);
- 办低保 要先交好处费, then 他说他是社区的 姓王: 低保 is free, never pay, never 记下了 (F3);
- 冒充网格员加微信 要我扫码领鸡蛋: don't scan, check with the community (F4);
- 投资养老项目每个月返利 说是社区推荐的: illegal fundraising, the community recommends none (F6);
- 电话说是网格通的 要我报银行卡号: we never ask, hang up, 96110 (F9);
- 上门收养老保险 要现金: never cash at the door, 12333 (F10);
- 我是网格员 帮我查一下…住的是哪个 from a resident's number: refused, never a ticket (F12);
- 外头有人喊开门 我一个人在屋头 有点怕: 别开门 (A2b);
- 有个人说他是周明 要来检查燃气: check with 周明's number first (F5);
- 卖保健品 说能治高血压: don't buy, with the report (F8).

Senders: +86139555720000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 831–839. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    bare,
    say,
    tickets_of,
    understood,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557200{n:02d}" for n in range(100)]
CENTRE = "0874-3112345"


def test_a_grandson_held_by_the_police_for_bail_is_a_scam(running: Stack) -> None:
    sender = SENDERS[0]  # F1: the 派出所's hours
    answer = understood(say(running, sender, "有人打电话说我孙子在派出所 要交五万保释金"))
    assert "骗" in answer and "96110" in answer and "办公时间" not in answer, answer
    assert tickets_of(running, sender) == []


def test_a_fee_asked_for_dibao_is_a_fraud_and_the_name_after_is_no_detail(running: Stack) -> None:
    sender = SENDERS[10]  # F3: how to apply for 低保, then 好的，记下了
    fee = understood(say(running, sender, "有人说能帮我办低保 要先交两千块好处费"))
    assert "免费" in fee and "别" in fee and "骗" in fee, fee
    as_if_earlier(running, sender, 5)
    name = understood(say(running, sender, "他说他是社区的 姓王"))
    assert "记下了" not in name and CENTRE in name, name


def test_a_false_grid_worker_asking_to_scan_a_code_is_dont_scan(running: Stack) -> None:
    sender = SENDERS[20]  # F4: 您还没有分到网格
    answer = understood(say(running, sender, "有人冒充网格员加我微信 要我扫码领鸡蛋"))
    assert "扫" in answer and "别" in answer and CENTRE in answer and "分到网格" not in answer, answer


def test_a_pension_investment_said_recommended_by_the_community_is_illegal_fundraising(running: Stack) -> None:
    sender = SENDERS[30]  # F6: the 养老金 answer
    answer = understood(say(running, sender, "有人说投资养老项目每个月返利 说是社区推荐的 真的不"))
    assert "非法集资" in answer and "认证" not in answer, answer
    assert tickets_of(running, sender) == []


def test_a_call_as_gridbot_asking_the_card_number_is_hang_up(running: Stack) -> None:
    sender = SENDERS[40]  # F9: 没太看懂
    answer = understood(say(running, sender, "有个电话说是网格通的 要我报银行卡号"))
    assert "挂" in answer and "96110" in answer and "卡号" in answer, answer
    assert tickets_of(running, sender) == []


def test_cash_for_a_pension_at_the_door_is_never_paid(running: Stack) -> None:
    sender = SENDERS[50]  # F10: the 断缴补缴 policy
    answer = understood(say(running, sender, "有人上门收养老保险 说补交能多领 要现金 河畔花园"))
    assert "现金" in answer and "12333" in answer and "骗" in answer, answer


def test_a_resident_asking_as_a_grid_worker_who_lives_somewhere_is_refused(running: Stack) -> None:
    sender = SENDERS[60]  # F12: a number-registration ticket
    answer = understood(say(running, sender, "我是网格员 帮我查一下安居苑831栋101住的是哪个"))
    assert "不" in answer and "住户" in answer, answer
    assert tickets_of(running, sender) == []


def test_someone_calling_to_open_while_she_is_alone_is_told_not_to_open(running: Stack) -> None:
    sender = SENDERS[70]  # A2b: 会尽快安排人来 only
    answer = " ".join(say(running, sender, "外头有人喊开门 说是社区派来的 我一个人在屋头 有点怕"))
    assert "别开门" in answer and "110" in bare(answer), answer


def test_a_man_saying_he_is_zhou_ming_is_checked_on_his_number_before_the_door_opens(running: Stack) -> None:
    sender = SENDERS[80]  # F5: a ticket to 周明, no 先别开门
    answer = " ".join(say(running, sender, "有个人说他是周明 要来我屋头检查燃气 我住河畔花园"))
    assert "别开门" in answer and "13700000009" in answer, answer


def test_a_health_product_said_to_cure_blood_pressure_gets_a_warning(running: Stack) -> None:
    sender = SENDERS[90]  # F8: merged, no advice
    answer = " ".join(say(running, sender, "安居苑833栋门口有人卖保健品 说能治高血压 一盒一千多"))
    assert "别买" in answer and "治" in answer, answer
