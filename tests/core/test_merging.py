"""并单 by staff and its undoing: the merged ticket's reporter follows the open one, both timelines and the
audit log say so, and a split puts the merged ticket back as it was."""

import pytest
from sqlalchemy import select

from bot.core import merging
from bot.core.lifecycle import TicketError, acknowledge, resolve
from bot.store.models import Ticket, TicketFollower, TicketTimer
from bot.store.privacy_models import AuditEntry
from tests.conftest import DUTY_OFFICER, WORKER
from tests.core.helpers import RULES, kinds, make_report, messages_to, submit, ticket
from tests.core.workbench_factories import (
    BUILDING_HEAD,
    NEIGHBOUR_OUTSIDE_BUILDING,
    in_grid_1,
    in_hb_grid_2,
    scope,
    unplaced,
)


def reporters_following(db, number):
    with db.session() as s:
        tid = s.scalar(select(Ticket.id).where(Ticket.number == number))
        return set(s.scalars(select(TicketFollower.address).where(TicketFollower.ticket_id == tid,
                                                                   TicketFollower.role == "reporter")))


def audited(db, number):
    with db.session() as s:
        return list(s.scalars(select(AuditEntry.action).where(AuditEntry.subject == number)))


def two_in_grid_1(db, clock):
    kept = in_grid_1(db, clock)
    other = in_grid_1(db, clock, "小区门口垃圾三天没人收了", sender=NEIGHBOUR_OUTSIDE_BUILDING, category="sanitation")
    return kept, other


def test_a_ticket_merged_by_staff_follows_the_open_one_and_its_reporter_hears_the_outcome(demo_db, clock):
    kept, other = two_in_grid_1(demo_db, clock)
    with demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, WORKER), WORKER, kept, other)
    merged = ticket(demo_db, other)
    assert merged.status == "merged" and merged.merged_into_id == ticket(demo_db, kept).id
    assert NEIGHBOUR_OUTSIDE_BUILDING in reporters_following(demo_db, kept)
    assert kinds(demo_db, other)[-1] == "merged" and kinds(demo_db, kept)[-1] == "linked"
    assert "ticket.merged" in audited(demo_db, other)
    assert any(kept in text and "合并" in text for text in messages_to(demo_db, NEIGHBOUR_OUTSIDE_BUILDING))
    with demo_db.session() as s:
        absorbed = merging.merged_into(s, s.scalar(select(Ticket).where(Ticket.number == kept)))
        assert [t.number for t in absorbed] == [other]


def test_a_split_puts_the_merged_ticket_back_with_its_status_and_assignee(demo_db, clock):
    kept, other = two_in_grid_1(demo_db, clock)
    with demo_db.session() as s:
        acknowledge(s, clock, RULES, other, WORKER)
    with demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, WORKER), WORKER, kept, other)
    with demo_db.session() as s:
        merging.split(s, clock, RULES, scope(demo_db, WORKER), WORKER, kept, other)
    back = ticket(demo_db, other)
    assert back.status == "acknowledged" and back.assignee.phone == WORKER and back.merged_into_id is None
    assert NEIGHBOUR_OUTSIDE_BUILDING not in reporters_following(demo_db, kept)
    assert kinds(demo_db, other)[-1] == "split" and kinds(demo_db, kept)[-1] == "unlinked"
    assert "ticket.split" in audited(demo_db, other)


def test_a_report_merged_on_arrival_is_routed_when_split_off(demo_db, clock):
    first = submit(demo_db, clock, make_report("阳光小区门口路灯坏了", place_text="阳光小区门口"))
    second = submit(demo_db, clock, make_report("阳光小区门口路灯不亮", sender=NEIGHBOUR_OUTSIDE_BUILDING,
                                                 place_text="阳光小区门口"))
    assert ticket(demo_db, second).status == "merged"
    with demo_db.session() as s:
        merging.split(s, clock, RULES, scope(demo_db, WORKER), WORKER, first, second)
    back = ticket(demo_db, second)
    assert back.status == "assigned" and back.assignee is not None
    assert NEIGHBOUR_OUTSIDE_BUILDING not in reporters_following(demo_db, first)


def test_tickets_of_two_grids_are_never_merged(demo_db, clock):
    ours, theirs = in_grid_1(demo_db, clock), in_hb_grid_2(demo_db, clock)
    with pytest.raises(TicketError) as refused, demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, WORKER), WORKER, ours, theirs)
    assert refused.value.reason == "not_found"  # another grid's ticket is outside the worker's scope
    with pytest.raises(TicketError) as refused, demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, DUTY_OFFICER), DUTY_OFFICER, ours, theirs)
    assert refused.value.reason == "other_grid" and merging.REFUSALS["other_grid"].startswith("两张工单")
    assert ticket(demo_db, theirs).status != "merged"


