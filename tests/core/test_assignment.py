"""Opening: the routing table, priority by emergency and household colour, 并单 duplicates."""

from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import lifecycle
from bot.store.db import Database
from bot.store.models import Ticket, TicketFollower
from tests.conftest import DUTY_OFFICER, POINT_IN_GRID_1, RESIDENT, RIDER, STRANGER, WORKER
from tests.core.helpers import (
    AUX_POLICE,
    COMMUNITY_SECRETARY,
    EMPLOYMENT,
    HOME_CARE,
    MEDIATOR,
    RULES,
    make_report,
    messages_to,
    resident_with_colour,
    submit,
    submit_opened,
    ticket,
)


def test_a_dispute_goes_to_the_grid_worker_with_the_mediator_following(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("楼上楼下为漏水吵起来了", category="dispute"))
    opened = ticket(demo_db, number)
    assert (opened.assignee.phone, opened.assignee_role) == (WORKER, "grid_worker")
    assert any(number in m and "协办" in m for m in messages_to(demo_db, MEDIATOR))
    with demo_db.session() as s:
        roles = s.scalars(select(TicketFollower.role).where(TicketFollower.ticket_id == opened.id)).all()
    assert roles == ["co_handler"]


def test_public_security_brings_in_the_auxiliary_police(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("晚上总有人在楼下偷电瓶", category="public_security"))
    assert any(number in m for m in messages_to(demo_db, AUX_POLICE))
    assert ticket(demo_db, number).severity == "major"


def test_elderly_care_brings_in_home_care(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("隔壁独居老人好几天没出门", category="elderly_care"))
    assert any(number in m for m in messages_to(demo_db, HOME_CARE))


def test_employment_goes_to_the_employment_assistant_alone(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("想找个保洁的工作", category="employment"))
    opened = ticket(demo_db, number)
    assert (opened.assignee.phone, opened.assignee_role) == (EMPLOYMENT, "employment_assistant")
    assert messages_to(demo_db, WORKER) == []


def test_a_green_households_report_is_normal_with_a_day_to_acknowledge(demo_db: Database, clock: FakeClock):
    opened = ticket(demo_db, submit(demo_db, clock))
    assert opened.priority == "normal"
    assert opened.ack_due_at.replace(tzinfo=None) == (clock.now().replace(tzinfo=None)
                                                      + RULES.ack_within("normal"))


def test_red_and_yellow_households_get_high_and_medium_priority(demo_db: Database, clock: FakeClock):
    red = ticket(demo_db, submit(demo_db, clock, make_report(sender=resident_with_colour(demo_db, "red"))))
    yellow = ticket(demo_db, submit(demo_db, clock, make_report("水管漏了", category="housing_utilities",
                                                               sender=resident_with_colour(demo_db, "yellow"))))
    assert (red.priority, yellow.priority) == ("high", "medium")
    assert "【紧急】" in messages_to(demo_db, red.assignee.phone)[0]


def test_an_emergency_is_immediate_and_the_secretary_and_duty_officer_hear_at_once(demo_db: Database,
                                                                                   clock: FakeClock):
    number = submit(demo_db, clock, make_report("楼下电瓶车烧起来了", category="fire_safety", emergency=True))
    urgent = ticket(demo_db, number)
    assert (urgent.priority, urgent.severity) == ("immediate", "critical")
    assert (urgent.ack_due_at - urgent.created_at).total_seconds() == 3600
    assert any("紧急" in m and number in m for m in messages_to(demo_db, COMMUNITY_SECRETARY))
    assert any("紧急" in m and number in m for m in messages_to(demo_db, DUTY_OFFICER))
    assert RULES.emergency_number("fire_safety") == "119"


