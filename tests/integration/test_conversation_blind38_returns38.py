"""Blind test 35 (docs/usertests/2026-12-07-blind23.md, rows B7, E14n, M8n, B168, DO3n, W21, RT3): returns and
follow-ups after a ticket or an answer, through the gateway, the real engine and the real action server:

- a question after a knowledge answer (我们那一批到底啥时候发嘛 after 搬迁补助啥时候发) is asked of that answer,
  never "您目前没有在办的工单" (B7); with nothing asked before, a status check of nothing still hears it;
- bad tap water said still bad 35 minutes after 已办结 (水还是有味道 到底能不能喝嘛) reopens the ticket for its
  holder and says not to drink it meanwhile (E14n);
- an all-clear beside a question (人早就出来了 电梯好久修得好) reaches the staff alerted and the question gets the
  ticket's state (M8n);
- a call awaited and asked after (网格员好久给我打电话) gets who will call, never "联系上就好" (B168), which only
  the call come (他打过来了) gets;
- a short relieved word after a closure (哦 那就好) gets a warm one, nothing filed (DO3n);
- thanks saying it is better under the rating request (现在没得油烟了 谢谢) are 满意, while 还是有点味道 谢谢 is
  not (W21);
- asked whether anyone came on a reopened ticket (灯还是黑的 有人来看过没得), the worker's words since or none, and an
  urge (RT3).

Senders: +86139555775000 … +86139555775999, in no other test; buildings 960–969. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import (
    as_if_earlier,
    assignee_phone,
    file_report,
    number_in,
    say,
    ticket_numbered,
    tickets_of,
    told,
    unnumbered,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555775{n:03d}" for n in range(1000)]
NO_TICKET = "没有在办的工单"


@pytest.mark.parametrize(("n", "question", "again"), [
    (0, "搬迁补助啥时候发", "我们那一批到底啥时候发嘛"),  # B7
    (1, "搬迁补助好久发", "那我们这批好久发得下来嘛"),
    (2, "搬迁补助啥时候发", "到底啥时候轮到我们那批嘛"),
])
def test_a_question_after_a_knowledge_answer_is_asked_of_it_never_no_open_ticket(running: Stack, n: int,
                                                                                question: str, again: str):
    caller = SENDERS[n]
    first = unnumbered(say(running, caller, question))
    assert "搬迁" in first, first
    as_if_earlier(running, caller, 8)
    replies = say(running, caller, again)
    said = unnumbered(replies)
    assert NO_TICKET not in said and "没太看懂" not in said, replies
    assert "搬迁" in said or "网格员" in said or "问" in said, replies
    assert not tickets_of(running, caller), replies


def test_a_status_check_with_nothing_asked_before_still_hears_there_is_no_ticket(running: Stack):
    caller = SENDERS[3]  # what B7's fix must not change
    said = unnumbered(say(running, caller, "查一下我的报事进度"))
    assert NO_TICKET in said, said


@pytest.mark.parametrize(("n", "report", "again"), [
    (10, "阳光小区960栋的自来水有股怪味道", "水还是有味道 到底能不能喝嘛"),  # E14n
    (11, "河畔花园960栋自来水有股漂白粉味", "自来水还是有股怪味 喝得不嘛"),
    (12, "安居苑960栋的自来水有点臭", "水还有点味道 能不能烧来喝嘛"),
])
def test_tap_water_still_bad_after_it_was_resolved_reopens_it_and_says_not_to_drink_it(running: Stack, n: int,
                                                                                     report: str, again: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} 已办结 水厂说是管道冲洗 现在已经好了")
    as_if_earlier(running, caller, 35)
    replies = say(running, caller, again)
    said = unnumbered(replies)
    assert NO_TICKET not in said, replies
    assert number in " ".join(replies) and "先别喝" in said, replies
    assert ticket_numbered(running, number).status == "reopened", replies
    assert any(again[:5] in m for m in told(running, worker, number)), "the worker never heard it"
    assert len(tickets_of(running, caller)) == 1, replies


@pytest.mark.parametrize(("n", "emergency", "clear"), [
    (20, "河畔花园961栋的电梯卡在5楼 里头有两个人", "人早就出来了 电梯好久修得好"),  # M8n
    (21, "安居苑961栋电梯停到半中间 里面关了个老人", "人早都出来了 电梯啥时候修得好嘛"),
    (22, "阳光小区961栋的电梯卡住了 里头有人", "人已经出来了 电梯好久能修好"),
])
def test_an_all_clear_beside_a_question_reaches_those_alerted_and_gets_the_state(running: Stack, n: int,
                                                                                emergency: str, clear: str):
    caller = SENDERS[n]
    say(running, caller, emergency)
    [ticket] = tickets_of(running, caller)
    number = ticket.number or ""
    assert ticket.severity == "critical", ticket
    as_if_earlier(running, caller, 35)
    replies = say(running, caller, clear)
    said = unnumbered(replies)
    assert "平安" in said and number in " ".join(replies), replies
    assert "情况紧急" not in said, replies
    assert any(clear in m for m in told(running, DUTY_OFFICER, number)), "the duty officer never heard it"
    assert len(tickets_of(running, caller)) == 1, replies


def test_a_question_alone_after_an_emergency_is_no_all_clear(running: Stack):
    caller = SENDERS[23]  # what M8n's fix must not do: 电梯好久修得好 says nobody is out
    say(running, caller, "河畔花园962栋的电梯卡在3楼 里头有个娃娃")
    [ticket] = tickets_of(running, caller)
    as_if_earlier(running, caller, 35)
    replies = say(running, caller, "电梯好久修得好")
    assert "平安" not in unnumbered(replies), replies
    assert not any("电梯好久修得好" in m for m in told(running, DUTY_OFFICER, ticket.number or "")), replies


@pytest.mark.parametrize(("n", "asked"), [
    (30, "网格员好久给我打电话"),  # B168
    (31, "咋个还没得人给我打电话"),
    (32, "网格员到底好久打过来嘛"),
])
def test_a_call_awaited_asked_after_says_who_will_call_never_contacted(running: Stack, n: int, asked: str):
    caller = SENDERS[n]
    task = number_in(say(running, caller, "我换了手机号 住在安居苑"))
    as_if_earlier(running, caller, 8)
    replies = say(running, caller, asked)
    said = unnumbered(replies)
    assert "联系上就好" not in said, replies
    assert "打电话给您" in said and task in " ".join(replies), replies


def test_only_the_call_come_is_contacted(running: Stack):
    caller = SENDERS[33]
    say(running, caller, "我换了手机号 住在安居苑")
    as_if_earlier(running, caller, 8)
    said = unnumbered(say(running, caller, "他打过来了"))
    assert "联系上就好" in said, said


@pytest.mark.parametrize(("n", "relief"), [
    (40, "哦 那就好"),  # DO3n
    (41, "那就放心了"),
    (42, "吓我一跳 没事就好"),
])
def test_a_relieved_word_after_a_closure_gets_a_warm_one_and_nothing_filed(running: Stack, n: int, relief: str):
    caller = SENDERS[n]
    number = file_report(running, caller, f"安居苑96{n - 40 + 3}栋有股烧焦的味道 是不是着火了")
    say(running, DUTY_OFFICER, f"{number} 误报 是楼下在烤红薯 关了")
    as_if_earlier(running, caller, 2)
    replies = say(running, caller, relief)
    said = unnumbered(replies)
    assert "没事就好" in said, replies
    assert "没太看懂" not in said and "请问在哪" not in said, replies
    assert len(tickets_of(running, caller)) == 1, replies


@pytest.mark.parametrize(("n", "report", "done", "thanks"), [
    (50, "河畔花园966栋楼下馆子的油烟大得很", "装了油烟净化器", "现在好些了 谢谢"),  # W21
    (51, "河畔花园967栋楼下饭馆油烟熏得受不了", "找老板说了 装了净化器", "现在没得油烟了 谢谢"),
    (52, "阳光小区966栋楼上空调一直往我家窗台滴水", "跟楼上说了 接了根管子", "现在不滴水了 多谢"),
])
def test_thanks_saying_it_is_better_under_the_rating_request_is_satisfied(running: Stack, n: int, report: str,
                                                                         done: str, thanks: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    say(running, assignee_phone(running, number), f"{number} 已办结 {done}")
    assert any("请评价" in m for m in told(running, caller, number))
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, thanks)
    ticket = ticket_numbered(running, number)
    assert ticket.rating == 1 and ticket.status == "closed", (replies, ticket.rating, ticket.status)


def test_still_smelling_with_thanks_is_never_satisfied(running: Stack):
    caller = SENDERS[53]  # what W21's fix must not do
    number = file_report(running, caller, "河畔花园968栋楼下馆子的油烟大得很")
    say(running, assignee_phone(running, number), f"{number} 已办结 装了油烟净化器")
    as_if_earlier(running, caller, 5)
    replies = say(running, caller, "还是有点味道 谢谢")
    ticket = ticket_numbered(running, number)
    assert ticket.rating != 1 and ticket.status == "reopened", (replies, ticket.rating, ticket.status)


@pytest.mark.parametrize(("n", "report", "asked", "since"), [
    (60, "阳光小区969栋楼道灯坏了", "灯还是黑的 有人来看过没得", ""),  # RT3
    (61, "河畔花园969栋的路灯不亮了", "路灯还是不亮 到底有人来看过没有嘛", ""),
    (62, "安居苑969栋楼道灯坏了", "灯还是黑的 有没得人来看过哦", "明天找电工来换"),
])
def test_asked_whether_anyone_came_on_a_reopened_ticket_says_what_was_done_since_and_urges(
        running: Stack, n: int, report: str, asked: str, since: str):
    caller = SENDERS[n]
    number = file_report(running, caller, report)
    worker = assignee_phone(running, number)
    say(running, worker, f"{number} 已办结 灯泡换了")
    as_if_earlier(running, caller, 5)
    say(running, caller, "不满意 灯还是不亮")
    if since:
        say(running, worker, f"{number} 进度 {since}")
    as_if_earlier(running, caller, 30)
    replies = say(running, caller, asked)
    said = " ".join(replies)
    assert number in said and "已补充" not in said, replies
    if since:
        assert since in said, replies
    else:
        assert "催办" in said, replies
    assert len(tickets_of(running, caller)) == 1, replies
