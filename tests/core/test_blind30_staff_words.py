"""Blind test 30: what a worker's words do to a ticket (W-B2, S17, B63)."""

import pytest

from bot.core.commands import worker_command


@pytest.mark.parametrize("text", ["T1065 师傅已经把阀门换了 下午通水", "T1065 修好了 明天来刷漆",
                                  "T1065 换好了 等配件到货再换表", "T1065 清理了 待通水"])
def test_a_job_with_work_still_to_come_keeps_the_ticket_open(text):
    assert worker_command(text, "").verb != "resolve"


@pytest.mark.parametrize("text", ["T1112 来电了", "T1113 撒了盐了 冰化了", "T1065 来水了", "T1065 搬走了",
                                  "T1065 修好了 明天不用来了", "T1017 已办结 环卫所下午全部清运了",
                                  "T1065 已办结 下午通水"])
def test_words_saying_the_problem_is_gone_resolve_the_ticket(text):
    assert worker_command(text, "").verb == "resolve"
