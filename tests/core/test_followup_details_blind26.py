"""Blind test 26 (docs/usertests/2026-12-06-blind14.md, rows B112, A18, B4): a spot of the report's own building said
after it is more of the report, never a second ticket; more of the fault said when asked where is the report's
words, never a failed place; a question about when the lamp is fixed asks after that ticket, never a 补充."""

from __future__ import annotations

from datetime import timedelta

from bot.common.clock import FakeClock
from bot.core import follow_up_reading, held_words, other_problem, place_answers, ticket_questions
from bot.store.db import Database
from tests.conftest import RESIDENT
from tests.core.helpers import make_report, submit, ticket

WINDOW = timedelta(minutes=30)


def test_a_spot_of_the_reports_own_building_is_more_of_it_not_a_report_of_its_own(demo_db: Database,
                                                                                   clock: FakeClock):
    number = submit(demo_db, clock, make_report("河畔花园9栋门口的化粪池盖子裂了", category="sanitation"))
    cover = ticket(demo_db, number)
    with demo_db.session() as s:
        for said in ("就在9栋2单元门口 小娃儿经常在那耍", "就是9栋后面那个 老年人天天从那过",
                     "在9栋1单元旁边 晚上黑得很"):
            assert follow_up_reading.read_follow_up(s, cover, said, "report_issue", "other") == "detail", said
    report, place = "河畔花园9栋门口的化粪池盖子裂了", "河畔花园9栋门口"
    assert not other_problem.own_report(report, place, "就在9栋2单元门口 小娃儿经常在那耍")
    # another building, someone new brought in: still its own
    assert other_problem.own_report(report, place, "19栋门口有个老人家摔倒了 爬不起来")


def test_a_fault_said_when_asked_where_is_more_of_the_problem_not_a_failed_place():
    for said in ("不出热水了 三天了", "打不燃火", "没得热水了", "一直不亮了 好几天了", "不出水了"):
        assert place_answers.reading(said) == "problem", said
    for place in ("河畔花园6栋", "安居苑门口", "阳光小区5栋2单元"):
        assert place_answers.reading(place) is None, place
    assert place_answers.report_with("屋头热水器", "不出热水了 三天了") == "屋头热水器 不出热水了 三天了"


def test_when_the_lamp_is_fixed_asks_after_the_lamp_ticket(demo_db: Database, clock: FakeClock):
    submit(demo_db, clock, make_report("楼道里的电线在冒火花", category="housing_utilities"))
    lamp = submit(demo_db, clock, make_report("阳光小区1栋门口的路灯坏了 晚上黑得很"))
    submit(demo_db, clock, make_report("垃圾好久都没人收了", category="sanitation"))
    clock.advance(hours=3)
    with demo_db.session() as s:
        for asked in ("那个灯到底哪天修", "灯好久来修嘛", "那个灯究竟啥时候来换"):
            found = ticket_questions.asked_about(s, clock, RESIDENT, asked, WINDOW)
            assert found is not None and found.ticket.number == lamp, asked


def test_laughter_or_words_at_us_before_a_place_are_not_held_as_the_place():
    assert held_words.held_place_reply("哈哈哈 你们都是憨包 阳光小区").startswith("已记下地点：阳光小区。")
    assert held_words.held_place_reply("嘿嘿 你们是瓜娃子 河畔花园3栋").startswith("已记下地点：河畔花园3栋。")
    assert held_words.held_place_reply("河滨路 3栋").startswith("已记下地点：河滨路 3栋。")  # all of it the place
