"""Blind test 35 (docs/usertests/2026-12-07-blind23.md, rows E2, E33, L21): a place said right after one's report
is where it is (open or just closed), how many of its own doing is more of it, and a report naming its own place
out of doors never gets the reporter's home as its place."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.common.clock import FakeClock
from bot.core import after_report, follow_up_reading, place_followups, place_parts
from bot.core.lifecycle import get_ticket
from bot.core.tickets import home_place
from bot.store.db import Database
from tests.conftest import RESIDENT, VILLAGER
from tests.core.helpers import make_report, messages_to, submit, ticket

SENDER = "+86139555776900"
STINK = "河畔花园970栋那边的垃圾站一年到头都臭"


@pytest.mark.parametrize("text", ["就是970栋后面那个垃圾站", "我说的是971栋背后那个垃圾站", "垃圾站在972栋旁边那点",
                                  "就在5栋后头"])
def test_a_place_of_the_reports_own_thing_is_where_it_is(demo_db: Database, text: str):
    with demo_db.session() as s:
        assert place_followups.names_its_place(s, STINK, text)


@pytest.mark.parametrize("text", ["970栋门口的路灯不亮了", "垃圾站在哪点嘛", "5栋后面那个垃圾站又臭了",
                                  "970栋后面着火了", "那个垃圾站是不是物业管的"])
def test_another_thing_a_fault_a_question_or_a_danger_is_no_place_of_it(demo_db: Database, text: str):
    with demo_db.session() as s:
        assert not place_followups.names_its_place(s, STINK, text)


@pytest.mark.parametrize(("intent", "category"), [("report_issue", "environment"), ("report_issue", "roads"),
                                                  ("nlu_fallback", None), ("inform_location", None)])
def test_a_place_soon_after_the_report_is_a_detail_whatever_the_classifier(demo_db: Database, clock: FakeClock,
                                                                          intent: str, category: str | None):
    open_ = ticket(demo_db, submit(demo_db, clock, make_report(STINK, sender=SENDER, category="environment")))
    with demo_db.session() as s:
        assert follow_up_reading.read_follow_up(s, open_, "我说的是971栋背后那个垃圾站", intent, category) == "detail"


def test_only_a_ticket_resolved_within_the_window_is_just_closed(demo_db: Database, clock: FakeClock):
    closed = ticket(demo_db, submit(demo_db, clock, make_report(STINK, sender=SENDER, category="environment")))
    closed.status, closed.resolved_at = "resolved", clock.now() - timedelta(minutes=6)
    assert place_followups.just_closed(closed, clock, timedelta(minutes=30))
    closed.resolved_at = clock.now() - timedelta(hours=2)
    assert not place_followups.just_closed(closed, clock, timedelta(minutes=30))


@pytest.mark.parametrize(("report", "text"), [
    ("安居苑973栋楼道里停了电瓶车", "停了好几辆 过道都堵死了"),  # E33
    ("河畔花园973栋楼道里有人停电瓶车", "停了四五辆 人都过不去了"),
    ("阳光小区973栋过道里堆满了纸壳子", "堆了一大堆 门都挡到了"),
])
def test_how_many_of_the_reports_own_doing_is_more_of_it(report: str, text: str):
    assert after_report.may_be_more(text) and after_report.more_of_it(report, text)


@pytest.mark.parametrize(("report", "text"), [
    ("我家厨房下水道堵了", "楼下停了好几辆车 把路堵了"),  # another doing
    ("安居苑973栋楼道里停了电瓶车", "975栋也停了好几辆"),  # another building
    ("阳光小区973栋过道里堆满了纸壳子", "堆了一大堆 还起火了"),  # a danger
])
def test_how_many_of_another_doing_or_elsewhere_is_not(report: str, text: str):
    assert not after_report.more_of_it(report, text)


@pytest.mark.parametrize("text", ["村口那座小桥的栏杆断了", "村头堰塘边上的护栏垮了一截", "小学门口那段路烂了好大个坑"])
def test_a_report_naming_its_own_place_out_of_doors_is_not_placed_at_home(demo_db: Database, clock: FakeClock,
                                                                          text: str):
    assert place_parts.names_out_of_doors(text)
    number = submit(demo_db, clock, make_report(text, sender=VILLAGER, category="roads"))
    with demo_db.session() as s:
        assert home_place(get_ticket(s, number)) == ""
    assert not any("（住" in m for m in messages_to(demo_db, "+8613700000013"))


@pytest.mark.parametrize("text", ["我们单元楼道的灯坏了", "我家门口的下水道堵了", "屋头停水了"])
def test_a_report_naming_no_place_of_its_own_is_at_the_registered_home(demo_db: Database, clock: FakeClock,
                                                                       text: str):
    assert not place_parts.names_out_of_doors(text)
    number = submit(demo_db, clock, make_report(text, sender=RESIDENT, category="housing_utilities"))
    with demo_db.session() as s:
        assert home_place(get_ticket(s, number)).startswith("住阳光小区")
