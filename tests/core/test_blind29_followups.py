"""Blind test 29 (B13, B14, B74, B91, B96, B97, B137, B138, B139): a second problem said as more of the talk names a
building or the estate but not which estate, and is in the estate just reported; a question about another ticket, or
a withdrawal naming another ticket's thing, is never the answer to "where?"."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import place_answers
from bot.core.place_parts import estate_of, nearby, spot_beside
from bot.core.places import match_place, within_held
from bot.store.db import Database
from tests.conftest import STRANGER
from tests.core.helpers import make_report, submit


@pytest.mark.parametrize(("place", "text", "meant"), [
    ("安居苑9栋", "还有9栋门口那个垃圾桶没盖子 苍蝇多得很", "安居苑9栋"),  # B13
    ("安居苑3栋", "3栋电表箱门也是开起的 娃娃去摸怕触电", "安居苑3栋"),  # B96
    ("安居苑5栋", "5栋门口的下水道盖子也烂了", "安居苑5栋"),  # B91
    ("河畔花园7栋", "另外 小区门口那个减速带掉了一块", "河畔花园门口"),  # B137
    ("河畔花园1栋", "对了 我们小区路灯也有两盏不亮", "河畔花园"),  # B14
    ("河畔花园1栋", "还有旁边那个路灯也是黑的", "河畔花园1栋"),
    ("安居苑2栋门口", "还有楼上那家天天半夜打麻将", "安居苑2栋"),  # as before (blind test 26, B31)
])
def test_a_building_or_the_estate_said_as_more_of_the_talk_is_in_the_estate_just_reported(place, text, meant):
    assert spot_beside(place, text) == meant


@pytest.mark.parametrize(("place", "text"), [
    ("安居苑9栋", "阳光小区5栋路灯坏了"),  # another estate named
    ("安居苑9栋", "还有人民路那个井盖不见了"),  # a street named
    ("安居苑9栋", "路灯坏了"),  # nothing said of where: asked
    ("人民路", "还有9栋门口垃圾桶翻了"),  # no estate before
])
def test_a_problem_naming_its_own_place_or_none_is_not_put_in_the_estate(place, text):
    assert spot_beside(place, text) == ""


def test_the_estate_of_a_place_and_a_spot_nearby():
    assert estate_of("安居苑9栋2单元") == "安居苑" and estate_of("人民路") == "" and estate_of("9栋") == ""
    assert nearby("还有旁边那个路灯也是黑的") and not nearby("旁边阳光小区的路灯也是黑的") and not nearby("路灯黑的")


def test_the_building_said_is_completed_by_the_estate_once(demo_db: Database):
    with demo_db.session() as s:
        assert within_held(s, "9栋门口", "安居苑9栋") == "安居苑9栋门口"
        assert within_held(s, "18栋楼道", "河畔花园") == "河畔花园18栋楼道"
        assert within_held(s, "阳光小区5栋", "安居苑9栋") == "阳光小区5栋"


@pytest.mark.parametrize("text", ["消防栓那个搞得咋样了", "杂物清干净了没得哦", "那个灯修好没"])
def test_a_question_about_an_open_ticket_answering_where_is_that_ticket(demo_db: Database, clock: FakeClock,
                                                                       text: str):
    submit(demo_db, clock, make_report("安居苑3栋消防栓漏水了 杂物也堆着", sender=STRANGER, category="roads",
                                       place_text="安居苑3栋"))
    with demo_db.session() as s:
        asked = place_answers.ticket_asked(s, STRANGER, text)
        assert asked is not None and "消防栓" in asked.text
        assert place_answers.ticket_asked(s, STRANGER, "安居苑3栋门口") is None


def test_a_question_answering_where_with_no_open_ticket_is_no_ticket(demo_db: Database):
    with demo_db.session() as s:
        assert place_answers.ticket_asked(s, STRANGER, "我的单子处理得咋样了") is None


def test_withdrawing_another_tickets_thing_while_asked_where_names_that_ticket(demo_db: Database, clock: FakeClock):
    lamp = submit(demo_db, clock, make_report("安居苑10栋路灯坏了 晚上黑得很", sender=STRANGER, category="roads",
                                              place_text="安居苑10栋"))
    with demo_db.session() as s:
        assert place_answers.other_withdrawn(s, STRANGER, "垃圾也没人收", "灯那个不报了 物业来换了") == lamp
        assert place_answers.other_withdrawn(s, STRANGER, "垃圾也没人收", "算了 不报了") is None  # the pending one
        assert place_answers.other_withdrawn(s, STRANGER, "垃圾也没人收", "垃圾那个不报了") is None
        assert place_answers.other_withdrawn(s, STRANGER, "垃圾也没人收", "灯那个修好没") is None  # no withdrawal


def test_a_short_estate_written_with_a_sound_alike_end_is_that_estate(demo_db: Database):
    with demo_db.session() as s:
        assert match_place(s, "安居院8栋下水到堵了 厕所反水").name == "安居苑"
        assert match_place(s, "安居园8栋").name == "安居苑"
        assert match_place(s, "安居8栋").grids == []
