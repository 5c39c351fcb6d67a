"""`bin/bot wechat`: the Official Account's menu set through its API (faked on loopback), and a follower's
verified number linked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.channels.wechat.callback import MENU
from bot.cli.main import app
from bot.store.channel_models import WeChatIdentity
from bot.store.db import Database
from tests.conftest import RESIDENT
from tests.fakes.wechat import APP_ID, APP_SECRET, FakeWeChat


@pytest.fixture
def fake_wechat() -> Iterator[FakeWeChat]:
    fake = FakeWeChat().start()
    yield fake
    fake.stop()


@pytest.fixture
def cli(db: Database, monkeypatch: pytest.MonkeyPatch, fake_wechat: FakeWeChat) -> CliRunner:
    for name, value in {"DATABASE_URL": db.url, "WECHAT_APP_ID": APP_ID, "WECHAT_APP_SECRET": APP_SECRET,
                        "WECHAT_API_BASE_URL": fake_wechat.base_url}.items():
        monkeypatch.setenv(name, value)
    return CliRunner()


def test_menu_sets_the_four_buttons_whose_clicks_the_channel_reads(cli: CliRunner, fake_wechat: FakeWeChat):
    done = cli.invoke(app, ["wechat", "menu"])
    assert done.exit_code == 0, done.output
    [menu] = fake_wechat.menus
    assert [b["name"] for b in menu["button"]] == ["反映问题", "查询进度", "议事投票", "我的积分"]
    assert {b["key"] for b in menu["button"]} == set(MENU)


def test_link_keeps_a_followers_verified_number_once(cli: CliRunner, db: Database):
    for phone in ("13900000002", RESIDENT):  # linked again: the newer number
        assert cli.invoke(app, ["wechat", "link", "--openid", "oAbc", "--phone", phone]).exit_code == 0
    with db.session() as s:
        assert s.scalars(select(WeChatIdentity.phone).where(WeChatIdentity.address == "wx:oAbc")).all() == [RESIDENT]
