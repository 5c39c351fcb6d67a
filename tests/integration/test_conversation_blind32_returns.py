"""Blind test 32 (docs/usertests/2026-12-07-blind20.md), people coming back 35 minutes later about one of their
tickets, through the gateway, the real engine and the real action server:

- 咋个还莫得人来管 昨晚又剁到一点钟 with a 剁肉 ticket and a reopened 楼道灯 one acts on the 剁肉 one (L2);
- a rider's 井盖那个弄好没 … 还是莫得盖子 with a 电线 ticket newer gets the 井盖 ticket (L6);
- 水管修好没有 我们还没得水用 gets the pipe ticket with the worker's latest words, never "请问在哪点？" (L16);
- 居家养老那个有人联系我没 gets the open 居家养老 ticket's progress, not the knowledge answer (L17);
- 单元门锁那个师傅下午来不来嘛 repeats the worker's 下午来换, never a 催办 (B153);
- 网格员电话打不通 安居苑的 gives other ways to reach someone now, never a complaint ticket (B110).

Senders: +86139555530000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 561–579. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.store.models import Ticket
from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    file_report,
    register,
    say,
    session_of,
    tickets_of,
    understood,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395555300{n:02d}" for n in range(0, 100)]


def _status(stack: Stack, number: str) -> str:
    with session_of(stack) as s:
        return str(s.scalar(select(Ticket.status).where(Ticket.number == number)))


def test_a_return_naming_one_of_two_tickets_acts_on_that_one(running: Stack):
    resident = SENDERS[0]  # L2: the reopened 楼道灯 ticket was urged, not the 剁肉 one
    chop = file_report(running, resident, "安居苑561栋 楼上天天半夜剁肉 吵得睡不着")
    as_if_earlier(running, resident, 5)
    lamp = file_report(running, resident, "安居苑561栋楼道里的灯一闪一闪的 晚上怕摔跤")
    assert lamp != chop
    say(running, assignee_phone(running, lamp), f"{lamp} 已办结 灯泡换了")
    say(running, resident, "灯是亮了 好像还是有点闪")
    assert _status(running, lamp) == "reopened"
    as_if_earlier(running, resident, 35)
    replies = say(running, resident, "咋个还莫得人来管 昨晚又剁到一点钟")
    answer = understood(replies)
    assert chop in answer and lamp not in answer and "催办" in answer, replies


def test_a_rider_asking_after_the_manhole_gets_the_manhole_ticket(running: Stack):
    rider = register(running, SENDERS[10], "rider")  # L6: the newer 电线 ticket's status
    manhole = file_report(running, rider, "安居苑563栋门口 井盖莫得了 好危险")
    as_if_earlier(running, rider, 5)
    wire = file_report(running, rider, "河畔花园564栋门口 电线垂下来了 好低")
    assert wire != manhole
    as_if_earlier(running, rider, 35)
    replies = say(running, rider, "井盖那个弄好没 我刚才又路过 还是莫得盖子")
    answer = understood(replies)
    assert manhole in answer and wire not in answer, replies
    assert "催办" in answer, replies  # still no cover and nobody has said a word on it: urged too


def test_whether_the_pipe_is_mended_gets_the_workers_latest_words(running: Stack):
    resident = SENDERS[20]  # L16: "请问在哪点？"
    pipe = file_report(running, resident, "河畔花园566栋水管爆了 一直在漏水")
    say(running, assignee_phone(running, pipe), f"{pipe} 进度 已经关了总阀 师傅在换管子")
    as_if_earlier(running, resident, 35)
    replies = say(running, resident, "水管修好没有 我们还没得水用")
    answer = understood(replies)
    assert pipe in answer and "总阀" in answer, replies
    assert len(tickets_of(running, resident)) == 1, replies


def test_whether_anyone_called_about_home_care_gets_the_tickets_progress(running: Stack):
    resident = SENDERS[30]  # L17: the generic 居家养老 answer
    care = file_report(running, resident, "安居苑567栋 我妈八十多了一个人住 行动不便 想请社区安排居家养老上门照顾")
    say(running, assignee_phone(running, care), f"{care} 进度 明天上门评估")
    as_if_earlier(running, resident, 35)
    replies = say(running, resident, "居家养老那个有人联系我没")
    answer = understood(replies)
    assert care in answer and "评估" in answer, replies
    assert "助餐" not in answer, replies


@pytest.mark.parametrize(("n", "minutes"), [(40, 5), (41, 40)])
def test_whether_the_worker_comes_this_afternoon_repeats_his_words(running: Stack, n: int, minutes: int):
    resident = SENDERS[n]  # B153: "已催办工单T1004" and the progress not repeated
    lock = file_report(running, resident, f"河畔花园{528 + n}栋单元门锁坏了 关不上")
    say(running, assignee_phone(running, lock), f"{lock} 进度 下午来换")
    as_if_earlier(running, resident, minutes)
    replies = say(running, resident, "单元门锁那个师傅下午来不来嘛")
    answer = understood(replies)
    assert lock in answer and "下午来换" in answer, replies
    assert "催办" not in answer, replies


def test_a_grid_worker_not_answering_the_phone_gets_other_ways_to_reach_someone(running: Stack):
    stranger = SENDERS[50]  # B110: lodged as a complaint against the worker
    replies = say(running, stranger, "网格员电话打不通 安居苑的")
    answer = understood(replies)
    assert "0874-3112345" in answer and "意见" not in answer, replies
    assert tickets_of(running, stranger) == [], replies
