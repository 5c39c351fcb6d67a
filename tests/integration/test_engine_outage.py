"""Nothing is lost when the engine dies in the middle of a conversation."""

import re
import time

import httpx
import pytest

from bot.store.db import Database
from bot.store.models import InboxMessage
from tests.integration.stack import Stack

pytestmark = pytest.mark.engine
CALLER = "+8613900000007"  # a demo resident who has not written yet
HALFWAY = "+8613999990001"  # unknown: the bot must ask where


def status_of(stack: Stack, message_id: int) -> str:
    db = Database(stack.settings.resolved_database_url)
    try:
        with db.session() as s:
            return s.get(InboxMessage, message_id).status
    finally:
        db.dispose()


def test_after_an_engine_crash_a_message_sent_while_it_was_down_is_answered_and_a_half_finished_report_goes_on(
        stack: Stack):
    # One crash (SIGKILL) and one model load for both claims: loading the model is the slow part.
    asked = stack.say(HALFWAY, "路灯坏了好几天了没人修")
    assert "哪" in asked.json()["replies"][0]
    engine = stack.processes["engine"]
    engine.kill()
    try:
        health = httpx.get(f"{stack.gateway_url}/healthz").json()
        assert health["engine"] == "down"
        sent = stack.say(CALLER, "小区门口的井盖不见了")
        assert sent.status_code == 202
        message_id = sent.json()["message_id"]
        assert status_of(stack, message_id) == "pending"  # stored, not lost
    finally:
        engine.start()
    stack.wait_until_healthy()
    deadline = time.monotonic() + 60
    while status_of(stack, message_id) != "done" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert status_of(stack, message_id) == "done"
    replies = [m["text"] for m in stack.outbox(CALLER) if m["kind"] == "reply"]
    assert any(re.search(r"T\d{4,}", text) for text in replies)

    answered = stack.say(HALFWAY, "民族路")  # the conversation from before the crash goes on
    [reply] = answered.json()["replies"]
    assert re.search(r"T\d{4,}", reply), reply
