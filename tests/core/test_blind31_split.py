"""Blind test 31 (docs/usertests/2026-12-07-blind19.md): two problems in one message at two estates, and 并单 into
another's ticket that is not the same thing (B25, B25b, A-B14a2, A22a2)."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import place_parts, reports, two_problems
from bot.core.problem_match import same_problem
from bot.store.db import Database
from tests.core.helpers import RULES, make_report

STRANGER = "+8613955544090"
OTHER = "+8613955544091"


@pytest.mark.parametrize(("first_place", "text", "estate"), [
    ("安居苑门口", "河畔花园那边路灯也坏了", "河畔花园"),
    ("河畔花园门口", "安居苑那边路灯也不亮", "安居苑"),
    ("安居苑门口", "河畔花园12栋门口路灯莫得亮", "河畔花园12栋"),
])
def test_the_second_problem_is_placed_by_the_estate_it_names(demo_db: Database, first_place: str, text: str,
                                                             estate: str):
    with demo_db.session() as s:
        assert reports.second_place(s, first_place, text).startswith(estate)


@pytest.mark.parametrize(("first_place", "text", "place"), [
    ("安居苑门口", "路灯也坏了", "安居苑门口"),  # names none: where the first is
    ("安居苑5栋", "3栋路灯也坏了", "安居苑3栋"),  # a building alone: in the first's estate
])
def test_a_second_problem_naming_no_estate_stays_where_the_first_is(demo_db: Database, first_place: str, text: str,
                                                                    place: str):
    with demo_db.session() as s:
        assert reports.second_place(s, first_place, text) == place


def test_each_part_goes_to_the_worker_of_its_own_estate(demo_db: Database, clock: FakeClock):
    first = make_report("安居苑门口井盖松了", sender=STRANGER, place_text="安居苑门口", source_message_id=None)
    with demo_db.session() as s:
        opened = reports.submit(s, clock, first, RULES)
        second = reports.submit_second(s, clock, make_report(
            "河畔花园那边路灯也坏了", sender=STRANGER, place_text="安居苑门口"), opened, RULES)
        assert opened.ticket.unit.name != second.ticket.unit.name
        assert "河畔花园" in second.ticket.place_text
        assert second.merged_into is None


def test_a_second_problem_at_another_estate_is_never_merged_into_a_lamp_where_the_first_is(demo_db: Database,
                                                                                         clock: FakeClock):
    with demo_db.session() as s:
        theirs = reports.submit(s, clock, make_report("河畔花园门口路灯也不亮", sender=OTHER,
                                                      place_text="河畔花园门口"), RULES)
        first = reports.submit(s, clock, make_report("河畔花园门口井盖翘起来了", sender=STRANGER,
                                                     place_text="河畔花园门口", source_message_id=None), RULES)
        second = reports.submit_second(s, clock, make_report("安居苑那边路灯也不亮", sender=STRANGER,
                                                             place_text="河畔花园门口"), first, RULES)
        assert second.merged_into is None and second.ticket.id != theirs.ticket.id
        assert second.ticket.unit_id != first.ticket.unit_id


def test_the_reply_names_both_workers_when_they_differ_within_one_sms_part():
    reply = two_problems.opened_apart_reply(("T1013", "杨艳（13700000005）"), ("T1014", "周明（13700000009）"))
    assert "杨艳" in reply and "周明" in reply and "T1013" in reply and "T1014" in reply and len(reply) <= 70
    long = two_problems.opened_apart_reply(("T10013", "欧阳秀英（13700000005）"), ("T10014", "司马周明（13700000009）"))
    assert "欧阳秀英" in long and "司马周明" in long and len(long) <= 70
    unassigned = two_problems.opened_apart_reply(("T1013", "杨艳（13700000005）"), ("T1014", ""))
    assert "待派" in unassigned and len(unassigned) <= 70


@pytest.mark.parametrize(("text", "first", "second"), [
    ("安居苑门口井盖松了 路灯坏了", "安居苑门口井盖松了", "路灯坏了"),
    ("河畔花园3栋电梯坏了，垃圾桶满了莫得人倒", "河畔花园3栋电梯坏了", "垃圾桶满了莫得人倒"),
    ("门口垃圾堆起好几天了 臭得很 路灯也不亮", "门口垃圾堆起好几天了 臭得很", "路灯也不亮"),
    ("井盖松了 路灯莫得亮 好几天了", "井盖松了", "路灯莫得亮 好几天了"),
])
def test_two_unrelated_things_said_one_after_the_other_are_two_problems(text: str, first: str, second: str):
    assert two_problems.bare_clauses(text) == (first, second)


@pytest.mark.parametrize("text", [
    "水管爆了 积水淹到楼道了",  # one water problem and where it went
    "停电了 电梯不动了",  # one power cut
    "河畔花园门口的树倒了 把围墙压垮了",  # what the first did
    "楼上装修 噪音太大了",
    "路灯坏了 黑黢黢的 娃娃摔了",
    "井盖松了，电瓶车差点栽进去",
    "安居苑5栋下水道堵了 冒臭水",
])
def test_one_problem_and_its_consequence_are_not_split(text: str):
    assert two_problems.bare_clauses(text) is None


@pytest.mark.parametrize(("place", "text", "held"), [
    ("河畔花园15栋", "还有个事 路灯不亮", "河畔花园15栋"),
    ("河畔花园15栋2单元402", "另外 路灯莫得亮", "河畔花园15栋"),
])
def test_another_problem_with_no_place_right_after_a_report_is_at_its_building(place: str, text: str, held: str):
    assert place_parts.estate_goes_on(place, text) == held


def test_a_lamp_said_after_a_report_at_one_building_is_never_merged_into_a_lamp_at_another(demo_db: Database,
                                                                                          clock: FakeClock):
    with demo_db.session() as s:
        theirs = reports.submit(s, clock, make_report("还有 路灯也不亮", sender=OTHER, place_text="河畔花园12栋"),
                                RULES)
        held = place_parts.estate_goes_on("河畔花园15栋", "还有个事 路灯不亮")
        mine = reports.submit(s, clock, make_report("还有个事 路灯不亮", sender=STRANGER, place_text=held), RULES)
        assert mine.merged_into is None and mine.ticket.id != theirs.ticket.id


@pytest.mark.parametrize("strays", [
    "安居苑有几条流浪狗 晚上一直叫 还追人",
    "安居苑好多野狗 见人就追",
    "安居苑门口有一群狗到处跑 莫得人管",
])
def test_stray_dogs_are_not_an_owners_dog_off_its_lead(strays: str):
    assert not same_problem(strays, "安居苑有人遛狗不拴绳 吓到娃娃了", ["安居苑"])


def test_two_reports_of_strays_at_one_place_are_one_problem():
    assert same_problem("安居苑有几条流浪狗 晚上一直叫 还追人", "安居苑门口好多野狗", ["安居苑"])
