"""Status and urging with several tickets open (blind test 7, #13): the ticket the words or the bot's latest reply
point at; the newest (the reply naming the others), or the list, when nothing points elsewhere."""

from __future__ import annotations

import uuid

from actions.tickets import ActionCheckStatus, ActionUrge
from bot.store.message_models import InboxMessage, OutboxMessage
from tests.actions.conftest import make_tracker
from tests.actions.test_tickets import open_one
from tests.conftest import RESIDENT


def replied(ctx, text: str) -> None:
    with ctx.db.session() as s:
        asked = InboxMessage(channel="simulator", external_id=uuid.uuid4().hex, sender=RESIDENT, text="…",
                             payload={}, received_at=ctx.clock.now())
        s.add(asked)
        s.flush()
        s.add(OutboxMessage(channel="simulator", recipient=RESIDENT, text=text, reply_to_id=asked.id, seq=0,
                            kind="reply", created_at=ctx.clock.now()))


async def test_status_names_the_ticket_the_words_point_at_and_lists_them_all_otherwise(action_context, dispatcher,
                                                                                      domain):
    garbage = open_one(action_context, "小区门口垃圾堆起好几天没得人收", "sanitation")
    lock = open_one(action_context, "单元门的锁也坏了关不到", "public_security")
    await ActionCheckStatus().run(dispatcher, make_tracker(RESIDENT, "垃圾那个搞得咋样了", intent="check_status"),
                                  domain)
    [message] = dispatcher.messages
    assert garbage in message["text"] and lock not in message["text"]
    dispatcher.messages.clear()
    replied(action_context, f"收到，工单{lock}已派给网格员李磊，会尽快处理。")  # about the newest: no pointer
    await ActionCheckStatus().run(dispatcher, make_tracker(RESIDENT, "查一下进度", intent="check_status"), domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_status" and garbage in message["lines"] and lock in message["lines"]


async def test_urging_without_words_urges_the_older_ticket_the_conversation_is_about(action_context, dispatcher,
                                                                                    domain):
    garbage = open_one(action_context, "小区门口垃圾堆起好几天没得人收", "sanitation")
    lock = open_one(action_context, "单元门的锁也坏了关不到", "public_security")
    replied(action_context, f"工单{garbage}（小区门口垃圾堆…）现在已派单。回复“催办”可催促。")
    await ActionUrge().run(dispatcher, make_tracker(RESIDENT, "催一下嘛", intent="urge"), domain)
    [message] = dispatcher.messages
    assert message.get("number") == garbage != lock


async def test_asking_after_all_ones_reports_lists_them_all_whatever_the_conversation(action_context, dispatcher,
                                                                                     domain):
    """Blind test 10, #58: 查一下我的报事进度 right after a reply about one named that one only."""
    garbage = open_one(action_context, "小区门口垃圾堆起好几天没得人收", "sanitation")
    leak = open_one(action_context, "帮我查一下302的电话 他家漏水到我屋头了", "housing_utilities")
    replied(action_context, f"工单{leak}（帮我查一下302的…）现在待接单。回复“催办”可催促。")
    await ActionCheckStatus().run(dispatcher, make_tracker(RESIDENT, "查一下我的报事进度", intent="check_status"),
                                  domain)
    [message] = dispatcher.messages
    assert message["text"].startswith("您的工单：") and leak in message["text"] and garbage in message["text"]
    assert f"{leak} 漏水 " in message["text"] and f"{garbage} 垃圾 " in message["text"] and len(message["text"]) <= 70
