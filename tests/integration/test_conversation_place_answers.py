"""Blind test 10 (rows #2, #8, #17, #60, #83, #103), through the gateway, the real engine and the real action server:
while the bot asks an unknown number where, what comes next is no longer swallowed as the place. An introduction is
greeted and asked for the problem (its community kept for the place); a problem told in answer to "where?" is the
report's words, never a try at a place; abuse is answered calmly and is never a report nor a place; giving up drops the
report; a when-question about what they reported is answered with that ticket; a place said whole (安居苑二期7栋后面)
is kept whole and routed by its longest name.

Voices: numbers nobody registered (+8613999990210 … 215; 200 … 209 are test_conversation_corrections.py's), each
written as by no other test, and the grid workers and duty officer of the demo (shared: what is asserted of them is
about this module's tickets). Each conversation runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core import openers, triage
from tests.integration.stack import Stack
from tests.integration.talk import number_in, say, tickets_of, told
from tests.integration.test_conversation_riders import assignee_phone

pytestmark = pytest.mark.engine
STRANGERS = [f"+86139999902{n}" for n in range(10, 16)]  # not in the registry
AJ1_WORKER = "+8613700000005"  # 安居社区第1网格 (安居苑)
AJ2_WORKER = "+8613700000006"  # 安居社区第2网格 (安居苑二期)
HP_WORKER = "+8613700000009"  # 河滨社区第1网格 (河畔花园)
PLACE_ASKED = "请问在哪点"
NOT_FOUND = "没找到这个地方"


def test_an_introduction_is_greeted_and_the_problem_after_it_is_the_report_never_its_place(running: Stack):
    stranger = STRANGERS[0]
    [greeted] = say(running, stranger, "你好 我是安居社区的 搬过来两年了")
    assert greeted.startswith("您好") and "问题" in greeted and "工单" not in greeted, greeted
    [asked] = say(running, stranger, "我们那栋楼的电梯坏了半个月了")
    assert "工单" not in asked and "安居苑" in asked, asked  # which of 安居社区's grids: never filed on the problem
    number = number_in(say(running, stranger, "安居苑3栋"))
    [ticket] = tickets_of(running, stranger)
    assert ticket.number == number and "电梯坏了" in ticket.text and "搬过来" not in ticket.text, ticket.text
    assert ticket.place_text == "安居苑3栋" and ticket.category != "health", (ticket.place_text, ticket.category)
    assert assignee_phone(running, number) == AJ1_WORKER


def test_insults_and_giving_up_are_never_a_report_nor_a_place(running: Stack):
    stranger = STRANGERS[1]
    for insult in ("你们这些当官的都是饭桶 一天到晚不做事", "爬开", "关你啥子事"):
        [calm] = say(running, stranger, insult)
        assert PLACE_ASKED not in calm and NOT_FOUND not in calm and "工单" not in calm, (insult, calm)
    say(running, stranger, "算了 懒得跟你说")
    assert tickets_of(running, stranger) == []
    # A real report, then abuse and giving up while asked where: nothing filed, calm words.
    [asked] = say(running, stranger, "路灯坏了好几天了")
    assert PLACE_ASKED in asked, asked
    [calm] = say(running, stranger, "关你啥子事")
    assert NOT_FOUND not in calm and "工单" not in calm, calm
    [dropped] = say(running, stranger, "算了 懒得跟你说")
    assert "工单" not in dropped and NOT_FOUND not in dropped, dropped
    assert tickets_of(running, stranger) == []


def test_venting_then_giving_up_files_nothing_and_a_problem_told_when_asked_where_is_no_place(running: Stack):
    stranger = STRANGERS[2]
    [calm] = say(running, stranger, "你们这个破系统 真的是气死人 日你先人")
    assert calm == triage.CALM_REPLY, calm
    [calm] = say(running, stranger, "哪点都不是 就是骂你")
    assert NOT_FOUND not in calm and "工单" not in calm, calm
    [quiet] = say(running, stranger, "不说了")
    assert "工单" not in quiet, quiet
    assert tickets_of(running, stranger) == []
    # Calmer, a thing with no problem word: the problem told while asked where joins it and where is asked again.
    [asked] = say(running, stranger, "我们小区那个化粪池漫出来了")
    assert PLACE_ASKED in asked, asked
    [again] = say(running, stranger, "臭得很 好几天了")
    assert NOT_FOUND not in again and "工单" not in again and "哪" in again, again
    number = number_in(say(running, stranger, "河畔花园3栋"))
    [ticket] = tickets_of(running, stranger)
    assert ticket.number == number and "化粪池" in ticket.text and "臭得很" in ticket.text, ticket.text
    assert ticket.place_text == "河畔花园3栋"


def test_who_then_what_happened_then_where_is_one_report_with_the_whole_problem(running: Stack):
    stranger = STRANGERS[3]
    [what] = say(running, stranger, "我跟你说 我们楼上那家")
    assert "楼上那家怎么了" in what and PLACE_ASKED not in what, what
    [asked] = say(running, stranger, "天天半夜剁排骨 吵得睡不着")
    assert PLACE_ASKED in asked and NOT_FOUND not in asked, asked
    number = number_in(say(running, stranger, "河畔花园6栋"))
    [ticket] = tickets_of(running, stranger)
    assert ticket.number == number and "楼上那家" in ticket.text and "剁排骨" in ticket.text, ticket.text
    assert ticket.place_text == "河畔花园6栋"
    assert assignee_phone(running, number) == HP_WORKER
    assert any(f"新工单{number}" in n and "楼上那家" in n for n in told(running, HP_WORKER, number))


def test_an_opener_is_listened_to_and_a_place_said_whole_is_kept_whole(running: Stack):
    stranger = STRANGERS[4]
    [listening] = say(running, stranger, "同志 我给你说个事情")
    assert listening == openers.LISTENING, listening
    say(running, stranger, "安居苑二期7栋后面那个化粪池")
    say(running, stranger, "漫出来了 臭得很")
    [ticket] = tickets_of(running, stranger)
    assert "安居苑二期7栋后面" in ticket.place_text, ticket.place_text
    assert assignee_phone(running, ticket.number) == AJ2_WORKER  # 安居苑二期's grid, never 安居苑's


def test_a_when_question_about_their_report_is_answered_with_it_never_a_new_report(running: Stack):
    stranger = STRANGERS[5]
    number = number_in(say(running, stranger, "安居苑3栋的电梯坏了 停了好几天了"))  # theirs, or the one it joined
    before = len(tickets_of(running, stranger))
    [answer] = say(running, stranger, "电梯那个到底好久修得好嘛 我们老年人爬楼爬不动")
    assert number in answer and PLACE_ASKED not in answer, answer
    assert len(tickets_of(running, stranger)) == before
