"""`bin/bot report`: a unit's monthly report on the command line, and as the page's .xlsx."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from bot.cli.main import app
from bot.store.db import Database
from tests.core.month_report_state import prepare_november


@pytest.fixture
def cli(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    monkeypatch.setenv("COLUMNS", "200")
    return CliRunner()


def test_report_prints_the_months_figures_and_writes_the_xlsx(cli: CliRunner, demo_db: Database,
                                                              tmp_path: Path) -> None:
    prepare_november(demo_db)  # November 2026, in the past of the real clock the command reads
    out = tmp_path / "xf.xlsx"
    done = cli.invoke(app, ["report", "--month", "2026-11", "--unit", "XF", "--out", str(out)])
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    assert any("幸福社区 2026年11月月报" in line for line in lines)
    assert any("新工单" in line and " 5 " in line for line in lines)
    assert any("月末逾期" in line and " 3 " in line for line in lines)
    assert any("幸福社区第1网格" in line for line in lines) and "类别前五：道路设施 2" in done.stdout
    book = load_workbook(io.BytesIO(out.read_bytes()))
    assert dict((row[0].value, row[1].value) for row in book["概况"].iter_rows(min_row=2))["新工单"] == 5
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_report_refuses_an_unknown_unit_or_a_bad_month(cli: CliRunner) -> None:
    assert cli.invoke(app, ["report", "--unit", "NOPE"]).exit_code == 2
    assert cli.invoke(app, ["report", "--unit", "XF", "--month", "2026-13"]).exit_code == 2
    assert cli.invoke(app, ["report", "--unit", "XF", "--out", "x.pdf"]).exit_code == 2
