"""Riders, places and messages with more than one problem (blind test 17), through the gateway, the real
engine and the real action server: a rider's question the classifier is unsure of is answered from the
knowledge base, a worker is told where a report placed only by a location is, a photo sent alone goes
with the new problem it was taken for, a place sent first places the report that follows, two problems
in one message make two tickets, and someone in the water or possibly down at home is an emergency.

Voices: riders (unregistered, location or photo first) and residents of 幸福社区 (dialect). Each
conversation runs on SQLite and on PostgreSQL with senders no other test uses."""

from __future__ import annotations

import re

import pytest

from bot.channels.simulator import ONE_PIXEL_PNG
from tests.conftest import DUTY_OFFICER, POINT_IN_GRID_1
from tests.integration.stack import Stack
from tests.integration.talk import assignee_phone
from tests.integration.test_conversation_context import number_in, say, tickets_of

pytestmark = pytest.mark.engine
RIDERS = [f"+86136000000{n}" for n in range(70, 80)]
RESIDENTS = [f"+86139000000{n}" for n in range(70, 80)]
# Corners of 幸福社区第1网格, about 300 m from POINT_IN_GRID_1 (other tests' spot) and 400 m or more apart:
# reports there are never linked (并单) to another's, and one is too far to be a detail of another.
SPOT = (POINT_IN_GRID_1[0] + 0.002, POINT_IN_GRID_1[1] - 0.002)
CROSSING = (POINT_IN_GRID_1[0] - 0.002, POINT_IN_GRID_1[1] - 0.002)
# This module's own spot for a new problem: 170 m or more from every other test's location in the grid (the
# north-east corner above was blind26_staff_words' OTHER_HOLE, so a road problem there merged into its ticket).
FRESH_SPOT = (25.4049, 103.3025)



@pytest.mark.parametrize(("question", "answer_says"), [
    ("电瓶车在哪充电 充电桩在哪", "充电棚"),  # #21: 没太看懂 while 哪里有充电桩 was answered
    ("换电柜在哪", "换电柜在"),  # #112
    ("小区不让电动车进 外卖咋个送", "步行送"),  # #97
    ("电池能不能拿回屋头充", "严禁带进家里"),  # #110: answered with the 换电柜 places
])
def test_a_riders_question_is_answered_from_the_knowledge_base_never_没太看懂(running: Stack, question: str,
                                                                           answer_says: str):
    rider = RIDERS[["电瓶车在哪充电 充电桩在哪", "换电柜在哪", "小区不让电动车进 外卖咋个送",
                    "电池能不能拿回屋头充"].index(question)]
    [answer] = say(running, rider, question)
    assert answer_says in answer and "没太看懂" not in answer, answer
    assert tickets_of(running, rider) == []


def test_a_report_placed_by_a_location_alone_tells_the_worker_where_not_just_这里(running: Stack):
    rider = RIDERS[4]
    say(running, rider, "", lat=SPOT[0], lon=SPOT[1])
    number = number_in(say(running, rider, "这里井盖翻了 电瓶车差点栽进去"))
    worker = assignee_phone(running, number)
    [notice] = [m["text"] for m in running.outbox(worker) if f"新工单{number}" in m["text"]]
    assert "定位25.4045,103.3005" in notice and len(notice) <= 70, notice
    details = "".join(say_all(running, worker, f"{number} 详情"))
    assert "定位25.4045,103.3005" in details and "附近" in details, details


def say_all(stack: Stack, sender: str, text: str) -> list[str]:
    """Replies that may take more than one SMS part (详情)."""
    answered = stack.say(sender, text)
    assert answered.status_code == 200, answered.text
    return answered.json()["replies"]


def test_a_photo_sent_alone_goes_with_the_new_problem_it_was_taken_for(running: Stack):
    rider = RIDERS[5]
    manhole = number_in(say(running, rider, "这个路口井盖翻了 好危险", lat=CROSSING[0], lon=CROSSING[1]))
    [held] = say(running, rider, "", photo=ONE_PIXEL_PNG)
    assert "照片" in held
    pothole = number_in(say(running, rider, "前面路中间掉了一大块水泥板 挡到路了", lat=FRESH_SPOT[0],
                            lon=FRESH_SPOT[1]))
    assert pothole != manhole
    by_number = {t.number: t for t in tickets_of(running, rider)}
    assert len(by_number[pothole].photos) == 1 and by_number[manhole].photos == []


def test_a_place_sent_first_places_the_report_that_follows(running: Stack):
    granny = RESIDENTS[0]
    [held] = say(running, granny, "5栋2单元")
    assert "5栋2单元" in held and "没太看懂" not in held, held
    number_in(say(running, granny, "门口那个水沟堵了"))
    [ticket] = tickets_of(running, granny)
    assert ticket.place_text == "5栋2单元"


@pytest.mark.parametrize(("text", "categories"), [
    ("楼道灯不亮了 还有垃圾桶满了好几天莫得人倒", {"sanitation"}),  # #38
    ("路灯坏了 还有隔壁两口子天天吵架摔东西", {"roads", "dispute"}),  # #102
])
def test_two_problems_in_one_message_make_two_tickets_and_one_reply_names_both(running: Stack, text: str,
                                                                               categories: set[str]):
    resident = RESIDENTS[1 if "楼道灯" in text else 2]
    [reply] = say(running, resident, text)
    numbers = re.findall(r"T\d{4,}", reply)
    tickets = tickets_of(running, resident)
    assert len(set(numbers)) == 2 and {t.number for t in tickets} == set(numbers), reply
    assert len({t.category for t in tickets}) == 2 and categories <= {t.category for t in tickets}
    assert all("还有" not in t.text for t in tickets)


def test_a_report_in_another_category_after_an_open_emergency_is_filed_not_asked_about(running: Stack):
    resident = RESIDENTS[3]
    fire = number_in(say(running, resident, "3栋楼下垃圾桶着火了 好大的烟"))
    replies = say(running, resident, "垃圾房门口堆满了建筑垃圾", photo=ONE_PIXEL_PNG)
    assert not any("是补充" in r for r in replies), replies  # #49
    garbage = number_in(replies)
    assert garbage != fire
    assert {t.number: len(t.photos) for t in tickets_of(running, resident)}[garbage] == 1


def test_someone_in_the_water_is_told_110_120_and_119_and_someone_possibly_down_at_home_is_urgent(
        running: Stack):
    caller, neighbour = RESIDENTS[4], RESIDENTS[5]
    [first, *_] = say(running, caller, "快来人啊 有个娃儿掉河里了")
    assert "110、120和119" in first, first  # #98: 110 only, category 其他
    [drowning] = tickets_of(running, caller)
    assert drowning.category != "other" and drowning.priority == "immediate"
    [first, *_] = say(running, neighbour, "隔壁那个独居老人好几天没出门了 敲门也莫得人应")
    assert "120和110" in first, first  # #92: an ordinary 养老助残 ticket
    [down] = tickets_of(running, neighbour)
    assert down.priority == "immediate"
    assert any(down.number in m["text"] for m in running.outbox(DUTY_OFFICER))
