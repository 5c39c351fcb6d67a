"""Blind test 9's emergencies, in the core: people inside a stopped lift, a broken head told 120 too, a place answer
on the way somewhere (去…), a question while "where?" stands, whoever a place brings in told what happened, and a
home emergency's notices carrying the home's address."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.common.sms_parts import units
from bot.core import (
    emergencies,
    emergency_followups,
    emergency_numbers,
    reports,
    sent_before,
    staff_notices,
    staff_views,
    triage,
)
from bot.store.db import Database
from bot.store.models import Person, Ticket
from tests.conftest import DUTY_OFFICER, STRANGER
from tests.core.helpers import RULES, make_report, messages_to

HEBIN_SECRETARY = "+8613800003001"
HEBIN_WORKERS = [f"+86137000000{n:02d}" for n in range(9, 13)]
SON = "+8613900000141"  # 安居社区第4网格, 农贸市场1栋101


@pytest.mark.parametrize("text", ["河畔花园3栋的电梯卡起了 里头关了两个老年人", "安居苑2栋电梯卡到半中间了 里头还有人",
                                  "电梯停了 里面困了个娃儿"])
def test_people_inside_a_stopped_lift_are_in_danger_without_kun_or_guan_dao(text: str):
    assert triage.has_danger(text) and emergency_numbers.lift_trapped(text)
    assert emergency_numbers.category_for("housing_utilities", text) == "housing_utilities"
    assert emergency_numbers.number_to_call(RULES, "housing_utilities", text) == emergency_numbers.LIFT_RESCUE


@pytest.mark.parametrize("text", ["电梯坏了 好几天了", "电梯停了 里头没得人", "电梯门关不上"])
def test_a_lift_broken_with_nobody_inside_is_no_danger(text: str):
    assert not triage.has_danger(text) and not triage.lift_with_people(text)


def test_asking_whether_to_call_119_for_the_lift_is_a_question_of_what_to_do():
    said = "要不要打119哦 我们在外头喊他们答应了的"
    assert emergency_followups.asks_what_to_do(said) and emergency_followups.may_be_about(said)


def test_a_fight_with_a_broken_head_is_told_120_and_110():
    text = "有两个在打架 一个头都打破了 流好多血"
    assert triage.has_danger(text)
    assert emergency_numbers.number_to_call(RULES, "public_security", text) == "120和110"
    assert emergency_numbers.number_to_call(RULES, "public_security", "有人打架 拿起刀了") == "110"


def test_a_place_on_the_way_somewhere_answers_where():
    for text in ("就是去高速路口那条路上 加油站过去点", "去石桥村那条路上 桥头过来一点点"):
        assert emergencies.answers_where(text), text
    assert not emergencies.answers_where("我屋头那个在6栋1单元302住的老汉说他明天要去医院看病")
    assert sent_before.place_in("就是去高速路口那条路上 加油站过去点") == "高速路口那条路上 加油站过去点"
    assert emergencies.landmark_in("高速路口那条路上 加油站过去点") == "高速路口"


def test_the_words_leading_to_a_place_are_one_rule_for_both_readers():
    for said, place in (("就在安居路口", "安居路口"), ("就是在5栋", "5栋"), ("去石桥村", "石桥村")):
        assert emergencies.without_saying(said) == place
        assert sent_before.place_in(said) == place
    assert emergencies.spoken_place("我在安居苑5栋这边") == "安居苑5栋"
    assert sent_before.place_in("就在") == ""  # nothing left: no place


def test_a_question_of_its_own_while_where_is_asked_is_calmed_with_the_number_to_call(
        demo_db: Database, clock: FakeClock):
    asked = "帮我查一下最近的医院在哪点"
    assert emergencies.asks_aside(asked) and not emergencies.answers_where(asked)
    assert not emergencies.asks_aside("安居苑大门口 公交站旁边") and not emergencies.asks_aside("又有人倒在地上了 在哪")
    with demo_db.session() as s:
        reports.submit(s, clock, make_report("有个人在路边倒起了", sender=STRANGER, category="health",
                                             emergency=True), RULES)
    with demo_db.session() as s:
        calm = emergencies.calm_reply(s, clock, RULES, STRANGER, asked)
    assert calm is not None and "120" in calm and "地点" in calm and len(calm) <= 70


def test_whoever_a_community_place_brings_in_hears_what_happened(demo_db: Database, clock: FakeClock):
    # Blind test 9, #3: the 河滨 workers and secretary got only "紧急工单T1003【治安】地点：…".
    with demo_db.session() as s:
        number = reports.submit(s, clock, make_report("有人打架 拿起刀了", sender=STRANGER, category="public_security",
                                                      emergency=True), RULES).ticket.number
    with demo_db.session() as s:
        ticket = emergencies.awaiting_place(s, clock, STRANGER)
        emergencies.give_place(s, clock, ticket, "河滨社区菜市场后门这点", rules=RULES)
    for staff in (HEBIN_SECRETARY, *HEBIN_WORKERS):
        told = [m for m in messages_to(demo_db, staff) if number in m]
        assert any("刀" in m and "菜市场后门" in m and STRANGER in m for m in told), (staff, told)
    officer = [m for m in messages_to(demo_db, DUTY_OFFICER) if number in m]
    assert any("刀" in m for m in officer) and any("地点" in m and "菜市场后门" in m for m in officer)


def test_a_home_emergencys_notices_carry_the_homes_address(demo_db: Database, clock: FakeClock):
    # Blind test 9, #34: the worker's 【紧急】 notice had neither address nor grid.
    with demo_db.session() as s:
        son = s.scalar(select(Person).where(Person.phone == SON))
        address = son.household.address
        opened = reports.submit(s, clock, make_report("我妈在屋头晕倒了 咋个办", sender=SON, category="health",
                                                      emergency=True), RULES)
        number, holder = opened.ticket.number, opened.assignee.phone
    assert address
    assert any(number in m and "紧急" in m and address in m for m in messages_to(demo_db, holder))
    assert any(number in m and address in m for m in messages_to(demo_db, DUTY_OFFICER))
    with demo_db.session() as s:
        assert address in staff_views.details(s, RULES, number, DUTY_OFFICER)


def test_an_ordinary_report_at_home_tells_its_worker_where_the_reporter_lives_never_as_an_emergency(
        demo_db: Database, clock: FakeClock):
    """Blind test 22, #105: a notice with no place left the worker guessing; an ordinary report placed by its
    reporter's registration says 住<address>, and nothing in it is urgent."""
    with demo_db.session() as s:
        son = s.scalar(select(Person).where(Person.phone == SON))
        address = son.household.address
        opened = reports.submit(s, clock, make_report("楼道灯坏了", sender=SON), RULES)
        number, holder = opened.ticket.number, opened.assignee.phone
    notices = [m for m in messages_to(demo_db, holder) if number in m]
    assert notices and all(f"住{address}" in m and "紧急" not in m for m in notices), notices


