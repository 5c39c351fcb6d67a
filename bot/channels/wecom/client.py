"""The WeCom app's API through wechatpy's enterprise client, on the shared token (`wechat/tokens.py`),
a stale token refreshed once and the call tried once more (wechatpy's own endless retry off)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from wechatpy.enterprise import WeChatClient
from wechatpy.exceptions import WeChatClientException

from bot.channels.wechat.client import STALE_TOKEN
from bot.channels.wechat.tokens import TokenCache
from bot.common.clock import Clock
from bot.store.db import Database

T = TypeVar("T")
API_BASE_URL = WeChatClient.API_BASE_URL


class _Client(WeChatClient):
    def __init__(self, corp_id: str, secret: str, base_url: str, timeout: float) -> None:
        super().__init__(corp_id, secret, auto_retry=False, timeout=timeout)
        self.API_BASE_URL = base_url
        self.tokens: TokenCache | None = None

    @property
    def access_token(self) -> str:
        assert self.tokens is not None
        return self.tokens.get()

    def fetch_access_token(self) -> dict[str, Any]:
        return dict(self._fetch_access_token(url=self.API_BASE_URL + "gettoken",
                                             params={"corpid": self.corp_id, "corpsecret": self.secret}))


class WeComApi:
    def __init__(self, db: Database, clock: Clock, corp_id: str, agent_id: int, secret: str, *,
                 base_url: str = API_BASE_URL, timeout: float = 10.0, early_refresh_seconds: float = 300) -> None:
        self.agent_id = agent_id
        self.client = _Client(corp_id, secret, base_url, timeout)
        self.tokens = TokenCache(db, clock, f"wecom:{corp_id}:{agent_id}", self._fetch,
                                 early_seconds=early_refresh_seconds)
        self.client.tokens = self.tokens

    def _fetch(self) -> tuple[str, int]:
        result = self.client.fetch_access_token()
        return str(result["access_token"]), int(result.get("expires_in") or 7200)

    def call(self, work: Callable[[WeChatClient], T]) -> T:
        token = self.tokens.get()
        try:
            return work(self.client)
        except WeChatClientException as exc:
            if exc.errcode not in STALE_TOKEN:
                raise
        self.tokens.refresh(stale=token)
        return work(self.client)

    def send_text(self, userid: str, text: str) -> dict[str, Any]:
        return dict(self.call(lambda c: c.message.send_text(self.agent_id, [userid], text)))

    def send_card(self, userid: str, title: str, description: str, url: str) -> dict[str, Any]:
        return dict(self.call(lambda c: c.message.send_text_card(self.agent_id, [userid], title, description, url)))

    def mobile_of(self, userid: str) -> str:
        """The member's mobile number as WeCom holds it ("" when the app may not read it)."""
        return str(self.call(lambda c: c.user.get(userid)).get("mobile") or "")
