"""Residents asking about their own tickets in their own words (blind test 8), through the gateway, the real engine
and the real action server: impatience about a policy is answered, never an urge on an unrelated ticket; a ticket
passed to another grid is explained (where it went, who the new name is); a when-question about a ticket, one filed
on a visit or one just reported, gets its state with the latest progress, never a duplicate or 补充/新问题.

Voices: residents of 河滨社区第2网格 (+8613900000186 …, Sichuan dialect), its grid worker, the community secretary.
Each conversation runs on SQLite and on PostgreSQL with senders no other test uses."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.store.models import Household, Person, Ticket, TicketEvent
from tests.integration.stack import Stack
from tests.integration.talk import number_in, say, session_of, ticket_numbered, tickets_of, told

pytestmark = pytest.mark.engine
# 河滨社区第2网格 (河滨路, 文化广场): residents +8613900000181 … 200; these are no other test's. SQLite and PostgreSQL
# each have their own stack and database.
# 185 … 190 are test_conversation_staff.py's, 191 … 195 test_conversation_answers.py's.
RESIDENTS = [f"+86139{n:08d}" for n in (182, 183, 184, 196, 197)]
HB_GRID_2 = "+8613700000010"  # its grid worker
HB_GRID_3 = "+8613700000011"  # 河滨社区第3网格's (锦绣小区)
HB_SECRETARY = "+8613800003001"


def person_named(stack: Stack, phone: str) -> str:
    with session_of(stack) as s:
        return str(s.scalar(select(Person.name).where(Person.phone == phone)))


def urges_of(stack: Stack, number: str) -> int:
    with session_of(stack) as s:
        found = s.scalar(select(Ticket.id).where(Ticket.number == number))
        return len(list(s.scalars(select(TicketEvent.id).where(TicketEvent.ticket_id == found,
                                                                  TicketEvent.kind == "urged"))))


def household_code(stack: Stack, phone: str) -> str:
    with session_of(stack) as s:
        return str(s.scalar(select(Household.code).join(Person, Person.household_id == Household.id)
                            .where(Person.phone == phone)))


def test_an_impatient_policy_question_is_answered_never_an_urge_on_an_unrelated_ticket(
        running: Stack):
    """#8, #144: 搬迁补助到底好久发得下来 urged the resident's street-light ticket, the second time up to 片区督办."""
    old_lady = RESIDENTS[0]
    light = number_in(say(running, old_lady, "楼下的路灯黑起好几天了 晚上走路怕摔"))
    for question in ("搬迁补助到底好久发得下来哦 等了半年了", "搬迁补助到底好久发得下来 都等了半年了"):
        [answer] = say(running, old_lady, question)
        assert "搬迁补助" in answer and "催办" not in answer, answer
    assert urges_of(running, light) == 0
    assert not [m for m in told(running, HB_GRID_2, light) if "催" in m]
    assert len(tickets_of(running, old_lady)) == 1
    [urged] = say(running, old_lady, "路灯那个快点嘛 催一哈")  # an urge that points at the report still urges it
    assert light in urged and "催办" in urged, urged
    assert urges_of(running, light) == 1


def test_a_ticket_passed_to_another_grid_is_explained_where_it_went(running: Stack):
    """#63: 垃圾那个转到哪里去了哦 → 这个问题我还答不上 (an unknown policy question)."""
    grandpa = RESIDENTS[1]
    garbage = number_in(say(running, grandpa, "楼后头的垃圾堆了一个星期了 莫得人收 臭得很"))
    assert ticket_numbered(running, garbage).assignee.phone == HB_GRID_2
    say(running, HB_GRID_2, f"退单 {garbage} 那块地是河滨社区第3网格管的")
    passed = ticket_numbered(running, garbage)
    assert passed.assignee.phone == HB_GRID_3, passed.assignee.phone
    [answer] = say(running, grandpa, "垃圾那个转到哪里去了哦")
    assert garbage in answer and "河滨社区第3网格" in answer and passed.assignee.name in answer, answer
    assert "13700000011" in answer and "答不上" not in answer, answer
    assert len(tickets_of(running, grandpa)) == 1


def test_the_new_name_on_a_dispatched_ticket_is_explained(running: Stack):
    """#75: 张涛是哪个哦 我们网格员不是李磊嘛 (after the ticket was passed to 张涛) → 这个我帮不上忙."""
    auntie = RESIDENTS[2]
    lamp = number_in(say(running, auntie, "楼道的灯坏了 上下楼黑摸摸的"))
    say(running, HB_SECRETARY, f"{lamp} 派给河滨社区第3网格 那边的电工今天在")
    new, own = person_named(running, HB_GRID_3), person_named(running, HB_GRID_2)
    [answer] = say(running, auntie, f"{new}是哪个哦 我们网格员不是{own}嘛")
    assert answer.startswith(f"{new}是河滨社区第3网格的网格员"), answer
    assert lamp in answer and "社区" in answer and "帮不上" not in answer, answer
    assert "电工" not in answer  # the secretary's own words stay with staff


def test_a_when_question_about_a_ticket_filed_on_a_visit_gets_its_progress_not_a_duplicate(
        running: Stack):
    """#135: 屋顶那个好久来修 (a ticket the grid worker filed on a visit) opened a duplicate."""
    grandma = RESIDENTS[3]
    visited = say(running, HB_GRID_2, f"走访 {household_code(running, grandma)} 老人身体还可以 反映 屋顶漏雨")
    roof = number_in(visited)
    assert ticket_numbered(running, roof).reporter_address == grandma
    say(running, HB_GRID_2, f"{roof} 师傅明天上午来换瓦")
    [answer] = say(running, grandma, "屋顶那个好久来修 下雨天屋头要摆三个盆")
    assert roof in answer and "明天上午来换瓦" in answer, answer
    assert [t.number for t in tickets_of(running, grandma)] == [roof]


def test_a_when_question_right_after_a_report_gets_the_latest_progress_not_补充_or_新问题(
        running: Stack):
    """#37: 好久来修嘛 楼下那家又来吵了 was asked 补充/新问题 and filed as 补充; 明天上午 never reached her."""
    neighbour = RESIDENTS[4]
    pipe = number_in(say(running, neighbour, "厕所的水管子漏水 漏到楼下去了 楼下的来敲门了"))
    say(running, HB_GRID_2, f"{pipe} 师傅说管子老化了 明天上午来换")
    [answer] = say(running, neighbour, "好久来修嘛 楼下那家又来吵了")
    assert pipe in answer and "明天上午来换" in answer and "新问题" not in answer, answer
    assert "补充：好久来修" not in ticket_numbered(running, pipe).text
    assert len(tickets_of(running, neighbour)) == 1
