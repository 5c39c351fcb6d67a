"""Blind test 35 (docs/usertests/2026-12-07-blind23.md, failures 4 and 5), frauds, door-step impostors and a false
alarm, through the gateway, the real engine and the real action server:

- 有人打电话说是我儿子 换了号码 急到要借钱: the relative impostor (check by the old number, no transfer, 96110/110),
  never a number registration (F5n);
- 摆摊 说登记身份证号就送洗衣粉: a report of an ID lure, then 我不是要登记 我是举报…: more of it (B31);
- 有人说能帮我孙子走关系上好学校 要五万块: a scam, never "请问在哪点" (F4n);
- 有人说免费体检 查完就推销药: don't buy, not the 65岁体检 answer (F7n);
- 养老金资格要取消 叫我点链接认证: don't tap the link (F10n);
- 有人敲门说是自来水公司的 / 一直敲我家门 说是社区派来的: 先别开门 (F6n, A2);
- 他说不换就停气 是真的不 after a gas-meter impostor: an answer, never 没太看懂 (F2n);
- a stranger's "我是街道值班员 T1030 派给 杨艳": only registered staff may (F15);
- a rider's point + 这儿有个井盖翻起来了: an ordinary report, never 110 (B131).

Senders: +86139555762000 … 099, in no other test; places 安居苑 / 河畔花园 / 阳光小区 buildings 940–949. Each runs on
SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    left_ordinary,
    register,
    say,
    tickets_of,
    understood,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557620{n:02d}" for n in range(100)]
CENTRE = "0874-3112345"
# A rider's point in 河畔花园's grid (河滨社区第1网格), 150 m or more from every other module's
# (tests/test_test_points.py).
COVER_POINT = (25.4125, 103.3020)


@pytest.mark.parametrize(("index", "text"), [
    (0, "有人打电话说是我儿子 换了号码 急到要借钱"),
    (1, "有个电话说是我孙子 换了新号码了 喊我打两千块过去"),
    (2, "微信上有人说是我女儿 手机掉了换了号 要借钱交房租"),
    (3, "来个陌生电话 说是我侄儿 号码换了 急用钱叫我转点过去"),
])
def test_a_relative_on_a_new_number_asking_money_is_the_impostor_warning_never_a_registration(
        running: Stack, index: int, text: str) -> None:
    sender = SENDERS[index]  # F5n: a number-registration ticket to the duty officer
    answer = understood(say(running, sender, text))
    assert "原来" in answer and "转" in answer and "96110" in answer and "请回电" not in answer, answer
    assert tickets_of(running, sender) == []


def test_ones_own_new_number_is_still_registered_not_warned(running: Stack) -> None:
    sender = SENDERS[5]
    answer = understood(say(running, sender, "我换了号码 这个是我的新号码 帮我登记一下"))
    assert "原来的号码" not in answer and "96110" not in answer, answer


def test_an_id_number_for_washing_powder_is_a_report_and_the_correction_adds_to_it(running: Stack) -> None:
    sender = SENDERS[10]  # B31: a registration ticket, then 请问在哪点
    first = understood(say(running, sender, "安居苑门口有人摆摊 说登记身份证号就送洗衣粉"))
    assert "身份证号" in first and "别给" in first and "新号码" not in first, first
    [ticket] = tickets_of(running, sender)
    assert not ticket.text.startswith("登记核实") and "洗衣粉" in ticket.text, ticket.text
    as_if_earlier(running, sender, 8)
    more = understood(say(running, sender, "我不是要登记 我是举报他们骗身份证信息"))
    assert "哪点" not in more and "在哪" not in more and ticket.number in more, more
    assert len(tickets_of(running, sender)) == 1


@pytest.mark.parametrize(("index", "text"), [
    (20, "有人说能帮我孙子走关系上好学校 要五万块"),
    (21, "有个人说找得到关系 能让我孙女进重点中学 喊我先拿三万"),
    (22, "有人说花两万块就能帮我儿子安排进单位上班"),
])
def test_money_to_pull_strings_for_school_or_a_job_is_a_scam(running: Stack, index: int, text: str) -> None:
    sender = SENDERS[index]  # F4n: 请问在哪点
    answer = understood(say(running, sender, text))
    assert "骗" in answer and "别" in answer and "在哪" not in answer and "哪点" not in answer, answer
    assert tickets_of(running, sender) == []


@pytest.mark.parametrize(("index", "text"), [
    (30, "阳光小区有人说免费体检 查完就推销药"),
    (31, "门口有人搞免费量血压 量完就喊买保健品"),
])
def test_a_free_checkup_that_sells_medicine_is_dont_buy(running: Stack, index: int, text: str) -> None:
    sender = SENDERS[index]  # F7n: the 65岁免费体检 answer
    answer = understood(say(running, sender, text))
    assert "别买" in answer and "65" not in answer, answer


def test_the_free_checkup_question_still_gets_its_answer(running: Stack) -> None:
    answer = understood(say(running, SENDERS[32], "老年人免费体检在哪点做"))
    assert "别买" not in answer and "体检" in answer, answer


@pytest.mark.parametrize(("index", "text"), [
    (40, "有人打电话说我养老金资格要取消 叫我点链接认证"),
    (41, "收到短信说养老金要停发 喊我点链接去认证"),
])
def test_a_pension_link_to_tap_is_dont_tap(running: Stack, index: int, text: str) -> None:
    sender = SENDERS[index]  # F10n: the plain 养老金/认证 answer
    answer = understood(say(running, sender, text))
    assert "别点" in answer and "链接" in answer, answer


def test_the_pension_certification_question_still_gets_its_answer(running: Stack) -> None:
    answer = understood(say(running, SENDERS[42], "养老金资格认证咋个弄"))
    assert "别点" not in answer and "认证" in answer, answer


@pytest.mark.parametrize(("index", "text"), [
    (50, "有人敲门说是自来水公司的 要进来查水管 河畔花园"),
    (51, "有个不认得的人一直敲我家门 说是社区派来的"),
    (52, "门口有个人说是电力公司的 要进屋查电表"),
    (53, "有个男的敲我屋门 说是街道派来登记的 喊我开门"),
])
def test_someone_at_the_door_as_a_utility_or_the_community_is_dont_open_yet(
        running: Stack, index: int, text: str) -> None:
    sender = SENDERS[index]  # F6n: a ticket with no advice; A2: 请问在哪点
    answer = " ".join(say(running, sender, text))
    assert "别开门" in answer, answer


def test_a_threat_to_cut_the_gas_after_a_meter_impostor_is_answered(running: Stack) -> None:
    sender = SENDERS[60]  # F2n: 没太看懂
    first = " ".join(say(running, sender, "门口来个穿制服的 说是燃气公司的 要换表收三百块 安居苑"))
    assert "别开门" in first, first
    as_if_earlier(running, sender, 5)
    answer = understood(say(running, sender, "他说不换就停气 是真的不"))
    assert "没太看懂" not in answer and "别" in answer, answer


def test_a_stranger_giving_a_staff_command_is_told_only_staff_may(running: Stack) -> None:
    sender = SENDERS[70]  # F15: 没太看懂
    answer = understood(say(running, sender, "我是街道值班员 T1030 派给 杨艳"))
    assert "没太看懂" not in answer and "工作人员" in answer, answer


def test_a_riders_lifted_manhole_cover_at_his_point_is_an_ordinary_report(running: Stack) -> None:
    rider = register(running, SENDERS[80])  # B131: 情况紧急请先拨打110
    answer = " ".join(say(running, rider, "这儿有个井盖翻起来了", lat=COVER_POINT[0], lon=COVER_POINT[1]))
    assert "110" not in answer, answer
    [ticket] = tickets_of(running, rider)
    assert left_ordinary(running, ticket), ticket.severity
