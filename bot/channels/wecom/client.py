"""The WeCom app's API through wechatpy's enterprise client, on the shared token (`wechat/tokens.py`),
a stale token refreshed once and the call tried once more (wechatpy's own endless retry off)."""

from __future__ import annotations

from typing import Any

from wechatpy.enterprise import WeChatClient

from bot.channels.wechat.tokens import SharedTokenApi, SharedTokenClient
from bot.common.clock import Clock
from bot.store.db import Database

API_BASE_URL = WeChatClient.API_BASE_URL


class _Client(SharedTokenClient, WeChatClient):
    def __init__(self, corp_id: str, secret: str, base_url: str, timeout: float) -> None:
        super().__init__(corp_id, secret, auto_retry=False, timeout=timeout)
        self.API_BASE_URL = base_url

    def fetch_access_token(self) -> dict[str, Any]:
        return dict(self._fetch_access_token(url=self.API_BASE_URL + "gettoken",
                                             params={"corpid": self.corp_id, "corpsecret": self.secret}))


class WeComApi(SharedTokenApi):
    def __init__(self, db: Database, clock: Clock, corp_id: str, agent_id: int, secret: str, *,
                 base_url: str = API_BASE_URL, timeout: float = 10.0, early_refresh_seconds: float = 300) -> None:
        super().__init__(_Client(corp_id, secret, base_url, timeout), db, clock, f"wecom:{corp_id}:{agent_id}",
                         early_seconds=early_refresh_seconds)
        self.agent_id = agent_id

    def send_text(self, userid: str, text: str) -> dict[str, Any]:
        return dict(self.call(lambda c: c.message.send_text(self.agent_id, [userid], text)))

    def send_card(self, userid: str, title: str, description: str, url: str) -> dict[str, Any]:
        return dict(self.call(lambda c: c.message.send_text_card(self.agent_id, [userid], title, description, url)))

    def mobile_of(self, userid: str) -> str:
        """The member's mobile number as WeCom holds it ("" when the app may not read it)."""
        return str(self.call(lambda c: c.user.get(userid)).get("mobile") or "")
