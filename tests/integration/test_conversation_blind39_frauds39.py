"""Blind test 36 (docs/usertests/2026-12-07-blind24.md), frauds and door-step impostors, through the gateway, the
real engine and the real action server:

- 有人打电话说我快递丢了要赔我钱 叫我下载个软件: the 快递理赔 scam, never "帮不上忙" (F1b);
- 门口有两个人说是民政局的 要看我的存折, then 他们还在门口等起的: don't open, never the 居家养老 text nor
  "没太看懂" (F2b);
- 有人上门说免费给老人检查燃气灶 查完说要换 收八百, then 我已经给了他两百了: a likely cheat, then 110, never asked
  where (F8b);
- 陌生号码说他是网格员李磊 叫我加他微信: a warning with 李磊's real number, never a number registration (F10b);
- 外头有个男的一直拍我屋门 说是社区喊他来的, then 我咋个晓得他到底是不是社区的人: don't open, how to check, never
  asked where nor filed (A2);
- 我不是要登记哈 是举报他们套身份证信息 after the lure reported: more of that report, never a registration (B31);
- 他说杨艳今天请假了喊他来的, 他拿不出工作证 after a door-step impostor: the door kept shut, never a ticket (F4b, F6n).

Negatives: a real visit by the registered worker is no impostor; a parcel lost with no caller is no scam.

Senders: +86139555781000 … +86139555781999, in no other test; buildings 430–439. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core.registration import TICKET_PREFIX
from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    file_report,
    say,
    tickets_of,
    understood,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555781{n:03d}" for n in range(1000)]
REFUSALS = ("帮不上忙", "没太看懂", "在哪点", "没找到这个地方", TICKET_PREFIX, "工单")


def _no_refusal(said: str) -> None:
    assert not any(r in said for r in REFUSALS), said


@pytest.mark.parametrize(("n", "words"), [
    (0, "有人打电话说我快递丢了要赔我钱 叫我下载个软件"),  # F1b
    (1, "有个人打电话说是快递客服 我的包裹弄丢了要理赔 喊我下个APP"),
    (2, "接到个电话说我的快递搞丢了 要赔我三倍 叫我开屏幕共享"),
])
def test_a_parcel_refund_call_is_the_scam_warning(running: Stack, n: int, words: str) -> None:
    sender = SENDERS[n]  # F1b: "这个我帮不上忙"
    said = understood(say(running, sender, words))
    _no_refusal(said)
    assert "骗" in said and "96110" in said and "下载" in said, said
    assert tickets_of(running, sender) == []


@pytest.mark.parametrize(("n", "words", "still"), [
    (10, "门口有两个人说是民政局的 来核实低保 要看我的存折", "他们还在门口等起的"),  # F2b
    (11, "有个人敲门说是社保局的 要看我的银行卡", "那个人还在门口 没走"),
    (12, "门口来了个人说是派出所的 要查我家户口本和身份证", "他还守在门口等起的"),
])
def test_an_office_at_the_door_asking_for_savings_is_kept_out(running: Stack, n: int, words: str,
                                                                still: str) -> None:
    sender = SENDERS[n]  # F2b: the 居家养老 text, then "没太看懂"
    first = understood(say(running, sender, words))
    _no_refusal(first)
    assert "别开门" in first and "居家养老" not in first, first
    as_if_earlier(running, sender, 5)
    then = understood(say(running, sender, still))
    _no_refusal(then)
    assert "别开门" in then and "110" in then, then
    assert tickets_of(running, sender) == []


@pytest.mark.parametrize(("n", "words", "paid"), [
    (20, "有人上门说免费给老人检查燃气灶 查完说要换 收八百", "我已经给了他两百了 咋办"),  # F8b
    (21, "有个人上门说免费检查热水器 查完说要换个新的 要五百", "钱已经给了三百了 咋个办嘛"),
    (22, "有人来屋头说免费检测净水器 说我家水有毒 要卖我一台两千的", "我已经给了他一千了 咋整"),
])
def test_a_free_check_that_ends_in_a_sale_is_a_cheat_and_money_paid_is_110(running: Stack, n: int, words: str,
                                                                           paid: str) -> None:
    sender = SENDERS[n]  # F8b: "请问在哪点？", then "没找到这个地方"
    first = understood(say(running, sender, words))
    _no_refusal(first)
    assert "骗" in first and "别" in first, first
    as_if_earlier(running, sender, 5)
    then = understood(say(running, sender, paid))
    _no_refusal(then)
    assert "110" in then, then
    assert tickets_of(running, sender) == []


@pytest.mark.parametrize(("n", "words", "name", "phone"), [
    (30, "有个陌生号码发短信说他是网格员李磊 叫我加他微信", "李磊", "13700000001"),  # F10b
    (31, "有人打电话说他是网格员杨艳 喊我加她微信 拉我进群", "杨艳", "13700000005"),
    (32, "陌生人加我微信 说他是网格员周明 要我发身份证照片", "周明", "13700000009"),
])
def test_a_stranger_as_a_named_worker_wanting_wechat_gets_the_real_number(running: Stack, n: int, words: str,
                                                                          name: str, phone: str) -> None:
    sender = SENDERS[n]  # F10b: a number-registration ticket
    said = understood(say(running, sender, words))
    _no_refusal(said)
    assert "微信" in said and name in said and phone in said, said
    assert tickets_of(running, sender) == []


@pytest.mark.parametrize(("n", "words", "doubt"), [
    (40, "外头有个男的一直拍我屋门 说是社区喊他来的 我又不认得他", "我咋个晓得他到底是不是社区的人哦"),  # A2
    (41, "有个女的在门口一直喊我开门 说是居委会派她来的", "我咋知道她是不是居委会的嘛"),
    (42, "有人一直敲我家门 说社区叫他来查燃气的", "我又不认得他 咋个晓得是不是真的"),
])
def test_a_knock_said_sent_by_the_community_is_checked_never_asked_where(running: Stack, n: int, words: str,
                                                                        doubt: str) -> None:
    sender = SENDERS[n]  # A2: "请问在哪点？", then a placeless ticket
    first = understood(say(running, sender, words))
    _no_refusal(first)
    assert "别开门" in first, first
    as_if_earlier(running, sender, 5)
    then = understood(say(running, sender, doubt))
    _no_refusal(then)
    assert "0874-3112345" in then, then
    assert tickets_of(running, sender) == []


@pytest.mark.parametrize(("n", "lure", "report"), [
    (50, "安居苑430栋大门口有个摊摊 喊人登记身份证号码就送鸡蛋", "我不是要登记哈 是举报他们套身份证信息"),  # B31
    (51, "河畔花园431栋门口有人摆摊 登记身份证就送洗衣粉", "不是我要登记 我是反映他们套人家身份证号"),
    (52, "阳光小区432栋楼下有人发传单 扫码填身份证号送米", "我不是登记哈 是说他们骗老年人的身份信息"),
])
def test_the_lure_reported_again_is_more_of_its_report_never_a_registration(running: Stack, n: int, lure: str,
                                                                           report: str) -> None:
    sender = SENDERS[n]  # B31: a number-registration ticket
    number = file_report(running, sender, lure)
    as_if_earlier(running, sender, 8)
    said = understood(say(running, sender, report))
    assert TICKET_PREFIX not in said and "核实后才登记" not in said, said
    assert number in said, said
    assert len(tickets_of(running, sender)) == 1, said


@pytest.mark.parametrize(("n", "words", "then_words", "name", "phone"), [
    (60, "有个人说他是杨艳的同事 要上门收物业费 我住安居苑", "他说杨艳今天请假了喊他来的",
     "杨艳", "13700000005"),  # F4b
    (61, "有个人说他是杨艳的同事 要进屋登记 我住安居苑", "他说杨艳生病了 是她喊他来的", "杨艳", "13700000005"),
    (62, "有人敲门说是自来水公司的 要进屋查水管 河畔花园", "他拿不出工作证", "周明", "13700000009"),  # F6n
    (63, "门口有个人说是燃气公司的 要进屋检查 我住河畔花园", "他说工作证忘带了", "周明", "13700000009"),
])
def test_the_impostors_excuse_keeps_the_door_shut_never_a_ticket(running: Stack, n: int, words: str,
                                                                 then_words: str, name: str, phone: str) -> None:
    sender = SENDERS[n]  # F4b: a ticket to 杨艳; F6n: a ticket to another worker
    first = understood(say(running, sender, words))
    assert "别开门" in first, first
    as_if_earlier(running, sender, 5)
    then = understood(say(running, sender, then_words))
    _no_refusal(then)
    assert "别开门" in then and "110" in then, then
    assert tickets_of(running, sender) == []


def test_the_registered_workers_own_visit_is_no_impostor(running: Stack) -> None:
    sender = SENDERS[70]  # negative: a real visit, after his ticket and his promise
    number = file_report(running, sender, "河畔花园433栋楼道灯坏了")
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} 我下午上门看")
    as_if_earlier(running, sender, 30)
    said = " ".join(say(running, sender, "网格员周明来了 在门口看灯"))
    assert "110" not in said and "别开门" not in said, said


def test_a_parcel_lost_with_no_caller_is_no_scam(running: Stack) -> None:
    sender = SENDERS[71]  # negative: the 快递理赔 rule must not fire on a parcel lost
    said = " ".join(say(running, sender, "我的快递丢了 咋个办"))
    assert "96110" not in said, said
