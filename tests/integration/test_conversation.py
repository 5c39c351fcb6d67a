"""The first real conversation, through the gateway, the real engine and the real action server."""

import re

import pytest
from sqlalchemy import create_engine, text

from bot.store.tracker_events import TrackerEvents, app_url
from tests.conftest import RESIDENT, STRANGER, WORKER
from tests.integration.stack import Stack
from tests.integration.talk import tickets_of

pytestmark = pytest.mark.engine
MENU = ["1 反映问题", "2 查询进度", "3 议事投票", "4 我的积分"]


def greeting_and_report(stack: Stack) -> None:
    hello = stack.say(RESIDENT, "你好")
    assert hello.status_code == 200, hello.text
    [greeting] = hello.json()["replies"]
    assert all(item in greeting for item in MENU)
    assert len(greeting) <= 70  # one SMS

    report = stack.say(RESIDENT, "我家楼下路灯坏了好几天了")
    assert report.status_code == 200, report.text
    [reply] = report.json()["replies"]
    number = re.search(r"T\d{4,}", reply).group(0)
    assert "13700000001" in reply

    [ticket] = tickets_of(stack, RESIDENT)
    assert (ticket.number, ticket.category, ticket.status) == (number, "roads", "assigned")
    assert ticket.text == "我家楼下路灯坏了好几天了"
    # The stack is shared by the session: this worker also hears of other tests' tickets in the grid.
    notifications = [m for m in stack.outbox(WORKER) if m["kind"] == "notification" and number in m["text"]]
    assert len(notifications) == 1
    # Rasa's tracker store knows the resident by an opaque id only, and export finds the events by the number.
    tracker = TrackerEvents(stack.settings.resolved_tracker_store_url,
                            conversation_key=stack.settings.phone_encryption_key.get_secret_value())
    assert any(e["data"].get("text") == "我家楼下路灯坏了好几天了" for e in tracker.of_senders([RESIDENT]))
    engine = create_engine(app_url(stack.settings.resolved_tracker_store_url))
    try:
        with engine.connect() as conn:
            senders = set(conn.scalars(text("SELECT DISTINCT sender_id FROM events")))
    finally:
        engine.dispose()
    assert senders and not [s for s in senders if RESIDENT[-8:] in s or s.startswith("+")]


def test_a_resident_greets_and_reports_a_broken_street_light(stack: Stack):
    greeting_and_report(stack)


@pytest.mark.postgres
def test_the_same_conversation_works_on_postgresql(pg_stack: Stack):
    greeting_and_report(pg_stack)


def test_a_stranger_is_asked_where_and_the_ticket_goes_to_that_grid(stack: Stack):
    asked = stack.say(STRANGER, "垃圾好几天没人收了臭得很")
    replies = asked.json()["replies"]
    assert len(replies) == 1, replies
    question = replies[0]
    assert "哪" in question
    assert tickets_of(stack, STRANGER) == []

    answered = stack.say(STRANGER, "河畔花园")
    [reply] = answered.json()["replies"]
    assert re.search(r"T\d{4,}", reply)
    [ticket] = tickets_of(stack, STRANGER)
    assert ticket.unit is not None and ticket.unit.name == "河滨社区第1网格"
    assert ticket.place_text == "河畔花园" and ticket.category == "sanitation"


def test_the_simulator_refuses_bad_input_with_a_clear_error(stack: Stack):
    import httpx

    bad_phone = httpx.post(f"{stack.gateway_url}/channels/simulator", json={"from": "hello", "text": "你好"})
    assert bad_phone.status_code == 422 and "phone" in bad_phone.text
    empty = httpx.post(f"{stack.gateway_url}/channels/simulator", json={"from": RESIDENT, "text": "  "})
    assert empty.status_code == 422


def test_a_bare_digit_after_the_menu_picks_from_it(stack: Stack):
    caller = "+8613900000011"
    stack.say(caller, "你好")
    replies = stack.say(caller, "4").json()["replies"]
    assert any("您的积分" in reply for reply in replies), replies
    stack.say(caller, "你好")
    replies = stack.say(caller, "１").json()["replies"]
    assert len(replies) == 1 and "什么问题" in replies[0], replies


def test_gibberish_gets_the_menu_in_one_sms(stack: Stack):
    [reply] = stack.say(RESIDENT, "qwzx").json()["replies"]
    assert all(item in reply for item in MENU)
    assert len(reply) <= 70


def test_health_reports_every_part(stack: Stack):
    import httpx

    body = httpx.get(f"{stack.gateway_url}/healthz").json()
    assert body == {"status": "ok", "engine": "ok", "actions": "ok", "database": "ok", "worker": "ok", "spool": 0}
