"""`bin/bot stats` and `bin/bot export`: the statistics table and the ticket file from the command line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.main import app
from bot.common.clock import Clock
from bot.core import lifecycle
from bot.store.db import Database
from tests.conftest import WORKER
from tests.core.helpers import RULES, make_report, submit


@pytest.fixture
def cli(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def test_stats_by_category_shows_each_group_and_the_total(cli: CliRunner, demo_db: Database) -> None:
    clock = Clock()  # the command reads the real clock
    roads = submit(demo_db, clock, make_report("路灯坏了", category="roads"))
    submit(demo_db, clock, make_report("垃圾没收", category="sanitation"))
    with demo_db.session() as s:
        lifecycle.acknowledge(s, clock, RULES, roads, WORKER)
    done = cli.invoke(app, ["stats", "--by", "category"])
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert any("道路设施" in line and "100%" in line for line in lines)  # acknowledged at once
    assert any("合计" in line and " 2 " in line for line in lines)
    assert cli.invoke(app, ["stats", "--by", "colour"]).exit_code == 2


def test_export_writes_the_file_the_suffix_names(cli: CliRunner, demo_db: Database, tmp_path: Path) -> None:
    number = submit(demo_db, Clock(), make_report("路灯坏了", category="roads"))
    out = tmp_path / "tickets.csv"
    done = cli.invoke(app, ["export", "--out", str(out), "--folder", "pending"])
    assert done.exit_code == 0, done.output
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[0][0] == "工单号" and [r[0] for r in rows[1:]] == [number]
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert cli.invoke(app, ["export", "--out", str(tmp_path / "x.pdf")]).exit_code == 2
