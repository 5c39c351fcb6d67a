"""Whom to ask, the questions nobody answered, and the question ticket a call back opens."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import points, questions, registry
from bot.core.knowledge import load_knowledge
from bot.store.db import Database
from bot.store.models import KnowledgeMiss
from tests.conftest import DUTY_OFFICER, RESIDENT, RIDER, STRANGER, WORKER
from tests.core.helpers import RULES, messages_to

KNOWLEDGE = load_knowledge("config/knowledge")
CONTACT = KNOWLEDGE.contact


def test_a_resident_is_told_to_ask_their_grid_worker_by_name_and_full_number(demo_db: Database):
    with demo_db.session() as s:
        whom = questions.whom_to_ask(s, registry.person_by_address(s, RESIDENT), CONTACT)
        worker = registry.person_by_address(s, WORKER)
        assert whom == questions.Whom(worker.name, "13700000001", grid_worker=True)


def test_a_rider_and_an_unknown_number_are_told_to_ask_the_service_station(demo_db: Database):
    with demo_db.session() as s:
        for person in (registry.person_by_address(s, RIDER), None):
            assert questions.whom_to_ask(s, person, CONTACT) == questions.Whom(CONTACT.name, CONTACT.phone, False)


def test_what_the_station_handles_goes_to_the_station_even_for_a_resident(demo_db: Database):
    with demo_db.session() as s:
        whom = questions.whom_to_ask(s, registry.person_by_address(s, RESIDENT), CONTACT, "service_station")
        assert not whom.grid_worker


def test_an_unanswered_question_is_kept_once_per_message_with_who_asked(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        first = questions.log_miss(s, clock, RESIDENT, "sms", "公积金咋个取", None)
        again = questions.log_miss(s, clock, RESIDENT, "sms", "公积金咋个取", None)
        assert first.id != again.id  # without a message id each call is a question
    with demo_db.session() as s:
        assert questions.log_miss(s, clock, STRANGER, "sms", "驾照扣分", None).person_id is None
        resident = registry.person_by_address(s, RESIDENT)
        assert {m.person_id for m in questions.misses_since(s, clock.now() - timedelta(days=1))} == {resident.id,
                                                                                                     None}


def test_a_call_back_opens_a_question_ticket_for_the_grid_worker_who_gets_the_number(demo_db: Database,
                                                                                     clock: FakeClock):
    with demo_db.session() as s:
        miss = questions.log_miss(s, clock, RESIDENT, "sms", "公积金咋个取")
        opened = questions.ask_callback(s, clock, RULES, questions.last_miss(s, clock, RESIDENT))
        number = opened.ticket.number
        assert opened.assignee.phone == WORKER and opened.ticket.category == "other"
        assert opened.ticket.text == "咨询请回电：公积金咋个取" and miss.ticket_id == opened.ticket.id
        assert points.balance(s, registry.person_by_address(s, RESIDENT).id) == 0  # a question earns nothing
    told = messages_to(demo_db, WORKER)
    assert any(number in text and "公积金" in text for text in told)
    assert f"工单{number}是居民咨询“公积金咋个取”，请回电13900000001。" in told


def test_a_question_ticket_is_never_urgent_even_for_a_red_household(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:  # blind test 6, #59: a 公积金 call back reached the worker as 【紧急】
        registry.person_by_address(s, RESIDENT).household.colour = "red"
        miss = questions.log_miss(s, clock, RESIDENT, "sms", "公积金咋个取出来")
        opened = questions.ask_callback(s, clock, RULES, miss)
        assert opened.ticket.priority == "normal"
    told = [text for text in messages_to(demo_db, WORKER) if opened.ticket.number in text]
    assert told and not any("紧急" in text for text in told)


def test_asking_for_the_call_back_again_gives_the_same_ticket(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        miss = questions.log_miss(s, clock, RESIDENT, "sms", "公积金咋个取")
        first = questions.ask_callback(s, clock, RULES, miss).ticket.number
        again = questions.ask_callback(s, clock, RULES, miss)
        assert (again.ticket.number, again.created) == (first, False)


def test_an_unknown_number_s_call_back_goes_to_the_duty_officer_with_the_number(demo_db: Database,
                                                                                clock: FakeClock):
    with demo_db.session() as s:
        miss = questions.log_miss(s, clock, STRANGER, "sms", "公积金咋个取")
        opened = questions.ask_callback(s, clock, RULES, miss)
        assert opened.assignee is None
    told = messages_to(demo_db, DUTY_OFFICER)
    assert f"工单{opened.ticket.number}是居民咨询“公积金咋个取”，请回电13999999999。" in told


def test_only_a_question_of_the_last_day_can_be_called_back(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        questions.log_miss(s, clock, RESIDENT, "sms", "公积金咋个取")
    clock.advance(hours=25)
    with demo_db.session() as s:
        assert questions.last_miss(s, clock, RESIDENT) is None
        assert s.scalar(select(KnowledgeMiss.text)) == "公积金咋个取"  # still kept for staff


def test_a_question_about_a_notice_just_posted_is_answered_with_it(demo_db: Database, clock: FakeClock):
    """Blind test 8, #138: 取暖补贴我老汉去不了 我帮他领得不 right after the 取暖补贴 notice."""
    from bot.core.council import post_notice

    with demo_db.session() as s:
        villager = registry.person_by_address(s, RESIDENT)
        post_notice(s, clock, "本周六上午9点发放冬季取暖补贴，请带身份证，本人不能来的可委托家属代领。",
                    {"people": [villager.id]})
        whom = questions.whom_to_ask(s, villager, CONTACT)
        answer = questions.notice_answer(s, clock, villager, "取暖补贴我老汉去不了 我帮他领得不", whom)
        assert answer is not None and answer.startswith("公告说：本周六") and "委托" in answer, answer
        assert len(answer) <= 70
        assert questions.notice_answer(s, clock, villager, "低保咋个申请", whom) is None
        clock.advance(days=8)
        assert questions.notice_answer(s, clock, villager, "取暖补贴我老汉去不了 我帮他领得不", whom) is None
