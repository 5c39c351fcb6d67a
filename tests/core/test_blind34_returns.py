"""Blind test 33 (docs/usertests/2026-12-07-blind21.md, rows A40, A42, A98, A13, B19, L13): follow-ups that opened a
second ticket or went unanswered. News of the neighbour a report is about and a cause put right are details of it; no
gas check-list beside a water-pressure report; a report still open said to go on later is urged; whether the water
may be drunk, in dialect, is answered; who the other party is, asked, goes to the worker, never a 补充; water still
bad after 办结 reopened with not to drink it."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import (
    advice_asked,
    after_report,
    follow_up_reading,
    other_problem,
    resolved_again,
    still_open,
    water_questions,
)
from bot.store.db import Database
from tests.core.helpers import RULES, make_report, messages_to, submit, ticket

SENDER = "+86139555650090"
LEAK = "楼上漏水漏到我屋头了 安居苑5栋201"
PRESSURE = "安居苑5栋 屋头水压小得很 热水器都打不燃"


def _read(db: Database, clock: FakeClock, report: str, text: str, intent: str = "report_issue",
          category: str | None = "housing_utilities") -> str:
    open_ = ticket(db, submit(db, clock, make_report(report, sender=SENDER, category="housing_utilities")))
    with db.session() as s:
        return follow_up_reading.read_follow_up(s, open_, text, intent, category)


@pytest.mark.parametrize("text", ["楼上的人回来了 说是他家水管爆了", "楼上那家说明天找人来修", "他说是他家管子的问题"])
def test_news_of_the_neighbour_a_leak_comes_from_is_a_detail_of_it(demo_db: Database, clock: FakeClock, text: str):
    assert _read(demo_db, clock, LEAK, text) == "detail"


def test_news_of_a_neighbour_is_no_detail_of_a_report_about_no_one():
    assert not other_problem.party_news("小区门口路灯坏了", "楼上的人回来了")
    assert not other_problem.party_news(LEAK, "水管爆了")


def test_a_cause_put_right_with_the_reports_own_things_is_a_detail(demo_db: Database, clock: FakeClock):
    assert _read(demo_db, clock, PRESSURE, "热水器是水压太小打不燃 不是燃气的问题") == "detail"
    assert not other_problem.says_cause(PRESSURE, "不是燃气的问题 楼道灯也坏了")


def test_a_heater_that_will_not_light_for_low_water_pressure_gets_no_gas_check_list():
    for said in (PRESSURE, "热水器是水压太小打不燃 不是燃气的问题", "停水了 热水器打不燃"):
        assert advice_asked.stove_advice(said) == "", said
    assert advice_asked.stove_advice("天然气打不燃火 是不是欠费了") == advice_asked.STOVE
    # 是不是燃气卡没钱了 asks whether it is the gas: no other cause said (blind test 33, A94)
    assert advice_asked.stove_advice("燃气打不燃火了 是不是燃气卡没钱了") == advice_asked.STOVE


@pytest.mark.parametrize("text", ["水还是有消毒水味 喝得了不", "这个水喝得不嘛", "水还是黄的 喝不喝得", "水能喝了不"])
def test_whether_the_water_may_be_drunk_is_asked_in_dialect_too(text: str):
    assert water_questions.asks_to_drink(text)


def test_drinking_asked_with_the_smell_still_there_says_it_was_passed_on(demo_db: Database, clock: FakeClock):
    water = submit(demo_db, clock, make_report("安居苑5栋的自来水有股消毒水味道", sender=SENDER,
                                               category="housing_utilities"))
    with demo_db.session() as s:
        reply = water_questions.answer(s, SENDER, "水还是有消毒水味 喝得了不", noted=True)
    assert reply is not None and water in reply and "别直接喝" in reply and "转告" in reply and len(reply) <= 70
    assert water_questions.says_still("水还是有消毒水味 喝得了不") == "水还是有消毒水味"


@pytest.mark.parametrize("text", ["那个狗主人是哪家嘛", "车主是哪个嘛", "楼上那家叫啥子"])
def test_asking_who_the_other_party_is_goes_to_the_worker_never_as_a_detail(demo_db: Database, clock: FakeClock,
                                                                           text: str):
    dog = submit(demo_db, clock, make_report("安居苑5栋有人遛狗不牵绳 吓到娃娃了", sender=SENDER,
                                             category="public_security"))
    with demo_db.session() as s:
        open_ = ticket(demo_db, dog)
        assert follow_up_reading.read_follow_up(s, open_, text, "report_issue", "public_security") == "person_asked"
        reply = after_report.person_asked(s, s.merge(open_), text)
    assert dog in reply and "不便" in reply and len(reply) <= 70, reply
    assert text not in ticket(demo_db, dog).text
    holder = ticket(demo_db, dog).assignee
    assert holder is not None and any("反映人问" in m and dog in m for m in messages_to(demo_db, str(holder.phone)))


def test_a_report_still_open_said_to_go_on_later_is_urged_with_the_words(demo_db: Database, clock: FakeClock):
    parking = submit(demo_db, clock, make_report("阳光小区3栋门口乱停车堵到消防通道了", sender=SENDER,
                                                 category="public_security"))
    clock.advance(minutes=35)
    assert still_open.says_it_goes_on("门口那些车还是乱停")
    with demo_db.session() as s:
        meant = still_open.meant(s, clock, SENDER, "门口那些车还是乱停")
        assert meant is not None and meant.number == parking
        reply = still_open.urge(s, clock, RULES, SENDER, meant, "门口那些车还是乱停")
    assert parking in reply and "催办" in reply and len(reply) <= 70, reply
    assert ticket(demo_db, parking).urge_count == 1


def test_words_sharing_nothing_with_an_open_report_urge_nothing(demo_db: Database, clock: FakeClock):
    submit(demo_db, clock, make_report("阳光小区3栋门口乱停车堵到消防通道了", sender=SENDER,
                                       category="public_security"))
    with demo_db.session() as s:
        assert still_open.meant(s, clock, SENDER, "楼道灯还是不亮") is None
        assert still_open.meant(s, clock, SENDER, "阳光小区又停水了") is None  # the place's name is no shared trouble
    assert not still_open.says_it_goes_on("还有个事 楼道灯不亮")


def test_water_still_yellow_when_reopened_is_told_not_to_drink_it(demo_db: Database, clock: FakeClock):
    water = ticket(demo_db, submit(demo_db, clock, make_report("安居苑5栋 水龙头放出来的水是黄的", sender=SENDER,
                                                              category="housing_utilities")))
    assert "别喝" in resolved_again.advice_on_reopening(water)
    lamp = ticket(demo_db, submit(demo_db, clock, make_report("安居苑5栋楼道灯不亮", sender=SENDER)))
    assert resolved_again.advice_on_reopening(lamp) == ""
