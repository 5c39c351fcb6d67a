"""Development and production (`GRIDBOT_ENV`): what production refuses to start with.

Every serving process (`bin/bot run`, `gateway`, `worker`, `actions`) calls `check_production`
before it does anything, so a production deployment with a default secret, a simulator open to
the world or a plain-HTTP public URL stops at once, with every problem listed.
"""

from __future__ import annotations

import ipaddress
import logging

from bot.common.settings import Settings

log = logging.getLogger(__name__)

DEFAULT_PHONE_HMAC_KEY = Settings.model_fields["phone_hmac_key"].default.get_secret_value()
DEFAULT_PHONE_ENCRYPTION_KEY = Settings.model_fields["phone_encryption_key"].default.get_secret_value()
DEFAULT_STAFF_SESSION_SECRET = Settings.model_fields["staff_session_secret"].default.get_secret_value()


class UnsafeProductionSettings(RuntimeError):
    """GRIDBOT_ENV=production with settings that would expose people's data or let anyone in."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("GRIDBOT_ENV=production refuses to start:\n" + "\n".join(f"  - {p}" for p in problems))


def is_loopback(host: str | None) -> bool:
    """127.0.0.0/8, ::1 (also IPv4-mapped) or localhost; anything else, or no address, is not."""
    if not host:
        return False
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def production_problems(settings: Settings) -> list[str]:
    """What is unsafe about these settings in production (an empty list in development)."""
    if settings.gridbot_env != "production":
        return []
    problems: list[str] = []
    key = settings.phone_hmac_key.get_secret_value()
    if not key or key == DEFAULT_PHONE_HMAC_KEY:
        problems.append("PHONE_HMAC_KEY is empty or the example value: set a long random secret")
    key = settings.phone_encryption_key.get_secret_value()
    if not key or key == DEFAULT_PHONE_ENCRYPTION_KEY:
        problems.append("PHONE_ENCRYPTION_KEY is empty or the development value: set a long random secret "
                        "(and keep it with the database's backups)")
    secret = settings.staff_session_secret.get_secret_value()
    if len(secret) < 32 or secret == DEFAULT_STAFF_SESSION_SECRET:
        problems.append("STAFF_SESSION_SECRET is the example value or shorter than 32 characters: anyone could "
                        "forge the workbench's session cookies")
    twilio_set = settings.twilio_account_sid or settings.twilio_from_number
    if twilio_set and not settings.twilio_auth_token.get_secret_value():
        problems.append("Twilio is configured but TWILIO_AUTH_TOKEN is empty: webhook signatures cannot be checked")
    webhook = settings.telegram_bot_token.get_secret_value() and settings.public_base_url
    if webhook and not settings.telegram_webhook_secret.get_secret_value():
        problems.append("Telegram's webhook is configured but TELEGRAM_WEBHOOK_SECRET is empty")
    problems += china_channel_problems(settings)
    if settings.public_base_url and not settings.public_base_url.lower().startswith("https://"):
        problems.append("PUBLIC_BASE_URL is not https://: providers would send people's messages in clear text")
    if settings.simulator_enabled and not settings.simulator_token.get_secret_value():
        problems.append("SIMULATOR_ENABLED without SIMULATOR_TOKEN: anyone could write as anyone")
    if settings.simulator_enabled and not is_loopback(settings.gateway_host):
        problems.append(f"SIMULATOR_ENABLED with the gateway on {settings.gateway_host}: keep GATEWAY_HOST on "
                        "loopback (behind the proxy) or turn the simulator off")
    if not settings.engine_auth_token.get_secret_value():
        problems.append("ENGINE_AUTH_TOKEN is empty: the engine's HTTP API (trackers, parse) would answer any "
                        "local process (`bin/bot run` makes one; set it when the processes are started apart)")
    if not settings.actions_auth_token.get_secret_value():
        problems.append("ACTIONS_AUTH_TOKEN is empty: the action server would run actions for any local process "
                        "(`bin/bot run` makes one; set it when the processes are started apart)")
    if settings.demo_data:
        problems.append("DEMO_DATA is on: the fictional subdistrict would be mixed with real people")
    return problems


def china_channel_problems(settings: Settings) -> list[str]:
    """A WeChat, WeCom or template-SMS channel that is half set up, or set up without its secrets."""
    problems: list[str] = []
    if settings.wechat_app_id:
        token = settings.wechat_token.get_secret_value()
        if not settings.wechat_app_secret.get_secret_value() or not 3 <= len(token) <= 32:
            problems.append("WECHAT_APP_ID is set but WECHAT_APP_SECRET is empty or WECHAT_TOKEN is not 3-32 "
                            "characters: callbacks could not be checked")
        if len(settings.wechat_encoding_aes_key.get_secret_value()) != 43:
            problems.append("WECHAT_ENCODING_AES_KEY is not a 43-character key: run the Official Account in safe mode")
    if settings.wecom_corp_id:
        wecom = (settings.wecom_agent_id, settings.wecom_secret.get_secret_value(),
                 settings.wecom_token.get_secret_value())
        if not all(wecom) or len(settings.wecom_encoding_aes_key.get_secret_value()) != 43:
            problems.append("WECOM_CORP_ID is set but WECOM_AGENT_ID, WECOM_SECRET, WECOM_TOKEN or a 43-character "
                            "WECOM_ENCODING_AES_KEY is missing")
    if settings.aliyun_sms_access_key_id:
        if not settings.aliyun_sms_access_key_secret.get_secret_value() or not settings.aliyun_sms_sign_name:
            problems.append("ALIYUN_SMS_ACCESS_KEY_ID is set but ALIYUN_SMS_ACCESS_KEY_SECRET or ALIYUN_SMS_SIGN_NAME "
                            "is empty")
        if len(settings.aliyun_sms_callback_token.get_secret_value()) < 16:
            problems.append("ALIYUN_SMS_CALLBACK_TOKEN is shorter than 16 characters: anyone could push replies")
    if settings.tencent_sms_secret_id:
        if not settings.tencent_sms_secret_key.get_secret_value() or not settings.tencent_sms_app_id or \
                not settings.tencent_sms_sign_name:
            problems.append("TENCENT_SMS_SECRET_ID is set but TENCENT_SMS_SECRET_KEY, TENCENT_SMS_APP_ID or "
                            "TENCENT_SMS_SIGN_NAME is empty")
        if len(settings.tencent_sms_callback_token.get_secret_value()) < 16:
            problems.append("TENCENT_SMS_CALLBACK_TOKEN is shorter than 16 characters: anyone could push replies")
    return problems


def check_production(settings: Settings) -> None:
    """Raise `UnsafeProductionSettings` listing every problem, if there is one. In development, say so
    when phone numbers are sealed with the public development key."""
    if settings.gridbot_env == "development" and \
            settings.phone_encryption_key.get_secret_value() == DEFAULT_PHONE_ENCRYPTION_KEY:
        log.warning("development: phone numbers are sealed with the public development PHONE_ENCRYPTION_KEY; "
                    "never keep real people's data under it")
    problems = production_problems(settings)
    if problems:
        raise UnsafeProductionSettings(problems)
