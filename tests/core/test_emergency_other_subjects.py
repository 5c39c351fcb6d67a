"""Blind test 26 (docs/usertests/2026-12-06-blind14.md, rows B91, B64, A44, A1, A84): with an emergency open, a
message about another thing is not the emergency's (a car smoking after sparking wires; where to charge a
scooter), a stand-down speaks of the newest report, a place correction moves the emergency and never withdraws it,
and a sentence answering "where?" gives only its place as the place."""

from __future__ import annotations

from datetime import timedelta

from bot.common.clock import FakeClock
from bot.core import emergency_context, emergency_downgrade, emergency_followups
from bot.store.db import Database
from bot.store.models import Ticket
from tests.conftest import RESIDENT, STRANGER
from tests.core.helpers import RULES, make_report, submit, ticket

WINDOW = timedelta(minutes=30)
SPARKS = Ticket(text="楼道里的电线在冒火花 噼里啪啦的", place_text="")
LOST = Ticket(text="我婆婆早上出门买菜 到现在都没回来", place_text="")
DOWN = Ticket(text="有人晕倒了", place_text="")


def test_a_car_smoking_after_sparking_wires_is_a_report_of_its_own_not_the_wires_place():
    assert emergency_followups.place_with_detail("阳光小区门口有辆车在冒烟", SPARKS) is None
    assert emergency_followups.place_with_detail("河畔花园门口 有棵树在冒烟", SPARKS) is None
    assert emergency_followups.place_with_detail("安居苑3栋 垃圾堆着火了", SPARKS) is None
    assert not emergency_followups.joins("阳光小区门口有辆车在冒烟", SPARKS)
    # the wires themselves, somewhere else: still the emergency's place
    assert emergency_followups.place_with_detail("阳光小区门口 电线在冒火花", SPARKS) == (
        "阳光小区门口", "电线在冒火花")


def test_a_question_of_where_to_charge_a_scooter_is_not_about_a_lost_old_man(demo_db: Database, clock: FakeClock):
    submit(demo_db, clock, make_report("路边有个老爷爷坐起哭 说不晓得屋在哪 就在安居苑门口", sender=STRANGER,
                                       category="elderly_care", emergency=True))
    clock.advance(minutes=2)
    with demo_db.session() as s:
        for asked in ("电瓶车在哪里可以充电哦", "哪里可以办居住证嘛", "充电桩咋个充电哦"):
            assert emergency_context.about_else(s, clock, STRANGER, asked, WINDOW), asked
        for worried in ("你们好久能到嘛", "警察在哪里嘛", "老人家在哪点可以找到哦 派出所来了没"):
            assert not emergency_context.about_else(s, clock, STRANGER, worried, WINDOW), worried


def test_not_urgent_after_a_newer_report_speaks_of_that_report_not_the_emergency(demo_db: Database,
                                                                                 clock: FakeClock):
    wires = submit(demo_db, clock, make_report("楼道里的电线在冒火花 噼里啪啦的", category="housing_utilities",
                                               emergency=True))
    clock.advance(minutes=3)
    car = submit(demo_db, clock, make_report("阳光小区门口有辆车在冒烟", category="other"))
    clock.advance(minutes=1)
    with demo_db.session() as s:
        emergency = s.get(Ticket, ticket(demo_db, wires).id)
        reply = emergency_downgrade.stand_down(s, clock, RULES, emergency, "哦 是人家在烧烤 不是急事哈", RESIDENT)
    assert car in reply and wires not in reply, reply
    assert ticket(demo_db, wires).severity == "critical"
    with demo_db.session() as s:  # words of the emergency's own kind, not the car's: the wires stood down
        emergency = s.get(Ticket, ticket(demo_db, wires).id)
        assert emergency_downgrade.spoken_of(s, RESIDENT, emergency, "电线那个不是急事") is emergency


def test_a_place_correction_of_an_emergency_never_withdraws_it(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("阳光小区5栋 外墙皮掉下来了 差点砸到人", sender=STRANGER,
                                                category="housing_utilities", emergency=True))
    clock.advance(minutes=1)
    for said in ("我搞错了 是安居苑5栋 不是阳光小区", "搞错了 不是阳光小区 是河畔花园5栋", "弄错了 是安居苑3栋"):
        with demo_db.session() as s:
            assert emergency_followups.answer(s, clock, RULES, STRANGER, said, WINDOW) is None, said
        assert ticket(demo_db, number).status not in ("cancelled", "closed"), said


def test_a_sentence_answering_where_gives_only_its_place(demo_db: Database):
    with demo_db.session() as s:
        assert emergency_followups.place_with_detail("她记性不好 住河畔花园的", LOST, s) == ("河畔花园", "她记性不好")
        assert emergency_followups.place_with_detail("我屋头的老头子 在河畔花园7栋2楼", DOWN, s) == (
            "河畔花园7栋", "我屋头的老头子 2楼")
        assert emergency_followups.says_more("我屋头的老头子 2楼")
        assert emergency_followups.says_more("我家老伴 3楼")
        assert emergency_followups.says_more("她记性不好")
        assert emergency_followups.says_more("他腿脚不方便")
        assert not emergency_followups.says_more("三楼")
        assert not emergency_followups.says_more("2单元 楼梯口")
