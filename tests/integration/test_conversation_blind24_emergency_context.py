"""Blind test 24: an open emergency no longer takes over its reporter's later messages (A44, B69, B70, B76), an answer
to "where?" that says what happened too updates the emergency (A14), and 撤销 first is a withdrawal, not a place
correction (B116); through the gateway, the real engine and the real action server.

Voices: residents of 幸福社区第1网格 with a household address (+8613900000360 …), passers-by not in the registry
(+8613999990541 …), the grid worker holding their tickets, the community secretary. Each conversation runs on
SQLite and on PostgreSQL with senders no other test uses."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.store.models import Person
from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.talk import (
    assignee_phone,
    file_report,
    live_at,
    raised,
    say,
    session_of,
    ticket_numbered,
    tickets_of,
    told,
)

pytestmark = pytest.mark.engine
GRID = "幸福社区第1网格"
RESIDENTS = [f"+86139{n:08d}" for n in range(360, 370)]  # registered here, in no other test
PASSERS_BY = [f"+86139999905{n:02d}" for n in range(41, 61)]  # not in the registry
SECRETARY = "+8613800001001"  # 幸福社区's
OTHER_GRID_WORKER = "+8613700000002"  # 幸福社区第2网格's
CALM = "别着急"


def person_named(stack: Stack, phone: str) -> str:
    with session_of(stack) as s:
        return str(s.scalar(select(Person.name).where(Person.phone == phone)))


def fallen(stack: Stack, index: int, building: int) -> tuple[str, str]:
    """A resident at home whose old man fell (an emergency sent to the registered home): (phone, its number)."""
    resident = live_at(stack, RESIDENTS[index], GRID, f"阳光小区{building}栋101")
    say(stack, resident, "我家老头子在厕所头摔了 爬不起来")
    [fall] = tickets_of(stack, resident)
    assert raised(stack, fall)
    return resident, str(fall.number)


def test_questions_about_another_ticket_or_a_person_are_answered_while_an_emergency_is_open(running: Stack):
    # A44, B69, B70: "师傅啥子时候来嘛", "垃圾那个转到哪个那去了", "张涛是哪个嘛" → "别着急，已通知值班人员处置。…".
    resident, fall = fallen(running, 0, 8)
    rubbish = file_report(running, resident, "我想反映个事 垃圾好久都没人收了 臭得很")
    assert rubbish != fall
    say(running, assignee_phone(running, rubbish), f"{rubbish} 进度 已联系环卫 明天来拉")
    [answer] = say(running, resident, "师傅啥子时候来嘛")
    assert rubbish in answer and "明天来拉" in answer and CALM not in answer, answer
    other = person_named(running, OTHER_GRID_WORKER)
    say(running, SECRETARY, f"{rubbish} 转给 {other}")
    assert assignee_phone(running, rubbish) == OTHER_GRID_WORKER
    [answer] = say(running, resident, "垃圾那个转到哪个那去了")
    assert rubbish in answer and other in answer and CALM not in answer, answer
    [answer] = say(running, resident, f"{other}是哪个嘛")
    assert answer.startswith(f"{other}是幸福社区第2网格的网格员") and CALM not in answer, answer
    assert ticket_numbered(running, fall).status not in ("resolved", "closed", "cancelled")
    assert not any("垃圾" in n or other in n for n in told(running, DUTY_OFFICER, fall))


def test_a_staff_member_asked_about_while_an_emergency_is_open_is_named_with_their_grid(running: Stack):
    # B70's question about someone on none of the resident's tickets: who they are, never the calm words.
    resident, fall = fallen(running, 1, 9)
    other = person_named(running, OTHER_GRID_WORKER)
    [answer] = say(running, resident, f"{other}是哪个嘛")
    assert answer.startswith(f"{other}是幸福社区第2网格的网格员") and CALM not in answer, answer
    assert not any(other in n for n in told(running, DUTY_OFFICER, fall))


def test_saying_the_lamp_need_not_be_fixed_withdraws_the_lamp_ticket_not_news_of_the_emergency(running: Stack):
    # B76: "我那个楼道灯的不用来了哈 灯自己又亮了" → "大家平安就好…", the duty officer told it of T1024; T1037 open.
    resident, fall = fallen(running, 2, 10)
    lamp = file_report(running, resident, "我们楼道头的灯又不亮了 黑黢黢的 莫得法走")
    replies = say(running, resident, "我那个楼道灯的不用来了哈 灯自己又亮了")
    assert any(lamp in r and "撤销" in r for r in replies) and not any("平安" in r for r in replies), replies
    assert ticket_numbered(running, lamp).status == "cancelled"
    assert ticket_numbered(running, fall).status not in ("resolved", "closed", "cancelled")
    assert not any("楼道灯" in n for n in told(running, DUTY_OFFICER, fall))


def test_the_answer_to_where_with_what_happened_updates_the_same_emergency(running: Stack):
    # A14: "救命啊" → "在哪里？" → "人民公园门口 有个人把我手机抢了跑了" → "请问在哪点？…": robbery and place lost.
    caller = PASSERS_BY[0]
    say(running, caller, "救命啊")
    [help_call] = tickets_of(running, caller)
    assert raised(running, help_call)
    replies = say(running, caller, "人民公园门口 有个人把我手机抢了跑了")
    assert any("人民公园门口" in r for r in replies) and not any("请问在哪点" in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert ticket.place_text == "人民公园门口" and "手机抢了" in ticket.text, (ticket.place_text, ticket.text)
    notices = told(running, DUTY_OFFICER, ticket.number or "")
    assert any("人民公园门口" in n and "手机抢了" in n for n in notices), notices


def test_撤销_first_withdraws_the_report_never_moves_it(running: Stack):
    # B116: "撤销 我搞错了 是隔壁小区的" → "好的，工单T1068的地点已改为“隔壁小区”…", not withdrawn.
    caller = PASSERS_BY[1]
    pipe = file_report(running, caller, "河畔花园7栋 水管爆了 水冲起好高")
    replies = say(running, caller, "撤销 我搞错了 是隔壁小区的")
    assert any(pipe in r and "撤销" in r for r in replies) and not any("地点已改" in r for r in replies), replies
    withdrawn = ticket_numbered(running, pipe)
    assert withdrawn.status == "cancelled" and withdrawn.place_text != "隔壁小区", withdrawn.place_text
