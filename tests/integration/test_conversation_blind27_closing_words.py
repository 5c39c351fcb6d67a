"""Blind test 27's closing words (docs/usertests/2026-12-06-blind15.md, A-B57e, B103b, B59c, B59d, A-B86a), through
the gateway, the real engine and the real action server: a worker's words of a finished job (坑已经填平了, 路灯杆已经
扶起来固定好了) resolve the ticket and the reporter's 👍 after it rates that ticket; a call-back ticket the duty
officer closes with 已办结 is done, never "经核实不需要办理"; a false-alarm reason that speaks of the reporter in the
third person (他是想要电话号码) never reaches the reporter; the duty officer's plan naming a colleague on a complaint
she holds ("这个我明天找周明谈一下") is no dispatch to that colleague.

Voices: +86139666180 … 219, in no other test (riders and passers-by); the duty officer and the grid workers (shared:
what is asserted of them is about this module's tickets). Each runs on SQLite and PostgreSQL."""

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
    told,
)

pytestmark = pytest.mark.engine
SENDERS = [f"+86139666{n:03d}" for n in range(180, 220)]


@pytest.mark.parametrize(("n", "report", "done"), [
    (0, "河畔花园63栋门口路上有个大坑 电瓶车差点摔了", "坑已经填平了"),
    (1, "安居苑63栋旁边的路灯杆被车撞歪了 要倒了", "路灯杆已经扶起来固定好了"),
])
def test_a_workers_words_of_a_finished_job_resolve_it_and_the_riders_thumbs_up_rates_it(
        running: Stack, n: int, report: str, done: str) -> None:
    # A-B57e, B103b: "工单T1027已记为处理中…", then the rider's 👍 → "您目前没有待评价的工单".
    rider = register(running, SENDERS[n])
    number = file_report(running, rider, report)
    [answer] = say(running, assignee_phone(running, number), f"{number} {done}")
    assert answer.startswith(f"工单{number}已办结"), answer
    assert any("评价" in t for t in told(running, rider, number))
    thanked = " ".join(say(running, rider, "👍 快"))
    assert "没有待评价" not in thanked and number in thanked, thanked
    assert ticket_numbered(running, number).rating == 1


def test_a_workers_plan_or_work_under_way_stays_progress(running: Stack) -> None:
    rider = register(running, SENDERS[2])
    number = file_report(running, rider, "河畔花园64栋门口的井盖翘起来了 绊脚")
    holder = assignee_phone(running, number)
    for words in ("在修了", "明天去修", "还没好 等配件", "已经在弄了"):
        [answer] = say(running, holder, f"{number} {words}")
        assert "已办结" not in answer, (words, answer)
    assert ticket_numbered(running, number).status == "in_progress"


def _call_back_ticket(running: Stack, n: int) -> tuple[str, str]:
    rider = register(running, SENDERS[n])
    unanswered = " ".join(say(running, rider, "出国护照在哪里办"))
    assert "答不上" in unanswered, unanswered
    return rider, number_in(say(running, rider, "1"))


def test_a_call_back_the_duty_officer_closes_as_done_is_done_never_needless(running: Stack) -> None:
    # B59c: "T1045 已办结 已回电说明了" → the caller read "经核实不需要办理，已关闭。原因：已回电说明了".
    rider, number = _call_back_ticket(running, 3)
    [answer] = say(running, DUTY_OFFICER, f"{number} 已办结 已回电说明了")
    assert "无效" not in answer and "已办结" in answer, answer
    heard = " ".join(told(running, rider, number))
    assert "不需要办理" not in heard and "已办结" in heard, heard
    assert ticket_numbered(running, number).status == "resolved"


def test_a_false_alarm_reason_about_the_reporter_never_reaches_him(running: Stack) -> None:
    # B59d: the reporter read "原因：误报 他是想要电话号码 已经告诉他了".
    rider, number = _call_back_ticket(running, 4)
    [answer] = say(running, DUTY_OFFICER, f"{number} 误报 他是想要电话号码 已经告诉他了")
    assert "误报" in answer, answer
    [heard] = [t for t in told(running, rider, number) if "已关闭" in t]
    assert "他" not in heard and "电话号码" not in heard and "原因" not in heard, heard


def test_the_duty_officers_plan_naming_a_colleague_is_no_dispatch(running: Stack) -> None:
    # A-B86a: "T1012 这个我明天找周明谈一下" dispatched the complaint to 周明; the complainant read "已交给周明办理".
    complainant = register(running, SENDERS[5])
    number = number_in(say(running, complainant, "河畔花园的网格员是个摆设 喊了几回都不来 我要告他"))
    before = ticket_numbered(running, number)
    heard = told(running, complainant, number)
    [answer] = say(running, DUTY_OFFICER, f"{number} 这个我明天找周明谈一下")
    assert "内部备注" in answer and "反映人不会收到" in answer and "已派给" not in answer, answer
    after = ticket_numbered(running, number)
    assert (after.assignee_id, after.status) == (before.assignee_id, before.status)
    assert told(running, complainant, number) == heard
