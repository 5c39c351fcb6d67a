from pydantic import SecretStr

from bot.common.settings import Settings
from bot.engine.process import engine_command


def test_the_engine_command_passes_a_token_that_starts_with_a_dash_as_the_options_value(tmp_path):
    command = engine_command(Settings(engine_auth_token=SecretStr("-abc"), _env_file=None), tmp_path / "m.tar.gz")
    assert "--auth-token=-abc" in command


def test_without_a_token_the_engine_is_started_without_one(tmp_path):
    command = engine_command(Settings(_env_file=None), tmp_path / "m.tar.gz")
    assert not any(part.startswith("--auth-token") for part in command)