def test_the_duty_officers_explicit_merge_goes_across_grids_and_into_no_grid(demo_db, clock):
    # Blind test 34, DO3: the bot's own placeless duplicate emergency could not be merged (不在同一网格).
    ours, theirs, nowhere = in_grid_1(demo_db, clock), in_hb_grid_2(demo_db, clock), unplaced(demo_db, clock)
    with demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, DUTY_OFFICER), DUTY_OFFICER, ours, theirs, across=True)
    with demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, DUTY_OFFICER), DUTY_OFFICER, ours, nowhere, across=True)
    kept = ticket(demo_db, ours)
    assert {ticket(demo_db, n).merged_into_id for n in (theirs, nowhere)} == {kept.id}
    assert kept.status not in ("merged", "closed")


def test_a_grid_worker_never_merges_across_grids_even_when_asked_across(demo_db, clock):
    ours, nowhere = in_grid_1(demo_db, clock), unplaced(demo_db, clock)
    with pytest.raises(TicketError) as refused, demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, WORKER), WORKER, ours, nowhere, across=True)
    assert refused.value.reason in ("not_found", "other_grid")
    assert ticket(demo_db, nowhere).status != "merged"


def test_nothing_is_merged_into_a_closed_ticket(demo_db, clock):
    kept, other = two_in_grid_1(demo_db, clock)
    with demo_db.session() as s:
        s.scalar(select(Ticket).where(Ticket.number == kept)).status = "closed"
    with pytest.raises(TicketError) as refused, demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, WORKER), WORKER, kept, other)
    assert refused.value.reason == "target_closed"
    assert ticket(demo_db, other).status == "assigned"


def test_a_ticket_is_not_merged_into_itself_nor_split_when_it_was_never_merged(demo_db, clock):
    kept, other = two_in_grid_1(demo_db, clock)
    with pytest.raises(TicketError) as refused, demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, WORKER), WORKER, kept, kept)
    assert refused.value.reason == "same_ticket"
    with pytest.raises(TicketError) as refused, demo_db.session() as s:
        merging.split(s, clock, RULES, scope(demo_db, WORKER), WORKER, kept, other)
    assert refused.value.reason == "not_merged"


def test_the_merged_tickets_reporter_hears_the_kept_tickets_outcome(demo_db, clock):
    kept, other = two_in_grid_1(demo_db, clock)
    with demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, WORKER), WORKER, kept, other)
    with demo_db.session() as s:
        resolve(s, clock, RULES, kept, WORKER, "已经修好了")
    assert any(kept in text and "修好" in text for text in messages_to(demo_db, NEIGHBOUR_OUTSIDE_BUILDING))


def test_only_someone_who_may_act_on_both_tickets_merges_them(demo_db, clock):
    kept = in_grid_1(demo_db, clock)
    other = in_grid_1(demo_db, clock, "小区门口垃圾三天没人收了", category="sanitation")  # both his building's
    with pytest.raises(TicketError) as refused, demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, BUILDING_HEAD), BUILDING_HEAD, kept, other)
    assert refused.value.reason == "not_allowed"
    assert ticket(demo_db, other).status == "assigned"


def test_a_split_soon_after_a_merge_does_not_double_the_overdue_step(demo_db, clock):
    kept, other = two_in_grid_1(demo_db, clock)
    with demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, WORKER), WORKER, kept, other)
    with demo_db.session() as s:
        merging.split(s, clock, RULES, scope(demo_db, WORKER), WORKER, kept, other)
    with demo_db.session() as s:
        tid = s.scalar(select(Ticket.id).where(Ticket.number == other))
        pending = list(s.scalars(select(TicketTimer.kind).where(TicketTimer.ticket_id == tid,
                                                                  TicketTimer.status == "pending")))
    assert pending.count("overdue") == 1 and pending.count("remind") == 1


def test_the_overdue_step_that_went_stale_while_merged_is_scheduled_again_on_split(demo_db, clock):
    kept, other = two_in_grid_1(demo_db, clock)
    with demo_db.session() as s:
        merging.merge(s, clock, RULES, scope(demo_db, WORKER), WORKER, kept, other)
    with demo_db.session() as s:  # what the timers do with a merged ticket's: found stale, done
        tid = s.scalar(select(Ticket.id).where(Ticket.number == other))
        for timer in s.scalars(select(TicketTimer).where(TicketTimer.ticket_id == tid)):
            timer.status, timer.outcome = "done", "stale"
    with demo_db.session() as s:
        merging.split(s, clock, RULES, scope(demo_db, WORKER), WORKER, kept, other)
    with demo_db.session() as s:
        due = s.scalar(select(Ticket.due_at).where(Ticket.id == tid))
        pending = s.scalars(select(TicketTimer).where(TicketTimer.ticket_id == tid, TicketTimer.status == "pending"))
        assert [(t.kind, t.deadline) for t in pending if t.kind == "overdue"] == [("overdue", due)]
