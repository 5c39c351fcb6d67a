"""Blind test 33 (docs/usertests/2026-12-07-blind21.md), door-step impostors and frauds, through the gateway, the
real engine and the real action server:

- 他说他姓杨 是安居苑的网格员 是真的不: the estate's worker named by the surname given (A1);
- 有个人敲门说是社区的 / 我又不认得他 咋个核实嘛: don't open, how to check, never asked where nor filed (A2);
- after 说他是网格员 挨家挨户卖保健品 (a ticket): 是不是骗子 → likely; 35 minutes on 又来了 → his ticket (A3);
- 网格员要把身份证原件拿走 可以给不: not usual, never a number registration (A4);
- 免费领鸡蛋 要登记身份证号: a fraud reported, filed, the number never given (B31);
- 煤气公司的人上门说要换管子 收两百: don't open, don't pay (A80);
- after money lost: 报警了 警察说要等, 银行卡要不要去冻结 → the next step (A21, A77);
- 转了两万给一个说是公安局的人 电话打不通了: 110 and 96110 at once (A22).

Senders: +86139555630000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 741–749. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core.registration import TICKET_PREFIX
from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    bare,
    file_report,
    say,
    tickets_of,
    told,
    understood,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395556300{n:02d}" for n in range(100)]
CENTRE = "0874-3112345"


def test_the_surname_he_gave_is_checked_against_the_estates_worker(running: Stack) -> None:
    sender = SENDERS[0]  # A1: 没太看懂
    first = understood(say(running, sender, "上门来的人说他是网格员 我咋个晓得是真的假的"))
    assert CENTRE in first, first
    as_if_earlier(running, sender, 4)
    named = understood(say(running, sender, "他说他姓杨 是安居苑的网格员 是真的不"))
    assert "杨艳" in named and "13700000005" in named, named
    assert tickets_of(running, sender) == []


def test_a_knock_from_the_community_is_checked_never_asked_where(running: Stack) -> None:
    sender = SENDERS[10]  # A2: "请问在哪点？", then a placeless ticket
    knock = understood(say(running, sender, "有个人敲门说是社区的"))
    assert "别开门" in knock and CENTRE in knock, knock
    as_if_earlier(running, sender, 3)
    how = understood(say(running, sender, "我又不认得他 咋个核实嘛"))
    assert "工作证" in how and CENTRE in how, how
    assert tickets_of(running, sender) == []


def test_the_seller_as_grid_worker_is_a_likely_cheat_and_his_return_goes_on_his_ticket(running: Stack) -> None:
    sender = SENDERS[20]  # A3: the phone-scam text, then 没太看懂
    number = file_report(running, sender, "安居苑743栋有个人说他是网格员 挨家挨户卖保健品")
    as_if_earlier(running, sender, 4)
    cheat = understood(say(running, sender, "那个人走了 是不是骗子嘛"))
    assert "骗子" in cheat and "别开门" in cheat and "96110" not in cheat and "挂断" not in cheat, cheat
    as_if_earlier(running, sender, 31)
    back = understood(say(running, sender, "卖保健品那个人又来了"))
    assert "别开门" in back and "110" in bare(back) and number in back, back
    assert any("又来了" in m for m in told(running, assignee_phone(running, number), number))
    assert len(tickets_of(running, sender)) == 1


def test_the_original_id_card_taken_for_registering_is_not_usual(running: Stack) -> None:
    sender = SENDERS[30]  # A4: a number-registration ticket
    answer = understood(say(running, sender, "网格员来我屋头要把身份证原件拿走 说是登记 可以给不"))
    assert answer.startswith("不正常") and "原件" in answer and CENTRE in answer and "工单" not in answer, answer
    assert tickets_of(running, sender) == []


def test_free_eggs_for_an_id_number_is_a_fraud_reported_never_a_registration(running: Stack) -> None:
    sender = SENDERS[40]  # B31: a number-registration ticket, twice
    first = say(running, sender, "有人在河畔花园745栋门口发传单 说免费领鸡蛋 要登记身份证号")
    answer = " ".join(first)
    assert "核实后才登记" not in answer and "身份证号" in answer and "别" in answer, first
    [ticket] = tickets_of(running, sender)
    assert not str(ticket.text).startswith(TICKET_PREFIX) and ticket.number in answer, ticket.text
    as_if_earlier(running, sender, 10)
    again = understood(say(running, sender, "我不是要登记 是举报他们骗身份证"))
    assert "核实后才登记" not in again and ticket.number in again and "身份证号" in again, again
    assert len(tickets_of(running, sender)) == 1
    assert any("骗身份证" in m for m in told(running, assignee_phone(running, ticket.number), ticket.number))


def test_the_gas_company_asking_two_hundred_at_the_door_is_dont_open_dont_pay(running: Stack) -> None:
    sender = SENDERS[50]  # A80: the volunteer-team answer
    answer = understood(say(running, sender, "煤气公司的人上门说要换管子 收两百 真的假的"))
    assert "别开门" in answer and "别交钱" in answer and "燃气" in answer and "志愿" not in answer, answer
    assert tickets_of(running, sender) == []


def test_after_money_lost_the_police_saying_wait_gets_the_next_step(running: Stack) -> None:
    sender = SENDERS[60]  # A21: 没太看懂
    lost = understood(say(running, sender, "我遭骗了 我转了三千过去 河畔花园的"))
    assert "110" in bare(lost) and "96110" in lost, lost
    as_if_earlier(running, sender, 7)
    wait = understood(say(running, sender, "报警了 警察说要等"))
    assert "银行" in wait and "记录" in wait, wait
    assert tickets_of(running, sender) == []


def test_money_sent_to_a_false_policeman_is_110_and_96110_at_once(running: Stack) -> None:
    sender = SENDERS[70]  # A22: "请问在哪点？", then a ticket to 周明
    lost = understood(say(running, sender, "刚刚转了两万给一个说是公安局的人 现在电话打不通了"))
    assert "110" in bare(lost) and "96110" in lost, lost
    as_if_earlier(running, sender, 4)
    place = understood(say(running, sender, "我在河畔花园"))
    assert "110" in bare(place) and "什么问题" not in place, place
    assert tickets_of(running, sender) == []


def test_after_a_code_given_and_money_gone_the_card_is_frozen_by_the_bank(running: Stack) -> None:
    sender = SENDERS[80]  # A77: 这个我帮不上忙
    lost = understood(say(running, sender, "有人冒充银行 我把验证码告诉他了 钱遭转走了"))
    assert "110" in bare(lost) and "96110" in lost, lost
    as_if_earlier(running, sender, 7)
    freeze = understood(say(running, sender, "银行卡要不要去冻结"))
    assert "银行" in freeze and "冻结" in freeze and "电话" in freeze, freeze
    assert tickets_of(running, sender) == []
