"""Questions about a ticket someone acted on, and the council's words, from blind test 29
(docs/usertests/2026-12-07-blind17.md, failure 7, A22-2, A22-3, B92–B95, B145, B170, B184, B187, B65):
which ticket the words name (its thing, its worker's name, what the rating said is left), its state and latest
progress; the wait complained of; a 2 that says work is left reopens; a proxy change to a word option; 确认 at the
description question; who proposed a topic."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import council_asides, lifecycle, rating_remarks, ticket_questions
from bot.core.council_words import confirms_draft
from bot.store.db import Database
from bot.store.models import Person, Ticket
from tests.conftest import RESIDENT, WORKER
from tests.core.council_factories import GROUP1, open_topic, person
from tests.core.helpers import RULES, make_report, submit
from tests.core.test_council_dialogue import ballots

WINDOW = timedelta(minutes=30)


def asked(db: Database, clock: FakeClock, text: str) -> tuple[str | None, str | None]:
    """(the number of the ticket the question is about, the answer)."""
    with db.session() as s:
        found = ticket_questions.asked_about(s, clock, RESIDENT, text, WINDOW)
        return (found.ticket.number, ticket_questions.answer(s, found)) if found is not None else (None, None)


def working(db: Database, clock: FakeClock, report: str, note: str) -> str:
    number = submit(db, clock, make_report(report))
    with db.session() as s:
        lifecycle.start_work(s, clock, RULES, number, WORKER, note)
    return number


@pytest.mark.parametrize(("text", "kind"), [
    ("抓狗的人来了没得", "status"),
    ("树枝那个锯了没得", "status"),
    ("门禁那个张涛来看了没得", "status"),
    ("水管那个咋个没人管了", "status"),
    ("转到哪里去了嘛", "where"),
    ("咋个要等一个礼拜哦 太慢了", "when"),
    ("你吃了没得", None),  # 吃 is nothing done to a ticket
    ("我家的灯坏了", None),
])
def test_what_a_question_about_a_ticket_someone_acted_on_asks(text: str, kind: str | None):
    assert ticket_questions.kind_of(text) == kind


def test_a_question_naming_the_older_tickets_thing_is_about_it_never_the_newer(demo_db: Database, clock: FakeClock):
    branch = working(demo_db, clock, "门口的树枝断了 吊在半空中", "明天带锯子来锯")
    clock.advance(minutes=5)
    box = submit(demo_db, clock, make_report("信报箱的门坏了 关不上"))
    clock.advance(minutes=1)
    number, answer = asked(demo_db, clock, "树枝那个锯了没得")
    assert number == branch and box not in answer and "明天带锯子来锯" in answer and len(answer) <= 70, answer


def test_a_question_naming_the_worker_is_about_the_ticket_they_hold(demo_db: Database, clock: FakeClock):
    gate = working(demo_db, clock, "单元门的门禁坏了 刷卡打不开", "配件到了明天来换")
    clock.advance(minutes=5)
    submit(demo_db, clock, make_report("楼道的灯不亮了", category="housing_utilities"))
    with demo_db.session() as s:
        name = s.scalar(select(Person.name).where(Person.phone == WORKER))
    number, answer = asked(demo_db, clock, f"门禁那个{name}来看了没得")
    assert number == gate and "明天来换" in answer, answer


def test_asking_after_a_returned_ticket_gets_its_state(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("厨房水管爆了 一直在漏", category="housing_utilities"))
    with demo_db.session() as s:
        lifecycle.return_ticket(s, clock, RULES, number, WORKER, "这个归物业管")
    clock.advance(minutes=2)
    for text in ("水管那个咋个没人管了", "转到哪里去了嘛"):
        found, answer = asked(demo_db, clock, text)
        assert found == number and "退单待改派" in answer and "补充" not in answer, (text, answer)


def test_a_complaint_of_the_wait_is_answered_with_a_sorry(demo_db: Database, clock: FakeClock):
    number = working(demo_db, clock, "门口的地砖烂了好几块", "下个礼拜来铺")
    clock.advance(minutes=5)
    with demo_db.session() as s:
        found = ticket_questions.asked_about(s, clock, RESIDENT, "咋个要等一个礼拜哦 太慢了", WINDOW)
        assert found is not None and found.ticket.number == number and found.slow
        answer = ticket_questions.answer(s, found, urged=True)
    assert answer.startswith("抱歉") and "已帮您催办" in answer and "下个礼拜来铺" in answer and len(answer) <= 70


def test_a_2_saying_the_place_is_still_dirty_reopens_and_what_is_left_names_it(demo_db: Database, clock: FakeClock):
    assert rating_remarks.says_unfinished("垃圾是拉了 地上还是脏兮兮的")
    assert not rating_remarks.says_unfinished("垃圾拉了 干干净净的")
    number = submit(demo_db, clock, make_report("门口垃圾堆起好几天了 没人拉", category="sanitation"))
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, number, WORKER, "垃圾拉走了")
        lifecycle.rate(s, clock, RULES, RESIDENT, 2, number, "垃圾是拉了 地上还是脏兮兮的")
        assert s.scalar(select(Ticket.status).where(Ticket.number == number)) == "reopened"
    clock.advance(hours=2)  # past the window: only the words point at it
    submit(demo_db, clock, make_report("楼道的灯不亮了", category="housing_utilities"))
    found, _ = asked(demo_db, clock, "那个地上好久来扫")
    assert found == number


@pytest.mark.parametrize(("text", "confirms"), [("确认", True), ("就这样 提交吧", True), ("可以了", True),
                                               ("确认一下要花多少钱", False), ("大家出钱", False)])
def test_confirm_at_the_description_question_confirms_the_draft(text: str, confirms: bool):
    assert confirms_draft(text) is confirms


def test_a_proxy_change_to_a_word_option_is_the_members_ballot(demo_db, clock) -> None:
    liming, jianguo = GROUP1[0], GROUP1[1]
    with demo_db.session() as s:
        water = open_topic(s, clock, title="村里的自来水费按人头还是按户收", options=["按人头", "按户"],
                           allow_proxy=True)
        me, him = person(s, jianguo), person(s, liming)
        reply = council_asides.proxy_change(s, clock, me, "帮李明改成按人头")
        assert reply is not None and "李明" in reply and "按人头" in reply, reply
        assert ballots(s) == {(water, him.id): (1, True, me.id)}
        assert council_asides.proxy_change(s, clock, me, "帮我改成3栋") is None


def test_who_proposed_the_open_topics_is_answered(demo_db, clock) -> None:
    with demo_db.session() as s:
        open_topic(s, clock, title="村里的自来水费按人头还是按户收", options=["按人头", "按户"])
        me = person(s, GROUP1[0])
        reply = council_asides.who_proposed(s, clock, me, "议题是哪个提的")
        assert reply is not None and "自来水费" in reply and "村委会提的" in reply and len(reply) <= 70, reply
        assert council_asides.who_proposed(s, clock, me, "议题有哪些") is None
