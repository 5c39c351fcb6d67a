"""`bin/bot households counts|export`: the counts table and the households file from the command line,
for everything or one unit; the file imports back with `bin/bot import households` unchanged."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli.main import app
from bot.store.db import Database
from bot.store.privacy_models import AuditEntry


@pytest.fixture
def cli(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    monkeypatch.setenv("COLUMNS", "300")
    return CliRunner()


def test_counts_show_each_community_and_the_total(cli: CliRunner) -> None:
    done = cli.invoke(app, ["households", "counts"])
    assert done.exit_code == 0, done.output
    lines = {line.split("│")[1].strip(): line for line in done.output.splitlines() if line.count("│") > 3}
    assert {"幸福社区", "安居社区", "河滨社区", "石桥村", "合计"} <= set(lines)
    assert lines["合计"].split("│")[2].strip() == "204"
    assert cli.invoke(app, ["households", "counts", "--by", "colour"]).exit_code == 2


def test_export_of_one_grid_writes_its_households_and_imports_back_unchanged(cli: CliRunner, demo_db: Database,
                                                                             tmp_path: Path) -> None:
    out = tmp_path / "xf-g1.csv"
    done = cli.invoke(app, ["households", "export", "--out", str(out), "--unit", "XF-G1"])
    assert done.exit_code == 0, done.output
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 16 and {row[1] for row in rows[1:]} == {"XF-G1"}
    again = cli.invoke(app, ["import", "households", str(out)])
    assert again.exit_code == 0 and "15 unchanged" in again.output
    with demo_db.session() as s:
        assert s.scalar(select(AuditEntry.action).where(AuditEntry.action == "households.exported"))
    assert cli.invoke(app, ["households", "export", "--out", str(out), "--unit", "NOPE"]).exit_code == 2
