"""Blind test 32's smaller failures (docs/usertests/2026-12-07-blind20.md, A78, A44, A100, S1, S2, B27, B158), through
the gateway, the real engine and the real action server:

- an elder's birthday (我屋头老人今天过生 八十八了) or a grandson turning ten congratulates the family, never the
  sender, never 帮不上忙; an elder's birthday asked about (社区有没得啥子表示) gets the wishes and the 高龄补贴;
- a grid worker's 摊子劝走了 / 鞋柜搬进屋了 resolves the ticket and asks the reporter to rate it; 明天搬, 还没搬走 stay
  progress;
- 楼上那个水管换好了 不漏了 谢谢杨网格员 answering the rating request is 满意, the praise reaching the worker;
- the duty officer's 已经让他去医院了 reaches the reporter as 建议您去医院, never 建议您去医院了.

Senders: +86139555570000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 621–639. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import (
    assignee_phone,
    file_report,
    number_in,
    register,
    say,
    ticket_numbered,
    tickets_of,
    told,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555570{n:02d}" for n in range(0, 100)]
LOST = ("没太看懂", "答不上", "帮不上", "请问在哪点")


def test_a_family_members_birthday_congratulates_the_family(running: Stack):
    # A78: "祝您生日快乐" (the elder's birthday as the sender's); A44: "这个我帮不上忙"
    for n, text in enumerate(("我屋头老人今天过生 八十八了", "今天我孙子满十岁", "外婆今天满八十了")):
        stranger = SENDERS[n]
        answer = " ".join(say(running, stranger, text))
        assert "寿星" in answer and "祝您生日快乐" not in answer, (text, answer)
        assert not any(w in answer for w in LOST), (text, answer)
        assert tickets_of(running, stranger) == []


def test_an_elders_birthday_asked_about_gets_the_old_age_allowance(running: Stack):
    # A100: "我爷爷下礼拜满九十 社区有没得啥子表示" → the service station's office hours
    for n, text in enumerate(("我爷爷下礼拜满九十 社区有没得啥子表示", "我妈下个月过八十大寿 社区送不送东西"), start=3):
        stranger = SENDERS[n]
        answer = " ".join(say(running, stranger, text))
        assert "寿星" in answer and "高龄补贴" in answer and "9点到17点" not in answer, (text, answer)
        assert tickets_of(running, stranger) == []


def test_a_stall_persuaded_away_resolves_the_ticket(running: Stack):
    # S1: "T1021 摊子劝走了" → "工单T1021已记为处理中"
    rider = register(running, SENDERS[10])
    number = file_report(running, rider, "河畔花园621栋门口有人摆摊卖菜 把路都堵了")
    [answer] = say(running, assignee_phone(running, number), f"{number} 摊子劝走了")
    assert "办结" in answer and "处理中" not in answer, answer
    assert ticket_numbered(running, number).status == "resolved"
    assert any("评价" in t for t in told(running, rider, number))


def test_a_shoe_cabinet_moved_in_resolves_the_ticket_and_moving_planned_does_not(running: Stack):
    # S2: "T1023 鞋柜搬进屋了" → 处理中, the reporter got "进展：鞋柜搬进屋了" and no rating request
    rider = register(running, SENDERS[11])
    number = file_report(running, rider, "安居苑622栋楼道里有家人把鞋柜摆在过道上 过不去")
    holder = assignee_phone(running, number)
    for words in ("明天搬", "还没搬走 在催"):
        [answer] = say(running, holder, f"{number} 鞋柜{words}")
        assert "办结" not in answer, (words, answer)
    assert ticket_numbered(running, number).status == "in_progress"
    [answer] = say(running, holder, f"{number} 鞋柜搬进屋了")
    assert "办结" in answer, answer
    assert ticket_numbered(running, number).status == "resolved"
    assert any("评价" in t for t in told(running, rider, number))


def test_thanks_for_the_job_done_answering_the_rating_request_rate_it_and_reach_the_worker(running: Stack):
    # B27: after 办结, "楼上那个水管换好了 不漏了 谢谢杨网格员" → "不客气，有事随时找我们。" (no rating, no praise)
    rider = register(running, SENDERS[12])
    number = file_report(running, rider, "楼上漏水漏到我家了 安居苑623栋302")
    holder = assignee_phone(running, number)
    say(running, holder, f"{number} 已办结 水管换好了")
    assert ticket_numbered(running, number).status == "resolved"
    answer = " ".join(say(running, rider, "楼上那个水管换好了 不漏了 谢谢杨网格员"))
    assert number in answer and "表扬已转告" in answer and "不客气" not in answer, answer
    ticket = ticket_numbered(running, number)
    assert (ticket.status, ticket.rating) == ("closed", 1)
    assert any("表扬" in t and "不漏了" in t for t in told(running, holder, number))


def test_thanks_with_the_job_still_undone_give_no_satisfied_rating(running: Stack):
    rider = register(running, SENDERS[13])
    number = file_report(running, rider, "河畔花园624栋楼道灯不亮了 黑黢黢的")
    say(running, assignee_phone(running, number), f"{number} 已办结 灯泡换好了")
    say(running, rider, "谢谢你们 但是灯还是不亮")
    assert ticket_numbered(running, number).rating != 1


def test_where_the_duty_officer_sent_the_reporter_reads_as_advice(running: Stack):
    # B158: the reporter read "…经核实不需要办理，已关闭。建议您去医院了。"
    rider = register(running, SENDERS[14])
    unanswered = " ".join(say(running, rider, "出国护照在哪里办"))
    assert "答不上" in unanswered, unanswered
    number = number_in(say(running, rider, "1"))
    say(running, DUTY_OFFICER, f"{number} 无效工单 是问发烧的 已经让他去医院了 关了")
    assert ticket_numbered(running, number).status == "cancelled"
    [heard] = [t for t in told(running, rider, number) if "已关闭" in t]
    assert "建议您去医院。" in heard and "他" not in heard, heard
