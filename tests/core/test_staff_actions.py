"""Dispatch, private notes and replies to the reporter: the same permission as the SMS commands, a ticket
event each, an audit entry each."""

import pytest
from sqlalchemy import select

from bot.core import staff_actions
from bot.core.lifecycle import TicketError
from bot.store.models import OrgUnit, Person
from bot.store.privacy_models import AuditEntry
from tests.conftest import BACKUP_WORKER, DUTY_OFFICER, RESIDENT, WORKER
from tests.core.helpers import RULES, kinds, messages_to, ticket
from tests.core.workbench_factories import HB_GRID_2_WORKER, in_grid_1, unplaced


def unit_id(db, code):
    with db.session() as s:
        return s.scalar(select(OrgUnit.id).where(OrgUnit.code == code))


def person_id(db, phone):
    with db.session() as s:
        return s.scalar(select(Person.id).where(Person.phone == phone))


def test_the_duty_officer_dispatches_an_unplaced_ticket_to_a_grid_whose_worker_gets_the_notice(demo_db, clock):
    number = unplaced(demo_db, clock)
    with demo_db.session() as s:
        assignee = staff_actions.dispatch(s, clock, RULES, number, DUTY_OFFICER, unit_id(demo_db, "HB-G2"))
        assert assignee.phone == HB_GRID_2_WORKER
    assert ticket(demo_db, number).status == "assigned"
    assert kinds(demo_db, number)[-2:] == ["assigned", "dispatched"]
    assert any(number in text and "接单" in text for text in messages_to(demo_db, HB_GRID_2_WORKER))


def test_a_ticket_given_to_another_person_tells_the_one_who_had_it(demo_db, clock):
    number = in_grid_1(demo_db, clock)
    with demo_db.session() as s:
        staff_actions.dispatch(s, clock, RULES, number, WORKER, unit_id(demo_db, "XF-G1"),
                               person_id(demo_db, BACKUP_WORKER))
    assert ticket(demo_db, number).assignee.phone == BACKUP_WORKER
    assert any("改派" in text for text in messages_to(demo_db, WORKER))
    assert any(number in text for text in messages_to(demo_db, BACKUP_WORKER))


def test_only_someone_who_may_act_on_it_dispatches_it(demo_db, clock):
    number = in_grid_1(demo_db, clock)
    with pytest.raises(TicketError) as refused, demo_db.session() as s:
        staff_actions.dispatch(s, clock, RULES, number, HB_GRID_2_WORKER, unit_id(demo_db, "HB-G2"))
    assert refused.value.reason == "not_allowed"


def test_a_reply_reaches_the_reporter_on_their_channel_and_is_on_the_timeline(demo_db, clock):
    number = in_grid_1(demo_db, clock)
    with demo_db.session() as s:
        staff_actions.reply(s, clock, RULES, number, WORKER, "明天上午师傅来修，请留意")
        entries = list(s.scalars(select(AuditEntry.action).where(AuditEntry.subject == number)))
    assert messages_to(demo_db, RESIDENT)[-1] == f"工单{number}：明天上午师傅来修，请留意"
    assert kinds(demo_db, number)[-1] == "replied" and "ticket.replied" in entries


def test_a_private_note_is_kept_and_sent_to_nobody(demo_db, clock):
    number = in_grid_1(demo_db, clock)
    before = len(messages_to(demo_db, RESIDENT))
    with demo_db.session() as s:
        staff_actions.private_note(s, clock, RULES, number, WORKER, "反映人情绪激动，上门时两人同去")
    assert kinds(demo_db, number)[-1] == "note" and len(messages_to(demo_db, RESIDENT)) == before


def test_an_empty_reply_or_note_is_refused(demo_db, clock):
    number = in_grid_1(demo_db, clock)
    for act in (staff_actions.reply, staff_actions.private_note):
        with pytest.raises(TicketError) as refused, demo_db.session() as s:
            act(s, clock, RULES, number, WORKER, "   ")
        assert refused.value.reason == "empty"
