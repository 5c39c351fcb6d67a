"""Blind test 27 (docs/usertests/2026-12-06-blind15.md, rows A-B112b, A-B4, C8, A26, A29, A-B31, B79, A84), through
the gateway, the real engine and the real action server: how big or how dangerous, said right after a report, is
more of that report (never "请问在哪点？" and a second ticket); a question about the open report is answered with its
state and a safety question is answered, neither filed as a 补充; an object said alone while the bot waits is the
report's subject (never "没找到这个地方") and an opener word never starts the ticket; a second problem said as a
follow-up is its own ticket at the same place; and an alert never cuts the place mid-word.

Senders: +86139666220 … 259, in no other test; residents of 幸福社区第1网格 among them. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, file_report, live_at, say, ticket_numbered, tickets_of, told

pytestmark = pytest.mark.engine
GRID = "幸福社区第1网格"
SENDERS = [f"+86139666{n}" for n in range(220, 260)]


def _asked_where(replies: list[str]) -> bool:
    return any("在哪点" in r or "在哪里" in r for r in replies)


@pytest.mark.parametrize(("index", "report", "detail", "words"), [
    (0, "河畔花园57栋背后的围墙裂了一条大缝", "有一米多长 怕要垮", "一米多长"),  # A-B112b: a 2nd ticket
    (1, "安居苑57栋门口的路面塌了一个坑", "有脸盆那么大 都好几天了", "脸盆"),
    (2, "阳光小区57栋楼顶的水箱在漏水", "从昨天晚上就开始漏了 越漏越大", "昨天晚上"),
])
def test_how_big_or_how_dangerous_after_a_report_is_more_of_it(running: Stack, index: int, report: str,
                                                              detail: str, words: str):
    caller = SENDERS[index]
    number = file_report(running, caller, report)
    replies = say(running, caller, detail)
    assert not _asked_where(replies), replies
    assert [t.number for t in tickets_of(running, caller)] == [number], replies
    assert words in ticket_numbered(running, number).text


@pytest.mark.parametrize(("index", "asked"), [
    (5, "那个灯到底哪天修得好嘛"),  # A-B4: "已补充到工单T1041"
    (6, "啥时候来修哦"),
])
def test_a_question_about_the_open_report_is_answered_with_its_state(running: Stack, index: int, asked: str):
    resident = live_at(running, SENDERS[index], GRID, f"阳光小区{index + 53}栋101")
    lamp = file_report(running, resident, f"阳光小区{index + 53}栋门口的路灯坏了 晚上黑得很")
    replies = say(running, resident, asked)
    assert not any("补充" in r for r in replies) and any(lamp in r for r in replies), replies
    assert asked not in ticket_numbered(running, lamp).text


@pytest.mark.parametrize(("index", "report", "asked"), [
    (8, "抽烟的把垃圾桶点燃了 在冒烟 安居苑58栋门口", "用水泼得不"),  # C8: "已补充到工单T1096"
    (9, "河畔花园58栋楼道里的电线在冒火花", "能不能拿湿毛巾去盖"),
])
def test_a_safety_question_during_a_report_is_never_a_detail(running: Stack, index: int, report: str, asked: str):
    caller = SENDERS[index]
    number = file_report(running, caller, report)
    replies = say(running, caller, asked)
    assert replies and not any("补充" in r for r in replies), replies
    assert asked not in ticket_numbered(running, number).text


@pytest.mark.parametrize(("index", "said", "place", "thing", "opener"), [
    (12, ["家里", "厨房水管", "爆了 水到处流 漏到楼下了"], "河畔花园59栋", "厨房水管", "老师"),  # A26: 厨房水管 lost
    (13, ["老师", "我家天然气", "点不燃 饭都煮不成"], "安居苑59栋2单元", "天然气", "老师"),  # A29
    (14, ["嬢嬢", "屋头热水器", "坏了 洗不成澡"], "阳光小区59栋", "热水器", "嬢嬢"),
])
def test_an_object_said_alone_is_the_reports_subject_and_the_opener_is_dropped(
        running: Stack, index: int, said: list[str], place: str, thing: str, opener: str):
    caller = SENDERS[index]
    for text in said:
        replies = say(running, caller, text)
        assert not any("没找到这个地方" in r for r in replies), (text, replies)
    say(running, caller, place)
    [ticket] = tickets_of(running, caller)
    assert thing in ticket.text and not ticket.text.startswith(opener), ticket.text


@pytest.mark.parametrize(("index", "report", "second", "building"), [
    (16, "河畔花园60栋2单元楼道的灯坏了", "还有楼上那家半夜拖凳子 吵死了", "河畔花园60栋"),  # A-B31
    (17, "河畔花园61栋的电梯坏了 停在3楼不动", "还有单元门的门禁也坏了 谁都能进", "河畔花园61栋"),  # B79
    (18, "安居苑60栋门口的垃圾好几天没人收了", "门禁也坏了", "安居苑60栋"),
])
def test_a_second_problem_said_as_a_follow_up_is_its_own_ticket_there(running: Stack, index: int, report: str,
                                                                      second: str, building: str):
    caller = SENDERS[index]
    first = file_report(running, caller, report)
    replies = say(running, caller, second)
    assert not _asked_where(replies), replies
    tickets = tickets_of(running, caller)
    assert len(tickets) == 2 and tickets[0].number == first, replies
    assert tickets[1].place_text.startswith(building), tickets[1].place_text


@pytest.mark.parametrize(("index", "emergency", "place", "whole"), [
    # A84: the alert read "（在河畔花园7栋2单元20）"
    (20, "我屋头老头子突然倒了 叫不答应", "在河畔花园67栋2单元201", "河畔花园67栋2单元201"),
    (21, "我家老太婆摔倒了 起不来了 头在流血", "在安居苑67栋3单元1502", "安居苑67栋3单元1502"),
])
def test_an_alert_never_cuts_the_place_mid_word(running: Stack, index: int, emergency: str, place: str, whole: str):
    caller = SENDERS[index]
    say(running, caller, emergency)
    say(running, caller, place)
    [ticket] = tickets_of(running, caller)
    building = whole.split("栋")[0]
    notices = [n for n in told(running, assignee_phone(running, ticket.number), ticket.number) if building in n]
    assert notices and all(whole in n for n in notices), notices
