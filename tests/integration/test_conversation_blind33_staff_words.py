"""Blind test 33's staff words (docs/usertests/2026-12-07-blind21.md, S4, S5, B55, B141, B142, B144, B146, B147, B152,
B181, B190), through the gateway, the real engine and the real action server:

- a grid worker's 树枝剪了 / 灯换了 / 管子也换了 resolves the ticket and asks the reporter to rate it; a promise
  (车主找到了 说这个礼拜开走) stays progress;
- 这个单子不是我们管的 是城管的事 is a 退单 with that reason;
- 我晚上去看看 is progress told to the reporter, never the 详情;
- the duty officer's 无效工单 … 已经回复了 关掉 closes the ticket, the reporter reading no 无效工单 and no staff note;
- 我手上有好多单子 is the worker's list.

Senders: +86139555580000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 641–659. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import (
    assignee_phone,
    call_back_ticket,
    file_report,
    register,
    say,
    ticket_numbered,
    told,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555580{n:02d}" for n in range(0, 100)]


def test_the_verb_of_a_fix_with_le_resolves_and_a_promise_does_not(running: Stack):
    # S4, B142, B190: "T1041 树枝剪了" → "已记为处理中"; B147: "车主找到了 说这个礼拜开走" closed the ticket
    for n, (report, words) in enumerate((("安居苑641栋门口的树枝挂到电线了 好吓人", "树枝剪了"),
                                         ("河畔花园642栋楼道灯坏了 黑黢黢的", "灯换了 现在一拍手就亮"),
                                         ("安居苑643栋楼下水管漏水 流了一地", "水阀关了 漏的管子也换了"))):
        rider = register(running, SENDERS[n])
        number = file_report(running, rider, report)
        [answer] = say(running, assignee_phone(running, number), f"{number} {words}")
        assert "办结" in answer and "处理中" not in answer, (words, answer)
        assert ticket_numbered(running, number).status == "resolved"
        assert any("评价" in t for t in told(running, rider, number)), words
    rider = register(running, SENDERS[5])
    number = file_report(running, rider, "河畔花园645栋门口有辆车停了半个月了 堵到消防通道")
    [answer] = say(running, assignee_phone(running, number), f"{number} 车主找到了 说这个礼拜开走")
    assert "办结" not in answer, answer
    assert ticket_numbered(running, number).status == "in_progress"
    assert not any("评价" in t for t in told(running, rider, number))


def test_a_job_for_another_body_is_handed_back_with_the_reason(running: Stack):
    # B141: "T1086 这个单子不是我们管的 是城管的事" → "已记为处理中，已把进展告诉反映人"
    rider = register(running, SENDERS[10])
    number = file_report(running, rider, "安居苑647栋外头人行道上有人摆摊卖水果 占了一半的路")
    [answer] = say(running, assignee_phone(running, number), f"{number} 这个单子不是我们管的 是城管的事")
    assert "已退回" in answer and "处理中" not in answer, answer
    ticket = ticket_numbered(running, number)
    assert ticket.status in ("returned", "assigned"), ticket.status
    assert not any("进展" in t and "城管" in t for t in told(running, rider, number))


def test_going_to_look_tonight_is_progress_told_to_the_reporter(running: Stack):
    # B144: "T1091 我晚上去看看" → the ticket's 详情, nothing recorded, the reporter not told
    rider = register(running, SENDERS[20])
    number = file_report(running, rider, "河畔花园649栋楼顶上有人养鸽子 臭得很")
    [answer] = say(running, assignee_phone(running, number), f"{number} 我晚上去看看")
    assert "处理中" in answer and "反映内容" not in answer, answer
    assert ticket_numbered(running, number).status == "in_progress"
    assert any("晚上去看看" in t for t in told(running, rider, number))


def test_the_duty_officers_invalid_ticket_closes_without_the_label_reaching_the_reporter(running: Stack):
    # B152: the long form got the 详情; the short form's reporter read "原因：无效工单"
    for n, words in enumerate(("无效工单 是问咋个核实上门的人 已经回复了 关掉", "无效工单 关掉")):
        rider = register(running, SENDERS[30 + n])
        number = call_back_ticket(running, rider)
        [answer] = say(running, DUTY_OFFICER, f"{number} {words}")
        assert "关闭" in answer, (words, answer)
        assert ticket_numbered(running, number).status == "cancelled"
        [heard] = [t for t in told(running, rider, number) if "已关闭" in t]
        assert "经核实不需要办理，已关闭" in heard and "无效" not in heard and "原因" not in heard, heard


def test_a_worker_with_many_tickets_in_hand_gets_his_list(running: Stack):
    # B55: "我手上有好多单子" → the staff menu
    rider = register(running, SENDERS[40])
    number = file_report(running, rider, "安居苑651栋垃圾桶满了 好几天没人收")
    answer = " ".join(say(running, assignee_phone(running, number), "我手上有好多单子"))
    # the whole suite gives 杨艳 many tickets: this one may be on a later page (更多)
    assert "待办工单" in answer and (number in answer or "更多" in answer), answer
