"""`bin/bot`'s commands: the serving ones stop before starting anything when production settings are
unsafe; `inbox-stuck` and `inbox-retry` show staff the failed messages and put a parked one back."""

from __future__ import annotations

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
