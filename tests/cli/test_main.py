"""`bin/bot`'s serving commands in production: they stop before starting anything when the
settings are unsafe."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli.main import app


@pytest.mark.parametrize("command", [["gateway"], ["worker"], ["actions"], ["run", "--no-train"]])
def test_every_serving_command_refuses_unsafe_production_settings_and_lists_the_problems(command, tmp_path: Path):
    env = {"GRIDBOT_ENV": "production", "PHONE_HMAC_KEY": "", "PUBLIC_BASE_URL": "http://grid.example.org",
           "VAR_DIR": str(tmp_path), "DATABASE_URL": "nosuchdb://never-reached"}  # a start would fail, not hang
    result = CliRunner().invoke(app, command, env=env)
    assert result.exit_code == 2, result.output
    assert "PHONE_HMAC_KEY" in result.output and "PUBLIC_BASE_URL" in result.output
    assert not (tmp_path / "gridbot.db").exists()
