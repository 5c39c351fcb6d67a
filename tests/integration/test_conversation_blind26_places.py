"""Blind test 26 (docs/usertests/2026-12-06-blind14.md, rows A68, B31, B102, B22), through the gateway, the real
engine and the real action server: a unit said instead corrects only the unit of the place (never "地点更正为：2单元"),
a neighbour's problem said right after a report is at that report's building (never "请问在哪点？"), an elder asking
for help at home is sent to the grid worker (never "答不上"), and the village board is shown to a number not in the
registry (never only "还没登记").

Senders: passers-by not in the registry, +86139777980 … 999, in no other test. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from bot.core import public_board
from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, file_report, say, tickets_of, told

pytestmark = pytest.mark.engine
SENDERS = [f"+86139777{n}" for n in range(980, 1000)]


@pytest.mark.parametrize(("index", "report", "correction", "place"), [
    (0, "安居苑41栋1单元楼道的灯不亮了", "不是1单元 是2单元", "安居苑41栋2单元"),  # A68: "地点更正为：2单元"
    (1, "河畔花园41栋2单元门口的下水道堵了 臭得很", "不是2单元 是3单元", "河畔花园41栋3单元"),
])
def test_a_unit_said_instead_corrects_only_the_unit_of_the_place(running: Stack, index: int, report: str,
                                                                 correction: str, place: str):
    caller = SENDERS[index]
    number = file_report(running, caller, report)
    replies = say(running, caller, correction)
    assert any(place in r for r in replies), replies
    [ticket] = tickets_of(running, caller)
    assert ticket.place_text.startswith(place), ticket.place_text
    assert any(place in n for n in told(running, assignee_phone(running, number), number) if "更正" in n)


@pytest.mark.parametrize(("index", "report", "neighbour", "building"), [
    (4, "安居苑42栋门口的垃圾堆了好几天了 臭得很", "还有楼上那家天天半夜打麻将 吵得睡不着", "安居苑42栋"),  # B31
    (5, "阳光小区41栋2单元楼道的灯坏了", "还有隔壁那家天天在楼道里烧东西 熏得很", "阳光小区41栋2单元"),
])
def test_a_neighbours_problem_after_a_report_is_at_that_reports_building(running: Stack, index: int, report: str,
                                                                        neighbour: str, building: str):
    caller = SENDERS[index]
    first = file_report(running, caller, report)
    replies = say(running, caller, neighbour)
    assert not any("在哪点" in r or "在哪里" in r for r in replies), replies
    tickets = tickets_of(running, caller)
    assert len(tickets) == 2 and tickets[0].number == first, replies
    assert tickets[1].place_text.startswith(building), tickets[1].place_text


@pytest.mark.parametrize(("index", "asked"), [
    (8, "我一个人住 腿脚不方便 能不能有人帮我买菜 安居苑43栋"),  # B102: "抱歉，这个问题我还答不上"
    (9, "我年纪大了 下不了楼 哪个能帮我买点药嘛 河畔花园43栋"),
])
def test_an_elder_asking_for_help_at_home_is_sent_to_the_grid_worker(running: Stack, index: int, asked: str):
    caller = SENDERS[index]
    [reply] = say(running, caller, asked)
    assert "答不上" not in reply and "网格员" in reply and "帮忙" in reply, reply
    [ticket] = tickets_of(running, caller)
    assert ticket.category == "elderly_care" and ticket.number in reply
    assert told(running, assignee_phone(running, str(ticket.number)), str(ticket.number))


@pytest.mark.parametrize(("index", "asked"), [(12, "村口黑板上贴的啥子"), (13, "黑板上贴的啥子公告")])  # B22
def test_the_village_board_is_shown_to_a_number_not_in_the_registry(running: Stack, index: int, asked: str):
    replies = say(running, SENDERS[index], asked)
    assert not any("还没登记为本村" in r for r in replies), replies
    assert any(public_board.REGISTER in r for r in replies), replies
