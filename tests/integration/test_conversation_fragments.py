"""Blind test 23 (items 5 and 6: rows N1, N3, N26, N43, N65, R88v, R2v, N63, R73, R73v), through the gateway, the real
engine and the real action server: a thing named without its problem is held and asked about, never filed; the
problem after it makes one report of both; a leaning pole is a report whatever the classifier guessed; asking to call,
asking for someone's number, how to send a photo, an introduction and "问一哈" are answered, never filed; a place
after abuse is only a place.

Voices: numbers nobody registered (+8613999990241 … 255) and riders (+8613600000095 … 099). Each conversation runs
on SQLite and on PostgreSQL."""

from __future__ import annotations

import pytest

from bot.channels.simulator import ONE_PIXEL_PNG
from tests.integration.stack import Stack
from tests.integration.talk import number_in, register, say, tickets_of

pytestmark = pytest.mark.engine
STRANGERS = [f"+86139999902{n}" for n in range(41, 56)]  # not in the registry
RIDERS = [f"+86136000000{n}" for n in range(95, 100)]
PLACE_ASKED = "请问在哪点"
NOT_FOUND = "没找到这个地方"


def test_a_thing_and_its_place_alone_is_asked_about_and_its_problem_makes_one_report(running: Stack):
    stranger = STRANGERS[0]
    [asked] = say(running, stranger, "安居苑6栋的楼道灯")
    assert "楼道灯怎么了" in asked and "工单" not in asked, asked
    assert tickets_of(running, stranger) == []
    number = number_in(say(running, stranger, "坏了"))
    [ticket] = tickets_of(running, stranger)
    assert ticket.number == number and "楼道灯" in ticket.text and "坏了" in ticket.text, ticket.text
    assert "安居苑6栋" in (ticket.place_text or ""), ticket.place_text


def test_a_thing_alone_then_its_problem_is_the_report_never_a_place_attempt(running: Stack):
    stranger = STRANGERS[1]
    [asked] = say(running, stranger, "我们院子头那个自来水")
    assert "自来水怎么了" in asked and PLACE_ASKED not in asked, asked
    [where] = say(running, stranger, "停了两天了 煮饭都没得水")
    assert NOT_FOUND not in where, where
    if PLACE_ASKED in where:
        say(running, stranger, "安居苑8栋")  # a building of its own: 安居苑3栋 has other modules' reports
    [ticket] = tickets_of(running, stranger)
    assert "自来水" in ticket.text and "停了两天" in ticket.text, ticket.text


def test_a_rider_telling_of_a_leaning_pole_after_a_photo_is_reported_never_unanswered(running: Stack):
    rider = register(running, RIDERS[0], "rider")
    say(running, rider, "", photo=ONE_PIXEL_PNG)
    replies = say(running, rider, "这里有根电线杆歪起了 要倒不倒的 好吓人")
    assert not any("答不上" in r for r in replies), replies
    if any(PLACE_ASKED in r for r in replies):
        say(running, rider, "河滨路")
    [ticket] = tickets_of(running, rider)
    assert "电线杆" in ticket.text, ticket.text


def test_asking_whether_one_may_call_is_answered_never_filed(running: Stack):
    stranger = STRANGERS[2]
    for text in ("我眼睛看不清楚 字打不来 可以给你们打电话不", "我就是问一哈 能不能打电话", "可不可以说话"):
        [answer] = say(running, stranger, text)
        assert "电话" in answer and PLACE_ASKED not in answer and "工单" not in answer, (text, answer)
    assert tickets_of(running, stranger) == []


def test_asking_for_someones_phone_number_is_refused_never_a_registration(running: Stack):
    stranger = STRANGERS[3]
    [answer] = say(running, stranger, "我想要3栋2单元张大爷儿子的手机号 有急事找他")
    assert "不便提供" in answer and "工单" not in answer and "核实" not in answer, answer
    assert tickets_of(running, stranger) == []


def test_a_bare_place_after_abuse_is_held_as_a_place_never_a_ticket(running: Stack):
    stranger = STRANGERS[4]
    [calm] = say(running, stranger, "sb 傻逼东西")
    assert "工单" not in calm, calm
    [held] = say(running, stranger, "河滨路")
    assert "工单" not in held, held
    assert tickets_of(running, stranger) == []


def test_an_old_resident_introducing_themselves_is_greeted_and_asking_is_listened_to(running: Stack):
    stranger = STRANGERS[5]
    [greeted] = say(running, stranger, "您好 我是河滨社区的老住户")
    assert greeted.startswith("您好") and "工单" not in greeted and "核实" not in greeted, greeted
    [listening] = say(running, STRANGERS[6], "你好 我是阳光小区的老住户了 想问个事")
    assert "您说，我听着" in listening, listening
    [listening] = say(running, STRANGERS[7], "领导 麻烦问一哈")
    assert "您说，我听着" in listening, listening
    assert tickets_of(running, stranger) == [] and tickets_of(running, STRANGERS[6]) == []


def test_asking_how_to_send_a_photo_in_other_words_gets_the_photo_how_to(running: Stack):
    stranger = STRANGERS[8]
    for text in ("我想拍个相片给你们看 咋个弄嘛", "发个图片咋弄"):
        [answer] = say(running, stranger, text)
        assert "照片直接发过来" in answer, (text, answer)
