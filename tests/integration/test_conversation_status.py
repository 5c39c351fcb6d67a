"""What a reporter says right after a report that is not more of it (blind test 10), through the gateway, the real
engine and the real action server: whether anyone is on it (有人管没得) is answered with its state and who has it,
never added to it nor passed to the worker; a clearly different problem (a leak, a broken light after the rubbish
report) is a ticket of its own without asking, while a place or a smell of the rubbish still joins it; and asking
after all of one's reports lists every open one, not only the one just talked about.

Voices: residents of 幸福社区第1网格 registered here (+8613900000310 …, Sichuan dialect).
Each conversation runs on SQLite and on PostgreSQL with senders no other test uses."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, number_in, register, say, ticket_numbered, tickets_of, told

pytestmark = pytest.mark.engine
GRID = "幸福社区第1网格"
RESIDENTS = [f"+86139{n:08d}" for n in range(310, 320)]  # registered here, in no other test


def resident(stack: Stack, index: int) -> str:
    return register(stack, RESIDENTS[index], "resident", GRID)


def rubbish_of(index: int) -> str:
    """The rubbish report, at a building of its own per resident (it may still be merged with another's: 并单, so
    the tests read the ticket the reply names)."""
    return f"阳光小区{3 if index == 4 else index + 3}栋背后那个垃圾桶好几天莫得人收了 臭死了"


@pytest.mark.parametrize(("index", "report", "question"), [
    (0, "我们楼上那家天天半夜剁排骨 吵得睡不着", "昨天说的楼上剁排骨那个事 有人管没得"),
    (1, "小区门口的路灯坏了 晚上黑黢黢的", "路灯那个有人管没有哦"),
])
def test_asking_whether_anyone_is_on_it_gets_its_state_and_holder_never_a_detail(running: Stack, index: int,
                                                                                report: str, question: str):
    """#36, #93: 有人管没得 / 路灯那个有人管没有哦 → "已补充到工单T10xx，已转告承办人。", the worker told."""
    neighbour = resident(running, index)
    number = number_in(say(running, neighbour, report))
    holder = assignee_phone(running, number)
    heard = told(running, holder, number)
    [answer] = say(running, neighbour, question)
    assert number in answer and "补充" not in answer and "待接单" in answer, answer
    assert holder[3:] in answer or "负责" in answer or "在办" in answer, answer  # who has it
    [ticket] = tickets_of(running, neighbour)
    assert "补充" not in ticket.text and ticket.urge_count == 0, ticket.text
    assert told(running, holder, number) == heard  # nothing more for the worker


@pytest.mark.parametrize(("index", "other"), [
    (2, "帮我查一下我们楼上302那家的电话 他家漏水漏到我屋头了"),
    (3, "我们单元楼道的灯坏了 晚上上楼黑得很"),
])
def test_a_clearly_different_problem_after_a_rubbish_report_is_a_ticket_of_its_own_without_asking(
        running: Stack, index: int, other: str):
    """#42, #101: a leak from 302, a broken stairway light after the rubbish report → "补充T1016…还是新问题？"."""
    neighbour = resident(running, index)
    rubbish = number_in(say(running, neighbour, rubbish_of(index)))
    replies = say(running, neighbour, other)
    assert not any("新问题" in r or "补充" in r for r in replies), replies
    new = number_in(replies)
    assert new != rubbish, replies
    assert other not in ticket_numbered(running, rubbish).text
    [mine] = [t for t in tickets_of(running, neighbour) if t.number == new]
    # the number asked for is left out, whose leak it is kept (楼上302那家漏水…)
    assert other.split()[-1].removeprefix("他家") in mine.text and "电话" not in mine.text, mine.text
    assert mine.category != ticket_numbered(running, rubbish).category, mine.text


@pytest.mark.parametrize("detail", ["就在3栋后门那点", "臭得很"])
def test_a_place_or_a_smell_after_the_rubbish_report_still_joins_it(running: Stack, detail: str):
    """The other side of #42, #101: what is said of the rubbish itself is still a detail of its report."""
    index = 4 if detail.startswith("就在") else 5
    neighbour = resident(running, index)
    rubbish = number_in(say(running, neighbour, rubbish_of(index)))
    [added] = say(running, neighbour, detail)
    assert added == f"已补充到工单{rubbish}，已转告承办人。", added
    assert ticket_numbered(running, rubbish).text.endswith(f"补充：{detail}")
    assert len(tickets_of(running, neighbour)) == 1


def test_asking_after_all_ones_reports_lists_every_open_one_briefly(running: Stack):
    """#58: with the rubbish and a leak open, 楼上漏水那个搞得咋样了 named the leak (right), then 查一下我的报事进度
    named the leak again and never the rubbish."""
    neighbour = resident(running, 6)
    rubbish = number_in(say(running, neighbour, rubbish_of(6)))
    leak = number_in(say(running, neighbour, "帮我查一下我们楼上302那家的电话 他家漏水漏到我屋头了"))
    assert leak != rubbish
    say(running, assignee_phone(running, leak), f"{leak} 进度 上去看了 明天换管子")
    [one] = say(running, neighbour, "楼上漏水那个搞得咋样了")
    assert leak in one and rubbish not in one and "明天换管子" in one, one
    listed = say(running, neighbour, "查一下我的报事进度")
    said = "".join(listed)
    assert 1 <= len(listed) <= 2 and leak in said and rubbish in said, listed
    assert f"{leak} 漏水 处理中" in said and f"{rubbish} 垃圾 " in said, listed
