"""Blind test 30 (docs/usertests/2026-12-07-blind18.md): residents coming back to a report, minutes or an hour
later — through the gateway, the real engine and the real action server:

- whether a thing is done or someone has come yet (电梯修好没得, 冰化了没得 我要出门, 警察来了没) is answered with the
  ticket's state and latest progress, never added to it nor asked where;
- the problem back again days later (杂物又堆起了) is filed where it was reported before, never asked where.

Senders: +8613955520001 … 099, in no other test; places 安居苑96栋, 河畔花园96栋, where no other test files. Each
runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import as_if_earlier, assignee_phone, file_report, say, tickets_of

pytestmark = pytest.mark.engine
SENDERS = [f"+86139555200{n:02d}" for n in range(1, 100)]
WHERE = "请问在哪点"


def _answered_with_state(replies: list[str], number: str) -> None:
    assert any(number in r for r in replies), replies
    assert not any(WHERE in r or "补充" in r for r in replies), replies


def test_whether_it_is_mended_an_hour_later_is_answered_with_its_state(running: Stack):
    resident = SENDERS[0]  # B56: "电梯修好没得" 40 minutes on was asked where
    number = file_report(running, resident, "安居苑96栋电梯坏了 我七十多了爬不上去")
    as_if_earlier(running, resident, 40)
    _answered_with_state(say(running, resident, "电梯修好没得"), number)
    assert len(tickets_of(running, resident)) == 1


@pytest.mark.parametrize(("n", "report", "progress", "asked"), [
    (1, "河畔花园96栋门口那个坡结冰了 好几个人摔了", "撒了盐了 冰在化了", "冰化了没得 我要出门"),  # B63: 补充
    (2, "安居苑96栋隔壁一股怪味 好几天没见人出来了", "敲门没人应 已经报了110", "警察来了没"),  # B54: 补充
])
def test_whether_it_is_done_or_someone_came_is_answered_with_the_latest_progress(running: Stack, n: int, report: str,
                                                                                 progress: str, asked: str):
    resident = SENDERS[n]
    number = file_report(running, resident, report)
    say(running, assignee_phone(running, number), f"{number} 进度 {progress}")
    replies = say(running, resident, asked)
    _answered_with_state(replies, number)
    assert any(progress in r for r in replies), replies


def test_a_problem_back_again_later_is_filed_where_it_was_before(running: Stack):
    resident = SENDERS[3]  # B90: "杂物又堆起了" after 已办结 was asked where
    number = file_report(running, resident, "河畔花园96栋楼道里堆的杂物 过不得人")
    say(running, assignee_phone(running, number), f"{number} 已办结 杂物清理了")
    say(running, resident, "满意")
    as_if_earlier(running, resident, 60 * 24)
    replies = say(running, resident, "杂物又堆起了 楼道都堵了")
    assert not any(WHERE in r for r in replies), replies
    tickets = tickets_of(running, resident)
    assert len(tickets) == 2 and "河畔花园96栋" in (tickets[1].place_text or ""), (replies, tickets[1].place_text)
