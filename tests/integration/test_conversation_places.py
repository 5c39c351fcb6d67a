"""Blind test 7's places and staff, through the gateway, the real engine and the real action server: a place
said first in a sentence (我在安居苑5栋这边) is the report's place and its worker's notice carries it; a place
corrected after the report (说错了 是5栋门口 不是3栋) becomes the corrected place alone, the assignee told; staff
writing to the bot never get the residents' privacy notice.

Voices: residents of 安居社区第4网格 (农贸市场; +8613900000150 … 160, written as by no other test module) in
dialect, and the grid workers (shared demo staff: what is asserted of them is about this test's tickets, or
holds for every message they were ever sent). Each conversation runs on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from bot.common.sms_parts import segments
from bot.messaging.notice import KIND as PRIVACY
from tests.integration.stack import Stack
from tests.integration.talk import number_in, say, tickets_of, told
from tests.integration.test_conversation_riders import assignee_phone

pytestmark = pytest.mark.engine
AJ4_RESIDENTS = [f"+86139{n:08d}" for n in range(150, 161)]  # 安居社区第4网格 (农贸市场)
AJ1_WORKER = "+8613700000005"  # 杨艳, 安居社区第1网格 (安居苑)
AJ4_WORKER = "+8613700000008"  # 安居社区第4网格


def details(stack: Stack, staff: str, number: str) -> str:
    """A ticket's 详情 as its staff member reads it (it may take two SMS parts)."""
    answered = stack.say(staff, f"{number} 详情")
    assert answered.status_code == 200, answered.text
    return "".join(answered.json()["replies"])


def test_a_place_said_first_in_a_sentence_is_the_reports_place_and_the_worker_is_told_it(running: Stack):
    resident = AJ4_RESIDENTS[0]
    [held] = say(running, resident, "我在安居苑5栋这边")
    assert "安居苑5栋" in held and "我在" not in held, held
    number = number_in(say(running, resident, "这里的井盖不晓得哪个偷了 好危险"))
    [ticket] = tickets_of(running, resident)
    assert ticket.number == number and ticket.place_text == "安居苑5栋"
    assert assignee_phone(running, number) == AJ1_WORKER  # the place's grid, not the home's
    [notice] = [t for t in told(running, AJ1_WORKER, number) if f"新工单{number}" in t]
    assert "安居苑5栋" in notice and segments(notice) == 1, notice
    shown = details(running, AJ1_WORKER, number)
    assert "安居苑5栋" in shown and "我在" not in shown, shown


def test_a_place_corrected_after_the_report_is_the_corrected_place_alone_and_the_assignee_hears_it(running: Stack):
    resident = AJ4_RESIDENTS[1]
    number = number_in(say(running, resident, "3栋门口下水道堵了 臭得很"))
    [fixed] = say(running, resident, "说错了 是5栋门口 不是3栋")
    assert number in fixed and "5栋门口" in fixed and "3栋" not in fixed, fixed
    [ticket] = tickets_of(running, resident)
    assert ticket.place_text == "5栋门口" and "说错了" not in ticket.text
    worker = assignee_phone(running, number)
    corrected = [t for t in told(running, worker, number) if "地点更正" in t]
    assert corrected and all("5栋门口" in t and "3栋" not in t for t in corrected), corrected
    shown = details(running, worker, number)
    assert "5栋门口" in shown and "说错了" not in shown, shown


def test_staff_writing_to_the_bot_never_get_the_residents_privacy_notice(running: Stack):
    resident = AJ4_RESIDENTS[2]
    say(running, resident, "你好")
    assert [m["kind"] for m in running.outbox(resident)].count(PRIVACY) == 1  # a resident is told, once
    number = number_in(say(running, resident, "菜市场门口的垃圾桶满了 好几天没人收"))
    worker = assignee_phone(running, number)
    for text in ("我的工单", f"收到 {number}", f"{number} 详情", "你好"):
        running.say(worker, text)
    assert PRIVACY not in [m["kind"] for m in running.outbox(worker)]
    for staff in (AJ4_WORKER, AJ1_WORKER):  # whoever of them wrote, in any test: never told
        assert PRIVACY not in [m["kind"] for m in running.outbox(staff)]