def test_details_of_an_unplaced_ticket_say_waiting_once_and_keep_its_place(demo_db: Database, clock: FakeClock):
    # Blind test 9, #28: "T1014 详情" read "待分派，待分派".
    with demo_db.session() as s:
        number = reports.submit(s, clock, make_report("电线杆歪了", sender=STRANGER,
                                                      place_text="高速路口那条路上 加油站过去点"), RULES).ticket.number
    with demo_db.session() as s:
        said = staff_views.details(s, RULES, number, DUTY_OFFICER)
        assert s.scalar(select(Ticket.unit_id).where(Ticket.number == number)) is None
    assert "待分派，待分派" not in said and "高速路口" in said


def test_the_place_notice_keeps_the_place_whole_and_cuts_what_happened_first():
    long = "有人打架 拿起刀了 一个头都打破了 流好多血 快点来人啊 好多人围起在看"
    said = staff_notices.emergency_place("T1005", "治安", "河滨社区菜市场后门这点", STRANGER, long)
    assert "河滨社区菜市场后门这点；有人打架" in said and "详情" in said and units(said) <= 70
    point = "定位25.4025,103.3025（幸福社区第1网格）"  # no room for the words along: the place alone, whole
    said = staff_notices.emergency_place("T1005", "消防安全", point, STRANGER, "充电棚那点电线在冒火花 好多车停起的")
    assert point in said and units(said) <= 70
