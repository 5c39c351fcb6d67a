"""Blind test 30's staff words and ratings (docs/usertests/2026-12-07-blind18.md, W-B2, B2, S17, W17, B71, A25,
A14-10a, A30a), through the gateway, the real engine and the real action server: a job with the water back only
this afternoon stays open and the reporter disputing a job called done reopens it; 来电了 closes it; where the duty
officer sent a reporter reaches him; a 2 saying the noise is back reopens it; thanks in a rating, or naming a worker,
reach her; two reports of one building's stair light in two categories are merged by the worker.

Voices: +8613955534001 … 099; places: buildings 141–159 of 安居苑 / 河畔花园. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, file_report, register, say, ticket_numbered, told

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555340{n:02d}" for n in range(1, 100)]
ZHOU_MING = "+8613700000009"  # 周明, 河滨社区第1网格 (河畔花园)


def test_work_still_to_come_keeps_it_open_and_the_reporter_disputing_a_job_called_done_reopens_it(
        running: Stack) -> None:
    # W-B2: "T1065 师傅已经把阀门换了 下午通水" → 已办结; B2: "水都还没来 咋个就说办好了" → "您目前没有在办的工单".
    rider = register(running, SENDERS[0])
    number = file_report(running, rider, "安居苑141栋停水了 一早上都莫得水")
    holder = assignee_phone(running, number)
    [answer] = say(running, holder, f"{number} 师傅已经把阀门换了 下午通水")
    assert "处理中" in answer and "办结" not in answer, answer
    assert ticket_numbered(running, number).status == "in_progress"
    assert any("下午通水" in t for t in told(running, rider, number))
    say(running, holder, f"{number} 已办结 阀门换好了")
    assert ticket_numbered(running, number).status == "resolved"
    [answer] = say(running, rider, "水都还没来 咋个就说办好了")
    assert "重新交办" in answer and number in answer, answer
    assert ticket_numbered(running, number).status == "reopened"
    assert any("水都还没来" in t for t in told(running, holder, number))


def test_power_back_resolves_the_ticket(running: Stack) -> None:
    # S17: "T1112 来电了" → 处理中.
    rider = register(running, SENDERS[1])
    number = file_report(running, rider, "河畔花园142栋停电了 整栋楼都没电")
    [answer] = say(running, assignee_phone(running, number), f"{number} 来电了")
    assert "办结" in answer, answer
    assert ticket_numbered(running, number).status == "resolved"


def test_where_the_duty_officer_sent_the_reporter_reaches_him(running: Stack) -> None:
    # W17: the reporter got only "经核实不需要办理，已关闭" (12333 never reached him).
    rider = register(running, SENDERS[2])
    number = file_report(running, rider, "河畔花园143栋旁边工地好几个月没发工资了 老板跑了")
    say(running, DUTY_OFFICER, f"{number} 无效工单 是劳资纠纷 已告诉他打12333")
    assert ticket_numbered(running, number).status == "cancelled"
    assert any("12333" in t and "他" not in t for t in told(running, rider, number))


def test_a_basic_rating_saying_the_noise_is_back_reopens_it(running: Stack) -> None:
    # B71: "2 今天晚上又在吵" → "感谢评价！工单T1117已完结。"
    rider = register(running, SENDERS[3])
    number = file_report(running, rider, "河畔花园144栋楼上那家天天半夜吵架 摔东西")
    holder = assignee_phone(running, number)
    say(running, holder, f"{number} 已办结 上门调解了")
    say(running, rider, "2 今天晚上又在吵")
    assert ticket_numbered(running, number).status == "reopened"
    assert any("又在吵" in t for t in told(running, holder, number))


def test_thanks_in_a_rating_reach_the_worker(running: Stack) -> None:
    # A25: "满意 李师傅手脚麻利 帮我谢谢他" → "感谢评价！工单T1019已完结。" (praise not passed on).
    rider = register(running, SENDERS[4])
    number = file_report(running, rider, "安居苑145栋门口路灯不亮了")
    holder = assignee_phone(running, number)
    say(running, holder, f"{number} 已办结 灯泡换好了")
    [answer] = say(running, rider, "满意 师傅手脚麻利 帮我谢谢他")
    assert "表扬已转告" in answer, answer
    assert any("表扬" in t and "手脚麻利" in t for t in told(running, holder, number))


def test_thanks_naming_a_worker_from_a_stranger_reach_her(running: Stack) -> None:
    # A14-10a: "感谢周网格员 上回帮我们把路灯修好了" → "不客气" only.
    stranger = SENDERS[5]
    before = len(running.outbox(ZHOU_MING))
    [answer] = say(running, stranger, "感谢周网格员 上回帮我们把河畔花园146栋路灯修好了")
    assert "周明" in answer or "转告" in answer, answer
    assert any("146栋路灯" in m["text"] for m in running.outbox(ZHOU_MING)[before:])


def test_two_reports_of_one_buildings_stair_light_in_two_categories_are_merged(running: Stack) -> None:
    # A30a: "T1027 跟T1026重复了 并到一起" → "反映人不同、类别也不同，不能并单".
    one, two = register(running, SENDERS[6]), register(running, SENDERS[7])
    older = file_report(running, one, "河畔花园147栋楼梯间的灯坏了")
    newer = file_report(running, two, "河畔花园147栋楼道灯不亮 黑黢黢的")
    assert newer != older and ticket_numbered(running, newer).category != ticket_numbered(running, older).category
    holder = assignee_phone(running, older)
    [answer] = say(running, holder, f"{newer} 跟{older}重复了 并到一起")
    assert answer.startswith(f"好的，工单{newer}已并入{older}"), answer
    assert ticket_numbered(running, newer).status == "merged"
