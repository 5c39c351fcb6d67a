"""Blind test 28 (docs/usertests/2026-12-06-blind16.md, rows B-K7, B-K7-2, B-K8, B-R3, B55, B60, B97, B99, B-H8a–c,
A-B4-1, A-B99b, B-R2), through the gateway, the real engine and the real action server: within the follow-up window
a message joins the open report only with evidence that it is about it. A new problem with a thing of its own is
its own ticket (never "已补充到工单" of the old one, never "是补充…还是新问题？"), and a withdrawal naming it takes back
that one, never the old; how long and what it does to people join without asking; a question about an open ticket gets
its state and latest progress, never a 补充 or "答不上"; a rating changed is the one given last.

Senders: +86139666300 … 339, in no other test; residents of 幸福社区第1网格 among them. Each runs on SQLite and
PostgreSQL."""

from __future__ import annotations

import pytest

from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone, file_report, live_at, say, ticket_numbered, tickets_of, told

pytestmark = pytest.mark.engine
GRID = "幸福社区第1网格"
SENDERS = [f"+86139666{n}" for n in range(300, 340)]


def _joined(replies: list[str]) -> bool:
    return any("补充" in r for r in replies)


def _asked_which(replies: list[str]) -> bool:
    return any("新问题" in r for r in replies)


def _resident(running: Stack, index: int) -> str:
    return live_at(running, SENDERS[index], GRID, f"阳光小区{80 + index}栋101")


def _reopened(running: Stack, resident: str, report: str) -> str:
    """`report` filed, done by its worker and rated 3 with a reason: reopened, its number."""
    number = file_report(running, resident, report)
    say(running, assignee_phone(running, number), f"{number} 已办结 重新固定好了")
    say(running, resident, "3 还是松的")
    assert ticket_numbered(running, number).status == "reopened"
    return number


def test_a_new_problem_after_a_reopened_report_is_its_own_and_its_withdrawal_takes_back_only_it(running: Stack):
    resident = _resident(running, 0)  # B-K7: joined to the 减速带 ticket, which "窗户那个算了" then withdrew
    hump = _reopened(running, resident, "阳光小区80栋门口的减速带松了 车子过去哐哐响")
    replies = say(running, resident, "80栋楼道的窗户关不上 风一直灌")
    assert not _joined(replies) and not _asked_which(replies), replies
    if any("在哪" in r for r in replies):
        say(running, resident, "阳光小区80栋")
    tickets = tickets_of(running, resident)
    assert len(tickets) == 2 and "窗户" in tickets[1].text and "窗户" not in tickets[0].text, replies
    window = tickets[1].number
    say(running, assignee_phone(running, hump), f"收到 {hump}")
    replies = say(running, resident, "窗户那个算了 不报了 我自己修好了")
    assert any(window in r for r in replies) and not any(hump in r for r in replies), replies
    assert ticket_numbered(running, window).status == "cancelled"
    assert ticket_numbered(running, hump).status != "cancelled"
    assert not any("撤销" in n for n in told(running, assignee_phone(running, hump), hump)), "told to stop"


def test_a_withdrawal_naming_nothing_open_withdraws_nothing(running: Stack):
    resident = _resident(running, 1)
    hump = file_report(running, resident, "阳光小区81栋门口的减速带松了 车子过去哐哐响")
    replies = say(running, resident, "窗户那个算了 不报了 我自己修好了")
    assert not any("已撤销" in r for r in replies) and any("没有撤销" in r or "哪" in r for r in replies), replies
    assert ticket_numbered(running, hump).status != "cancelled"


@pytest.mark.parametrize(("index", "report", "new", "thing"), [
    (2, ["阳光小区82栋门口的路灯坏了 晚上黑得很"], "阳光小区82栋楼道的窗户关不上 风一直灌", "窗户"),  # B-K7-2: 补充
    # B-K8: "是补充T1090（楼道里的电线在冒烟…），还是新问题？" after the alarm was stood down
    (3, ["阳光小区83栋楼道里的电线在冒烟 有股焦糊味", "这个不是急事哈"], "83栋门口的地砖翘起来了 绊脚", "地砖"),
    (4, ["隔壁那家天天半夜唱歌 吵死了 阳光小区84栋"], "84栋楼道里有人堆了旧沙发", "沙发"),  # B-R3: asked
])
def test_a_new_problem_with_a_thing_of_its_own_is_its_own_ticket_without_asking(running: Stack, index: int,
                                                                                report: list[str], new: str,
                                                                                thing: str):
    resident = _resident(running, index)
    first = file_report(running, resident, report[0])
    for more in report[1:]:
        say(running, resident, more)
    replies = say(running, resident, new)
    assert not _joined(replies) and not _asked_which(replies), replies
    if any("在哪" in r for r in replies):
        say(running, resident, f"阳光小区{80 + index}栋")
    tickets = tickets_of(running, resident)
    assert [t.number for t in tickets][:1] == [first] and len(tickets) == 2, replies
    assert thing in tickets[1].text and thing not in tickets[0].text


