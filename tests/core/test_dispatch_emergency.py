"""An emergency placed after "where?" and dispatched by the duty officer (blind test 8, #57): the new holder gets
exactly one 【紧急】 notice, with the place, whether the dispatch comes by message or from the workbench."""

import pytest
from sqlalchemy import select

from bot.core import dispatch, emergencies, staff_actions
from bot.store.models import OrgUnit, Ticket
from tests.conftest import DUTY_OFFICER
from tests.core.helpers import RULES, make_report, messages_to, submit

WU_JUN = "+8613700000008"  # 安居社区第4网格 (农贸市场)
CALLER = "+8613999990166"


def placed_emergency(db, clock) -> str:
    number = submit(db, clock, make_report("有人晕倒了 快点", sender=CALLER, category="health", emergency=True))
    with db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        emergencies.give_place(s, clock, ticket, "滨河路农贸市场后门", rules=RULES)
    return number


@pytest.mark.parametrize("by", ["message", "workbench"])
def test_the_new_holder_of_a_dispatched_emergency_is_told_once_with_the_place(demo_db, clock, by: str):
    number = placed_emergency(demo_db, clock)
    with demo_db.session() as s:
        if by == "message":
            dispatch.dispatch(s, clock, RULES, number, DUTY_OFFICER, "安居社区第4网格")
        else:
            grid = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "AJ-G4"))
            staff_actions.dispatch(s, clock, RULES, number, DUTY_OFFICER, grid)
    notices = [m for m in messages_to(demo_db, WU_JUN) if number in m and "【紧急】" in m]
    assert len(notices) == 1 and "农贸市场后门" in notices[0], notices


@pytest.mark.parametrize("by", ["message", "workbench"])
def test_an_emergency_dispatched_twice_to_the_same_grid_tells_its_holder_once(demo_db, clock, by: str):
    number = placed_emergency(demo_db, clock)
    with demo_db.session() as s:
        grid = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "AJ-G4"))
        for _ in range(2):
            if by == "message":
                dispatch.dispatch(s, clock, RULES, number, DUTY_OFFICER, "安居社区第4网格")
            else:
                staff_actions.dispatch(s, clock, RULES, number, DUTY_OFFICER, grid)
    notices = [m for m in messages_to(demo_db, WU_JUN) if number in m and "【紧急】" in m]
    assert len(notices) == 1 and "农贸市场后门" in notices[0], notices
