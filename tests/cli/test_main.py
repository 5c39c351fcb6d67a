"""`bin/bot`'s commands: the serving ones stop before starting anything when production settings are
unsafe; `inbox-stuck` and `inbox-retry` show staff the failed messages and put a parked one back."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.main import app
from bot.common.clock import FakeClock
from bot.messaging.inbox import PARKED, Inbox
from bot.messaging.ports import Inbound
from bot.store.db import Database
from tests.conftest import RESIDENT, STRANGER


@pytest.mark.parametrize("command", [["gateway"], ["worker"], ["actions"], ["run", "--no-train"]])
def test_every_serving_command_refuses_unsafe_production_settings_and_lists_the_problems(command, tmp_path: Path):
    env = {"GRIDBOT_ENV": "production", "PHONE_HMAC_KEY": "", "PUBLIC_BASE_URL": "http://grid.example.org",
           "VAR_DIR": str(tmp_path), "DATABASE_URL": "nosuchdb://never-reached"}  # a start would fail, not hang
    result = CliRunner().invoke(app, command, env=env)
    assert result.exit_code == 2, result.output
    assert "PHONE_HMAC_KEY" in result.output and "PUBLIC_BASE_URL" in result.output
    assert not (tmp_path / "gridbot.db").exists()




@pytest.fixture
def cli(db: Database, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", db.url)
    return CliRunner()


def test_staff_see_retried_and_parked_messages_with_their_errors_and_can_put_a_parked_one_back(
        cli: CliRunner, db: Database) -> None:
    inbox = Inbox(db, FakeClock(), max_attempts=1)
    parked, _ = inbox.store(Inbound(channel="sms", external_id="MM1", sender=RESIDENT, text="彩信"))
    retried, _ = inbox.store(Inbound(channel="sms", external_id="SM2", sender=STRANGER, text="路灯坏了"))
    [first, second] = inbox.claim("w")
    inbox.park(first, "w", "TwilioMedia: MMS: none of its 1 media usable")
    inbox.max_attempts = 5
    inbox.retry_later(second, "w", "engine unreachable: ConnectError")
    listed = cli.invoke(app, ["inbox-stuck"])
    assert listed.exit_code == 0, listed.output
    lines = [line.split("\t") for line in listed.stdout.splitlines()]
    assert [(line[0], line[1], line[5]) for line in lines] == [
        (str(parked), PARKED, "TwilioMedia: MMS: none of its 1 media usable"),
        (str(retried), "pending", "engine unreachable: ConnectError")]
    assert cli.invoke(app, ["inbox-retry", str(retried)]).exit_code == 1  # not parked: nothing to put back
    done = cli.invoke(app, ["inbox-retry", str(parked)])
    assert done.exit_code == 0, done.output
    assert inbox.status_of(parked) == "pending"


def test_bin_bot_makes_what_it_writes_private_to_its_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import bot.cli.main as cli_main

    written = tmp_path / "out.txt"
    monkeypatch.setattr(cli_main, "app", lambda: written.write_text("x"))
    old = os.umask(0o022)
    try:
        cli_main.main()
    finally:
        os.umask(old)
    assert written.stat().st_mode & 0o777 == 0o600


def test_run_gives_every_process_the_tokens_it_made_for_the_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import bot.app.supervisor
    import bot.engine.model_cache

    started: list = []
    monkeypatch.setattr(bot.app.supervisor, "supervise", lambda programs: started.extend(programs) or 0)
    monkeypatch.setattr(bot.engine.model_cache, "cached_model", lambda _cache: tmp_path / "model.tar.gz")
    for name in ("ENGINE_AUTH_TOKEN", "ACTIONS_AUTH_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    env = {"VAR_DIR": str(tmp_path / "var"), "DATABASE_URL": f"sqlite:///{tmp_path / 'gridbot.db'}",
           "DEMO_DATA": "false"}
    result = CliRunner().invoke(app, ["run", "--no-train"], env=env)
    assert result.exit_code == 0, result.output
    engine = next(p for p in started if p.name == "engine")
    token = next(arg.split("=", 1)[1] for arg in engine.command if arg.startswith("--auth-token="))
    actions_token = engine.env["GRIDBOT_ACTIONS_TOKEN"]  # what endpoints.yml has the engine send
    assert len(token) >= 24 and len(actions_token) >= 24 and token != actions_token
    assert {p.name for p in started} == {"engine", "actions", "gateway", "worker"}
    assert all(p.env["ENGINE_AUTH_TOKEN"] == token and p.env["ACTIONS_AUTH_TOKEN"] == actions_token for p in started)
    again = CliRunner().invoke(app, ["run", "--no-train"], env=env)
    assert again.exit_code == 0 and not any(token in arg for p in started[4:] for arg in p.command)  # one per run