def test_a_withdrawal_naming_the_new_problem_takes_back_that_one(running: Stack):
    resident = _resident(running, 5)  # B-R3, then 沙发那个不用来了
    singing = file_report(running, resident, "隔壁那家天天半夜唱歌 吵死了 阳光小区85栋")
    say(running, resident, "85栋楼道里有人堆了旧沙发")
    [_, sofa] = tickets_of(running, resident)
    replies = say(running, resident, "沙发那个不用来了 他们自己搬走了")
    assert any(sofa.number in r for r in replies), replies
    assert ticket_numbered(running, sofa.number).status == "cancelled"
    assert ticket_numbered(running, singing).status != "cancelled"


@pytest.mark.parametrize(("index", "report", "detail"), [
    (8, "河畔花园88栋门口井盖松了 踩上去晃", "有个老人差点踩下去"),  # B55: "是补充T1070…还是新问题？"
    (9, "阳光小区89栋门口的路灯不亮了", "好几天了"),  # B60
    (10, "安居苑80栋楼下那家的狗天天晚上叫", "都叫了一个星期了 晚上睡不着"),  # B97
    (11, "河畔花园81栋的电梯坏了 停着不动", "我们8楼 老人爬不动"),  # B99
])
def test_how_long_and_what_it_does_to_people_join_the_report_without_asking(running: Stack, index: int,
                                                                           report: str, detail: str):
    caller = SENDERS[index]
    number = file_report(running, caller, report)
    replies = say(running, caller, detail)
    assert _joined(replies) and not _asked_which(replies), replies
    assert [t.number for t in tickets_of(running, caller)] == [number]
    assert detail in ticket_numbered(running, number).text
    assert any(detail in n for n in told(running, assignee_phone(running, number), number))


@pytest.mark.parametrize(("index", "report", "progress", "asked"), [
    (14, "河畔花园84栋那边有好几条野狗 追着人咬", "我下午去找城管抓狗", "抓狗的来了没有哦"),  # B-H8a: 补充
    (15, "河畔花园85栋门口井盖松了 踩上去晃", "先用围挡围起了", "井盖那个呢 还是围起的"),  # B-H8c: 补充
    (16, "安居苑83栋顶楼屋顶漏雨 屋头到处是水", "物业说明天派人上屋顶看", "屋顶那个好久上来看"),  # B-H8b: 答不上
    (17, "阳光小区87栋门口的路灯不亮了", "师傅明天来换", "那个灯到底好久修得好嘛"),  # A-B4-1: an urge
])
def test_a_question_about_an_open_ticket_gets_its_state_and_latest_progress(running: Stack, index: int, report: str,
                                                                           progress: str, asked: str):
    caller = SENDERS[index]
    number = file_report(running, caller, report)
    say(running, assignee_phone(running, number), f"{number} 进度 {progress}")
    replies = say(running, caller, asked)
    assert any(number in r and progress in r for r in replies), replies
    assert not _joined(replies) and not any("答不上" in r or "已催办" in r for r in replies), replies
    assert asked not in ticket_numbered(running, number).text and len(tickets_of(running, caller)) == 1


def test_asking_whether_the_one_in_the_water_was_got_out_while_its_place_is_asked_gets_its_state(running: Stack):
    caller = SENDERS[20]  # A-B99b: "没太看懂，请换个说法。" while "在哪里？" stood
    replies = say(running, caller, "有人掉河里了 在扑腾")
    assert any("在哪" in r for r in replies), replies
    [emergency] = tickets_of(running, caller)
    replies = say(running, caller, "人捞起来没得")
    assert any(emergency.number in r and "在哪" in r for r in replies), replies
    assert not any("没太看懂" in r for r in replies) and len(tickets_of(running, caller)) == 1


def test_a_rating_changed_is_the_one_given_last(running: Stack):
    resident = _resident(running, 24)  # B-R2: "工单T1084的评价就是满意", T1088 left reopened
    lamp = file_report(running, resident, "阳光小区84栋门口的路灯不亮了")
    say(running, assignee_phone(running, lamp), f"{lamp} 已办结 灯换好了")
    say(running, resident, "1")
    assert ticket_numbered(running, lamp).rating == 1
    hump = _reopened(running, resident, "阳光小区84栋门口的减速带松了 车子过去哐哐响")
    replies = say(running, resident, "按错了 是我看错地方了 改成满意")
    assert any(hump in r and "满意" in r for r in replies) and not any(lamp in r for r in replies), replies
    changed = ticket_numbered(running, hump)
    assert changed.status == "closed" and changed.rating == 1
