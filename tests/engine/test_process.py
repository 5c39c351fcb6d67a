from pydantic import SecretStr

from bot.common.settings import Settings
from bot.engine.process import ENGINE_LOGGING, engine_command


def test_the_engine_command_passes_a_token_that_starts_with_a_dash_as_the_options_value(tmp_path):
    command = engine_command(Settings(engine_auth_token=SecretStr("-abc"), _env_file=None), tmp_path / "m.tar.gz")
    assert "--auth-token=-abc" in command


def test_without_a_token_the_engine_is_started_without_one(tmp_path):
    command = engine_command(Settings(_env_file=None), tmp_path / "m.tar.gz")
    assert not any(part.startswith("--auth-token") for part in command)


def test_the_engine_logs_through_gridbot_s_logging_config(tmp_path):
    command = engine_command(Settings(_env_file=None), tmp_path / "m.tar.gz")
    [option] = [part for part in command if part.startswith("--logging-config-file")]
    assert option == f"--logging-config-file={ENGINE_LOGGING}"
    assert ENGINE_LOGGING.is_file()
    assert "engine_ext.log_filter.EngineLogFilter" in ENGINE_LOGGING.read_text()
