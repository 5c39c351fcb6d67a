"""派单/改派 by message: the duty officer everywhere, a secretary within her community, nobody else."""

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import dispatch, lifecycle, staff_desk
from bot.core.dispatch import DispatchError
from bot.store.db import Database
from bot.store.privacy_models import AuditEntry
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY, RULES, kinds, make_report, messages_to, submit, ticket

ANJU_SECRETARY = "+8613800002001"  # 安居社区's community secretary
ANJU_GRID_1_WORKER = "+8613700000005"  # 杨艳, 安居社区第1网格
XF_GRID_2_WORKER = "+8613700000002"


def unplaced(db: Database, clock: FakeClock, text: str = "这边有人乱倒垃圾 臭得很") -> str:
    return submit(db, clock, make_report(text, sender=STRANGER, category="sanitation"))


def send(db: Database, clock: FakeClock, who: str, number: str, words: str) -> dispatch.Dispatched:
    with db.session() as s:
        return dispatch.dispatch(s, clock, RULES, number, who, words)


def test_the_duty_officer_dispatches_an_unplaced_ticket_to_a_grid_by_name(demo_db: Database, clock: FakeClock):
    number = unplaced(demo_db, clock)
    assert ticket(demo_db, number).status == "new"
    send(demo_db, clock, DUTY_OFFICER, number, "安居社区第1网格")
    done = ticket(demo_db, number)
    assert (done.status, done.unit.name, done.assignee.phone) == ("assigned", "安居社区第1网格", ANJU_GRID_1_WORKER)
    assert kinds(demo_db, number)[-2:] == ["assigned", "dispatched"]
    notice = messages_to(demo_db, ANJU_GRID_1_WORKER)[-1]
    assert notice.startswith(f"新工单{number}") and "这边有人乱倒垃圾 臭得很" in notice
    told = messages_to(demo_db, STRANGER)[-1]
    assert number in told and "13700000005" in told and len(told) <= 70
    with demo_db.session() as s:
        assert s.scalar(select(AuditEntry.id).where(AuditEntry.action == "ticket.dispatched")) is not None


def test_the_duty_officer_reassigns_to_a_person_and_the_former_assignee_is_told(demo_db: Database,
                                                                               clock: FakeClock):
    number = submit(demo_db, clock)  # 李磊's, 幸福社区第1网格
    send(demo_db, clock, DUTY_OFFICER, number, "杨艳")
    moved = ticket(demo_db, number)
    assert (moved.status, moved.assignee.phone) == ("assigned", ANJU_GRID_1_WORKER)
    assert "已改派给杨艳" in messages_to(demo_db, WORKER)[-1]
    assert messages_to(demo_db, ANJU_GRID_1_WORKER)[-1].startswith(f"新工单{number}")
    with demo_db.session() as s:
        assert lifecycle.acknowledge(s, clock, RULES, number, ANJU_GRID_1_WORKER).status == "acknowledged"


def test_a_returned_ticket_waiting_for_a_grid_is_dispatched(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.return_ticket(s, clock, RULES, number, WORKER, "不是我们网格的")
    assert ticket(demo_db, number).status == "returned"
    send(demo_db, clock, DUTY_OFFICER, number, "幸福社区第2网格")
    assert ticket(demo_db, number).assignee.phone == XF_GRID_2_WORKER


def test_a_secretary_dispatches_within_her_community_only(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)  # in 幸福社区
    send(demo_db, clock, COMMUNITY_SECRETARY, number, "幸福社区第2网格")
    assert ticket(demo_db, number).assignee.phone == XF_GRID_2_WORKER
    with pytest.raises(DispatchError) as outside_target:
        send(demo_db, clock, COMMUNITY_SECRETARY, number, "安居社区第1网格")
    assert outside_target.value.reason == "not_allowed"
    with pytest.raises(DispatchError) as outside_ticket:
        send(demo_db, clock, ANJU_SECRETARY, number, "安居社区第1网格")
    assert outside_ticket.value.reason == "not_allowed"
    with pytest.raises(DispatchError) as unplaced_one:  # unplaced tickets are the duty officer's
        send(demo_db, clock, COMMUNITY_SECRETARY, unplaced(demo_db, clock), "幸福社区第2网格")
    assert unplaced_one.value.reason == "not_allowed"
    assert ticket(demo_db, number).assignee.phone == XF_GRID_2_WORKER


@pytest.mark.parametrize("who", [WORKER, RESIDENT, STRANGER])
def test_a_worker_a_resident_or_a_stranger_cannot_dispatch(demo_db: Database, clock: FakeClock, who: str):
    number = submit(demo_db, clock)
    with pytest.raises(DispatchError) as refused:
        send(demo_db, clock, who, number, "幸福社区第2网格")
    assert refused.value.reason == "not_allowed"
    assert ticket(demo_db, number).assignee.phone == WORKER
    assert "dispatched" not in kinds(demo_db, number)


def test_a_target_nobody_knows_or_a_closed_ticket_is_refused(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with pytest.raises(DispatchError) as unknown:
        send(demo_db, clock, DUTY_OFFICER, number, "火星")
    assert unknown.value.reason == "no_target"
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "修好了")
    with pytest.raises(DispatchError) as resolved:
        send(demo_db, clock, DUTY_OFFICER, number, "幸福社区第2网格")
    assert resolved.value.reason == "wrong_state"


@pytest.mark.parametrize(("text", "words"), [
    ("T1016 派给安居社区第1网格", "安居社区第1网格"),
    ("T1016 派给 李磊", "李磊"),
    ("转派T1008给李磊", "李磊"),
    ("改派 T1008 阳光小区", "阳光小区"),
    ("t1016转给杨艳", "杨艳"),
])
def test_what_a_dispatch_names_is_read_out_of_the_message(text: str, words: str):
    assert dispatch.is_dispatch(text)
    assert dispatch.target_words(text) == words


def test_a_returned_ticket_goes_back_to_the_worker_who_returned_it_only_when_confirmed(demo_db: Database,
                                                                                      clock: FakeClock):
    # Blind test 4, #23: T1009 went straight back to the worker who had just returned it.
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.return_ticket(s, clock, RULES, number, WORKER, "这个是公路局管的 不归社区")
    for words in ("幸福社区第1网格", "李磊"):
        with demo_db.session() as s, pytest.raises(DispatchError) as asked:
            dispatch.dispatch(s, clock, RULES, number, DUTY_OFFICER, words)
        assert asked.value.reason == "returned_by" and asked.value.choices == ("李磊", "这个是公路局管的 不归社区")
    assert ticket(demo_db, number).status == "returned"
    send(demo_db, clock, DUTY_OFFICER, number, "李磊 确认")
    assert (ticket(demo_db, number).status, ticket(demo_db, number).assignee.phone) == ("assigned", WORKER)


def test_the_duty_officer_is_told_who_returned_it_and_why_and_how_to_confirm(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.return_ticket(s, clock, RULES, number, WORKER, "这个是公路局管的")
        answer = staff_desk.answer(s, clock, RULES, DUTY_OFFICER, f"{number} 派给 幸福社区第1网格")
    assert "李磊" in answer and "公路局" in answer and f"“{number} 派给 幸福社区第1网格 确认”" in answer
    assert len(answer) <= 70
    with demo_db.session() as s:
        staff_desk.answer(s, clock, RULES, DUTY_OFFICER, f"{number} 派给 杨艳")  # someone else: no question
    assert ticket(demo_db, number).assignee.phone == ANJU_GRID_1_WORKER
