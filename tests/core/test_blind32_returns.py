"""Blind test 32 (docs/usertests/2026-12-07-blind20.md), in the core: people coming back 35 minutes later about one
of their tickets — the ticket its words name (剁 of the noise ticket, 井盖 of the manhole), never the newest one or the
one a time word (昨晚, 刚才) shares; a done-yet question with the thing still broken after it; whether anyone got in
touch; whether the worker comes this afternoon (his words, never an urge); a grid worker who cannot be reached."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import (
    complaints,
    lifecycle,
    return_questions,
    ticket_focus,
    ticket_news,
    ticket_questions,
    unreachable_worker,
    urging,
)
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from bot.store.models import Ticket
from tests.conftest import RESIDENT, WORKER
from tests.core.helpers import RULES, make_report, submit

WINDOW = timedelta(minutes=30)
SMS = 70
STRANGER = "+86139555530090"  # blind32_returns' range
CENTRE = "0874-3112345"

CHOP = Ticket(number="T1002", text="我家楼上天天半夜剁肉 吵得睡不着", category="dispute")
LAMP = Ticket(number="T1070", text="楼道里的灯一闪一闪的 晚上怕摔跤", category="housing_utilities")
MANHOLE = Ticket(number="T1006", text="这里井盖莫得了 好危险", category="roads")
WIRE = Ticket(number="T1084", text="刚才发的照片 这里电线垂下来了", category="housing_utilities")


@pytest.mark.parametrize("text", ["咋个还莫得人来管 昨晚又剁到一点钟", "楼上还在吵 咋个还没人管",
                                  "半夜又在敲 你们管不管", "昨晚上又剁了一晚上 催一下", "噪音那个还是没人来"])
def test_a_return_naming_the_noise_points_at_the_noise_ticket_not_the_newer_lamp(text: str):
    assert ticket_focus.by_words([LAMP, CHOP], text) is CHOP  # L2: the reopened lamp ticket was urged


@pytest.mark.parametrize("text", ["灯还是一闪一闪的 咋个还没人来", "楼道还是黑黢黢的 催一下", "那个灯好久来修"])
def test_a_return_naming_the_lamp_still_points_at_the_lamp(text: str):
    assert ticket_focus.by_words([LAMP, CHOP], text) is LAMP


@pytest.mark.parametrize("text", ["井盖那个弄好没 我刚才又路过 还是莫得盖子", "刚才路过 盖子还是莫得",
                                  "今天早上又看到那个坑 井盖呢"])
def test_time_words_never_point_at_a_ticket(text: str):
    assert ticket_focus.by_words([WIRE, MANHOLE], text) is MANHOLE  # L6: 刚才 of 刚才发的照片 tied with 井盖


def test_words_naming_neither_leave_the_choice_to_the_caller():
    assert ticket_focus.by_words([LAMP, CHOP], "咋个还莫得人来 催一下") is None  # the newest, or the list


@pytest.mark.parametrize("text", ["居家养老那个有人联系我没", "有没有人联系过我嘛", "网格员联系我了没得",
                                  "社区打电话给我没有", "养老那个 给我打电话没得"])
def test_whether_anyone_got_in_touch_is_a_status_question(text: str):
    assert ticket_questions.kind_of(text) == "status" and return_questions.asks_contacted(text)
    assert not urging.urges(text)


@pytest.mark.parametrize("text", ["我家猫找到没得 好担心", "钥匙找不到了"])
def test_finding_something_is_no_question_of_contact(text: str):
    assert not return_questions.asks_contacted(text)


@pytest.mark.parametrize("text", ["单元门锁那个师傅下午来不来嘛", "师傅今天到不到嘛", "工人明天会不会来哦",
                                  "网格员到底来不来", "那个修水管的师傅还来不来"])
def test_whether_the_worker_comes_asks_and_never_urges(text: str):
    assert ticket_questions.kind_of(text) == "when"  # B153: 已催办
    assert urging.only_asks(text) and not urging.urges(text)


@pytest.mark.parametrize("text", ["水管修好没有 我们还没得水用", "井盖那个弄好没 我刚才又路过 还是莫得盖子",
                                  "路灯修好没有 晚上还是黑黢黢的", "门锁那个换了没得 我们还是关不上门",
                                  "水管修好没得 屋头还是没得水"])
def test_a_done_yet_question_with_the_thing_still_broken_after_it_is_a_question(text: str):
    assert ticket_questions.kind_of(text) == "status"  # L16: "请问在哪点？"
    assert return_questions.still_broken(text)


def test_whether_the_pipe_is_mended_leads_with_the_workers_latest_words(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("水管爆了 一直在漏水", category="housing_utilities"))
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, number, WORKER, "已经关了总阀 师傅在换管子")
    clock.advance(minutes=35)
    with demo_db.session() as s:
        asked = ticket_questions.asked_about(s, clock, RESIDENT, "水管修好没有 我们还没得水用", WINDOW)
        assert asked is not None and asked.ticket.number == number and asked.done_yet
        answer = ticket_questions.answer(s, asked)
    assert answer.split(number)[0].find("总阀") >= 0 and len(answer) <= SMS, answer


def test_asking_after_the_manhole_finds_it_among_two_tickets(demo_db: Database, clock: FakeClock):
    manhole = submit(demo_db, clock, make_report("这里井盖莫得了 好危险"))
    clock.advance(minutes=5)
    wire = submit(demo_db, clock, make_report("刚才发的照片 这里电线垂下来了", category="housing_utilities"))
    clock.advance(minutes=35)
    with demo_db.session() as s:
        asked = ticket_questions.asked_about(s, clock, RESIDENT, "井盖那个弄好没 我刚才又路过 还是莫得盖子", WINDOW)
        assert asked is not None and asked.ticket.number == manhole != wire
        assert not ticket_news.has_news(s, asked.ticket)  # nobody said a word: the step urges it too


@pytest.mark.parametrize("text", ["居家养老那个有人联系我没", "养老那个有没有人联系过我嘛",
                                  "照顾我妈那个 网格员联系我了没得"])
def test_whether_anyone_called_about_home_care_gets_the_tickets_progress(demo_db: Database, clock: FakeClock,
                                                                        text: str):
    lamp = submit(demo_db, clock, make_report("楼道灯坏了", category="housing_utilities"))
    care = submit(demo_db, clock, make_report("我妈八十多了一个人住 想请人上门照顾", category="elderly_care"))
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, care, WORKER, "明天上门评估")
    clock.advance(minutes=35)
    with demo_db.session() as s:
        asked = ticket_questions.asked_about(s, clock, RESIDENT, text, WINDOW)
        assert asked is not None and asked.ticket.number == care != lamp  # L17: the knowledge answer
        assert "评估" in ticket_questions.answer(s, asked)


def test_whether_the_worker_comes_this_afternoon_repeats_his_words(demo_db: Database, clock: FakeClock):
    number = submit(demo_db, clock, make_report("单元门锁坏了 关不上", category="housing_utilities"))
    with demo_db.session() as s:
        lifecycle.start_work(s, clock, RULES, number, WORKER, "下午来换")
    clock.advance(minutes=10)
    with demo_db.session() as s:
        asked = ticket_questions.asked_about(s, clock, RESIDENT, "单元门锁那个师傅下午来不来嘛", WINDOW)
        assert asked is not None and asked.ticket.number == number
        answer = ticket_questions.answer(s, asked)
    assert answer.startswith(f"{asked.ticket.assignee.name}说：下午来换") and "催" not in answer, answer


@pytest.mark.parametrize("text", ["网格员电话打不通 安居苑的", "打网格员电话一直没人接", "网格员的电话关机了 安居苑的",
                                  "联系不上网格员 咋个办", "社区电话打不通"])
def test_a_worker_who_cannot_be_reached_is_no_complaint(text: str):
    assert unreachable_worker.says(text)  # B110: lodged against the worker


@pytest.mark.parametrize("text", ["我要投诉网格员 打电话都不接", "网格员从来不接电话 态度还差",
                                  "网格员电话打不通 楼道灯坏了", "网格员电话打不通 我家老人摔倒了起不来",
                                  "楼上那家 他电话也打不通"])
def test_a_complaint_a_problem_or_someone_elses_phone_is_no_unreachable_worker(text: str):
    assert not unreachable_worker.says(text)


def test_the_complaint_words_still_lodge_a_complaint():
    assert complaints.complains_about_worker("我要投诉网格员 打电话都不接")


def test_the_unreached_worker_is_asked_to_call_back_once_and_the_sender_given_other_ways(demo_db: Database,
                                                                                        clock: FakeClock):
    with demo_db.session() as s:
        reply = unreachable_worker.reply(s, clock, CENTRE, STRANGER, "网格员电话打不通 安居苑的")
        again = unreachable_worker.reply(s, clock, CENTRE, STRANGER, "安居苑的网格员 电话还是打不通")
        notices = list(s.scalars(select(OutboxMessage.text).where(OutboxMessage.kind == "notification")))
    assert CENTRE in reply and "110" in reply and "网格员" in reply and len(reply) <= SMS, reply
    assert "意见" not in reply and CENTRE in again
    assert len([n for n in notices if "没打通" in n and "13955553009" in n]) == 1, notices


def test_nobody_to_ask_to_call_back_still_gets_the_ways_to_reach_someone(demo_db: Database, clock: FakeClock):
    with demo_db.session() as s:
        reply = unreachable_worker.reply(s, clock, CENTRE, STRANGER, "网格员电话打不通")
    assert CENTRE in reply and "值班" in reply and len(reply) <= SMS, reply
