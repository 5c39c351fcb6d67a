import re
from pathlib import Path

from bot.common.settings import ROOT, Settings


def documented_variables() -> set[str]:
    text = (ROOT / ".env.example").read_text(encoding="utf-8")
    return set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, flags=re.MULTILINE))


def test_every_setting_is_documented_in_env_example():
    fields = {name.upper() for name in Settings.model_fields}
    missing = fields - documented_variables()
    assert not missing, f"add these to .env.example: {sorted(missing)}"


def test_env_example_documents_nothing_that_does_not_exist():
    fields = {name.upper() for name in Settings.model_fields}
    assert documented_variables() - fields == set()


def test_it_reads_settings_from_the_environment(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("GATEWAY_PORT", "8123")
    monkeypatch.setenv("VAR_DIR", str(tmp_path))
    settings = Settings(_env_file=None)
    assert settings.gateway_port == 8123
    assert settings.resolved_database_url == f"sqlite:///{tmp_path / 'gridbot.db'}"


def test_a_postgres_url_gets_the_psycopg_driver_and_the_tracker_shares_the_database():
    settings = Settings(database_url="postgres://bot@db:5432/grid", _env_file=None)
    assert settings.resolved_database_url == "postgresql+psycopg://bot@db:5432/grid"
    assert settings.resolved_tracker_store_url == "postgresql://bot@db:5432/grid"


def test_the_tracker_store_is_a_sqlite_file_beside_the_database_by_default(tmp_path: Path):
    settings = Settings(var_dir=tmp_path, _env_file=None)
    assert settings.resolved_tracker_store_url == f"sqlite:///{tmp_path / 'rasa_tracker.db'}"


def test_secrets_do_not_show_in_the_settings_repr():
    settings = Settings(twilio_auth_token="s3cr3t-token", _env_file=None)
    assert "s3cr3t-token" not in repr(settings)


def test_development_is_the_default_with_the_simulator_and_the_demo_on_and_the_gateway_on_loopback():
    settings = Settings(_env_file=None)
    assert settings.gridbot_env == "development"
    assert settings.simulator_enabled and settings.demo_data
    assert settings.gateway_host == "127.0.0.1"


def test_production_turns_the_simulator_and_the_demo_off_unless_set(monkeypatch):
    monkeypatch.setenv("GRIDBOT_ENV", "production")
    assert not Settings(_env_file=None).simulator_enabled
    assert not Settings(_env_file=None).demo_data
    monkeypatch.setenv("SIMULATOR_ENABLED", "true")
    assert Settings(_env_file=None).simulator_enabled


def test_an_actions_url_given_as_the_endpoint_is_read_as_the_servers_base(monkeypatch):
    monkeypatch.setenv("ACTIONS_URL", "http://127.0.0.1:5872/webhook/")
    settings = Settings(_env_file=None)
    assert settings.actions_url == "http://127.0.0.1:5872"
    assert settings.action_endpoint == "http://127.0.0.1:5872/webhook"
