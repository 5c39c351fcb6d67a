"""`bin/bot topics`, `notices` and `points`: the forms scripts rely on."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli.main import app
from bot.common.clock import FakeClock
from bot.core import points
from bot.store.council_models import Notice, Topic
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from tests.core.council_factories import GROUP1, person


@pytest.fixture
def cli(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    return CliRunner()


def test_create_with_open_prints_the_id_alone_on_the_last_line_and_close_publishes(cli: CliRunner,
                                                                                  demo_db: Database) -> None:
    done = cli.invoke(app, ["topics", "create", "--title", "是否收缴垃圾清运费", "--group", "1", "--closes-in", "2h",
                            "--open"])
    assert done.exit_code == 0, done.output
    topic_id = int(done.stdout.strip().splitlines()[-1])
    with demo_db.session() as s:
        topic = s.get(Topic, topic_id)
        assert (topic.status, topic.options) == ("open", ["赞成", "反对", "弃权"])
        sent = s.scalars(select(OutboxMessage.recipient).where(OutboxMessage.kind == "notification"))
        assert sorted(sent) == GROUP1
    closed = cli.invoke(app, ["topics", "close", str(topic_id)])
    assert closed.exit_code == 0, closed.output
    with demo_db.session() as s:
        assert s.get(Topic, topic_id).status == "published"
        assert s.scalar(select(Notice.topic_id)) == topic_id
    assert cli.invoke(app, ["topics", "close", str(topic_id)]).exit_code == 1


def test_approve_and_reject_by_id(cli: CliRunner, demo_db: Database) -> None:
    created = cli.invoke(app, ["topics", "create", "--title", "修路", "--group", "2"])
    topic_id = int(created.stdout.strip().splitlines()[-1])
    assert cli.invoke(app, ["topics", "reject", str(topic_id), "--reason", "已安排"]).exit_code == 0
    with demo_db.session() as s:
        assert (s.get(Topic, topic_id).status, s.get(Topic, topic_id).reject_reason) == ("rejected", "已安排")
    other = int(cli.invoke(app, ["topics", "create", "--title", "装路灯", "--group", "2"]).stdout.split()[-1])
    assert cli.invoke(app, ["topics", "approve", str(other)]).exit_code == 0
    assert cli.invoke(app, ["topics", "open", str(other), "--closes-in", "1d"]).exit_code == 0
    with demo_db.session() as s:
        assert s.get(Topic, other).status == "open"


def test_a_notice_is_posted_to_a_group(cli: CliRunner, demo_db: Database) -> None:
    done = cli.invoke(app, ["notices", "post", "--group", "1", "--text", "红白喜事从简，酒席不超过10桌"])
    assert done.exit_code == 0, done.output
    with demo_db.session() as s:
        texts = list(s.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == GROUP1[0])))
        assert texts == ["【村口黑板】红白喜事从简，酒席不超过10桌"]


def test_points_redeem_refuses_to_go_below_zero(cli: CliRunner, demo_db: Database) -> None:
    with demo_db.session() as s:
        points.credit(s, FakeClock(), person(s, GROUP1[0]).id, "report", "T1001")
    too_much = cli.invoke(app, ["points", "redeem", "--phone", "13500000001", "--amount", "6", "--note", "肥皂"])
    assert too_much.exit_code == 1
    ok = cli.invoke(app, ["points", "redeem", "--phone", "13500000001", "--amount", "5", "--note", "肥皂",
                          "--staff-phone", "13800000401"])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.strip().splitlines()[-1] == "0"


def test_only_an_auditor_sees_who_chose_what(cli: CliRunner, demo_db: Database) -> None:
    from bot.core.council_ballots import cast
    from bot.store.models import StaffRole
    from tests.core.council_factories import SECRETARY, open_topic

    clock = FakeClock()
    with demo_db.session() as s:
        topic_id = open_topic(s, clock)
        cast(s, clock, topic_id, person(s, GROUP1[0]), 2)
    refused = cli.invoke(app, ["topics", "audit", str(topic_id), "--phone", SECRETARY])
    assert refused.exit_code == 1 and "cast" not in refused.stdout
    with demo_db.session() as s:
        s.add(StaffRole(person_id=person(s, SECRETARY).id, role="auditor", unit_id=s.get(Topic, topic_id).unit_id))
    shown = cli.invoke(app, ["topics", "audit", str(topic_id), "--phone", SECRETARY])
    assert shown.exit_code == 0, shown.output
    [line] = shown.stdout.strip().splitlines()
    assert "\tcast\t" in line and line.endswith("option 2")
