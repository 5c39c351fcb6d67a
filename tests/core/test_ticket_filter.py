"""Which tickets: scopes (whole grids, or any object with tickets() and covers_unit()), the queue's
folders and filters, the urgency order, a unit's grids."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select

from bot.common.clock import FakeClock
from bot.core import lifecycle, stats
from bot.core.ticket_filter import GridScope, TicketFilter, grids_under, tickets_query
from bot.store.db import Database
from bot.store.models import OrgUnit, Ticket
from tests.conftest import POINT_IN_HB_GRID_2, WORKER
from tests.core.helpers import RULES, make_report, resident_with_colour, submit


def unit(db: Database, code: str) -> int:
    with db.session() as s:
        return s.scalar(select(OrgUnit.id).where(OrgUnit.code == code))


def numbers(db: Database, scope, wanted: TicketFilter, now: datetime) -> list[str]:
    with db.session() as s:
        return [t.number for t in s.scalars(tickets_query(scope, wanted, now))]


def test_a_units_grids_are_its_own_or_those_under_it(demo_db: Database):
    with demo_db.session() as s:
        assert grids_under(s, [unit(demo_db, "XF-G2")]) == {unit(demo_db, "XF-G2")}
        assert grids_under(s, [unit(demo_db, "SQ")]) == {unit(demo_db, "SQ-G1")}
        assert len(grids_under(s, [unit(demo_db, "QS")])) == 13
        assert grids_under(s, [unit(demo_db, "XF-G1-B1")]) == frozenset()


def test_each_filter_narrows_the_list_and_the_order_is_most_urgent_first(demo_db: Database, clock: FakeClock):
    plain = submit(demo_db, clock, make_report("路灯坏了", category="roads"))
    red = submit(demo_db, clock, make_report("屋顶漏水了 50%", category="housing_utilities",
                                             sender=resident_with_colour(demo_db, "red")))
    river = submit(demo_db, clock, make_report("河边的路塌了", lat=POINT_IN_HB_GRID_2[0], lon=POINT_IN_HB_GRID_2[1]))
    with demo_db.session() as s:
        s.execute(Ticket.__table__.update().where(Ticket.number == river).values(reporter_channel="sms"))
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, plain, WORKER)
    now = clock.now()
    everything = GridScope.all()
    assert numbers(demo_db, everything, TicketFilter(), now) == [red, river, plain]
    assert numbers(demo_db, everything, TicketFilter(colour="red"), now) == [red]
    assert numbers(demo_db, everything, TicketFilter(channel="sms"), now) == [river]
    assert numbers(demo_db, everything, TicketFilter(community_id=unit(demo_db, "HB")), now) == [river]
    assert numbers(demo_db, everything, TicketFilter(grid_id=unit(demo_db, "XF-G1")), now) == [red, plain]
    assert numbers(demo_db, everything, TicketFilter(status="acknowledged"), now) == [plain]
    assert numbers(demo_db, everything, TicketFilter(folder="working"), now) == [plain]
    assert numbers(demo_db, everything, TicketFilter(text="50%"), now) == [red]
    assert numbers(demo_db, everything, TicketFilter(text="5_%"), now) == []  # LIKE wildcards are plain text
    assert numbers(demo_db, everything, TicketFilter(text=river.lower()), now) == [river]
    assert numbers(demo_db, everything, TicketFilter(until=now), now) == []
    assert numbers(demo_db, GridScope.of_grids([unit(demo_db, "HB-G2")]), TicketFilter(), now) == [river]
    assert numbers(demo_db, GridScope(), TicketFilter(), now) == []


def test_an_untaken_ticket_past_its_acknowledgement_deadline_is_overdue_not_pending(demo_db: Database,
                                                                                   clock: FakeClock):
    number = submit(demo_db, clock, make_report("路灯坏了"))
    later = clock.now() + timedelta(days=2)  # its day to acknowledge has passed
    assert numbers(demo_db, GridScope.all(), TicketFilter(folder="pending"), clock.now()) == [number]
    assert numbers(demo_db, GridScope.all(), TicketFilter(folder="pending"), later) == []
    assert numbers(demo_db, GridScope.all(), TicketFilter(folder="overdue"), later) == [number]


@dataclass(frozen=True)
class HeldBy:
    """A scope that is not of grids: the tickets a person holds (as the workbench's scope adds)."""

    person_id: int
    everything: bool = False
    unit_ids: frozenset[int] = frozenset()

    def tickets(self) -> ColumnElement[bool]:
        return Ticket.assignee_id == self.person_id

    def covers_unit(self, unit_id: int | None) -> bool:
        return False


def test_any_scope_with_its_tickets_condition_drives_the_statistics(demo_db: Database, clock: FakeClock):
    mine = submit(demo_db, clock, make_report("路灯坏了"))
    submit(demo_db, clock, make_report("河边的路塌了", lat=POINT_IN_HB_GRID_2[0], lon=POINT_IN_HB_GRID_2[1]))
    with demo_db.session() as s:
        worker_id = s.scalar(select(Ticket.assignee_id).where(Ticket.number == mine))
        figures = stats.report(s, HeldBy(worker_id), TicketFilter(), clock.now(), "grid")
    assert figures.total.tickets == 1 and [f.label for f in figures.rows] == ["幸福社区第1网格"]
