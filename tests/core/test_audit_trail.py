"""Secretaries and the duty officer read their scope's audit trail; others have none."""

from bot.core import lifecycle
from bot.core.audit_trail import trail
from tests.conftest import DUTY_OFFICER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY, RULES
from tests.core.workbench_factories import HB_GRID_2_WORKER, in_grid_1, in_hb_grid_2, scope


def test_a_secretary_reads_what_was_done_in_her_community_and_nothing_of_another(demo_db, clock):
    mine, theirs = in_grid_1(demo_db, clock), in_hb_grid_2(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, mine, WORKER)
        lifecycle.acknowledge(s, clock, RULES, theirs, HB_GRID_2_WORKER)
    with demo_db.session() as s:
        entries = trail(s, clock, scope(demo_db, COMMUNITY_SECRETARY))
    assert [(e.action, e.ticket) for e in entries] == [("ticket.acknowledged", mine)]
    assert entries[0].actor != WORKER and WORKER not in entries[0].actor  # a name, never the number


def test_the_duty_officer_reads_everything_and_reading_is_recorded(demo_db, clock):
    mine, theirs = in_grid_1(demo_db, clock), in_hb_grid_2(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, mine, WORKER)
        lifecycle.acknowledge(s, clock, RULES, theirs, HB_GRID_2_WORKER)
    with demo_db.session() as s:
        first = trail(s, clock, scope(demo_db, DUTY_OFFICER))
    with demo_db.session() as s:
        second = trail(s, clock, scope(demo_db, DUTY_OFFICER))
    assert {e.ticket for e in first} == {mine, theirs}
    assert second[0].action == "audit.viewed"


def test_a_grid_worker_has_no_audit_trail_to_read(demo_db, clock):
    with demo_db.session() as s:
        assert trail(s, clock, scope(demo_db, WORKER)) is None
