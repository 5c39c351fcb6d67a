"""The monthly visit list through the real stack: the worker process makes the month's lists on its own
(its monthly loop, the real clock), a grid worker gets one message with the count, texts
`走访 H00xx 已核实 无新情况` through the simulator, the gateway, the staff desk and the engine's stack, and
the task is done. Runs on SQLite and on PostgreSQL.

安居社区第3网格's grid worker (+8613700000007) and his households are written as by no other test."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from bot.common.clock import utcnow
from bot.core.monthly import month_of
from bot.store.db import Database
from bot.store.household_models import Visit, VisitTask
from bot.store.models import Household, Person, Ticket
from tests.integration.stack import Stack
from tests.waiting import eventually_sync

pytestmark = pytest.mark.engine

AJ_GRID_3 = "+8613700000007"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_stack(request: pytest.FixtureRequest) -> Stack:
    return request.getfixturevalue("stack" if request.param == "sqlite" else "pg_stack")


def open_codes(db: Database, phone: str) -> list[str]:
    with db.session() as s:
        worker = s.scalar(select(Person.id).where(Person.phone == phone))
        return list(s.scalars(select(Household.code).join(VisitTask, VisitTask.household_id == Household.id)
                              .where(VisitTask.worker_id == worker, VisitTask.month == month_of(utcnow()),
                                     VisitTask.status == "open").order_by(Household.code)))


def test_a_grid_worker_gets_the_months_list_and_records_a_visit_by_message(any_stack: Stack):
    db = Database(any_stack.settings.resolved_database_url)
    try:
        codes = eventually_sync(lambda: open_codes(db, AJ_GRID_3), timeout=60, interval=0.5)
        [notice] = eventually_sync(lambda: [m["text"] for m in any_stack.outbox(AJ_GRID_3)
                                            if m["kind"] == "notification" and "走访" in m["text"]],
                                   timeout=30, interval=0.5)
        assert f"走访{len(codes)}户" in notice and len(notice) <= 70
        code = codes[-1]
        response = any_stack.say(AJ_GRID_3, f"走访 {code} 已核实 无新情况")
        assert response.status_code == 200, response.text
        [answer] = response.json()["replies"]
        assert answer == f"已记录{code}走访。本月还剩{len(codes) - 1}户。"
        assert code not in open_codes(db, AJ_GRID_3)
        with db.session() as s:
            visit = s.scalar(select(Visit).join(Household, Household.id == Visit.household_id)
                             .where(Household.code == code))
            assert (visit.note, visit.via) == ("已核实 无新情况", "sms")
        answer = any_stack.say(AJ_GRID_3, "我的走访").json()["replies"][0]
        assert f"已走访1户，还剩{len(codes) - 1}户" in answer and len(answer) <= 70
    finally:
        db.dispose()


HB_GRID_4 = "+8613700000012"  # 河滨社区第4网格 (新华街), written as by no other test
H0166_MEMBER = "+8613900000221"  # of 新华街1栋101 (H0166)


def test_a_residents_own_report_after_a_visit_filed_for_their_household_is_a_ticket_of_its_own(any_stack: Stack):
    """Blind test ut21, #48: the worker files 厨房漏水 for the household; the member's own street-lamp report
    was asked "是补充T1001" and joined to the leak. It is a new ticket, and the leak is still theirs to follow."""
    visit = any_stack.say(HB_GRID_4, "走访 新华街1栋101 反映 厨房漏水").json()["replies"]
    assert len(visit) == 1 and visit[0].startswith("已记录H0166走访，已代为反映，工单T"), visit
    on_behalf = re.search(r"T\d{4,}", visit[0]).group(0)
    answered = any_stack.say(H0166_MEMBER, "我家楼下路灯坏了好几天了")
    assert answered.status_code == 200, answered.text
    replies = " ".join(answered.json()["replies"])
    assert "补充" not in replies and on_behalf not in replies, replies
    db = Database(any_stack.settings.resolved_database_url)
    try:
        with db.session() as s:
            texts = list(s.scalars(select(Ticket.text).where(Ticket.reporter_address == H0166_MEMBER)
                                   .order_by(Ticket.id)))
        assert texts == ["厨房漏水", "我家楼下路灯坏了好几天了"]
        assert re.search(r"T\d{4,}", replies).group(0) != on_behalf
    finally:
        db.dispose()
