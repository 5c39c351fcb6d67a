"""An emergency without a place: asked where, the answer goes onto the same ticket and the people
alerted hear it with the reporter's number; nothing else is taken for a place."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import emergencies, emergency_numbers, reports
from bot.core.places import locate
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from bot.store.models import Person, Ticket
from tests.conftest import DUTY_OFFICER, RESIDENT, STRANGER, WORKER
from tests.core.helpers import COMMUNITY_SECRETARY, RULES, make_report

FIRE = "着火了 好大的烟 快来人"


def fire(db: Database, clock: FakeClock, sender: str = RESIDENT, **kw) -> str:
    with db.session() as s:
        return reports.submit(s, clock, make_report(FIRE, sender=sender, category="fire_safety", emergency=True,
                                                    **kw), RULES).ticket.number


def test_an_emergency_naming_no_place_asks_even_when_the_reporter_has_a_home_grid(demo_db: Database):
    with demo_db.session() as s:
        resident = s.scalar(select(Person).where(Person.phone == RESIDENT))
        report = make_report(FIRE, category="fire_safety", emergency=True)
        assert emergencies.should_ask_place(locate(s, reporter=resident, text=FIRE), report)
        for text in ("阳光小区着火了", "楼下电瓶车烧起来了"):  # a place named, or the reporter's home
            named = make_report(text, category="fire_safety", emergency=True)
            assert not emergencies.should_ask_place(locate(s, reporter=resident, text=text), named)


def test_the_place_given_next_goes_onto_the_emergency_and_the_alerted_hear_it_with_the_number(
        demo_db: Database, clock: FakeClock):
    number = fire(demo_db, clock)
    clock.advance(minutes=1)
    with demo_db.session() as s:
        ticket = emergencies.awaiting_place(s, clock, RESIDENT)
        assert ticket is not None and ticket.number == number
        assert emergencies.reads_as_place(s, "5栋2单元302")
        reply = emergencies.give_place(s, clock, ticket, "5栋2单元302")
    assert "5栋2单元302" in reply and len(reply) <= 70
    with demo_db.session() as s:
        assert s.scalar(select(Ticket.place_text).where(Ticket.number == number)) == "5栋2单元302"
        told = s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == DUTY_OFFICER)
                         .order_by(OutboxMessage.id)).all()
        assert "反映人" + RESIDENT in told[0]  # the first alert already carries the number to call back
        assert "5栋2单元302" in told[-1] and RESIDENT in told[-1]
        assert emergencies.awaiting_place(s, clock, RESIDENT) is None  # answered once


def test_what_does_not_read_as_a_place_is_not_taken_for_one(demo_db: Database):
    with demo_db.session() as s:
        for text in ("快点来啊", "好怕", "谢谢", ""):
            assert not emergencies.reads_as_place(s, text)
        for text in ("菜市场门口", "阳光小区", "3栋楼下", "河边公厕旁边"):
            assert emergencies.reads_as_place(s, text)


def test_going_up_or_down_the_stairs_is_no_place(demo_db: Database):
    with demo_db.session() as s:  # blind test 34, L1: 上下楼 read as a place
        for text in ("黑黢黢的 老年人上下楼怕摔", "晚上黑黢黢的 上楼下楼都看不到", "爬楼都爬不动了"):
            assert not emergencies.reads_as_place(s, text), text
        for text in ("就在楼下", "7栋楼下", "下楼梯那里", "二楼楼道"):
            assert emergencies.reads_as_place(s, text), text


def test_an_emergency_with_a_place_or_an_old_one_waits_for_nothing(demo_db: Database, clock: FakeClock):
    fire(demo_db, clock, place_text="菜市场门口")
    fire(demo_db, clock, sender=STRANGER)
    clock.advance(minutes=emergencies.PLACE_WINDOW.total_seconds() / 60 + 1)
    with demo_db.session() as s:
        assert emergencies.awaiting_place(s, clock, RESIDENT) is None
        assert emergencies.awaiting_place(s, clock, STRANGER) is None


def test_a_registered_resident_naming_only_a_floor_or_a_room_is_not_asked_where_they_live(demo_db: Database):
    with demo_db.session() as s:
        resident = s.scalar(select(Person).where(Person.phone == RESIDENT))
        for text in ("我在5楼 出不去了 屋头好大的烟", "着火了 302室", "三楼冒烟了"):
            report = make_report(text, category="fire_safety", emergency=True)
            assert not emergencies.should_ask_place(locate(s, reporter=resident, text=text), report), text
        stranger = make_report("我在5楼 出不去了 好大的烟", sender=STRANGER, category="fire_safety", emergency=True)
        assert emergencies.should_ask_place(locate(s, reporter=None, text=stranger.text), stranger)


@pytest.mark.parametrize(("category", "text", "number"), [
    ("roads", "路口有个人被车撞倒了 流了好多血", "120和110"),
    ("public_security", "有人打架 一个人倒在地上不动了", "120和110"),
    ("roads", "安居社区路口两个车撞了 有人受伤 流血了", "120和110"),
    ("roads", "河滨路口车子把一个老人撞了 躺在地上不动", "120和110"),
    ("elderly_care", "有个老人家摔倒了 爬不起来", "120"),
    ("housing_utilities", "屋头好大一股煤气味道", "119"),
    ("fire_safety", "楼下着火了 有人受伤", "119"),
    ("public_security", "有人拿刀在小区门口闹事", "110"),
    # blind test 5, #98 and #92: someone in the water, someone possibly down behind a locked door
    ("other", "快来人啊 有个娃儿掉河里了", "110、120和119"),
    ("public_security", "水库边有人落水了", "110、120和119"),
    ("elderly_care", "隔壁那个独居老人好几天没出门了 敲门也莫得人应", "120和110"),
    # blind test 7, #38: the gas as well as the person down
    ("health", "救命 屋头好大股煤气味 老头子倒在地上喊不答应", "119和120"),
    ("housing_utilities", "天然气漏了 我妈晕倒了", "119和120"),
])
def test_someone_hurt_is_an_ambulance_call_first_and_the_police_too_where_needed_except_in_a_fire(
        category: str, text: str, number: str):
    assert emergency_numbers.number_to_call(RULES, category, text) == number


def test_a_question_or_a_request_never_answers_where_however_many_place_words_it_holds():
    for text in ("帮我查一下阳光小区1栋101那家的电话 我要找她", "5栋那家人电话多少", "6栋是不是着火了？",
                 "我屋头那个在6栋1单元302住的老汉说他明天要去医院看病"):
        assert not emergencies.answers_where(text), text
    for text in ("6栋1单元302", "菜市场门口", "安居社区3栋", "就在新华街口那边",
                 "阳光小区5栋2单元302室 就在电梯口旁边那户人家"):
        assert emergencies.answers_where(text), text


def test_a_landmark_in_the_emergencys_own_words_is_its_place():
    assert emergencies.landmark_in("菜市场门口有个老人晕倒了 叫不醒") == "菜市场门口"
    assert emergencies.landmark_in("我在学校门口 有人打架") == "学校门口"
    for text in ("楼道里电线在冒火花", "着火了 着火了", "家里厕所冒水"):
        assert emergencies.landmark_in(text) == "", text


def test_a_building_or_an_estates_gate_is_a_place_and_a_bare_crossing_is_not():
    assert emergencies.landmark_in("7栋楼下有个老年人晕倒了 喊不答应") == "7栋楼下"
    assert emergencies.landmark_in("河坝头涨大水了 安居苑门口那条路都淹了 车子过不去") == "安居苑门口"
    assert emergencies.landmark_in("河滨路口车子把一个老人撞了") == "河滨路口"
    for text in ("路口两个人打起来了 有个拿起刀的", "那个路口有人打架", "我在5楼 出不去了", "着火了 302室"):
        assert emergencies.landmark_in(text) == "", text
@pytest.mark.parametrize(("category", "text", "expected"), [
    ("other", "快来人啊 有个娃儿掉河里了", "public_security"),
    ("other", "对门的孤寡老人两天没开门了 电话也打不通", "elderly_care"),
    ("fire_safety", "有人掉河里了", "fire_safety"),  # the classifier's own category stands
    ("other", "着火了", "fire_safety"),  # a fire is the fire brigade's (blind test 29, A12-4 was told 110)
])
def test_an_emergency_the_classifier_could_not_place_is_filed_by_who_is_in_danger(category: str, text: str,
                                                                                   expected: str):
    assert emergency_numbers.category_for(category, text) == expected
def test_a_place_naming_a_grid_assigns_the_unplaced_emergency_there_and_alerts_its_secretary(
        demo_db: Database, clock: FakeClock):
    # Blind test 5, #36: the grid's worker and secretary heard nothing until someone dispatched it by hand.
    number = fire(demo_db, clock, sender=STRANGER)
    with demo_db.session() as s:
        ticket = emergencies.awaiting_place(s, clock, STRANGER)
        assert ticket.assignee_id is None
        emergencies.give_place(s, clock, ticket, "阳光小区3栋", rules=RULES)
    with demo_db.session() as s:
        ticket = s.scalar(select(Ticket).where(Ticket.number == number))
        assert ticket.status == "assigned" and ticket.assignee.phone == WORKER
        for staff in (WORKER, COMMUNITY_SECRETARY):
            told = s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == staff)).all()
            assert any(number in text and STRANGER in text for text in told), staff


@pytest.mark.parametrize(("text", "worried"), [
    ("你们好久能到嘛", True), ("快点来啊", True), ("人咋个还没来", True), ("要等多久？", True),
    ("安居苑北门公交站", False), ("5栋2单元302", False), ("我的网格员电话多少？", False),
    ("又有个人晕倒了 快点来啊", False),  # a danger of its own
])
def test_a_worried_question_is_told_from_a_place_a_problem_and_a_request(text: str, worried: bool):
    assert emergencies.anxious(text) is worried
