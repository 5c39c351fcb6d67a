import pytest

from bot.common.modes import UnsafeProductionSettings, check_production, is_loopback, production_problems
from bot.common.settings import Settings

SAFE = {"gridbot_env": "production", "phone_hmac_key": "a-long-random-secret-0123456789",
        "phone_encryption_key": "another-long-random-secret-9876543210", "engine_auth_token": "an-engine-token",
        "actions_auth_token": "an-actions-token", "staff_session_secret": "a-staff-session-secret-0123456789abcdef"}


def production(**changes: object) -> Settings:
    return Settings(**{**SAFE, **changes}, _env_file=None)  # type: ignore[arg-type]


def test_safe_production_settings_start():
    check_production(production())
    check_production(production(public_base_url="https://grid.example.org", twilio_account_sid="AC1",
                                twilio_auth_token="t", twilio_from_number="+15005550006",
                                telegram_bot_token="1:x", telegram_webhook_secret="s3cret",
                                simulator_enabled=True, simulator_token="sim-token"))


def test_development_never_refuses_even_with_every_default():
    check_production(Settings(_env_file=None))


def test_development_warns_when_numbers_are_sealed_with_the_public_development_key(caplog):
    with caplog.at_level("WARNING"):
        check_production(Settings(_env_file=None))
    assert "PHONE_ENCRYPTION_KEY" in caplog.text
    caplog.clear()
    with caplog.at_level("WARNING"):
        check_production(Settings(phone_encryption_key="a-key-of-this-install-only", _env_file=None))
    assert "PHONE_ENCRYPTION_KEY" not in caplog.text


@pytest.mark.parametrize(("changes", "named"), [
    ({"phone_hmac_key": "change-me-in-production"}, "PHONE_HMAC_KEY"),
    ({"phone_hmac_key": ""}, "PHONE_HMAC_KEY"),
    ({"twilio_account_sid": "AC1", "twilio_from_number": "+15005550006"}, "TWILIO_AUTH_TOKEN"),
    ({"telegram_bot_token": "1:x", "public_base_url": "https://grid.example.org"}, "TELEGRAM_WEBHOOK_SECRET"),
    ({"public_base_url": "http://grid.example.org"}, "PUBLIC_BASE_URL"),
    ({"simulator_enabled": True}, "SIMULATOR_TOKEN"),
    ({"simulator_enabled": True, "simulator_token": "t", "gateway_host": "0.0.0.0"}, "GATEWAY_HOST"),
    ({"demo_data": True}, "DEMO_DATA"),
    ({"engine_auth_token": ""}, "ENGINE_AUTH_TOKEN"),
    ({"phone_encryption_key": "development-only-phone-encryption-key"}, "PHONE_ENCRYPTION_KEY"),
    ({"phone_encryption_key": ""}, "PHONE_ENCRYPTION_KEY"),
    ({"actions_auth_token": ""}, "ACTIONS_AUTH_TOKEN"),
    ({"staff_session_secret": "change-me-in-production"}, "STAFF_SESSION_SECRET"),
    ({"staff_session_secret": "short-secret"}, "STAFF_SESSION_SECRET"),
])
def test_production_refuses_to_start_with_unsafe_settings(changes, named):
    with pytest.raises(UnsafeProductionSettings) as refused:
        check_production(production(**changes))
    assert len(refused.value.problems) == 1
    assert named in str(refused.value)


def test_the_refusal_lists_every_problem_at_once():
    problems = production_problems(Settings(gridbot_env="production", phone_hmac_key="", demo_data=True,
                                            public_base_url="http://x.example", engine_auth_token="t",
                                            phone_encryption_key="k" * 40, actions_auth_token="t",
                                            staff_session_secret="s" * 32, _env_file=None))
    assert len(problems) == 3


def test_the_refusal_never_shows_a_secret():
    with pytest.raises(UnsafeProductionSettings) as refused:
        check_production(production(public_base_url="http://x.example", twilio_account_sid="AC-visible",
                                    simulator_enabled=True, simulator_token="sim-secret-token"))
    assert "sim-secret-token" not in str(refused.value) and "a-long-random-secret" not in str(refused.value)


def test_telegram_polling_needs_no_webhook_secret():
    check_production(production(telegram_bot_token="1:x"))


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.8.9.10", True), ("::1", True), ("::ffff:127.0.0.1", True), ("localhost", True),
    ("0.0.0.0", False), ("192.0.2.10", False), ("::", False), ("example.org", False), ("", False), (None, False),
])
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback
