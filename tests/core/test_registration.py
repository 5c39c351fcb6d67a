"""register: how the registry knows a sender, and a new or changed number as a task to verify."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import lifecycle, registration, registry, reports
from bot.core.knowledge import load_knowledge
from bot.core.tickets import Report
from bot.store.db import Database
from bot.store.models import Person
from tests.conftest import DUTY_OFFICER, RESIDENT, RIDER, STRANGER, VILLAGER, WORKER
from tests.core.helpers import RULES, messages_to

CONTACT = load_knowledge("config/knowledge").contact


def test_a_resident_stands_in_their_home_grid_with_their_grid_worker_to_ask(demo_db: Database):
    with demo_db.session() as s:
        known = registration.standing(s, RESIDENT, CONTACT)
        assert (known.kind, known.place) == ("resident", "幸福社区第1网格")
        assert known.whom.name == registry.person_by_address(s, WORKER).name and known.whom.grid_worker


def test_a_rider_stands_without_a_grid_and_asks_the_service_station(demo_db: Database):
    with demo_db.session() as s:
        known = registration.standing(s, RIDER, CONTACT)
        assert (known.kind, known.place, known.whom.grid_worker) == ("rider", "", False)


def test_a_new_number_naming_its_estate_is_a_task_for_that_grid_s_worker_with_the_number_to_call(
        demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        opened = registration.request_verification(s, clock, RULES, STRANGER, "sms", "我是阳光小区的张三，换了手机号")
        assert opened.assignee.phone == WORKER
        assert opened.ticket.text.startswith("登记核实：") and opened.ticket.category == "other"
        assert registry.person_by_address(s, STRANGER) is None  # nothing changes before a person verifies
    told = messages_to(demo_db, WORKER)
    assert f"工单{opened.ticket.number}是新号码登记，核实身份后再登记，请回电13999999999。" in told


def test_a_new_number_naming_no_place_goes_to_the_duty_officer(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        opened = registration.request_verification(s, clock, RULES, STRANGER, "sms", "换了号码要重新绑定")
        assert opened.assignee is None
    assert any(opened.ticket.number in text for text in messages_to(demo_db, DUTY_OFFICER))


def test_asking_again_while_the_task_is_open_gives_the_same_task(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        first = registration.request_verification(s, clock, RULES, STRANGER, "sms", "我是阳光小区的张三，换了号码")
        again = registration.request_verification(s, clock, RULES, STRANGER, "sms", "换了号码")
        assert (again.ticket.id, again.created) == (first.ticket.id, False)


def verification(demo_db: Database, clock: FakeClock, text: str = "我是阳光小区的，换了号码") -> str:
    with demo_db.session() as s:
        return registration.request_verification(s, clock, RULES, STRANGER, "sms", text).ticket.number


def test_a_note_with_the_old_number_names_the_resident_whose_record_moves(demo_db: Database, clock: FakeClock):
    number = verification(demo_db, clock)
    with demo_db.session() as s:
        check = registration.verdict(s, number, "原号13900000001，电话核实是本人")
        assert check.person.phone == RESIDENT and not check.needs_person
        name = check.person.name
        assert registration.move_number(s, clock, check.ticket, check.person, WORKER)
    with demo_db.session() as s:
        assert registry.person_by_address(s, STRANGER).name == name
        assert registry.person_by_address(s, RESIDENT) is None
    assert f"{name}您好，您的登记已改用这个号码，以后用它联系网格通。" in messages_to(demo_db, STRANGER)


def test_a_note_with_a_name_only_one_resident_of_the_grid_has_names_them(demo_db: Database, clock: FakeClock):
    number = verification(demo_db, clock)
    with demo_db.session() as s:
        resident = registry.person_by_address(s, RESIDENT)
        assert registration.verdict(s, number, f"核实了，是{resident.name}").person.id == resident.id


def test_a_note_naming_nobody_needs_the_resident_and_one_saying_not_verified_moves_nothing(demo_db: Database,
                                                                                         clock: FakeClock):
    number = verification(demo_db, clock)
    with demo_db.session() as s:
        assert registration.verdict(s, number, "已电话联系").needs_person
        refused = registration.verdict(s, number, "未核实，对方说不清住址")
        assert refused.refused and refused.person is None and not refused.needs_person


def test_a_resident_of_another_grid_is_not_named(demo_db: Database, clock: FakeClock):
    number = verification(demo_db, clock)
    with demo_db.session() as s:
        villager = s.scalar(select(Person).where(Person.phone == VILLAGER))
        assert registration.verdict(s, number, f"原号{villager.phone[3:]} {villager.name}").person is None


def test_an_ordinary_ticket_is_no_verification(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        opened = reports.submit(s, clock, Report("路灯坏了", "roads", RESIDENT, "sms"), RULES)
        assert registration.verdict(s, opened.ticket.number, "修好了") == registration.Verdict(None, None)


def test_a_number_someone_registered_meanwhile_is_not_taken_over(demo_db: Database, clock: FakeClock):
    number = verification(demo_db, clock)
    with demo_db.session() as s:
        check = registration.verdict(s, number, "原号13900000001")
        s.add(Person(name="后来的人", phone=STRANGER, kind="resident"))
        s.flush()
        assert not registration.move_number(s, clock, check.ticket, check.person, WORKER)
        assert check.person.phone == RESIDENT


@pytest.mark.parametrize(("text", "name"), [
    ("我叫王秀英", "王秀英"), ("我是王秀英", "王秀英"), ("名字叫王秀英嘛", "王秀英"),
    ("我是骑手", None), ("我是安居苑8栋的老住户", None), ("我叫王秀英 换了号", None),
])
def test_a_message_that_only_says_ones_name(text: str, name: str | None):
    assert registration.name_said(text) == name


def test_a_name_said_soon_after_asking_to_change_a_number_goes_onto_that_task(demo_db: Database, clock: FakeClock):
    """Blind test 8, #21: 我叫王秀英 right after 换了个新手机号 → 这个我帮不上忙."""
    with demo_db.session() as s:
        opened = registration.request_verification(s, clock, RULES, STRANGER, "simulator", "我是阳光小区的 换了个新号")
        number, worker = opened.ticket.number, opened.assignee.phone
        reply = registration.add_name(s, clock, STRANGER, "我叫王秀英", None, timedelta(minutes=30))
        assert reply is not None and "名字" in reply
        assert "王秀英" in lifecycle.get_ticket(s, number).text
    assert any(number in m and "我叫王秀英" in m for m in messages_to(demo_db, worker))
    clock.advance(hours=1)
    with demo_db.session() as s:
        assert registration.add_name(s, clock, STRANGER, "我叫李秀兰", None, timedelta(minutes=30)) is None


def test_a_bare_address_is_never_a_registration_but_a_number_change_with_it_is():
    # Blind test 25, E2 and Z4: an emergency's place ("河畔花园2栋1单元301") became a number-change task.
    for text in ("河畔花园2栋1单元301", "安居苑4栋1单元101", "5栋2单元302", "阳光小区1栋101。"):
        assert registration.bare_address(text), text
    for text in ("我换了号码 河畔花园2栋1单元301", "王秀英 安居苑2栋301", "我刚搬来 安居苑4栋1单元101",
                 "我住河畔花园2栋"):
        assert not registration.bare_address(text), text
