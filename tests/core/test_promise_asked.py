from __future__ import annotations

from bot.common.clock import FakeClock
from bot.core import lifecycle, promise_asked
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from tests.conftest import WORKER
from tests.core.helpers import RULES, make_report, submit


def test_the_hour_asked_gets_his_words_and_is_passed_to_him(demo_db: Database, clock: FakeClock):
    # Blind test 35, E1: 师傅下午几点来嘛 after "下午过来看" got "这个我帮不上忙"
    number = submit(demo_db, clock, make_report("厨房下水道堵了 水下不去", category="sanitation"))
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, number, WORKER, "下午过来看")
    clock.advance(minutes=5)
    with demo_db.session() as s:
        reply = promise_asked.passed_on(s, lifecycle.get_ticket(s, number), "师傅下午几点来嘛")
        s.commit()
    assert reply is not None and number in reply and "下午过来看" in reply and "已转告" in reply, reply
    assert len(reply) <= 70, reply
    with demo_db.session() as s:
        sent = [m.text for m in s.query(OutboxMessage).all()]
    assert any("师傅下午几点来嘛" in m and number in m for m in sent), sent


def test_nothing_said_yet_leaves_the_tickets_state_to_answer(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("厨房下水道堵了 水下不去", category="sanitation"))
    with demo_db.session() as s:
        assert promise_asked.passed_on(s, lifecycle.get_ticket(s, number), "师傅下午几点来嘛") is None


def test_the_hour_of_someone_the_ticket_never_named_is_a_question_of_its_own(demo_db: Database, clock: FakeClock):
    # issue 17: with a promise open, 医生明天几点来嘛 was answered with the worker's 下午过来看
    number = submit(demo_db, clock, make_report("楼道墙皮掉了一大块"))
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, number, WORKER, "下午过来看")
    with demo_db.session() as s:
        ticket = lifecycle.get_ticket(s, number)
        for other in ("医生明天几点来嘛", "快递几点到嘛", "体检的医生几点来", "社区服务站几点开门"):
            assert promise_asked.about_another(s, ticket, other), other
        for his in ("师傅下午几点来嘛", "网格员好久来", "到底哪天来修嘛"):
            assert not promise_asked.about_another(s, ticket, his), his


def test_someone_the_ticket_names_is_asked_after_about_it(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("我妈腿脚不便 想请家庭医生上门看一下", category="social"))
    with demo_db.session() as s:
        assert not promise_asked.about_another(s, lifecycle.get_ticket(s, number), "医生明天几点来嘛")
