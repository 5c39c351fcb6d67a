"""`bin/bot knowledge`: staff validate the files, try a question and list what went unanswered."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.main import app
from bot.common.clock import Clock
from bot.core import questions
from bot.core.knowledge import load_knowledge
from bot.store.db import Database
from tests.conftest import RESIDENT


@pytest.fixture
def cli(demo_db: Database, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("DATABASE_URL", demo_db.url)
    return CliRunner()


def test_check_counts_the_entries_of_the_shipped_files(cli: CliRunner) -> None:
    done = cli.invoke(app, ["knowledge", "check"])
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"{len(load_knowledge('config/knowledge').entries)} entries")


def test_check_fails_on_a_broken_file_and_says_which(cli: CliRunner, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "broken.yml").write_text("entries:\n- id: Bad Id\n", encoding="utf-8")
    monkeypatch.setenv("KNOWLEDGE_DIR", str(tmp_path))
    done = cli.invoke(app, ["knowledge", "check"])
    assert done.exit_code == 1 and "broken.yml" in done.output


def test_list_shows_every_entry_under_its_theme_with_the_count(cli: CliRunner) -> None:
    done = cli.invoke(app, ["knowledge", "list"])
    assert done.exit_code == 0, done.output
    lines = done.stdout.splitlines()
    base = load_knowledge("config/knowledge")
    assert sum(line.startswith("  ") for line in lines) == len(base.entries)
    at = lines.index(f"低保和救助（{len(base.themes['低保和救助'])}）")
    assert lines[at + 1] == "  dibao_apply\t低保怎么申请"


def test_ask_prints_the_answer_the_bot_would_give(cli: CliRunner) -> None:
    done = cli.invoke(app, ["knowledge", "ask", "低保咋个申请"])
    assert done.exit_code == 0 and done.stdout.startswith("低保：")


def test_ask_as_a_rider_prints_the_riders_answer(cli: CliRunner) -> None:
    done = cli.invoke(app, ["knowledge", "ask", "--riders", "电瓶快没电了 这附近哪里能充"])
    assert done.exit_code == 0 and "换电柜" in done.output and "充电棚" not in done.output.splitlines()[0]


def test_misses_lists_unanswered_questions_with_the_number_masked(cli: CliRunner, demo_db: Database) -> None:
    with demo_db.session() as s:
        questions.log_miss(s, Clock(), RESIDENT, "sms", "公积金咋个取")
    done = cli.invoke(app, ["knowledge", "misses"])
    assert done.exit_code == 0
    assert "139****0001\t-\t公积金咋个取" in done.stdout and RESIDENT not in done.stdout
