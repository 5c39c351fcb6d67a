"""Blind test 31 (docs/usertests/2026-12-07-blind19.md), in the core: questions about an open ticket that became a
new ticket, a 催办 nobody asked for, or a 补充 — a complaint asked after, a when or a yes/no question that presses
nothing, water asked whether it may wash, the worker's wait accepted, two tickets asked after in one message, a
done-yet question led by the worker's words, and the first words of someone come to report."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.common.clock import FakeClock
from bot.core import (
    after_report,
    asked_each,
    complaints,
    follow_up_reading,
    followups,
    lifecycle,
    openers,
    ticket_questions,
    urging,
    water_questions,
)
from bot.store.db import Database
from tests.conftest import RESIDENT, WORKER
from tests.core.helpers import RULES, make_report, submit, ticket

WINDOW = timedelta(minutes=30)
SMS = 70


@pytest.mark.parametrize("text", ["投诉周网格员那个 有人理没得", "投诉网格员那个咋样了", "我投诉的那个有没有人理嘛"])
def test_asking_after_an_open_complaint_never_lodges_another(demo_db: Database, clock: FakeClock, text: str):
    with demo_db.session() as s:  # B87b: a second complaint ticket T1103
        complaints.lodge(s, clock, RULES, RESIDENT, "sms", "我要投诉周网格员 喊了三次都不来")
        assert complaints.asks_after_one(s, RESIDENT, text)


def test_a_first_complaint_that_asks_is_still_lodged(demo_db: Database):
    with demo_db.session() as s:
        assert not complaints.asks_after_one(s, RESIDENT, "网格员喊了三次都不来 有人管没得")


def test_whether_anyone_minds_the_complaint_is_answered_with_its_state(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        complaints.lodge(s, clock, RULES, RESIDENT, "sms", "我要投诉周网格员 喊了三次都不来")
    clock.advance(minutes=3)
    with demo_db.session() as s:
        asked = ticket_questions.asked_about(s, clock, RESIDENT, "投诉周网格员那个 有人理没得", WINDOW)
        assert asked is not None and complaints.is_complaint(asked.ticket)
        assert asked.ticket.number in ticket_questions.answer(s, asked)


@pytest.mark.parametrize("text", ["防水要等好久嘛", "还要等几天哦", "要等到啥时候嘛", "好久能修好", "啥时候弄好"])
def test_how_long_to_wait_is_a_when_question_never_an_urge(text: str):
    assert ticket_questions.kind_of(text) == "when"  # A22b: 已催办工单T1023
    assert urging.only_asks(text)


@pytest.mark.parametrize("text", ["那个人走了 他到底是不是网格员嘛", "他到底是不是真的网格员"])
def test_a_yes_or_no_question_is_never_an_urge(text: str):
    assert urging.only_asks(text)  # A6-3a: 已催办工单T1001


@pytest.mark.parametrize("text", ["等了好久了", "咋个还没来", "快点嘛", "到底好久来修嘛 等了三天了", "再催一下",
                                  "水还是没来 都中午了 你们管不管"])
def test_pressing_words_still_urge(text: str):
    assert not urging.only_asks(text)


def test_how_long_the_waterproofing_takes_gets_the_state_and_the_workers_note(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("顶楼漏雨 屋头盆盆都接满了", category="housing_utilities"))
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, number, WORKER, "要先做防水 等天晴了来做")
    clock.advance(hours=1)
    with demo_db.session() as s:
        asked = ticket_questions.asked_about(s, clock, RESIDENT, "防水要等好久嘛", WINDOW)
        assert asked is not None and asked.ticket.number == number
        answer = ticket_questions.answer(s, asked)
    assert "天晴" in answer and "催办" not in answer and len(answer) <= SMS, answer


@pytest.mark.parametrize(("text", "says"), [("水还有漂白粉味 洗澡要得不", "洗澡"),
                                            ("水还是浑的 能洗衣服不", "洗衣服一般没事"),
                                            ("这个水可以洗菜吗", "洗菜最好用烧开的水")])
def test_whether_the_water_may_wash_is_answered_and_never_to_drink_yet(demo_db: Database, clock: FakeClock,
                                                                       text: str, says: str):
    number = submit(demo_db, clock, make_report("自来水有股漂白粉味道", category="housing_utilities"))
    assert water_questions.asks_to_use(text) and not water_questions.asks_to_use("我去洗澡了")
    with demo_db.session() as s:
        answer = water_questions.use_answer(s, RESIDENT, text)
    assert answer is not None and number in answer and says in answer and "别直接喝" in answer, answer
    assert len(answer) <= SMS, answer


def test_what_the_water_still_does_goes_onto_the_ticket(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("自来水有股漂白粉味道", category="housing_utilities"))
    still = water_questions.says_still("水还有漂白粉味 洗澡要得不")
    assert still == "水还有漂白粉味"
    with demo_db.session() as s:
        water = water_questions.water_ticket(s, RESIDENT)
        assert water is not None and followups.add_detail(s, clock, water, still, RESIDENT)
        answer = water_questions.use_answer(s, RESIDENT, "水还有漂白粉味 洗澡要得不", noted=True)
    assert answer is not None and "已转告承办人" in answer, answer
    assert "还有漂白粉味" in ticket(demo_db, number).text


@pytest.mark.parametrize("text", ["好嘛 明天就明天", "行 那就等到下午嘛", "那我等着", "不急 慢慢来"])
def test_accepting_the_wait_is_acknowledged_never_added(demo_db: Database, clock: FakeClock, text: str):
    number = submit(demo_db, clock, make_report("停水了 一早上都没得水", category="housing_utilities"))
    with demo_db.session() as s:  # B2: 已补充到工单T1035
        reading = follow_up_reading.read_follow_up(s, lifecycle.get_ticket(s, number), text, "nlu_fallback", None)
    assert reading == "accepted" and after_report.acknowledges(text)
    assert after_report.accepted_reply(text).startswith("好的")


@pytest.mark.parametrize("text", ["明天来修", "好嘛 明天就明天 记得来哈", "明天还是没水咋办"])
def test_more_than_accepting_is_no_acknowledgement(text: str):
    assert not after_report.accepts_wait(text)


def test_two_tickets_asked_after_in_one_message_are_each_answered(demo_db: Database, clock: FakeClock):
    trees = submit(demo_db, clock, make_report("楼下门口树枝断了 挂起的", category="environment"))
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, trees, WORKER, "下午找人来锯")
    boxes = submit(demo_db, clock, make_report("楼下的信报箱也烂了", category="housing_utilities"))
    clock.advance(minutes=5)
    with demo_db.session() as s:  # A-B187: only the 信报箱 one's state
        each = asked_each.asked_each(s, clock, RESIDENT, "树枝锯了没得 信报箱那个呢", WINDOW)
        parts = asked_each.answers(s, each)
        assert [a.ticket.number for a in each] == [trees, boxes], parts
        assert asked_each.asked_each(s, clock, RESIDENT, "信报箱那个呢", WINDOW) == []
    assert "下午找人来锯" in parts[0] and all(len(p) <= SMS for p in parts), parts


def test_a_done_yet_question_leads_with_the_workers_latest_words(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("水压好低 楼上都接不到水", category="housing_utilities"))
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, number, WORKER, "水压正常了")
    clock.advance(hours=1)
    with demo_db.session() as s:  # B103: "处理中…最新进展：水压正常了"
        asked = ticket_questions.asked_about(s, clock, RESIDENT, "水压好了没得", WINDOW)
        assert asked is not None and asked.done_yet
        answer = ticket_questions.answer(s, asked)
    assert answer.startswith("李磊说：水压正常了。") or answer.split(number)[0].endswith("说：水压正常了。工单"), answer
    assert len(answer) <= SMS, answer


@pytest.mark.parametrize("text", ["我是来反映问题的", "我们是专门来反映情况的", "我想反映个问题"])
def test_come_to_report_is_asked_what_and_where(text: str):
    assert openers.says_no_problem_yet(text)  # B4b: "您目前没有在办的工单"
    assert "什么问题" in openers.no_problem_yet_reply(text)


@pytest.mark.parametrize(("text", "asks"), [("你们是管事的吧", True), ("这里是不是管这些的", True),
                                            ("你们是管事的吗", True), ("你们管不管", False),
                                            ("路灯坏了 你们管不管", False)])
def test_whether_this_is_the_place_to_report_is_answered_yes(text: str, asks: bool):
    assert openers.asks_if_in_charge(text) is asks  # B4: 没太看懂
    assert openers.IN_CHARGE.startswith("是的") and len(openers.IN_CHARGE) <= SMS
