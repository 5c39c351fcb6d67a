"""A follow-up after the sender's newest report was merged into another's ticket: their own report the words name."""

from __future__ import annotations

from datetime import timedelta

from bot.common.clock import FakeClock
from bot.core import own_report, reports
from bot.store.db import Database
from tests.conftest import RIDER
from tests.core.helpers import RULES, make_report, submit

WINDOW = timedelta(minutes=30)


def _rider_after_a_merge(demo_db: Database, clock: FakeClock) -> tuple[str, str]:
    """(the rider's theft report, the stranger's ticket his later report was merged into)."""
    theirs = submit(demo_db, clock, make_report("安居苑2栋门口的垃圾箱遭风吹翻了 垃圾滚得满地都是",
                                                sender="+8613999991102",
                                                category="sanitation", place_text="安居苑2栋"))
    theft = submit(demo_db, clock, make_report("我电瓶车在安居苑2栋门口遭偷了", sender=RIDER, category="security",
                                               place_text="安居苑2栋"))
    with demo_db.session() as s:
        merged = reports.submit(s, clock, make_report("安居苑2栋门口垃圾箱翻了 垃圾撒起满地 没人管", sender=RIDER,
                                                      category="sanitation", place_text="安居苑2栋"), RULES)
        assert merged.merged_into is not None and merged.merged_into.number == theirs
    return theft, theirs


def test_a_detail_naming_the_senders_own_report_is_about_that_report(demo_db: Database, clock: FakeClock):
    theft, theirs = _rider_after_a_merge(demo_db, clock)
    with demo_db.session() as s:
        newest = reports.recent_open_ticket(s, clock, RIDER, WINDOW)
        assert newest is not None and newest.number == theirs
        assert own_report.meant(s, clock, RIDER, WINDOW, newest, "电瓶车是绿色的雅迪 买了才半年").number == theft


def test_a_detail_of_the_merged_matter_stays_with_the_ticket_it_was_merged_into(demo_db: Database, clock: FakeClock):
    _, theirs = _rider_after_a_merge(demo_db, clock)
    with demo_db.session() as s:
        newest = reports.recent_open_ticket(s, clock, RIDER, WINDOW)
        assert own_report.meant(s, clock, RIDER, WINDOW, newest, "垃圾箱里的东西撒得到处都是").number == theirs


def test_words_of_neither_go_to_the_senders_own_report_rather_than_a_strangers(demo_db: Database, clock: FakeClock):
    theft, _ = _rider_after_a_merge(demo_db, clock)  # blind test 33, B132: 120来了 拉走了 went onto a stranger's bin
    with demo_db.session() as s:
        newest = reports.recent_open_ticket(s, clock, RIDER, WINDOW)
        assert own_report.meant(s, clock, RIDER, WINDOW, newest, "120来了 拉走了").number == theft


def test_words_of_the_senders_merged_report_stay_with_the_ticket_it_joined(demo_db: Database, clock: FakeClock):
    _, theirs = _rider_after_a_merge(demo_db, clock)  # his words 垃圾撒起满地 are in his merged report, not in theirs
    with demo_db.session() as s:
        newest = reports.recent_open_ticket(s, clock, RIDER, WINDOW)
        assert own_report.meant(s, clock, RIDER, WINDOW, newest, "撒起满地 臭得很").number == theirs
