"""Blind test 26 (docs/usertests/2026-12-06-blind14.md, rows B112, A18, B4), through the gateway, the real engine and
the real action server: a spot of the report's own building said after it is more of that report (never "请问在哪点？"
and a second ticket), more of the fault said when asked where is the report's words (never "没找到这个地方"), and a
question when the lamp is fixed is answered, never filed as a 补充.

Voices: passers-by not in the registry (+86139777730 …) and residents of 幸福社区第1网格 (+86139777705 …), shared
with the emergency-context module of the same test. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import file_report, live_at, say, ticket_numbered, tickets_of

pytestmark = pytest.mark.engine
GRID = "幸福社区第1网格"
SENDERS = [f"+86139777{n}" for n in range(700, 740)]
RESIDENTS, PASSERS_BY = SENDERS[5:10], SENDERS[30:]


@pytest.mark.parametrize(("index", "report", "detail", "words"), [
    (0, "河畔花园29栋门口的化粪池盖子裂了", "就在29栋2单元门口 小娃儿经常在那耍", "小娃儿"),  # B112
    (1, "安居苑27栋后面的井盖松了 踩上去咣当咣当的", "就是27栋后面那个 老年人天天从那过", "老年人"),
])
def test_a_spot_of_the_reports_own_building_is_more_of_it(running: Stack, index: int, report: str, detail: str,
                                                          words: str):
    caller = PASSERS_BY[index]
    number = file_report(running, caller, report)
    replies = say(running, caller, detail)
    assert not any("在哪点" in r or "在哪里" in r for r in replies), replies
    assert [t.number for t in tickets_of(running, caller)] == [number]
    assert words in ticket_numbered(running, number).text


@pytest.mark.parametrize(("index", "thing", "fault", "place", "words"), [
    (2, "屋头热水器", "不出热水了 三天了", "河畔花园26栋", "不出热水"),  # A18
    (3, "屋头热水器", "没得热水了 一直冷冰冰的", "阳光小区26栋", "没得热水"),
])
def test_the_fault_said_when_asked_where_joins_the_report(running: Stack, index: int, thing: str, fault: str,
                                                          place: str, words: str):
    caller = PASSERS_BY[index]
    replies = say(running, caller, thing)
    assert any("在哪点" in r for r in replies), replies
    replies = say(running, caller, fault)
    assert not any("没找到这个地方" in r for r in replies), replies
    say(running, caller, place)
    [ticket] = tickets_of(running, caller)
    assert thing in ticket.text and words in ticket.text, ticket.text


@pytest.mark.parametrize(("index", "asked"), [
    (0, "那个灯到底哪天修"),  # B4: "已补充到工单T1045，已转告承办人。"
    (1, "灯好久来修嘛"),
])
def test_when_the_lamp_is_fixed_is_a_question_never_a_detail(running: Stack, index: int, asked: str):
    resident = live_at(running, RESIDENTS[index], GRID, f"阳光小区{index + 31}栋101")
    lamp = file_report(running, resident, f"阳光小区{index + 31}栋门口的路灯坏了 晚上黑得很")
    replies = say(running, resident, asked)
    assert not any("补充" in r for r in replies) and any(lamp in r for r in replies), replies
    assert asked not in ticket_numbered(running, lamp).text


@pytest.mark.parametrize(("index", "said", "place", "aside"), [
    (4, "哈哈哈 你们都是憨包 河畔花园", "河畔花园", "憨包"),  # B49: "已记下地点：哈哈哈 你们都是憨包 阳光小区。"
    (5, "嘿嘿 你们是瓜娃子 安居苑3栋", "安居苑3栋", "瓜娃"),
])
def test_words_at_us_before_a_place_are_not_held_as_the_place(running: Stack, index: int, said: str, place: str,
                                                              aside: str):
    # held as the place alone, or answered calmly as abuse: never echoed back as a place
    replies = say(running, PASSERS_BY[index], said)
    assert not any(aside in r for r in replies), replies
    held = [r for r in replies if r.startswith("已记下地点：")]
    assert all(r.startswith(f"已记下地点：{place}。") for r in held), replies
