"""Blind test 24: what a reporter says while their emergency is open that is not about it
(bot/core/emergency_context.py): a question about another ticket or a person, words taking back another ticket;
who a staff member is; an answer to "where?" that says what happened; 撤销 first is a withdrawal, never a place
correction."""

from __future__ import annotations

from datetime import timedelta

from bot.common.clock import FakeClock
from bot.core import (
    cancelling,
    corrections,
    emergencies,
    emergency_context,
    emergency_followups,
    lifecycle,
    staff_who,
    ticket_questions,
)
from bot.store.db import Database
from bot.store.models import Person, Ticket
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER, WORKER
from tests.core.helpers import RULES, make_report, messages_to, submit, ticket

WINDOW = timedelta(minutes=30)
XF_GRID_2_WORKER = "+8613700000002"


def fall_and_rubbish(db: Database, clock: FakeClock) -> tuple[str, str]:
    """A resident's fall at home (an emergency), then their rubbish ticket with a progress note from its worker."""
    fall = submit(db, clock, make_report("我家老头子在厕所头摔了 爬不起来", category="elderly_care", emergency=True))
    clock.advance(minutes=1)
    rubbish = submit(db, clock, make_report("我想反映个事 垃圾好久都没人收了 臭得很", category="sanitation"))
    clock.advance(minutes=1)
    with db.session() as s:
        lifecycle.start_work(s, clock, RULES, rubbish, WORKER, "进度 已联系环卫 明天来拉")
    clock.advance(minutes=1)
    return fall, rubbish


def about_else(db: Database, clock: FakeClock, text: str) -> bool:
    with db.session() as s:
        return emergency_context.about_else(s, clock, RESIDENT, text, WINDOW)


def test_a_question_about_another_ticket_or_a_person_is_not_the_emergencys(demo_db: Database, clock: FakeClock):
    # A44, B69, B70: each got "别着急，已通知值班人员处置。还没打120请马上打！…".
    fall_and_rubbish(demo_db, clock)
    assert about_else(demo_db, clock, "师傅啥子时候来嘛")
    assert about_else(demo_db, clock, "垃圾那个转到哪个那去了")
    assert about_else(demo_db, clock, "张涛是哪个嘛")
    # Words about the emergency itself stay with it.
    for text in ("救护车好久来嘛", "你们好久来嘛", "快点来嘛", "人还在地上 爬不起来", "不晓得是谁推的他 头在流血"):
        assert not about_else(demo_db, clock, text), text


def test_no_emergency_open_leaves_nothing_to_set_apart(demo_db: Database, clock: FakeClock):
    submit(demo_db, clock, make_report("我想反映个事 垃圾好久都没人收了 臭得很", category="sanitation"))
    assert not about_else(demo_db, clock, "垃圾那个转到哪个那去了")


def test_师傅啥子时候来嘛_asks_after_the_ticket_the_latest_news_named(demo_db: Database, clock: FakeClock):
    _, rubbish = fall_and_rubbish(demo_db, clock)
    assert ticket_questions.kind_of("师傅啥子时候来嘛") == "when"
    with demo_db.session() as s:
        asked = ticket_questions.asked_about(s, clock, RESIDENT, "师傅啥子时候来嘛", WINDOW)
        assert asked is not None and asked.ticket.number == rubbish
        said = ticket_questions.answer(s, asked)
    assert rubbish in said and "明天来拉" in said and len(said) <= 70, said


def test_words_taking_back_another_ticket_name_it_and_the_emergencys_own_do_not(demo_db: Database,
                                                                              clock: FakeClock):
    # B76: "我那个楼道灯的不用来了哈 灯自己又亮了" was passed to the duty officer as news of the fall.
    fall, _ = fall_and_rubbish(demo_db, clock)
    lamp = submit(demo_db, clock, make_report("我们楼道头的灯又不亮了 黑黢黢的 莫得法走", category="fire_safety"))
    with demo_db.session() as s:
        assert emergency_context.other_withdrawn(s, clock, RESIDENT, "我那个楼道灯的不用来了哈 灯自己又亮了",
                                                 WINDOW) == lamp
        assert emergency_context.other_withdrawn(s, clock, RESIDENT, "不用来了 人醒了", WINDOW) is None
        assert emergency_context.other_withdrawn(s, clock, RESIDENT, "算了 不报了", WINDOW) is None
    assert ticket(demo_db, fall).status not in ("cancelled", "closed")


def test_a_staff_member_asked_about_is_named_with_their_role_and_grid(demo_db: Database):
    with demo_db.session() as s:
        name = s.query(Person.name).filter(Person.phone == XF_GRID_2_WORKER).scalar()
        said = staff_who.staff_asked_about(s, f"{name}是哪个嘛")
        assert said == f"{name}是幸福社区第2网格的网格员。"
        assert staff_who.staff_asked_about(s, "王大妈是哪个嘛") is None  # nobody on the staff
        assert staff_who.staff_asked_about(s, f"{name}好久来嘛") is None  # no who asked


def test_an_answer_to_where_with_what_happened_updates_the_emergency_that_said_no_kind(demo_db: Database,
                                                                                     clock: FakeClock):
    # A14: "救命啊" → "在哪里？" → "人民公园门口 有个人把我手机抢了跑了" → "请问在哪点？…": both lost.
    help_call = Ticket(text="救命啊", place_text="")
    assert emergency_followups.place_with_detail("人民公园门口 有个人把我手机抢了跑了", help_call) == (
        "人民公园门口", "有个人把我手机抢了跑了")
    gas = Ticket(text="屋头好大一股煤气味", place_text="")
    assert emergency_followups.place_with_detail("3栋楼上水管爆了", gas) is None  # still its own report
    number = submit(demo_db, clock, make_report("救命啊", sender=STRANGER, category="other", emergency=True))
    with demo_db.session() as s:
        waiting = emergencies.awaiting_place(s, clock, STRANGER)
        assert waiting is not None and waiting.number == number
        reply = emergencies.give_place(s, clock, waiting, "人民公园门口", rules=RULES, detail="有个人把我手机抢了跑了")
    assert "人民公园门口" in reply
    placed = ticket(demo_db, number)
    assert placed.place_text == "人民公园门口" and "手机抢了" in placed.text and placed.category == "public_security"
    assert any("人民公园门口" in m and "手机抢了" in m for m in messages_to(demo_db, DUTY_OFFICER))


def test_撤销_first_is_a_withdrawal_never_a_place_correction(demo_db: Database):
    # B116: "撤销 我搞错了 是隔壁小区的" → "工单T1068的地点已改为“隔壁小区”".
    assert cancelling.leads_with_withdrawal("撤销 我搞错了 是隔壁小区的")
    assert cancelling.leads_with_withdrawal("不报了 说错了 不是这里")
    assert not cancelling.leads_with_withdrawal("说错了 不是3栋 是5栋门口")
    with demo_db.session() as s:
        assert corrections.corrected_place(s, "撤销 我搞错了 是隔壁小区的") is None
        assert corrections.corrected_place(s, "说错了 是5栋门口 不是3栋") == "5栋门口"
