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
