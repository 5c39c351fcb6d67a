"""What blind test 4 found on the staff side, through the gateway, the real engine and the real action
server: notices within one SMS part with the whole problem by 详情, a withdrawal told to the worker and the
协办, a 退单 told to the reporter (and asked for its reason), a returned ticket not sent straight back to
the worker who returned it, the backup worker taking a ticket over, a number verification closed without a
rating request. Every behaviour runs on SQLite and on PostgreSQL.

Each test writes as residents of 幸福社区第4网格 (61–80) or numbers no other integration test uses; the
grid's worker, backup and the duty officer are shared, so what is asserted of them is about this test's
tickets."""

from __future__ import annotations

import pytest

from bot.common.sms_parts import segments
from tests.conftest import DUTY_OFFICER
from tests.integration.stack import Stack
from tests.integration.test_conversation_staff import (
    event_kinds,
    notices,
    number_in,
    replies,
    reply,
    ticket,
)

pytestmark = pytest.mark.engine

GRID_4_WORKER = "+8613700000004"  # 幸福社区第4网格, whose residents are +8613900000061 … 080
GRID_4_BACKUP = "+8613700000104"
AUX_POLICE = "+8613800001003"  # 幸福社区's auxiliary police: 协办 on 治安
LI_LEI = "+8613700000001"  # 幸福社区第1网格 (阳光小区)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_stack(request: pytest.FixtureRequest) -> Stack:
    return request.getfixturevalue("stack" if request.param == "sqlite" else "pg_stack")


def opened(stack: Stack, sender: str, text: str) -> str:
    said = replies(stack, sender, text)
    return number_in(said[-1])


def test_a_long_report_reaches_the_worker_in_one_sms_part_and_details_give_it_whole(any_stack: Stack):
    stack = any_stack
    text = "我们单元楼下那个路灯坏了好几天了 晚上黑黢黢的 老年人出门怕摔跤 上个星期就有人在那里崴了脚 麻烦快点来修一下"
    number = opened(stack, "+8613900000061", text)
    [notice] = notices(stack, GRID_4_WORKER, f"新工单{number}")
    assert segments(notice) == 1 and f"回复“{number} 详情”看全文" in notice, notice
    whole = replies(stack, GRID_4_WORKER, f"{number} 详情")
    assert "老年人出门怕摔跤" in "".join(whole) and "麻烦快点来修一下" in "".join(whole)
    assert sum(segments(part) for part in whole) <= 2


def test_a_withdrawal_after_the_worker_accepted_cancels_it_and_tells_the_worker_and_the_co_handler(
        any_stack: Stack):
    stack = any_stack
    number = opened(stack, "+8613900000062", "楼上那家天天半夜打麻将 吵得我们睡不着觉")
    assert "治安" in ticket_category_notice(stack, number)
    assert "已接单" in reply(stack, GRID_4_WORKER, f"收到 {number}")
    answer = reply(stack, "+8613900000062", "算了 不报了 他们已经不打了")
    assert number in answer and "撤销" in answer
    assert ticket(stack, number)["status"] == "cancelled"
    assert any("撤销" in n for n in notices(stack, GRID_4_WORKER, number))
    assert any("撤销" in n for n in notices(stack, AUX_POLICE, number))


def ticket_category_notice(stack: Stack, number: str) -> str:
    return notices(stack, GRID_4_WORKER, f"新工单{number}")[0]


def test_a_return_asks_for_its_reason_and_the_reporter_hears_it_is_passed_on(any_stack: Stack):
    stack = any_stack
    reporter = "+8613900000063"
    number = opened(stack, reporter, "我们单元门口的垃圾好几天没人收了 臭得很")
    asked = reply(stack, GRID_4_WORKER, f"退单 {number}")
    assert "理由" in asked and ticket(stack, number)["status"] == "assigned"
    assert "已退回" in reply(stack, GRID_4_WORKER, f"退单 {number} 这个归环卫所管 不归社区")
    told = [n for n in notices(stack, reporter, number) if "转交" in n]
    assert told and len(told[-1]) <= 70 and "13700000003" not in told[-1]
    assert any("环卫所" in n for n in notices(stack, DUTY_OFFICER, number))


def test_a_returned_ticket_goes_back_to_the_worker_who_returned_it_only_when_confirmed(any_stack: Stack):
    stack = any_stack
    number = opened(stack, "+8613900000064", "楼下人行道的地砖翘起来了 好几个人绊倒了")
    reply(stack, GRID_4_WORKER, f"退单 {number} 归市政管 不归社区")
    asked = reply(stack, DUTY_OFFICER, f"{number} 派给 幸福社区第4网格")
    assert "退回" in asked and "市政" in asked and "确认" in asked
    assert ticket(stack, number)["status"] == "returned"
    done = reply(stack, DUTY_OFFICER, f"{number} 派给 幸福社区第4网格 确认")
    assert "已派给" in done and ticket(stack, number)["assignee"] == GRID_4_WORKER


def test_the_backup_worker_takes_a_ticket_over_and_the_worker_and_reporter_are_told(any_stack: Stack):
    stack = any_stack
    reporter = "+8613900000065"
    number = opened(stack, reporter, "楼道里的水管漏水了 滴了一晚上")
    refused = reply(stack, "+8613700000002", f"{number} 我来处理")  # another grid's worker
    assert "备岗" in refused and ticket(stack, number)["assignee"] == GRID_4_WORKER
    taken = reply(stack, GRID_4_BACKUP, f"{number} 我来处理")
    assert "接手" in taken
    assert (ticket(stack, number)["assignee"], ticket(stack, number)["status"]) == (GRID_4_BACKUP, "acknowledged")
    assert "taken_over" in event_kinds(stack, number)
    assert any("接手" in n for n in notices(stack, GRID_4_WORKER, number))
    assert any("改由" in n for n in notices(stack, reporter, number))


def test_a_number_verification_is_closed_without_a_rating_request_or_the_old_number(any_stack: Stack):
    stack = any_stack
    new_number = "+8613999990131"
    number = opened(stack, new_number, "我是阳光小区的，换了号码")
    done = reply(stack, LI_LEI, f"{number} 已办结 原号13900000019")
    assert "已改用新号码" in done
    told = notices(stack, new_number)
    assert not any("评价" in n or "13900000019" in n for n in told), told
    assert any("登记已改用这个号码" in n for n in told)
    assert ticket(stack, number)["status"] == "closed"
