"""The action server trusts only the engine: its token, and conversation ids gridbot's engine client made."""

from __future__ import annotations

import os
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from rasa_sdk.interfaces import ActionExecutionRejection

from actions.runtime import ActionContext, ConversationExecutor, bearer_ok
from bot.common.address_cipher import conversation_cipher
from bot.common.settings import ROOT, Settings
from tests.conftest import STRANGER, VILLAGER, SqliteTemplates
from tests.waiting import eventually_sync

KEY = Settings(_env_file=None).phone_encryption_key.get_secret_value()  # the key the tests' databases use


def action_call(sender_id: str, action: str = "action_ask_points") -> dict:
    tracker = {"sender_id": sender_id, "slots": {}, "latest_message": {"text": "积分", "intent": {"name": "ask_points"},
                                                                     "entities": []},
               "events": [], "paused": False, "followup_action": None, "active_loop": {},
               "latest_action_name": None}
    return {"next_action": action, "sender_id": sender_id, "tracker": tracker, "domain": {}, "version": "3.6.21"}


def executor(key: str = KEY) -> ConversationExecutor:
    built = ConversationExecutor(conversation_cipher(key))
    built.register_package("actions")
    return built


async def test_an_action_runs_as_the_person_its_conversation_id_names(action_context: ActionContext):
    conversation = conversation_cipher(KEY).seal(VILLAGER)
    result = await executor().run(action_call(conversation))
    assert [r["response"] for r in result.model_dump()["responses"]] == ["utter_points"]  # a registered villager
    stranger = await executor().run(action_call(conversation_cipher(KEY).seal(STRANGER)))
    assert [r["response"] for r in stranger.model_dump()["responses"]] == ["utter_not_registered"]


@pytest.mark.parametrize("made_up", [VILLAGER, "tg:42", "c1.AAAA", "c1." + "A" * 40])
async def test_a_call_for_a_conversation_the_engine_client_never_made_is_refused_and_runs_nothing(
        action_context: ActionContext, made_up: str):
    with pytest.raises(ActionExecutionRejection):
        await executor().run(action_call(made_up))


async def test_an_id_made_with_another_key_is_refused(action_context: ActionContext):
    with pytest.raises(ActionExecutionRejection):
        await executor().run(action_call(conversation_cipher("another-key").seal(VILLAGER)))


def test_only_the_exact_bearer_token_passes():
    assert bearer_ok("Bearer s3cret", "s3cret") and bearer_ok("bearer s3cret", "s3cret")
    assert not any(bearer_ok(header, "s3cret") for header in
                   (None, "", "s3cret", "Bearer", "Bearer s3cre", "Bearer s3cret2", "Basic s3cret", "Token s3cret"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def action_server(tmp_path: Path, sqlite_templates: SqliteTemplates) -> Iterator[str]:
    """`bin/bot actions` as it runs in production, with its token, on a port of its own (SQLite, the demo)."""
    port = _free_port()
    env = {**os.environ, "ACTIONS_PORT": str(port), "ACTIONS_AUTH_TOKEN": "the-engines-token",
           "VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": sqlite_templates.copy("demo", tmp_path / "gridbot.db"),
           "PHONE_ENCRYPTION_KEY": KEY, "LOG_LEVEL": "WARNING"}
    log = (tmp_path / "actions.log").open("wb")
    process = subprocess.Popen([str(ROOT / "bin" / "bot"), "actions"], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        assert process.poll() is None, (tmp_path / "actions.log").read_text(errors="replace")
        try:
            return httpx.get(f"{url}/health", timeout=1).status_code == 200
        except httpx.HTTPError:
            return False

    try:
        eventually_sync(up, timeout=60, interval=0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def test_the_action_server_runs_nothing_without_the_engines_token(action_server: str):
    call = action_call(conversation_cipher(KEY).seal(STRANGER))
    assert httpx.post(f"{action_server}/webhook", json=call, timeout=10).status_code == 401
    assert httpx.post(f"{action_server}/webhook", json=call, timeout=10,
                      headers={"Authorization": "Bearer a-guess"}).status_code == 401
    assert httpx.get(f"{action_server}/actions", timeout=10).status_code == 401
    assert httpx.get(f"{action_server}/health", timeout=10).status_code == 200  # what the worker asks, no data
    answered = httpx.post(f"{action_server}/webhook", json=call, timeout=10,
                          headers={"Authorization": "Bearer the-engines-token"})
    assert answered.status_code == 200
    assert [r["response"] for r in answered.json()["responses"]] == ["utter_not_registered"]
    forged = httpx.post(f"{action_server}/webhook", json=action_call(STRANGER), timeout=10,
                        headers={"Authorization": "Bearer the-engines-token"})
    assert forged.status_code == 400  # a plain number is no conversation the engine client started
