"""The Official Account's API through wechatpy's `WeChatClient`, with the token from the shared cache.

wechatpy's own retry on 40001/42001 fetches a token per process and retries without end; here it is
off (`auto_retry=False`): a call that says the token is invalid or expired refreshes the shared one
(once for everyone who saw the same stale token) and is tried exactly once more. wechatpy is
synchronous (requests): callers run it in a thread. `API_BASE_URL` points at a fake in tests.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException

from bot.channels.wechat.tokens import TokenCache
from bot.common.clock import Clock
from bot.store.db import Database

T = TypeVar("T")
STALE_TOKEN = {40001, 40014, 42001}  # invalid credential, invalid token, token expired
OUTSIDE_WINDOW = {45015, 45047}  # no user message in 48 h; more than the replies a message allows
API_BASE_URL = WeChatClient.API_BASE_URL


class _Client(WeChatClient):
    def __init__(self, appid: str, secret: str, base_url: str, timeout: float) -> None:
        super().__init__(appid, secret, auto_retry=False, timeout=timeout)
        self.API_BASE_URL = base_url  # every relative endpoint, the token's included
        self.tokens: TokenCache | None = None

    @property
    def access_token(self) -> str:  # wechatpy reads it for every call
        assert self.tokens is not None
        return self.tokens.get()

    def fetch_access_token(self) -> dict[str, Any]:
        return dict(self._fetch_access_token(url=self.API_BASE_URL + "token", params={
            "grant_type": "client_credential", "appid": self.appid, "secret": self.secret}))


class WeChatApi:
    def __init__(self, db: Database, clock: Clock, appid: str, secret: str, *, base_url: str = API_BASE_URL,
                 timeout: float = 10.0, early_refresh_seconds: float = 300) -> None:
        self.client = _Client(appid, secret, base_url, timeout)
        self.tokens = TokenCache(db, clock, f"oa:{appid}", self._fetch, early_seconds=early_refresh_seconds)
        self.client.tokens = self.tokens

    def _fetch(self) -> tuple[str, int]:
        result = self.client.fetch_access_token()
        return str(result["access_token"]), int(result.get("expires_in") or 7200)

    def call(self, work: Callable[[WeChatClient], T]) -> T:
        """`work(client)`, tried once more with a new token when WeChat says the token is stale."""
        token = self.tokens.get()
        try:
            return work(self.client)
        except WeChatClientException as exc:
            if exc.errcode not in STALE_TOKEN:
                raise
        self.tokens.refresh(stale=token)
        return work(self.client)

    def send_text(self, openid: str, text: str) -> dict[str, Any]:
        return dict(self.call(lambda c: c.message.send_text(openid, text)))

    def download(self, media_id: str, max_bytes: int) -> bytes | None:
        """A temporary medium's bytes (kept three days by WeChat); None when larger than `max_bytes`."""
        def fetch(client: WeChatClient) -> bytes | None:
            response = client.media.download(media_id)
            if isinstance(response, dict):  # an error body wechatpy did not raise for
                raise WeChatClientException(response.get("errcode"), response.get("errmsg"), client=client)
            if int(response.headers.get("Content-Length") or 0) > max_bytes or len(response.content) > max_bytes:
                return None
            return bytes(response.content)
        return self.call(fetch)

    def create_menu(self, menu: dict[str, Any]) -> dict[str, Any]:
        return dict(self.call(lambda c: c.menu.create(menu)))
