"""Photos, locations and places sent alone (blind tests 4, 5 and 6): held for the sender's next message, which
carries them onto the open report when it is a detail of it or into a new report when it is another problem; a
photo with nothing after it joins the open report after the hold."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from bot.common.clock import FakeClock
from bot.core import openers
from bot.core.timers import process_due
from bot.messaging.ports import Claimed
from bot.store.db import Database
from bot.store.message_models import InboxMessage
from bot.store.models import Ticket, TicketPhoto
from tests.app.test_dialogue import Conversation, leak_report, texts
from tests.conftest import POINT_IN_GRID_1, RIDER, STRANGER, WORKER
from tests.core.helpers import RULES, make_report, messages_to, submit, ticket


def photos_on(db: Database, number: str) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(TicketPhoto.photo_id).join(Ticket).where(Ticket.number == number)))


async def test_a_photo_sent_alone_after_a_report_joins_it_when_nothing_else_comes(demo_db: Database,
                                                                                  clock: FakeClock):
    number = submit(demo_db, clock)
    chat = Conversation(demo_db, clock)
    clock.advance(minutes=4)
    [reply] = texts(await chat.say("", photos=["photo-1"]))
    assert number in reply and len(reply) <= 70
    assert photos_on(demo_db, number) == []  # held: the next message may be the problem it was taken for
    clock.advance(minutes=3)
    process_due(demo_db, clock, RULES, "test")
    assert photos_on(demo_db, number) == ["photo-1"]
    assert messages_to(demo_db, WORKER)[-1] == f"工单{number}补充照片1张，回复“{number} 详情”看"


async def test_a_photo_sent_alone_goes_with_the_new_problem_that_follows_not_the_open_report(
        demo_db: Database, clock: FakeClock):
    # Blind test 17, #22: a rider's photo, then a new problem with a location, went to the earlier ticket.
    number = submit(demo_db, clock, make_report("这里井盖翻了 电瓶车差点栽进去", sender=RIDER, category="roads"))
    chat = Conversation(demo_db, clock, sender=RIDER, intent="report_issue", category="roads")
    clock.advance(minutes=2)
    await chat.say("", photos=["photo-3"])
    passed = await chat.say("前面路中间有个大坑 好几个人摔了", lat=POINT_IN_GRID_1[0] + 0.01, lon=POINT_IN_GRID_1[1])
    assert isinstance(passed, Claimed) and passed.payload["photos"] == ["photo-3"]
    clock.advance(minutes=5)
    process_due(demo_db, clock, RULES, "test")
    assert photos_on(demo_db, number) == []  # the new report's, never the open one's


async def test_a_photo_held_then_a_detail_of_the_open_report_join_it_together(demo_db: Database, clock: FakeClock):
    number = leak_report(demo_db, clock)
    chat = Conversation(demo_db, clock, intent="report_issue", category="housing_utilities")
    await chat.say("", photos=["photo-4"])
    [added] = texts(await chat.say("水越来越大了"))
    assert number in added and photos_on(demo_db, number) == ["photo-4"]


async def test_a_location_and_a_photo_sent_first_go_with_the_riders_next_report(demo_db: Database,
                                                                                clock: FakeClock):
    chat = Conversation(demo_db, clock, sender=RIDER, intent="report_issue", category="roads")
    [kept] = texts(await chat.say("我在这", lat=POINT_IN_GRID_1[0], lon=POINT_IN_GRID_1[1]))
    assert "位置" in kept
    [kept] = texts(await chat.say("", photos=["photo-2"]))
    assert "照片" in kept
    clock.advance(minutes=2)
    passed = await chat.say("这里有个大坑 电瓶车摔了好几个了")
    assert isinstance(passed, Claimed)
    assert (passed.payload["lat"], passed.payload["lon"]) == POINT_IN_GRID_1
    assert passed.payload["photos"] == ["photo-2"]


async def test_a_location_alone_after_a_report_waits_and_goes_with_the_next_message_not_onto_the_report(
        demo_db: Database, clock: FakeClock):
    crash = submit(demo_db, clock, make_report("安居社区路口两个车撞了 有人受伤 流血了", sender=RIDER,
                                               category="roads"))
    chat = Conversation(demo_db, clock, sender=RIDER, intent="report_issue", category="roads")
    clock.advance(minutes=5)
    [held] = texts(await chat.say("", lat=POINT_IN_GRID_1[0], lon=POINT_IN_GRID_1[1]))
    assert "位置" in held and crash in held and len(held) <= 70
    assert ticket(demo_db, crash).lat is None  # not joined to the crash
    passed = await chat.say("这个路口井盖莫得了 电瓶车差点栽进去")
    assert isinstance(passed, Claimed) and passed.payload["context_read"] is True
    assert (passed.payload["lat"], passed.payload["lon"]) == POINT_IN_GRID_1
    assert "井盖" not in ticket(demo_db, crash).text and ticket(demo_db, crash).lat is None


async def test_a_location_alone_then_a_detail_of_the_report_go_onto_the_report_together(demo_db: Database,
                                                                                        clock: FakeClock):
    number = submit(demo_db, clock)
    chat = Conversation(demo_db, clock)
    clock.advance(minutes=3)
    texts(await chat.say("", lat=POINT_IN_GRID_1[0], lon=POINT_IN_GRID_1[1]))
    [reply] = texts(await chat.say("就在这个路口"))
    assert number in reply
    found = ticket(demo_db, number)
    assert found.text.endswith("补充：就在这个路口") and (found.lat, found.lon) == POINT_IN_GRID_1


async def test_what_was_sent_alone_does_not_wait_past_the_window(demo_db: Database, clock: FakeClock):
    chat = Conversation(demo_db, clock, sender=RIDER)
    texts(await chat.say("", lat=POINT_IN_GRID_1[0], lon=POINT_IN_GRID_1[1]))
    clock.advance(minutes=45)
    passed = await chat.say("这里有个大坑")
    assert isinstance(passed, Claimed) and "lat" not in passed.payload


async def test_a_location_answering_where_goes_to_the_engine_whose_form_asked(demo_db: Database,
                                                                              clock: FakeClock):
    chat = Conversation(demo_db, clock, sender=RIDER)
    chat.bot(["请问在哪点？回复小区、街道或村组名，也可以发个位置。"], reply_to=None)
    passed = await chat.say("", lat=POINT_IN_GRID_1[0], lon=POINT_IN_GRID_1[1])
    assert isinstance(passed, Claimed) and passed.text == "我的位置" and passed.payload["lat"] == POINT_IN_GRID_1[0]


async def test_a_place_sent_alone_is_held_and_carried_by_the_report_that_follows(demo_db: Database,
                                                                                  clock: FakeClock):
    chat = Conversation(demo_db, clock)
    [held] = texts(await chat.say("5栋2单元"))
    assert "5栋2单元" in held and len(held) <= 70
    clock.advance(minutes=1)
    report = await chat.say("门口那个水沟堵了")
    assert isinstance(report, Claimed) and report.payload["held_place"] == "5栋2单元"
    chat.bot(["已受理，工单T1001"], reply_to=report.id)
    clock.advance(minutes=1)
    later = await chat.say("谢谢")
    assert isinstance(later, Claimed) and "held_place" not in later.payload  # used once


async def test_a_place_said_in_a_sentence_is_held_as_the_place_without_the_words_around_it(demo_db: Database,
                                                                                            clock: FakeClock):
    # Blind test 7, #8: "我在安居苑5栋这边" was the ticket's place, whole, and the worker's notice had none.
    chat = Conversation(demo_db, clock)
    [held] = texts(await chat.say("我在安居苑5栋这边"))
    assert "地点：安居苑5栋。" in held and "我在" not in held, held
    clock.advance(minutes=1)
    report = await chat.say("这里的井盖不晓得哪个偷了 好危险")
    assert isinstance(report, Claimed) and report.payload["held_place"] == "安居苑5栋"


async def test_a_problem_a_question_or_a_place_answering_where_is_never_held_as_a_place(demo_db: Database,
                                                                                        clock: FakeClock):
    chat = Conversation(demo_db, clock)
    for text in ("5栋门口水沟堵了", "菜市场在哪里", "3栋几点停水"):
        assert isinstance(await chat.say(text), Claimed)
    chat.bot(["请问在哪点？回复小区、街道或村组名，也可以发个位置。"], reply_to=None)
    assert isinstance(await chat.say("5栋2单元"), Claimed)  # the form's answer: the engine's


async def test_a_question_between_a_location_and_a_report_leaves_the_location_held(demo_db: Database,
                                                                                   clock: FakeClock):
    chat = Conversation(demo_db, clock, sender=RIDER)
    await chat.say("", lat=POINT_IN_GRID_1[0], lon=POINT_IN_GRID_1[1])
    asked = await chat.say("换电柜在哪")
    assert isinstance(asked, Claimed)
    chat.bot(["换电柜在农贸市场门口"], reply_to=asked.id)
    report = await chat.say("这点路边电线垂下来了 好危险")
    assert isinstance(report, Claimed) and report.payload["lat"] == POINT_IN_GRID_1[0]


async def test_an_mms_photo_sent_alone_waits_for_the_next_text_from_the_media_its_step_stored(demo_db: Database,
                                                                                              clock: FakeClock):
    """TwilioMedia records an MMS's photos as inbound media; a message answered by a step keeps no
    changed payload, so what waits is read from that media."""
    from bot.store.channel_models import InboundMedia

    chat = Conversation(demo_db, clock, sender=RIDER)
    with demo_db.session() as s:
        row = InboxMessage(channel="simulator", external_id=uuid.uuid4().hex, sender=RIDER, text="",
                           payload={"media": [{"url": "https://api.twilio.com/x"}]}, received_at=clock.now())
        s.add(row)
        s.flush()
        s.add(InboundMedia(inbox_message_id=row.id, channel="sms", source_key="/x", photo_id="mms-photo"))
        first = Claimed(row.id, "simulator", RIDER, "", {"photos": ["mms-photo"]}, 1)
    assert "照片" in texts(await chat.step(first))[0]
    passed = await chat.say("路口红绿灯坏了")
    assert isinstance(passed, Claimed) and passed.payload["photos"] == ["mms-photo"]


async def test_a_photo_held_through_a_report_taken_for_a_question_goes_with_the_report_filed_at_last(
        demo_db: Database, clock: FakeClock):
    # Blind test 7, #63: photo, a report the bot answered as a question, then the report again: the photo was lost.
    chat = Conversation(demo_db, clock, intent="ask_policy")
    await chat.say("", photos=["photo-7"])
    chat.bot(["抱歉，这个问题我暂时答不上。回复1，请工作人员给您回电。"])
    await chat.say("花坛边上那堆砖头是哪个倒的嘛")
    chat.classify_as("report_issue", "sanitation")
    passed = await chat.say("花坛边上的建筑垃圾要清走")
    assert isinstance(passed, Claimed) and passed.payload["photos"] == ["photo-7"]


async def test_who_alone_asked_what_happened_begins_the_report_that_follows(demo_db: Database, clock: FakeClock):
    """Blind test 9, #40: 我们楼上那家 was filed on its own and 天天半夜剁肉 吵得睡不着 became its 补充."""
    chat = Conversation(demo_db, clock, intent="report_issue", category="dispute")
    chat.bot([openers.LISTENING], reply_to=None)  # 我跟你说嘛 → 您说，我听着
    [asked] = texts(await chat.say("我们楼上那家"))
    assert asked.startswith("好的，楼上那家怎么了？") and len(asked) <= 70, asked
    clock.advance(minutes=1)
    report = await chat.say("天天半夜剁肉 吵得睡不着")
    assert isinstance(report, Claimed) and report.text == "我们楼上那家 天天半夜剁肉 吵得睡不着"
    chat.bot(["已受理，工单T1001"], reply_to=report.id)
    later = await chat.say("隔壁也吵")
    assert isinstance(later, Claimed) and later.text == "隔壁也吵"  # used once


async def test_who_alone_followed_by_a_question_is_left_out_of_it(demo_db: Database, clock: FakeClock):
    chat = Conversation(demo_db, clock)
    texts(await chat.say("隔壁那个人"))
    asked = await chat.say("社区几点下班")
    assert isinstance(asked, Claimed) and asked.text == "社区几点下班"


async def test_who_alone_answering_where_or_after_a_report_is_never_asked_what_happened(demo_db: Database,
                                                                                        clock: FakeClock):
    asked_where = Conversation(demo_db, clock, sender=STRANGER)
    asked_where.bot(["请问在哪点？回复小区、街道或村组名，也可以发个位置。"], reply_to=None)
    assert isinstance(await asked_where.say("我们楼上那家"), Claimed)  # the form's answer: the engine's
    submit(demo_db, clock, make_report("半夜好吵 睡都睡不着", category="dispute"))
    [added] = texts(await Conversation(demo_db, clock).say("就是楼上那家"))  # who made the noise: a detail
    assert "补充" in added, added
