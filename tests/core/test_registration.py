"""register: how the registry knows a sender, and a new or changed number as a task to verify."""

from __future__ import annotations

from bot.common.clock import FakeClock
from bot.core import registration, registry
from bot.core.knowledge import load_knowledge
from bot.store.db import Database
from tests.conftest import DUTY_OFFICER, RESIDENT, RIDER, STRANGER, WORKER
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
