from pathlib import Path

import pytest
import yaml
from pydantic import SecretStr

from bot.common.settings import ROOT, Settings
from bot.engine.process import ENGINE_LOGGING, engine_command, engine_environment


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


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_the_engine_listens_on_loopback_unless_engine_host_says_otherwise(tmp_path):
    assert option(engine_command(Settings(_env_file=None), tmp_path / "m.tar.gz"), "--interface") == "127.0.0.1"
    settings = Settings(_env_file=None, engine_host="10.0.0.5")
    assert option(engine_command(settings, tmp_path / "m.tar.gz"), "--interface") == "10.0.0.5"


def test_without_an_event_broker_the_engine_reads_endpoints_yml_as_it_is(tmp_path):
    settings = Settings(_env_file=None, var_dir=tmp_path)
    assert option(engine_command(settings, tmp_path / "m.tar.gz"), "--endpoints") == str(ROOT / "endpoints.yml")
    assert not any(key.startswith("GRIDBOT_EVENT_BROKER") for key in engine_environment(settings))


def test_an_event_broker_url_adds_rasa_s_pika_broker_to_a_copy_of_endpoints_yml_with_the_password_apart(tmp_path):
    settings = Settings(_env_file=None, var_dir=tmp_path, event_broker_queue="reports",
                        event_broker_url=SecretStr("amqp://gridbot:s%40cret@mq.internal:5673/grid"))
    endpoints = Path(option(engine_command(settings, tmp_path / "m.tar.gz"), "--endpoints"))
    assert endpoints.parent == tmp_path
    config = yaml.safe_load(endpoints.read_text(encoding="utf-8"))
    assert config["event_broker"] == {"type": "pika", "url": "${GRIDBOT_EVENT_BROKER_HOST}",
                                      "port": "${GRIDBOT_EVENT_BROKER_PORT}",
                                      "username": "${GRIDBOT_EVENT_BROKER_USER}",
                                      "password": "${GRIDBOT_EVENT_BROKER_PASSWORD}",
                                      "queues": ["${GRIDBOT_EVENT_BROKER_QUEUE}"]}
    base = yaml.safe_load((ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    assert {key: config[key] for key in base} == base  # everything else as in endpoints.yml
    env = engine_environment(settings)
    assert {key: value for key, value in env.items() if key.startswith("GRIDBOT_EVENT_BROKER")} == {
        "GRIDBOT_EVENT_BROKER_HOST": "amqp://mq.internal:5673/grid",  # what Rasa logs: no credentials
        "GRIDBOT_EVENT_BROKER_PORT": "5673", "GRIDBOT_EVENT_BROKER_USER": "gridbot",
        "GRIDBOT_EVENT_BROKER_PASSWORD": "s@cret", "GRIDBOT_EVENT_BROKER_QUEUE": "reports"}


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/1", "amqp://", "127.0.0.1:5672"])
def test_an_event_broker_url_that_is_no_amqp_url_is_refused(url):
    with pytest.raises(ValueError, match="EVENT_BROKER_URL"):
        Settings(_env_file=None, event_broker_url=SecretStr(url))
