"""Blind test 35 (docs/usertests/2026-12-07-blind23.md, item 2; rows E1, W10n, B147, Q22n, Q23n, RT3, E14n, N7, E8n):
"when will he come?" after a worker's promise, and the reporter's 35-minute returns, through the gateway, the real
engine and the real action server:

- after the worker's words reached her (下午过来看), 师傅下午几点来嘛 gets her ticket with his words and is passed
  on to him, never "这个我帮不上忙" nor "没太看懂" (E1, W10n, B147);
- her open trouble said again at 35 minutes urges her ticket, never a second one nor "帮不上忙" (Q22n, Q23n, N7, E8n).

Senders: +86139555760000 … +86139555760099, in no other test; buildings 920–929. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    bare,
    file_report,
    say,
    tickets_of,
    told,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+861395557600{n:02d}" for n in range(100)]
REFUSALS = ("帮不上忙", "没太看懂", "没有在办的工单")


def _said(replies: list[str]) -> str:
    return " ".join(bare(r) for r in replies) + " " + " ".join(replies)


@pytest.mark.parametrize(("n", "report", "words", "ask"), [
    (0, "阳光小区920栋厨房下水道堵了 水下不去", "下午过来看", "师傅下午几点来嘛"),  # E1
    (1, "阳光小区921栋楼道墙皮掉了一大块", "收到 我下午过去看", "下午几点来嘛"),  # W10n
    (2, "河畔花园922栋门口有辆车停了几个月都没动过", "找到车主了 他说下周开走", "车主说啥时候挪"),  # B147
    (3, "安居苑923栋楼道灯坏了", "进度 已经联系电工明天来", "电工明天好久来嘛"),
    (4, "阳光小区924栋的水管漏水", "明天上午过来修", "到底哪天来修嘛"),
])
def test_when_will_he_come_after_his_promise_answers_with_his_words_never_a_refusal(running: Stack, n: int,
                                                                                     report: str, words: str,
                                                                                     ask: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} {words}")
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, ask)
    said = _said(replies)
    assert not any(r in said for r in REFUSALS), replies
    assert number in said, replies
    promise = words.removeprefix("收到 ").removeprefix("进度 ")
    assert promise in said, replies
    assert any(ask in m for m in told(running, worker, number)), "the question never reached the worker"
    assert len(tickets_of(running, caller)) == 1, replies


@pytest.mark.parametrize(("n", "report", "again"), [
    (10, "安居苑925栋门口有人摆摊卖菜 把路都堵了", "今天摆摊的又来了"),  # Q22n
    (14, "安居苑927栋楼下天天有小贩摆地摊 过都过不去", "那些小贩今天又来了"),
    (15, "安居苑928栋门口有人摆摊 把消防通道堵了", "摊摊还是摆起的 路都走不通"),
    (11, "河畔花园925栋路边有棵树快倒了 风一吹就晃", "树还是歪起的 没人来砍"),  # Q23n
    (12, "阳光小区926栋有人遛狗不捡狗屎", "还是到处都是狗屎"),  # N7
    (13, "安居苑926栋电梯三天两头坏 老年人爬楼遭不住", "电梯今天又停了"),  # E8n
])
def test_her_open_trouble_again_at_35_minutes_urges_her_ticket(running: Stack, n: int, report: str, again: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    worker = assignee_phone(running, number)
    as_if_earlier(running, caller, 35)
    replies = say(running, caller, again)
    said = _said(replies)
    assert not any(r in said for r in REFUSALS), replies
    assert number in said and "催办" in said, replies
    assert len(tickets_of(running, caller)) == 1, replies
    assert any("催" in m or again[:4] in m for m in told(running, worker, number)), "the worker never heard of it"


def test_another_trouble_at_the_stall_report_place_is_its_own_ticket(running: Stack):
    caller = SENDERS[16]  # what Q22n's fix must not catch: another thing where the stalls were
    stall = file_report(running, caller, "安居苑929栋门口有人摆摊卖菜 把路都堵了")
    as_if_earlier(running, caller, 35)
    replies = say(running, caller, "安居苑929栋门口的路灯又不亮了")
    assert not any(stall in r and "催办" in r for r in replies), replies
    assert len(tickets_of(running, caller)) == 2, replies


@pytest.mark.parametrize(("n", "report", "again"), [
    (20, "阳光小区920栋楼道灯坏了", "灯还是黑的 有人来看过没得"),  # RT3
    (21, "阳光小区921栋的路灯不亮了", "路灯还是不亮 有人来修过没有"),
])
def test_asking_whether_anyone_came_on_a_reopened_ticket_says_its_state_and_urges(running: Stack, n: int,
                                                                                   report: str, again: str):
    caller = SENDERS[n]  # RT3: "已补充到工单T1039，已转告承办人。" (nobody had come: not said)
    number = file_report(running, caller, report)
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} 已办结 灯泡换了")
    as_if_earlier(running, caller, 5)
    say(running, caller, "不满意 灯还是不亮")
    as_if_earlier(running, caller, 35)
    replies = say(running, caller, again)
    said = _said(replies)
    assert number in said and "已补充" not in said and "催办" in said, replies
    assert len(tickets_of(running, caller)) == 1, replies
