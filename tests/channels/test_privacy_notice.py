"""The privacy notice over a real channel: a new number's first answer is followed by it, once."""

from __future__ import annotations

import pytest

from bot.common.settings import Settings
from bot.messaging.notice import SMS_NOTICE
from bot.messaging.optout import START_CONFIRMATION, STOP_CONFIRMATION
from tests.channels.conftest import drive, post_sms, sms_params
from tests.conftest import RESIDENT


@pytest.fixture
def channel_settings(channel_settings: Settings) -> Settings:
    return channel_settings.model_copy(update={"privacy_notice": True})


async def test_a_new_number_hears_the_notice_after_its_first_answer_and_never_again(gateway, services, fake_twilio):
    await post_sms(gateway, sms_params("SM71", RESIDENT, "你好"))
    await drive(services)
    await post_sms(gateway, sms_params("SM72", RESIDENT, "路灯坏了"))
    await drive(services)
    assert [m["Body"] for m in fake_twilio.sent] == ["收到：你好", SMS_NOTICE, "收到：路灯坏了"]


async def test_a_number_whose_first_word_is_stop_is_told_once_it_opts_back_in(gateway, services, fake_twilio):
    await post_sms(gateway, sms_params("SM73", RESIDENT, "退订"))
    await drive(services)
    await post_sms(gateway, sms_params("SM74", RESIDENT, "订阅"))
    await drive(services)
    assert [m["Body"] for m in fake_twilio.sent] == [STOP_CONFIRMATION, START_CONFIRMATION, SMS_NOTICE]
