"""A person's preferred channel and ordered fallbacks: set by a registry import's 渠道 column, the first
channel they have an address on takes their notices, and a linked WeChat follower talks in the
conversation of their number."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from bot.core import channel_choice, registry
from bot.core.notify import address_of, notify
from bot.core.registry_import import ImportRejected, read_file, run_import
from bot.store.channel_models import WeChatIdentity
from bot.store.db import Database
from bot.store.models import Person
from tests.conftest import RESIDENT

FOLLOWER = "wx:oChoice_0001"


def resident(s, **values) -> Person:
    person = s.scalar(select(Person).where(Person.phone == RESIDENT))
    for key, value in values.items():
        setattr(person, key, value)
    s.flush()
    return person


def test_the_first_channel_the_person_has_an_address_on_takes_their_notices(demo_db: Database):
    with demo_db.session() as s:
        person = resident(s, preferred_channel="wechat", fallback_channels=["telegram", "aliyun_sms", "sms"])
        # Not linked on WeChat, no Telegram account: template SMS to their number.
        assert channel_choice.routes(s, person) == [("aliyun_sms", RESIDENT), ("sms", RESIDENT)]
        assert address_of(person) == ("aliyun_sms", RESIDENT)
        s.add(WeChatIdentity(address=FOLLOWER, phone=RESIDENT))
        s.flush()
        assert address_of(person) == ("wechat", FOLLOWER)
        assert notify(s, person, "通知").channel == "wechat"
        assert channel_choice.routes(s, person, configured=["sms"]) == [("sms", RESIDENT)]
        assert channel_choice.routes(s, person, after="aliyun_sms") == [("sms", RESIDENT)]


def test_without_fallbacks_a_person_is_reached_as_before(demo_db: Database):
    with demo_db.session() as s:
        person = resident(s, preferred_channel="wechat", fallback_channels=[])
        assert address_of(person) == ("sms", RESIDENT)  # not linked: SMS, as before this list existed


def test_channel_names_are_read_in_chinese_or_english_and_an_unknown_one_is_refused():
    assert channel_choice.parse_channels("微信、阿里云短信, sms") == ["wechat", "aliyun_sms", "sms"]
    assert channel_choice.parse_channels("微信,飞鸽传书") is None


def test_a_registry_import_sets_the_preferred_channel_and_the_fallbacks_in_order(db: Database, tmp_path: Path):
    path = tmp_path / "people.csv"
    path.write_text("姓名,手机,渠道\n张三,13910000001,微信、腾讯云短信、短信\n李四,13910000002,\n", encoding="utf-8")
    with db.session() as s:
        run_import(s, "people", read_file(path))
    with db.session() as s:
        zhang = s.scalar(select(Person).where(Person.phone == "+8613910000001"))
        assert (zhang.preferred_channel, zhang.fallback_channels) == ("wechat", ["tencent_sms", "sms"])
        li = s.scalar(select(Person).where(Person.phone == "+8613910000002"))
        assert (li.preferred_channel, li.fallback_channels) == ("sms", [])
    path.write_text("姓名,手机,渠道\n张三,13910000001,微信、信鸽\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as rejected, db.session() as s:
        run_import(s, "people", read_file(path))
    assert "未知渠道" in rejected.value.result.errors[0].reason


def test_a_linked_follower_talks_in_their_numbers_conversation_and_others_in_their_own(demo_db: Database):
    with demo_db.session() as s:
        assert registry.conversation_address(s, FOLLOWER) == FOLLOWER  # not linked yet
        s.add(WeChatIdentity(address=FOLLOWER, phone=RESIDENT))
        s.flush()
        assert registry.conversation_address(s, FOLLOWER) == RESIDENT
        assert registry.conversation_address(s, "tg:42") == "tg:42"
        assert registry.conversation_address(s, RESIDENT) == RESIDENT
