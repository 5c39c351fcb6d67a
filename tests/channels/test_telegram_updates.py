"""Bad input at Telegram's edge: a clear 4xx for what cannot be an update, 200 and nothing stored
for an update of the wrong shape or over Telegram's limits; never a 500, and what is valid is kept."""

import asyncio
import contextlib
import json
import logging

import pytest
from sqlalchemy import select

from bot.channels.telegram import poll_updates
from bot.channels.telegram.updates import MAX_UPDATE_BYTES
from bot.store.message_models import InboxMessage
from tests.channels.conftest import WEBHOOK_SECRET
from tests.channels.test_telegram import USER_ID, inbox_count, post_update, update
from tests.waiting import eventually

RIDER_USER = {"id": USER_ID, "is_bot": False, "first_name": "骑手"}
SECRET = {"X-Telegram-Bot-Api-Secret-Token": WEBHOOK_SECRET}

# Updates Telegram would never send, each with the part gridbot reads in the wrong shape.
MALFORMED = {
    "from as a string": update({"text": "路灯坏了", "from": "骑手"}),
    "photo sizes as strings": update({"photo": ["small", "large"], "caption": "垃圾堆"}),
    "location without longitude": update({"location": {"latitude": 25.4}}),
    "callback without from": update(callback_query={"id": "cb-9", "chat_instance": "x", "data": "/affirm"}),
    "message as a list": {**update(), "message": ["路灯坏了"]},
    "user id as a string": update({"text": "路灯坏了", "from": {"id": str(USER_ID), "first_name": "骑手"}}),
    "latitude out of range": update({"location": {"latitude": 250.0, "longitude": 103.3}}),
}
# Updates over Telegram's own limits.
OVER_LIMITS = {
    "text over 4096 characters": update({"text": "路" * 4097}),
    "caption over 1024 characters": update({"caption": "灯" * 1025, "photo": [
        {"file_id": "p", "file_unique_id": "u", "width": 1, "height": 1}]}),
    "callback_data over 64 bytes": update(callback_query={"id": "cb-8", "chat_instance": "x", "from": RIDER_USER,
                                                          "data": "选" * 22}),
}


def stored_texts(services) -> list[str]:
    with services.db.session() as s:
        return list(s.scalars(select(InboxMessage.text).order_by(InboxMessage.id)))


@pytest.mark.parametrize("case", [*MALFORMED, *OVER_LIMITS])
async def test_an_update_of_the_wrong_shape_or_over_telegrams_limits_is_answered_200_and_not_stored(
        gateway, services, fake_telegram, caplog, case):
    caplog.set_level(logging.INFO)
    body = {**MALFORMED, **OVER_LIMITS}[case]
    response = await post_update(gateway, body)
    assert response.status_code == 200  # Telegram would only send it again
    assert inbox_count(services) == 0
    [note] = [r for r in caplog.records if r.name == "bot.channels.telegram.updates"]
    assert note.levelno == logging.INFO and f"update {body['update_id']} ignored" in note.getMessage()
    assert "路灯" not in caplog.text and "灯灯" not in caplog.text and "骑手" not in caplog.text
    assert fake_telegram.sent("answerCallbackQuery") == []


async def test_what_is_valid_is_still_stored_after_bad_updates(gateway, services):
    for body in [*MALFORMED.values(), *OVER_LIMITS.values()]:
        await post_update(gateway, body)
    assert (await post_update(gateway, update({"text": "路" * 4096}))).status_code == 200
    assert (await post_update(gateway, update({"caption": "井盖丢了", "location": {"latitude": 25, "longitude": 103}})
                              )).status_code == 200
    assert stored_texts(services) == ["路" * 4096, "井盖丢了"]


async def test_a_deeply_nested_body_is_refused_with_a_400_before_it_is_parsed_but_brackets_in_text_do_not_count(
        gateway, services):
    body = b'{"update_id": 1, "message": ' + b"[" * 30000 + b"]" * 30000 + b"}"
    response = await gateway.post("/channels/telegram", content=body, headers=SECRET)
    assert response.status_code == 400
    assert inbox_count(services) == 0
    text = "[[[[{{{{" * 10 + '"\\' + "]]]]"
    assert (await post_update(gateway, update({"text": text}))).status_code == 200
    assert stored_texts(services) == [text]


async def test_a_body_over_64_kib_is_refused_with_a_413_and_not_stored(gateway, services):
    body = json.dumps(update({"text": "x" * MAX_UPDATE_BYTES})).encode()
    response = await gateway.post("/channels/telegram", content=body, headers=SECRET)
    assert response.status_code == 413
    assert inbox_count(services) == 0


@pytest.mark.parametrize("body", [b"not json", b"[1, 2]", b'"text"', b'{"message": {"text": "hi"}}',
                                  b'{"update_id": "12"}', b'{"update_id": -5}', b'{"update_id": true}',
                                  b'{"update_id": 1, "message": {"location": {"latitude": NaN}}}', b"\xff\xfe\x00"])
async def test_a_body_that_is_no_update_is_refused_with_a_400(gateway, services, body):
    response = await gateway.post("/channels/telegram", content=body, headers=SECRET)
    assert response.status_code == 400
    assert inbox_count(services) == 0


async def test_long_polling_skips_bad_updates_stores_the_valid_ones_and_moves_past_them(
        services, fake_telegram, fake_engine):
    bad = [{**body, "update_id": 6001 + n} for n, body in enumerate([*MALFORMED.values(), *OVER_LIMITS.values()])]
    good = update({"text": "好的那条"}, update_id=6100)
    fake_telegram.updates.extend([*bad, good])
    task = asyncio.create_task(poll_updates(services.kit.telegram.bot, services.intake, timeout=0))
    await eventually(lambda: inbox_count(services) == 1)
    polled = len(fake_telegram.sent("getUpdates"))
    await eventually(lambda: len(fake_telegram.sent("getUpdates")) >= polled + 2)
    assert not task.done()  # still polling
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task
    assert stored_texts(services) == ["好的那条"]
    assert int(fake_telegram.sent("getUpdates")[-1]["offset"]) == 6101
