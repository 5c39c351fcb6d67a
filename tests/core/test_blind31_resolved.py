"""Blind test 31: a reporter coming back minutes or days after the worker resolved their ticket (B56, B56b, B90, B94,
A-B14a2, B112b, B63, A-B4a2, A-B92b2, S17c): asked whether it is done, they hear 已办结 and the worker's closing words;
saying it still does not work or is back again reopens it for the worker."""

from __future__ import annotations

import pytest

from bot.common.clock import FakeClock
from bot.core import answers, commands, lifecycle, rating_remarks, resolved_again, staff_desk
from bot.store.db import Database
from tests.conftest import RESIDENT, WORKER
from tests.core.helpers import RULES, make_report, messages_to, submit, ticket

SMS = 70


def resolved(db: Database, clock: FakeClock, text: str, note: str, place: str = "阳光小区5栋") -> str:
    number = submit(db, clock, make_report(text, place_text=place))
    with db.session() as s:
        staff_desk.answer(s, clock, RULES, WORKER, f"{number} 已办结 {note}")
    return number


def read(db: Database, clock: FakeClock, text: str, awaiting: str | None = None) -> resolved_again.Said | None:
    with db.session() as s:
        return resolved_again.read(s, clock, RESIDENT, text, awaiting)


@pytest.mark.parametrize("text", ["电梯修好没得", "电梯到底好了没有嘛", "我下不了楼 电梯到底好了没有嘛 阳光小区5栋",
                                  "电梯修好了没有哦"])
def test_asking_whether_a_resolved_ticket_is_done_gets_its_state_and_the_workers_words(
        demo_db: Database, clock: FakeClock, text: str):
    number = resolved(demo_db, clock, "5栋电梯坏了 老人下不了楼", "电梯修好了 换了个零件")
    clock.advance(minutes=5)
    said = read(demo_db, clock, text, number)
    assert said is not None and said.kind == "status" and said.ticket.number == number
    with demo_db.session() as s:
        reply = resolved_again.status_reply(s, said.ticket)
    assert f"工单{number}" in reply and "已办结" in reply and "电梯修好了" in reply and len(reply) <= SMS


def test_asking_after_the_other_of_two_resolved_tickets_means_that_one(demo_db: Database, clock: FakeClock):
    resolved(demo_db, clock, "5栋电梯坏了", "电梯修好了")
    lamp = resolved(demo_db, clock, "5栋楼道灯不亮", "灯泡换好了")
    said = read(demo_db, clock, "电梯修好了啊 那楼道灯呢")
    assert said is not None and said.kind == "status" and said.ticket.number == lamp


def test_asking_after_the_ice_finds_the_ticket_by_the_workers_closing_words(demo_db: Database, clock: FakeClock):
    number = resolved(demo_db, clock, "门口坡上结冰了 很危险", "撒了盐了 冰化了")
    said = read(demo_db, clock, "路上的冰化了没得 我要出门")
    assert said is not None and said.kind == "status" and said.ticket.number == number


@pytest.mark.parametrize("text", ["电梯到底修好没有 我还是下不了楼", "电梯说修好了 还是不得行"])
def test_saying_a_resolved_ticket_still_does_not_work_reopens_it_as_a_dissatisfied_rating(
        demo_db: Database, clock: FakeClock, text: str):
    number = resolved(demo_db, clock, "5栋电梯坏了", "电梯修好了")
    clock.advance(minutes=8)
    with demo_db.session() as s:
        said = resolved_again.read(s, clock, RESIDENT, text, number)
        assert said is not None and said.kind == "again" and said.ticket.number == number
        reply = resolved_again.reopen(s, clock, RULES, RESIDENT, said.ticket, text)
    assert ticket(demo_db, number).status == "reopened"
    assert f"工单{number}" in reply and "重新交办" in reply and len(reply) <= SMS
    assert any(number in m and "重新打开" in m and len(m) <= SMS for m in messages_to(demo_db, WORKER))


def test_a_complaint_naming_nothing_under_the_rating_request_reopens_the_ticket_awaiting_it(
        demo_db: Database, clock: FakeClock):
    number = resolved(demo_db, clock, "门口坡上结冰了", "撒了盐了 冰化了")
    said = read(demo_db, clock, "冰是化了 但是坡上还是滑", number)
    assert said is not None and said.kind == "again" and said.ticket.number == number


