"""What a reporter says about their report after it was filed (blind test 9), through the gateway, the real engine
and the real action server: a when-question right after the worker's progress note is answered with the state and
that note, never urged on the worker; a question that urges too is answered and urges; who alone (我们楼上那家) is
asked what happened and the report that follows is one ticket with the whole of it; the resolution note reaches the
reporter whole or cut where a clause ends; a status check of a merged ticket gives the latest progress.

Voices: residents of 幸福社区第1网格 registered here (+8613900000266 …, Sichuan dialect) and an unknown number.
Each conversation runs on SQLite and on PostgreSQL with senders no other test uses."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, number_in, register, say, tickets_of, told

pytestmark = pytest.mark.engine
GRID = "幸福社区第1网格"
RESIDENTS = [f"+86139{n:08d}" for n in range(266, 280)]  # registered here, in no other test
UNKNOWN = [f"+86139{n:08d}" for n in range(99990161, 99990166)]  # not in the registry


def resident(stack: Stack, index: int) -> str:
    return register(stack, RESIDENTS[index], "resident", GRID)


def urges_told(stack: Stack, holder: str, number: str) -> list[str]:
    return [m for m in told(stack, holder, number) if "催办" in m]


@pytest.mark.parametrize(("index", "question"), [(0, "好久来修嘛 明天好久"), (1, "那到底好久来修嘛")])
def test_a_when_question_right_after_a_progress_note_gets_the_state_and_the_note_never_an_urge(
        running: Stack, index: int, question: str):
    """#9, #59: 好久来修嘛 明天好久 / 那到底好久来修嘛 → 已催办…, and the worker got 催办 a minute after his note."""
    grandpa = resident(running, index)
    cover = number_in(say(running, grandpa, "小区门口的井盖烂了一大块 晚上看不到怕踩进去"))
    holder = assignee_phone(running, cover)
    say(running, holder, f"{cover} 进度 井盖订了 后天到货")
    assert any("井盖订了 后天到货" in m for m in told(running, grandpa, cover))
    [answer] = say(running, grandpa, question)
    assert cover in answer and "处理中" in answer and "井盖订了 后天到货" in answer, answer
    assert "催办" not in answer and urges_told(running, holder, cover) == [], answer
    assert [t.urge_count for t in tickets_of(running, grandpa)] == [0]
    replies = say(running, grandpa, "快点嘛 咋个还莫得人来")  # an urge is still an urge
    assert any(f"已催办工单{cover}" in r for r in replies), replies
    assert len(urges_told(running, holder, cover)) == 1


def test_a_question_that_urges_too_is_answered_and_urges_the_new_holder(running: Stack):
    """#50: 电梯那个转到哪里去了 咋个还莫得人来 (an unknown number, the ticket rerouted) said where, never urged."""
    passer_by = UNKNOWN[0]
    lift = number_in(say(running, passer_by, "阳光小区3栋的电梯坏了 停在三楼不动 爬楼梯好恼火"))
    first = assignee_phone(running, lift)
    say(running, first, f"退单 {lift} 这个电梯是河畔花园2栋的 不归我们")
    holder = assignee_phone(running, lift)
    assert holder != first
    [answer] = say(running, passer_by, "电梯那个转到哪里去了 咋个还莫得人来")
    assert lift in answer and "已帮您催办" in answer, answer
    assert holder[3:] in answer, answer  # who has it now, by number
    assert len(urges_told(running, holder, lift)) == 1 and urges_told(running, first, lift) == []
    [ticket] = tickets_of(running, passer_by)
    assert ticket.urge_count == 1 and "补充" not in ticket.text


def test_who_alone_is_asked_what_happened_and_the_problem_that_follows_is_one_ticket(running: Stack):
    """#40: 我跟你说嘛 → 我们楼上那家 was filed as T1019【矛盾纠纷】 and 天天半夜剁肉 吵得睡不着 came as its 补充."""
    auntie = resident(running, 2)
    [listening] = say(running, auntie, "我跟你说嘛")
    assert "是什么问题" in listening, listening
    [asked] = say(running, auntie, "我们楼上那家")
    assert "楼上那家怎么了" in asked, asked
    assert tickets_of(running, auntie) == []
    replies = say(running, auntie, "天天半夜剁肉 吵得睡不着")
    number = number_in(replies)
    [ticket] = tickets_of(running, auntie)
    assert ticket.number == number and "补充" not in ticket.text, ticket.text
    assert "楼上那家" in ticket.text and "剁肉" in ticket.text, ticket.text


def test_a_resolution_note_reaches_the_reporter_whole_never_cut_mid_word(running: Stack):
    """#47: T1022 火灭了 没得事了 是有人在楼顶烧垃圾 已经批评教育了 → "…楼顶烧垃圾 已。请评价…"."""
    grandma = resident(running, 3)
    roof = number_in(say(running, grandma, "楼顶上堆起好多垃圾 臭得很 苍蝇到处飞"))
    holder = assignee_phone(running, roof)
    say(running, holder, f"{roof} 垃圾清走了 没得事了 是有人在楼顶堆装修垃圾 已经批评教育了")
    [request] = [m for m in told(running, grandma, roof) if "请评价" in m]
    assert "是有人在楼顶堆装修垃圾 已经批评教育了" in request and len(request) <= 70, request
    assert "已。" not in request, request


def test_a_status_check_of_a_merged_ticket_gives_its_state_and_latest_progress(running: Stack):
    """#60: 路灯那个搞得咋样了 (her report merged into another) → "T1011 处理中", no latest progress."""
    first, second = resident(running, 4), resident(running, 5)
    older = number_in(say(running, first, "小区北门的路灯不亮了 黑黢黢的"))
    newer = number_in(say(running, second, "北门那个路灯坏了 晚上看不到路"))
    assert newer != older
    holder = assignee_phone(running, older)
    say(running, holder, f"{newer} 跟{older}重复了 并到一起")
    say(running, holder, f"{older} 进度 灯泡订了 后天到货")
    [answer] = say(running, second, "路灯那个搞得咋样了")
    assert older in answer and "处理中" in answer and "灯泡订了 后天到货" in answer, answer
