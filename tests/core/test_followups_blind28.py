"""Blind test 28 (docs/usertests/2026-12-06-blind16.md, rows B-K7, B-K7-2, B-K8, B-R3, B55, B60, B97, B99, B-H8a–c,
A-B4-1, A-B99b, B-R2): a message soon after a report joins it only with evidence that it is about it. A thing the
report never names, said as a problem, is a report of its own (never asked about, never 补充); how long it has gone on
and what it does to people join without asking; a question about the open report is answered with its state and
latest progress; a withdrawal takes back only the ticket its words name; a rating changed is the one given last."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.common.clock import FakeClock
from bot.core import (
    cancelling,
    emergencies,
    emergency_followups,
    follow_up_reading,
    lifecycle,
    rating_changes,
    ticket_questions,
)
from bot.core.lifecycle import TicketError
from bot.store.db import Database
from tests.conftest import RESIDENT, STRANGER, WORKER
from tests.core.helpers import RULES, make_report, submit, ticket

WINDOW = timedelta(minutes=30)
HUMP = ("阳光小区2栋门口的减速带松了 车子过去哐哐响", "roads")
LAMP = ("阳光小区3栋门口的路灯坏了 晚上黑得很", "roads")
WIRE = ("楼道里的电线在冒烟 有股焦糊味", "fire_safety")
SINGING = ("还有隔壁那家天天半夜唱歌 吵死了", "dispute")
COVER = ("河畔花园5栋门口井盖松了 踩上去晃", "roads")
BARKING = ("隔壁的狗天天晚上叫 吵得很", "dispute")
LIFT = ("河畔花园2栋的电梯坏了 停着不动", "housing_utilities")
LEAK = ("我们楼道头水管漏水了 滴滴答答一晚上", "housing_utilities")


def read(db: Database, clock: FakeClock, report: tuple[str, str], text: str, intent: str,
         category: str | None) -> str:
    open_ = ticket(db, submit(db, clock, make_report(report[0], sender=STRANGER, category=report[1])))
    with db.session() as s:
        return follow_up_reading.read_follow_up(s, open_, text, intent, category)


# What the classifier makes of each (intent, category), as the blind test's engine did.
@pytest.mark.parametrize(("report", "text", "category"), [
    (HUMP, "2栋楼道的窗户关不上 风一直灌", "housing_utilities"),  # B-K7: "已补充到工单T1088"
    (LAMP, "阳光小区2栋楼道的窗户关不上 风一直灌", "housing_utilities"),  # B-K7-2
    (LAMP, "3栋楼道的窗户关不上 风一直灌", "roads"),  # the report's own category and building: no evidence either
    (WIRE, "1栋门口的地砖翘起来了 绊脚", "roads"),  # B-K8: "是补充T1090…还是新问题？"
    (SINGING, "1栋楼道里有人堆了旧沙发", "fire_safety"),  # B-R3
])
def test_a_thing_the_report_never_names_said_as_a_problem_is_a_report_of_its_own(
        demo_db: Database, clock: FakeClock, report: tuple[str, str], text: str, category: str):
    assert read(demo_db, clock, report, text, "report_issue", category) == "new"


@pytest.mark.parametrize(("report", "text", "category"), [
    (COVER, "有个老人差点踩下去", "elderly_care"),  # B55: "是补充T1070…还是新问题？"
    (LAMP, "好几天了", "housing_utilities"),  # B60
    (BARKING, "都叫了一个星期了 晚上睡不着", "health"),  # B97
    (LIFT, "我们8楼 老人爬不动", "elderly_care"),  # B99
    (HUMP, "娃娃骑车差点摔了", "roads"),
])
def test_how_long_and_what_it_does_to_people_join_the_report_without_asking(
        demo_db: Database, clock: FakeClock, report: tuple[str, str], text: str, category: str):
    assert read(demo_db, clock, report, text, "report_issue", category) == "detail"


@pytest.mark.parametrize(("report", "text", "category"), [
    (LEAK, "门口好吵 睡不着", "dispute"),  # a problem of its own beside the consequence: still asked
    (LAMP, "2栋的窗户也关不上好几天了", "housing_utilities"),  # how long, of a thing of its own
    (LAMP, "好久来修嘛", None),  # a question, never how long
])
def test_how_long_or_what_it_does_beside_a_problem_of_its_own_is_no_detail(
        demo_db: Database, clock: FakeClock, report: tuple[str, str], text: str, category: str | None):
    assert read(demo_db, clock, report, text, "report_issue", category) != "detail"


@pytest.mark.parametrize(("report", "text", "intent"), [
    (("河畔花园有好几条野狗 追着人咬", "sanitation"), "抓狗的来了没有哦", "check_status"),  # B-H8a: a 补充
    (COVER, "井盖那个呢 还是围起的", "urge"),  # B-H8c: a 补充
])
def test_asking_after_the_open_report_is_a_status_question_never_a_detail(
        demo_db: Database, clock: FakeClock, report: tuple[str, str], text: str, intent: str):
    assert read(demo_db, clock, report, text, intent, None) == "status"


@pytest.mark.parametrize(("report", "progress", "asked"), [
    (("河畔花园有好几条野狗 追着人咬", "sanitation"), "我下午去找城管抓狗", "抓狗的来了没有哦"),  # B-H8a
    (COVER, "先用围挡围起了", "井盖那个呢 还是围起的"),  # B-H8c
    (("安居苑3栋屋顶漏雨 屋头到处是水", "housing_utilities"), "物业说明天派人上屋顶看", "屋顶那个好久上来看"),  # B-H8b
    (LAMP, "师傅明天来换", "那个灯到底好久修得好嘛"),  # A-B4-1: an urge
])
def test_a_question_about_an_open_ticket_is_answered_with_its_state_and_latest_progress(
        demo_db: Database, clock: FakeClock, report: tuple[str, str], progress: str, asked: str):
    meant = submit(demo_db, clock, make_report(report[0], category=report[1]))
    submit(demo_db, clock, make_report("楼下垃圾桶满了没人收", category="sanitation"))
    holder = ticket(demo_db, meant).assignee
    assert holder is not None
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, meant, holder.phone, progress)
    clock.advance(hours=2)  # past the follow-up window, another report of theirs open: the words point at it
    assert ticket_questions.kind_of(asked) is not None, asked
    with demo_db.session() as s:
        found = ticket_questions.asked_about(s, clock, RESIDENT, asked, WINDOW)
        assert found is not None and found.ticket.number == meant, asked
        answer = ticket_questions.answer(s, found)
    assert "处理中" in answer and progress in answer and len(answer) <= 70, answer
    assert asked not in ticket(demo_db, meant).text


@pytest.mark.parametrize("asked", ["人捞起来没得", "人拉上来没有", "救出来没得"])
def test_how_an_emergency_stands_asked_while_its_place_is_asked_gets_its_state_and_where_again(
        demo_db: Database, clock: FakeClock, asked: str):
    drowning = submit(demo_db, clock, make_report("有人掉河里了 在扑腾", sender=STRANGER, category="public_security",
                                                  emergency=True))
    with demo_db.session() as s:
        assert emergencies.awaiting_place(s, clock, STRANGER) is not None
        said = emergency_followups.answer(s, clock, RULES, STRANGER, asked, WINDOW)  # A-B99b: "没太看懂"
    assert said is not None and drowning in said and said.endswith(emergency_followups.ASK_PLACE), said
    assert len(said) <= 70


def test_a_withdrawal_naming_a_thing_takes_back_that_ticket_never_the_open_one(demo_db: Database, clock: FakeClock):
    hump = submit(demo_db, clock, make_report(*HUMP[:1], category=HUMP[1]))
    window = submit(demo_db, clock, make_report("2栋楼道的窗户关不上 风一直灌", category="housing_utilities"))
    said = "窗户那个算了 不报了 我自己修好了"  # B-K7: the reopened 减速带 ticket was withdrawn
    with demo_db.session() as s:
        tickets = lifecycle.reported_by(s, RESIDENT, cancelling.CANCELLABLE)
        assert cancelling.cancel_meant(tickets, said) == window
        cancelling.cancel(s, clock, RESIDENT, text=said)
    assert ticket(demo_db, window).status == "cancelled" and ticket(demo_db, hump).status != "cancelled"


def test_a_withdrawal_naming_a_thing_no_open_ticket_is_about_withdraws_nothing(demo_db: Database, clock: FakeClock):
    hump = submit(demo_db, clock, make_report(*HUMP[:1], category=HUMP[1]))
    said = "窗户那个算了 不报了 我自己修好了"
    with demo_db.session() as s:
        hump_ticket = lifecycle.get_ticket(s, hump)
        assert follow_up_reading.read_follow_up(s, hump_ticket, said, "cancel", None) == "withdraw"
        assert cancelling.names_none([hump_ticket], said)  # so the dialogue says nothing was withdrawn
        with pytest.raises(TicketError) as refused:
            cancelling.cancel(s, clock, RESIDENT, text=said)
    assert refused.value.reason == "not_named" and ticket(demo_db, hump).status != "cancelled"
    with demo_db.session() as s:
        assert cancelling.cancel(s, clock, RESIDENT, text="减速带那个不报了").number == hump


def test_a_rating_changed_is_the_one_given_last_though_an_older_one_was_given_lately(demo_db: Database,
                                                                                    clock: FakeClock):
    older = submit(demo_db, clock)
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, older, WORKER, "灯换好了")
        lifecycle.rate(s, clock, RULES, RESIDENT, 1)
    clock.advance(minutes=3)
    hump = submit(demo_db, clock, make_report(*HUMP[:1], category=HUMP[1]))
    with demo_db.session() as s:
        lifecycle.resolve(s, clock, RULES, hump, WORKER, "减速带重新固定了")
        lifecycle.rate(s, clock, RULES, RESIDENT, 3, reason="还是松的")
    assert ticket(demo_db, hump).status == "reopened"
    clock.advance(minutes=1)
    asked = rating_changes.change_asked("按错了 是我看错地方了 改成满意")  # B-R2: "工单T1084的评价就是满意"
    assert asked is not None and asked.score == 1
    with demo_db.session() as s:
        said = rating_changes.change_rating(s, clock, RULES, RESIDENT, asked, WINDOW)
    assert said == rating_changes.CHANGED.format(number=hump, before="不满意", after="满意"), said
    assert ticket(demo_db, hump).status == "closed" and ticket(demo_db, hump).rating == 1
    assert ticket(demo_db, older).rating == 1