@pytest.mark.parametrize("text", ["纸壳子又堆起了", "楼道头纸壳子又有人堆起了 5栋那个"])
def test_the_same_thing_back_again_after_a_satisfied_rating_reopens_the_closed_ticket(
        demo_db: Database, clock: FakeClock, text: str):
    number = resolved(demo_db, clock, "5栋楼道里堆满了纸壳子", "纸壳子清走了")
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 1, number)
    clock.advance(minutes=12)
    with demo_db.session() as s:
        said = resolved_again.read(s, clock, RESIDENT, text)
        assert said is not None and said.kind == "again" and said.ticket.number == number
        resolved_again.reopen(s, clock, RULES, RESIDENT, said.ticket, text)
    assert ticket(demo_db, number).status == "reopened"
    assert any(number in m and "还没办完" in m for m in messages_to(demo_db, WORKER))


def test_the_thing_back_again_at_another_building_is_not_that_ticket(demo_db: Database, clock: FakeClock):
    resolved(demo_db, clock, "5栋楼道里鞋柜占道", "鞋柜搬走了")
    assert read(demo_db, clock, "8栋鞋柜又摆出来了") is None


def test_another_thing_again_or_a_ticket_resolved_long_ago_is_not_read(demo_db: Database, clock: FakeClock):
    number = resolved(demo_db, clock, "5栋楼道里鞋柜占道", "鞋柜搬走了")
    assert read(demo_db, clock, "楼上又在吵 吵得睡不着", number) is None
    assert read(demo_db, clock, "还有个事 鞋柜又搬回来了", number) is None
    clock.advance(days=resolved_again.RECENT.days, hours=1)
    assert read(demo_db, clock, "鞋柜又搬回来了", number) is None


@pytest.mark.parametrize("text", ["还是关不上", "我还是下不了楼", "坡上还是滑", "还有点晃"])
def test_still_not_working_words(text: str):
    assert resolved_again.still_bad(text)


@pytest.mark.parametrize("text", ["今天还滑不", "谢谢 已经好了", "电梯修好没得"])
def test_questions_and_thanks_are_not_still_not_working(text: str):
    assert not resolved_again.still_bad(text)


def test_a_satisfied_word_as_its_own_clause_rates_a_long_message():
    assert answers.rating_in("灯亮了 满意 杨网格员辛苦了") == answers.Rating(1, "灯亮了 杨网格员辛苦了")
    assert rating_remarks.thanks_or_praises("灯亮了 杨网格员辛苦了")


def test_a_basic_rating_saying_it_still_wobbles_reopens_it(demo_db: Database, clock: FakeClock):
    rating = answers.rating_in("还行 就是还有点晃")
    assert rating is not None and rating.score == 2 and rating_remarks.says_unfinished(rating.reason)
    number = resolved(demo_db, clock, "楼梯扶手松了", "扶手固定好了")
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, rating.score, number, rating.reason)
    assert ticket(demo_db, number).status == "reopened"


@pytest.mark.parametrize("note", ["水压正常了", "水压好了", "已经恢复了", "电梯好了"])
def test_things_back_to_normal_are_a_finished_job(note: str):
    assert commands.says_done(note)


@pytest.mark.parametrize("note", ["约好了 明天来", "材料准备好了", "好了没有", "跟物业说好了 下午来"])
def test_arrangements_and_questions_are_no_finished_job(note: str):
    assert not commands.says_done(note)


def test_the_thing_back_again_a_day_after_a_satisfied_rating_is_a_new_report(demo_db: Database, clock: FakeClock):
    number = resolved(demo_db, clock, "5栋楼道里堆满了纸壳子", "纸壳子清走了")
    with demo_db.session() as s:
        lifecycle.rate(s, clock, RULES, RESIDENT, 1, number)
    clock.advance(days=1)
    assert read(demo_db, clock, "纸壳子又堆起了") is None
    said = read(demo_db, clock, "纸壳子清走了没得")
    assert said is not None and said.kind == "status"
