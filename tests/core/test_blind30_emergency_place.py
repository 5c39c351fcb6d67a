"""Blind test 30 (docs/usertests/2026-12-07-blind18.md, B122, B119, A32a, A32b, A1c): what an open emergency waiting
for its place must not take as its place or its words, and a question how it stands after the follow-up window."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import emergencies, emergency_context, emergency_questions, reaching_us, triage
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import RESIDENT, STRANGER
from tests.core.helpers import make_report, submit

WINDOW = timedelta(minutes=30)


@pytest.mark.parametrize("text", ["就是我住那栋嘛", "我住的那栋", "我们住那里", "我家住这栋", "我在家的 就是我们那栋"])
def test_the_building_one_lives_in_naming_no_estate_is_only_at_home(text: str):
    assert emergencies.says_at_home(text)


@pytest.mark.parametrize("text", ["屋头燃气表不走字了", "屋头灯不亮", "我家住安居苑125栋", "我们小区门口"])
def test_a_fault_at_home_or_a_named_place_is_not_only_at_home(text: str):
    assert not emergencies.says_at_home(text)


@pytest.mark.parametrize("text", ["屋头燃气表不走字了", "水表不走了", "电表乱跳"])
def test_a_meters_fault_is_a_problem_but_never_an_emergency(text: str):
    assert triage.has_problem(text) and not triage.is_emergency(text, classified_as_emergency=True)


def test_gas_leaking_at_the_meter_is_still_an_emergency():
    assert triage.is_emergency("燃气表那里漏气了", classified_as_emergency=False)


def test_not_knowing_the_building_without_an_estate_names_no_place(demo_db: Database):
    with demo_db.session() as s:
        assert emergencies.names_no_place(s, "我也不晓得几栋 我在外面路过听到喊")
        assert not emergencies.names_no_place(s, "不晓得几栋 河畔花园的")
        assert not emergencies.names_no_place(s, "不晓得门牌 就在菜市场门口")
        assert not emergencies.names_no_place(s, "安居苑126栋")
    assert len(emergencies.PLACE_UNKNOWN_ASKED) <= 70


@pytest.mark.parametrize("text", ["那我直接打李磊电话嘛", "我给网格员打个电话"])
def test_saying_one_will_call_the_grid_worker_is_that(text: str):
    assert reaching_us.calls_worker(text, "李磊")


@pytest.mark.parametrize("text", ["打119电话", "李磊电话多少", "那我打李磊电话 楼道灯坏了", "我打个电话给张三"])
def test_calling_for_help_asking_a_number_or_a_problem_is_not_calling_the_worker(text: str):
    assert not reaching_us.calls_worker(text, "李磊")


def test_naming_a_staff_member_during_an_emergency_is_about_something_else(demo_db: Database, clock: FakeClock):
    submit(demo_db, clock, make_report("电线冒火花了", category="fire_safety", emergency=True))
    with demo_db.session() as s:
        assert emergency_context.about_else(s, clock, RESIDENT, "那我直接打李磊电话嘛", WINDOW)
        assert not emergency_context.about_else(s, clock, RESIDENT, "你们好久能到嘛", WINDOW)
        assert not emergency_context.about_else(s, clock, RESIDENT, "消防车到了没 李磊也来了", WINDOW)


def test_a_question_how_the_emergency_stands_after_the_window_finds_it_open_or_closed(demo_db: Database,
                                                                                      clock: FakeClock):
    number = submit(demo_db, clock, make_report("河畔花园131栋有个人坐到楼顶边上 说不想活了", sender=STRANGER,
                                                category="public_security", emergency=True))
    clock.advance(minutes=35)
    with demo_db.session() as s:
        roof = emergency_questions.asked_later(s, clock, STRANGER, "楼顶那个人劝下来没得")
        assert roof is not None and roof.number == number
        assert number in emergency_questions.later_answer(s, clock, roof, "楼顶那个人劝下来没得", STRANGER)
        assert emergency_questions.asked_later(s, clock, STRANGER, "谢谢你们") is None
        roof.status = "closed"
    with demo_db.session() as s:
        roof = s.scalar(select(Ticket).where(Ticket.number == number))
        said = emergency_questions.later_answer(s, clock, roof, "楼顶那个人劝下来没得", STRANGER)
        assert said.startswith(f"工单{number}现在已完结") and len(said) <= 70


def test_an_ordinary_ticket_since_the_emergency_is_not_taken_for_it(demo_db: Database, clock: FakeClock):
    submit(demo_db, clock, make_report("有个人坐到楼顶边上", sender=STRANGER, category="public_security",
                                       emergency=True))
    clock.advance(minutes=35)
    submit(demo_db, clock, make_report("河畔花园132栋电梯坏了", sender=STRANGER, category="housing_utilities"))
    with demo_db.session() as s:
        assert emergency_questions.asked_later(s, clock, STRANGER, "电梯修好没得") is None
