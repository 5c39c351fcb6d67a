"""The steps every channel's messages go through before the classifier."""

from pathlib import Path

import pytest

from bot.app.channels import HOLD_THEIR_OWN_MEDIA, build_channels
from bot.app.council_step import CouncilTurn
from bot.app.dialogue import DialogueContext
from bot.app.emergency_place import EmergencyPlace
from bot.app.information_requests import InformationRequests
from bot.app.steps import AboutTheirTickets, StaffDesk
from bot.common.clock import FakeClock
from bot.common.settings import Settings
from bot.messaging.keywords import OptOutWords
from bot.store.db import Database
from bot.store.photos import PhotoStore

EVERY_CHANNEL = {
    "twilio_account_sid": "AC" + "0" * 32, "twilio_auth_token": "twilio-token", "twilio_from_number": "+15005550006",
    "telegram_bot_token": "123:abc",
    "aliyun_sms_access_key_id": "LTAI-key", "aliyun_sms_access_key_secret": "key-secret",
    "aliyun_sms_sign_name": "网格通",
    "wechat_app_id": "wx1234567890abcdef", "wechat_app_secret": "app-secret", "wechat_token": "gridbotToken",
    "wecom_corp_id": "ww0123456789", "wecom_agent_id": "1000002", "wecom_secret": "wecom-secret",
    "wecom_token": "wecomToken", "wecom_encoding_aes_key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
}
STANDARD = [OptOutWords, EmergencyPlace, StaffDesk, InformationRequests, CouncilTurn, AboutTheirTickets,
            DialogueContext]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_every_channel_ends_with_the_same_steps_before_the_classifier(tmp_path: Path, db: Database):
    settings = Settings(var_dir=tmp_path / "var", database_url=db.url, _env_file=None,  # type: ignore[call-arg]
                        **EVERY_CHANNEL)
    kit = build_channels(settings, db, FakeClock(), PhotoStore(tmp_path / "photos"))
    assert set(kit.steps) == {"simulator", "sms", "telegram", "aliyun_sms", "wechat", "wecom"}
    for name, steps in kit.steps.items():
        assert [type(step) for step in steps[-len(STANDARD):]] == STANDARD, name
        assert sum(isinstance(step, EmergencyPlace) for step in steps) == 1, name
        dialogue = steps[-1]
        assert steps[-len(STANDARD)].sms is (name in ("sms", "aliyun_sms")), name  # SMS confirms an opt-out once
        assert dialogue.hold_media is (name not in HOLD_THEIR_OWN_MEDIA), name
    assert {"telegram", "wechat"} <= HOLD_THEIR_OWN_MEDIA
