"""`bin/bot inbox-stuck` and `inbox-retry`: what staff see of failed messages and how they retry one."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from bot.cli.main import app
from bot.common.clock import FakeClock
from bot.messaging.inbox import PARKED, Inbox
from bot.messaging.ports import Inbound
from bot.store.db import Database
from tests.conftest import RESIDENT, STRANGER


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
