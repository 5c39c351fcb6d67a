"""What production refuses for the channels that work in China (WeChat, WeCom, template SMS)."""

import pytest

from bot.common.modes import UnsafeProductionSettings, check_production
from tests.common.test_modes import production

WECHAT = {"wechat_app_id": "wx1234567890abcdef", "wechat_app_secret": "app-secret", "wechat_token": "gridbotToken",
          "wechat_encoding_aes_key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"}


def test_a_fully_set_official_account_in_safe_mode_starts():
    check_production(production(**WECHAT))


@pytest.mark.parametrize(("changes", "named"), [
    ({"wechat_app_secret": ""}, "WECHAT_APP_SECRET"),
    ({"wechat_token": ""}, "WECHAT_TOKEN"),
    ({"wechat_token": "x" * 33}, "WECHAT_TOKEN"),
    ({"wechat_encoding_aes_key": ""}, "WECHAT_ENCODING_AES_KEY"),
])
def test_production_refuses_an_official_account_half_set_or_in_plain_mode(changes, named):
    with pytest.raises(UnsafeProductionSettings) as refused:
        check_production(production(**{**WECHAT, **changes}))
    assert named in str(refused.value)
    assert "app-secret" not in str(refused.value)


ALIYUN = {"aliyun_sms_access_key_id": "LTAI-key", "aliyun_sms_access_key_secret": "key-secret",
          "aliyun_sms_sign_name": "网格通", "aliyun_sms_callback_token": "a-long-callback-token-123"}


def test_a_fully_set_template_sms_account_starts():
    check_production(production(**ALIYUN))


@pytest.mark.parametrize(("changes", "named"), [
    ({"aliyun_sms_access_key_secret": ""}, "ALIYUN_SMS_ACCESS_KEY_SECRET"),
    ({"aliyun_sms_sign_name": ""}, "ALIYUN_SMS_SIGN_NAME"),
    ({"aliyun_sms_callback_token": "short"}, "ALIYUN_SMS_CALLBACK_TOKEN"),
])
def test_production_refuses_template_sms_half_set_or_with_a_guessable_callback(changes, named):
    with pytest.raises(UnsafeProductionSettings) as refused:
        check_production(production(**{**ALIYUN, **changes}))
    assert named in str(refused.value)
    assert "key-secret" not in str(refused.value)


WECOM = {"wecom_corp_id": "ww0123456789abcdef", "wecom_agent_id": 1000002, "wecom_secret": "wecom-secret",
         "wecom_token": "wecomToken", "wecom_encoding_aes_key": "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut"}


def test_a_fully_set_wecom_app_starts():
    check_production(production(**WECOM))


@pytest.mark.parametrize("missing", ["wecom_agent_id", "wecom_secret", "wecom_token", "wecom_encoding_aes_key"])
def test_production_refuses_a_wecom_app_half_set(missing):
    with pytest.raises(UnsafeProductionSettings) as refused:
        check_production(production(**{**WECOM, missing: 0 if missing == "wecom_agent_id" else ""}))
    assert "WECOM" in str(refused.value) and "wecom-secret" not in str(refused.value)


def test_production_refuses_tencent_sms_half_set_or_with_a_guessable_callback():
    full = {"tencent_sms_secret_id": "AKID", "tencent_sms_secret_key": "tc-secret", "tencent_sms_app_id": "1400",
            "tencent_sms_sign_name": "网格通", "tencent_sms_callback_token": "a-long-callback-token-123"}
    check_production(production(**full))
    for changes in ({"tencent_sms_secret_key": ""}, {"tencent_sms_callback_token": "short"}):
        with pytest.raises(UnsafeProductionSettings) as refused:
            check_production(production(**{**full, **changes}))
        assert "TENCENT_SMS" in str(refused.value) and "tc-secret" not in str(refused.value)
