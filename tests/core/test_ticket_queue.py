"""The queue: folders by 13710 stage with counts, filters, search, most urgent first."""

from datetime import timedelta

from bot.core import lifecycle
from bot.core.ticket_queue import QueueFilters, counts, tickets
from tests.conftest import DUTY_OFFICER, RESIDENT, WORKER
from tests.core.helpers import RULES, make_report, resident_with_colour, submit
from tests.core.workbench_factories import in_grid_1, in_hb_grid_2, scope, unplaced


def listed(db, clock, phone=DUTY_OFFICER, **filters):
    with db.session() as s:
        return [t.number for t in tickets(s, scope(db, phone), QueueFilters(**filters), clock.now())]


def counted(db, clock, phone=DUTY_OFFICER, **filters):
    with db.session() as s:
        return counts(s, scope(db, phone), QueueFilters(**filters), clock.now())


def test_each_ticket_sits_in_the_folder_of_its_13710_stage(demo_db, clock):
    waiting = in_grid_1(demo_db, clock, "路灯坏了")
    working = in_grid_1(demo_db, clock, "井盖松了")
    rating = in_grid_1(demo_db, clock, "垃圾没清")
    done = in_grid_1(demo_db, clock, "树倒了")
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, working, WORKER)
        for number in (rating, done):
            lifecycle.resolve(s, clock, RULES, number, WORKER, "好了")
        lifecycle.rate(s, clock, RULES, RESIDENT, 1, done)
    assert listed(demo_db, clock, folder="pending") == [waiting]
    assert listed(demo_db, clock, folder="working") == [working]
    assert listed(demo_db, clock, folder="rating") == [rating]
    assert listed(demo_db, clock, folder="done") == [done]
    assert counted(demo_db, clock) == {"pending": 1, "working": 1, "rating": 1, "overdue": 0, "done": 1}


def test_a_ticket_past_its_deadline_moves_to_overdue(demo_db, clock):
    late = in_grid_1(demo_db, clock)
    clock.advance(days=2)  # past the 24 h to acknowledge a green household's report
    fresh = in_grid_1(demo_db, clock, "井盖松了")
    assert listed(demo_db, clock, folder="overdue") == [late]
    assert listed(demo_db, clock, folder="pending") == [fresh]


def test_emergencies_come_first_then_overdue_then_red_households(demo_db, clock):
    late = in_grid_1(demo_db, clock, "路灯坏了")
    clock.advance(days=2)
    ordinary = in_grid_1(demo_db, clock, "井盖松了")
    red = submit(demo_db, clock, make_report("门口下水道堵了", sender=resident_with_colour(demo_db, "red")))
    fire = in_grid_1(demo_db, clock, "着火了", category="fire_safety", emergency=True)
    order = listed(demo_db, clock, folder="pending") + listed(demo_db, clock, folder="overdue")
    assert order[0] == fire
    assert listed(demo_db, clock, folder="overdue") == [late]
    pending = listed(demo_db, clock, folder="pending")
    assert pending.index(red) < pending.index(ordinary)


def test_filters_by_category_grid_channel_colour_date_and_text(demo_db, clock):
    lamp = in_grid_1(demo_db, clock, "阳光小区路灯坏了")
    clock.advance(days=1)
    rubbish = in_hb_grid_2(demo_db, clock, "河滨路垃圾堆成山", category="sanitation")
    red = submit(demo_db, clock, make_report("门口下水道堵了", sender=resident_with_colour(demo_db, "red")))
    day = (clock.now() + timedelta(hours=8)).date()
    assert listed(demo_db, clock, category="sanitation") == [rubbish]
    assert set(listed(demo_db, clock, grid="XF-G1")) == {lamp, red}  # the first red household is in grid 1
    assert listed(demo_db, clock, q="垃圾") == [rubbish]
    assert listed(demo_db, clock, q=lamp.lower()) == [lamp]
    assert listed(demo_db, clock, colour="red") == [red]
    assert lamp not in listed(demo_db, clock, since=day) and rubbish in listed(demo_db, clock, since=day)
    assert listed(demo_db, clock, until=day - timedelta(days=1)) == [lamp]
    assert listed(demo_db, clock, channel="sms") == []
    assert counted(demo_db, clock, category="sanitation")["pending"] == 1


def test_a_search_for_percent_or_underscore_matches_them_literally(demo_db, clock):
    in_grid_1(demo_db, clock, "路灯坏了")
    assert listed(demo_db, clock, q="%") == [] and listed(demo_db, clock, q="_") == []


def test_the_queue_holds_only_what_is_in_scope(demo_db, clock):
    mine = in_grid_1(demo_db, clock)
    in_hb_grid_2(demo_db, clock)
    assert listed(demo_db, clock, phone=WORKER) == [mine]
    assert counted(demo_db, clock, phone=WORKER)["pending"] == 1


def test_a_report_nobody_could_place_has_no_deadline_and_still_waits_in_pending(demo_db, clock):
    number = unplaced(demo_db, clock)
    clock.advance(days=30)
    assert listed(demo_db, clock, folder="pending") == [number]
    assert counted(demo_db, clock)["overdue"] == 0