def test_a_report_near_an_open_one_of_the_same_category_is_linked_to_it(demo_db: Database, clock: FakeClock):
    lat, lon = POINT_IN_GRID_1
    with demo_db.session() as s:
        first = submit_opened(s, clock, make_report("路灯不亮", sender=RIDER, lat=lat, lon=lon)).ticket.number
    clock.advance(hours=5)
    with demo_db.session() as s:
        second = submit_opened(s, clock, make_report("这里路灯坏了", sender=STRANGER, lat=lat + 0.0005, lon=lon))
        assert second.merged_into.number == first and second.ticket.status == "merged"
    with demo_db.session() as s:
        assert [t.number for t in lifecycle.reported_by(s, STRANGER, ("assigned",))] == [first]
        lifecycle.resolve(s, clock, RULES, first, WORKER, "已更换灯泡")
    assert any(first in m and "请评价" in m for m in messages_to(demo_db, STRANGER))
    assert len(messages_to(demo_db, WORKER)) == 1  # the worker got one ticket, not two


def test_a_far_away_or_other_category_or_old_report_opens_its_own_ticket(demo_db: Database, clock: FakeClock):
    lat, lon = POINT_IN_GRID_1
    with demo_db.session() as s:
        submit_opened(s, clock, make_report("路灯不亮", sender=RIDER, lat=lat, lon=lon))
        far = submit_opened(s, clock, make_report("路灯不亮", sender=STRANGER, lat=lat + 0.003, lon=lon))
        other = submit_opened(s, clock, make_report("垃圾堆着", category="sanitation", sender=STRANGER, lat=lat,
                                                    lon=lon))
    clock.advance(hours=RULES.duplicates.hours + 1)
    with demo_db.session() as s:
        late = submit_opened(s, clock, make_report("路灯还是不亮", sender=STRANGER, lat=lat, lon=lon))
    assert [o.merged_into for o in (far, other, late)] == [None, None, None]
    with demo_db.session() as s:
        assert s.query(Ticket).filter(Ticket.status == "merged").count() == 0


def test_a_loose_manhole_cover_is_never_merged_into_a_street_light_at_the_same_spot(demo_db: Database,
                                                                                   clock: FakeClock):
    lat, lon = POINT_IN_GRID_1
    with demo_db.session() as s:
        submit_opened(s, clock, make_report("路灯不亮", sender=RIDER, lat=lat, lon=lon))
        manhole = submit_opened(s, clock, make_report("井盖松了 踩上去咣当响", sender=STRANGER, lat=lat, lon=lon))
        assert manhole.merged_into is None and manhole.ticket.status == "assigned"


def test_a_ticket_returned_to_another_grid_or_awaiting_dispatch_takes_no_duplicates(demo_db: Database,
                                                                                   clock: FakeClock):
    lat, lon = POINT_IN_GRID_1
    with demo_db.session() as s:
        light = submit_opened(s, clock, make_report("路灯不亮", sender=RIDER, lat=lat, lon=lon)).ticket.number
        lifecycle.return_ticket(s, clock, RULES, light, WORKER, "不是我们网格的，在安居社区第1网格")
    assert ticket(demo_db, light).unit.name == "安居社区第1网格"  # rerouted: no longer this grid's
    with demo_db.session() as s:
        again = submit_opened(s, clock, make_report("这里路灯坏了", sender=STRANGER, lat=lat, lon=lon))
        assert again.merged_into is None
        lifecycle.return_ticket(s, clock, RULES, again.ticket.number, WORKER, "不归我们")
    assert ticket(demo_db, again.ticket.number).status == "returned"
    with demo_db.session() as s:
        third = submit_opened(s, clock, make_report("路灯还是坏的", sender=RESIDENT, lat=lat, lon=lon))
        assert third.merged_into is None  # not into the one waiting for the duty officer


def test_valid_reports_earn_points_once(demo_db: Database, clock: FakeClock):
    from bot.core import points
    from bot.core.registry import person_by_address

    submit(demo_db, clock)
    with demo_db.session() as s:
        assert points.balance(s, person_by_address(s, RESIDENT).id) == points.DEFAULT_RULES.amounts["report"]
