"""What people mean, heard through the real engine (blind test 7, #13, #42, #55, #63): a problem described as a
loose remark (哪个倒的都不晓得) is a report and carries the photo sent before it; "我是反映问题 不是问你" files
the report the bot took for a question, photo and all; a status check or an urge goes to the ticket the words or
the conversation point at, not the newest; someone about to tell is listened to; a rider asking where to charge
gets the riders' points.

Voices: residents of 安居社区第3网格 (Sichuanese) and a rider (流动网格员) registered here. Each conversation runs on
SQLite and on PostgreSQL with senders no other test uses."""

from __future__ import annotations

import re

import pytest

from bot.channels.simulator import ONE_PIXEL_PNG
from tests.integration.stack import Stack
from tests.integration.talk import number_in, register, say, tickets_of

pytestmark = pytest.mark.engine
RESIDENTS = [f"+86139{n:08d}" for n in range(131, 141)]  # 安居社区第3网格 (民族路)
RIDERS = [f"+86136{n:08d}" for n in range(31, 36)]  # registered as riders below, not in the demo
SERVICE_STATION = "0874-3112345"  # config/knowledge/services.yml's contact


def test_a_problem_told_as_a_loose_remark_is_a_report_with_the_photo_sent_before_it(running: Stack):
    auntie = RESIDENTS[0]
    [kept] = say(running, auntie, "", photo=ONE_PIXEL_PNG)
    assert "照片" in kept, kept
    replies = say(running, auntie, "你看嘛 花坛边上好多建筑垃圾 哪个倒的都不晓得")
    assert not any("回电" in r or "没太看懂" in r for r in replies), replies  # #63: 抱歉…回复1…回电
    [ticket] = tickets_of(running, auntie)
    assert ticket.number in " ".join(replies) and ticket.category == "sanitation" and len(ticket.photos) == 1


def test_saying_it_is_a_report_not_a_question_files_it_with_the_photo_held(running: Stack):
    uncle = RESIDENTS[1]
    say(running, uncle, "", photo=ONE_PIXEL_PNG)
    say(running, uncle, "花坛边上那堆砖头是哪个倒的嘛")  # a question to the bot: nothing filed
    assert tickets_of(running, uncle) == []
    number = number_in(say(running, uncle, "我是反映问题 不是问你 花坛那点建筑垃圾要清走"))  # #63: 没太看懂
    [ticket] = tickets_of(running, uncle)
    assert (ticket.number, ticket.category, len(ticket.photos)) == (number, "sanitation", 1)
    assert ticket.text == "花坛那点建筑垃圾要清走"


def test_saying_so_alone_files_the_message_the_bot_did_not_take_for_a_report(running: Stack):
    granny = RESIDENTS[2]
    say(running, granny, "", photo=ONE_PIXEL_PNG)
    # No problem word the bot knows (堆起好多 is one since blind test 29, B99: that files at once)
    say(running, granny, "花坛边上好多砖头瓦片 咋个回事嘛")
    assert tickets_of(running, granny) == []
    number = number_in(say(running, granny, "我是反映问题 不是问你"))
    [ticket] = tickets_of(running, granny)
    assert ticket.number == number and ticket.text == "花坛边上好多砖头瓦片 咋个回事嘛"
    assert len(ticket.photos) == 1  # the photo sent first was never lost


def test_status_and_urging_go_to_the_ticket_the_words_and_the_conversation_are_about(running: Stack):
    resident = RESIDENTS[3]  # #13: both urges went to the newer door lock, the garbage was never urged
    [opened] = say(running, resident, "小区门口垃圾堆起好几天没得人收 还有单元门的锁也坏了关不到")
    garbage, lock = (t.number for t in tickets_of(running, resident))
    assert {garbage, lock} == set(re.findall(r"T\d{4,}", opened)), opened
    [status] = say(running, resident, "垃圾那个搞得咋样了")
    assert garbage in status and lock not in status, status
    [urged] = say(running, resident, "咋个还莫得人来收哦")
    assert garbage in urged and lock not in urged, urged
    [again] = say(running, resident, "催一下嘛")
    assert garbage in again and lock not in again, again
    counts = {t.number: t.urge_count for t in tickets_of(running, resident)}
    assert counts == {garbage: 2, lock: 0}


def test_someone_about_to_tell_is_listened_to_and_what_follows_is_the_report(running: Stack):
    grandpa = RESIDENTS[4]
    say(running, grandpa, "喂")
    [listening] = say(running, grandpa, "我跟你说嘛")
    assert "您说，我听着" in listening and "帮不上" not in listening, listening  # #42
    [asked] = say(running, grandpa, "我们屋头那个")
    assert "是什么问题" in asked and tickets_of(running, grandpa) == []
    number = number_in(say(running, grandpa, "水管子爆了"))
    [joined] = say(running, grandpa, "厨房头到处都是水")
    assert number in joined and "补充" in joined, joined
    [ticket] = tickets_of(running, grandpa)
    assert ticket.category == "housing_utilities" and "厨房头到处都是水" in ticket.text


def test_a_rider_asking_where_to_charge_gets_the_riders_points_and_a_resident_the_estates(running: Stack):
    rider = register(running, RIDERS[0])
    [answer] = say(running, rider, "电瓶快没电了 这附近哪里能充")
    assert "换电柜" in answer and SERVICE_STATION in answer and "充电棚" not in answer, answer  # #55
    resident = RESIDENTS[5]
    [theirs] = say(running, resident, "电瓶快没电了 这附近哪里能充")
    assert "充电棚" in theirs, theirs
    assert tickets_of(running, rider) == [] and tickets_of(running, resident) == []
