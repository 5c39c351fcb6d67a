"""Blind test 27's closing words at the staff desk (docs/usertests/2026-12-06-blind15.md, B59c, B59d, A-B86a): a
waiting ticket the dispatcher saw to herself is resolved, never closed as needless; a false-alarm reason that speaks of
the reporter in the third person is never passed on; a remark naming a colleague on a waiting ticket is no dispatch."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import invalid_tickets, staff_desk
from bot.store.db import Database
from tests.conftest import DUTY_OFFICER, STRANGER
from tests.core.helpers import RULES, kinds, make_report, messages_to, submit, ticket


def say(db: Database, clock: FakeClock, who: str, text: str) -> str:
    with db.session() as s:
        answer = staff_desk.answer(s, clock, RULES, who, text)
    assert answer is not None and len(answer) <= 70, answer
    return answer


def waiting(db: Database, clock: FakeClock, text: str = "咨询请回电：出国护照在哪里办") -> str:
    number = submit(db, clock, make_report(text, sender=STRANGER, category="other"))
    assert ticket(db, number).status == "new"
    return number


@pytest.mark.parametrize("words", [
    "{n} 已办结 已回电说明了", "{n} 已办结 打电话跟他讲清楚了", "{n} 处理好了 已经回电话解答了",
    "{n} 办结 已电话告知办理地点",     "{n} 已解决 物业已经修好了",
])
def test_a_waiting_ticket_the_dispatcher_saw_to_is_resolved_and_the_reporter_asked_to_rate(
        demo_db: Database, clock: FakeClock, words: str) -> None:
    number = waiting(demo_db, clock)
    answer = say(demo_db, clock, DUTY_OFFICER, words.format(n=number))
    assert answer.startswith(f"工单{number}已办结"), answer
    assert ticket(demo_db, number).status == "resolved" and "invalid" not in kinds(demo_db, number)
    told = [m for m in messages_to(demo_db, STRANGER) if number in m]
    assert "已办结" in told[-1] and "评价" in told[-1] and "不需要办理" not in told[-1], told


@pytest.mark.parametrize("words", [
    "{n} 已办结", "{n} 已办结 无效工单", "{n} 已办结 是发错了", "{n} 已办结 重复了", "{n} 办结 是骂人的",
    "{n} 关掉 已回电",
])
def test_a_bare_or_needless_close_of_a_waiting_ticket_is_never_a_resolution(demo_db: Database, clock: FakeClock,
                                                                            words: str) -> None:
    number = waiting(demo_db, clock)
    answer = say(demo_db, clock, DUTY_OFFICER, words.format(n=number))
    assert "已办结" not in answer and ticket(demo_db, number).status in ("new", "cancelled"), answer


@pytest.mark.parametrize("why", [
    "误报 他是想要电话号码 已经告诉他了", "她只是想问问网格员电话", "这个人是想找人聊天", "对方说是发着玩的",
    "反映人自己说不用了",
])
def test_a_reason_about_the_reporter_in_the_third_person_is_never_passed_on(why: str) -> None:
    told = invalid_tickets.to_reporter("T1002", "属于误报", why)
    assert told == invalid_tickets.TO_REPORTER_PLAIN.format(number="T1002", what="属于误报"), told


@pytest.mark.parametrize("why", ["误报 是熏腊肉", "是其他小区的事 已转给物业", "是门卫自己的车"])
def test_a_reason_about_the_matter_still_reaches_the_reporter(why: str) -> None:
    assert f"原因：{why}" in invalid_tickets.to_reporter("T1002", "属于误报", why)


@pytest.mark.parametrize("words", [
    "{n} 这个我明天找周明谈一下", "{n} 我下午问一下周明", "{n} 回头跟周明说说", "{n} 周明那边我去了解一下",
    "{n} 明天找李磊商量",
])
def test_a_remark_naming_a_colleague_on_a_waiting_ticket_is_no_dispatch(demo_db: Database, clock: FakeClock,
                                                                        words: str) -> None:
    number = waiting(demo_db, clock, "小区门口的路灯不亮了")
    answer = say(demo_db, clock, DUTY_OFFICER, words.format(n=number))
    assert "派给" not in answer.split("“")[0] and "内部备注" in answer, answer
    found = ticket(demo_db, number)
    assert (found.status, found.assignee_id) == ("new", None)
    assert not [m for m in messages_to(demo_db, STRANGER) if number in m and "交给" in m]


@pytest.mark.parametrize("words", ["{n} 周明", "{n} 周明处理", "{n} 河畔花园", "退单 {n} 在河畔花园", "{n} 派给 周明"])
def test_naming_only_where_a_waiting_ticket_goes_still_dispatches_it(demo_db: Database, clock: FakeClock,
                                                                     words: str) -> None:
    number = waiting(demo_db, clock, "小区门口的路灯不亮了")
    answer = say(demo_db, clock, DUTY_OFFICER, words.format(n=number))
    assert answer.startswith(f"好的，工单{number}已派给"), answer
