"""Blind test 31 (docs/usertests/2026-12-07-blind19.md), questions about an open ticket that became a new ticket, a
催办 nobody asked for or a 补充, through the gateway, the real engine and the real action server:

- 投诉周网格员那个 有人理没得 asks after the open complaint, never makes a second one;
- 防水要等好久嘛 and 他到底是不是网格员嘛 ask, never urge;
- 水还有漂白粉味 洗澡要得不 is answered (showering is fine, do not drink it yet), and an OK (好嘛 明天就明天) is
  acknowledged, neither added to the ticket;
- 树枝锯了没得 信报箱那个呢 is answered for both tickets, and a done-yet question leads with the worker's words;
- 我是来反映问题的 / 你们是管事的吧 as a first message gets what to send.

Senders: +8613955547000 … 099, in no other test; places 安居苑 / 河畔花园 buildings 401–419. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, assignee_phone, file_report, say, tickets_of

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555470{n:02d}" for n in range(0, 100)]
LOST = ("没太看懂", "答不上", "请问在哪点")


def _no_added_or_urged(replies: list[str]) -> None:
    assert not any(w in r for r in replies for w in (*LOST, "已补充", "已催办")), replies


def test_asking_after_a_complaint_is_answered_with_its_state(running: Stack):
    resident = SENDERS[0]  # B87b: a second complaint ticket
    say(running, resident, "我要投诉周网格员 喊了三次都不来 河畔花园401栋的")
    [complaint] = tickets_of(running, resident)
    as_if_earlier(running, resident, 3)
    replies = say(running, resident, "投诉周网格员那个 有人理没得")
    assert any(complaint.number in r for r in replies), replies
    _no_added_or_urged(replies)
    assert len(tickets_of(running, resident)) == 1, replies


def test_how_long_to_wait_is_a_question_never_an_urge(running: Stack):
    resident = SENDERS[1]  # A22b: 防水要等好久嘛 → 已催办
    number = file_report(running, resident, "安居苑402栋顶楼漏雨 屋头盆盆都接满了")
    say(running, assignee_phone(running, number), f"{number} 进度 要先做防水 等天晴了来做")
    first = say(running, resident, "漏水那个咋样了 盆盆都接满了")
    assert any(number in r for r in first), first
    replies = say(running, resident, "防水要等好久嘛")
    assert any(number in r for r in replies) and any("天晴" in r for r in replies), replies
    _no_added_or_urged(replies)


def test_whether_the_visitor_was_a_grid_worker_is_never_an_urge(running: Stack):
    resident = SENDERS[2]  # A6-3a: 那个人走了 他到底是不是网格员嘛 → 已催办
    say(running, resident, "有人上门说是网格员 要我把存折拿出来给他登记 安居苑403栋的")
    as_if_earlier(running, resident, 10)
    replies = say(running, resident, "那个人走了 他到底是不是网格员嘛")
    assert not any("已催办" in r for r in replies), replies


def test_showering_in_water_smelling_of_bleach_is_answered(running: Stack):
    resident = SENDERS[3]  # A14-11b2: 洗澡要得不 was added to the ticket, unanswered
    number = file_report(running, resident, "安居苑404栋的自来水有股漂白粉味道")
    as_if_earlier(running, resident, 14)
    replies = say(running, resident, "水还有漂白粉味 洗澡要得不")
    answer = " ".join(replies)
    assert "洗澡" in answer and "喝" in answer and number in answer, replies
    assert not any(w in answer for w in LOST), replies


def test_an_ok_to_the_workers_words_is_acknowledged(running: Stack):
    resident = SENDERS[4]  # B2: 好嘛 明天就明天 → 已补充到工单
    number = file_report(running, resident, "安居苑405栋停水了 一早上都没得水")
    say(running, assignee_phone(running, number), f"{number} 进度 师傅在换阀门 明天才通得到水")
    as_if_earlier(running, resident, 3)
    replies = say(running, resident, "好嘛 明天就明天")
    assert replies and not any("已补充" in r or "已催办" in r for r in replies), replies
    assert not any(w in r for r in replies for w in LOST), replies


def test_two_tickets_asked_after_in_one_message_are_both_answered(running: Stack):
    resident = SENDERS[5]  # A-B187: only the 信报箱 ticket's state
    trees = file_report(running, resident, "河畔花园406栋门口树枝断了 挂起的 怕砸到人")
    say(running, assignee_phone(running, trees), f"{trees} 进度 下午找人来锯")
    boxes = file_report(running, resident, "河畔花园406栋的信报箱也烂了")
    assert boxes != trees
    as_if_earlier(running, resident, 5)
    replies = say(running, resident, "树枝锯了没得 信报箱那个呢")
    answer = " ".join(replies)
    assert trees in answer and boxes in answer, replies
    _no_added_or_urged(replies)
    assert len(tickets_of(running, resident)) == 2, replies


@pytest.mark.parametrize(("n", "message"), [
    (6, "我是来反映问题的"),  # B4b: "您目前没有在办的工单"
    (7, "你们是管事的吧"),  # B4: 没太看懂
    (8, "我想反映个问题"),
])
def test_someone_come_to_report_is_asked_what_and_where(running: Stack, n: int, message: str):
    replies = say(running, SENDERS[n], message)
    answer = " ".join(replies)
    assert "什么问题" in answer and "哪" in answer, replies
    assert "没有在办的工单" not in answer and not any(w in answer for w in LOST[:2]), replies


def test_whether_it_is_done_leads_with_the_workers_latest_words(running: Stack):
    # B103: "处理中…最新进展：…" (水压正常了 now closes the ticket: blind31_resolved; a note of work still going on)
    resident = SENDERS[9]
    number = file_report(running, resident, "河畔花园408栋水压好低 楼上都接不到水")
    say(running, assignee_phone(running, number), f"{number} 进度 换了个加压泵 晚上再看看")
    as_if_earlier(running, resident, 40)
    replies = say(running, resident, "水压好了没得")
    assert replies and "加压泵" in replies[0].split(number)[0], replies
