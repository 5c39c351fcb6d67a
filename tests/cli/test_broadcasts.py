"""`bin/bot broadcast preview|send|status`: usable before the workbench's pages exist."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli.main import app
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from bot.store.outreach_models import Broadcast

NOTICE = "【防诈骗】公检法不会电话办案，不会让您转账到安全账户。"


@pytest.fixture
def cli(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    return CliRunner()


def test_preview_says_whom_and_how_many_parts_and_writes_nothing(cli: CliRunner, demo_db: Database) -> None:
    done = cli.invoke(app, ["broadcast", "preview", "--grid", "XF-G1", "--text", NOTICE])
    assert done.exit_code == 0, done.output
    assert "幸福社区第1网格" in done.output and "送达 20 人" in done.output and "每条短信 1 段" in done.output
    with demo_db.session() as s:
        assert s.scalar(select(Broadcast.id)) is None


def test_send_queues_it_prints_the_id_and_status_shows_the_counts(cli: CliRunner, demo_db: Database) -> None:
    done = cli.invoke(app, ["broadcast", "send", "--group", "1", "--text", NOTICE, "--topic", "anti_fraud"])
    assert done.exit_code == 0, done.output
    broadcast_id = int(done.stdout.strip().splitlines()[-1])
    with demo_db.session() as s:
        assert s.get(Broadcast, broadcast_id).recipients == 4
        assert len(list(s.scalars(select(OutboxMessage).where(OutboxMessage.kind == "broadcast")))) == 4
    shown = cli.invoke(app, ["broadcast", "status"])
    assert shown.exit_code == 0 and "石桥村一组" in shown.stdout


def test_a_refused_broadcast_exits_non_zero_and_says_why(cli: CliRunner) -> None:
    done = cli.invoke(app, ["broadcast", "send", "--community", "幸福社区", "--text", "很长" * 80])
    assert done.exit_code == 1 and "超过短信条数上限" in done.output
    assert cli.invoke(app, ["broadcast", "preview", "--grid", "NOPE", "--text", NOTICE]).exit_code == 2
