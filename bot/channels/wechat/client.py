"""The Official Account's API through wechatpy's `WeChatClient`, with the token from the shared cache.

wechatpy's own retry on 40001/42001 fetches a token per process and retries without end; here it is
off (`auto_retry=False`): a call that says the token is invalid or expired refreshes the shared one
(once for everyone who saw the same stale token) and is tried exactly once more. wechatpy is
synchronous (requests): callers run it in a thread. `API_BASE_URL` points at a fake in tests.
"""

from __future__ import annotations

from typing import Any

from wechatpy import WeChatClient
from wechatpy.exceptions import WeChatClientException

from bot.channels.wechat.tokens import STALE_TOKEN, SharedTokenApi, SharedTokenClient
from bot.common.clock import Clock
from bot.store.db import Database

__all__ = ["API_BASE_URL", "OUTSIDE_WINDOW", "STALE_TOKEN", "WeChatApi"]
OUTSIDE_WINDOW = {45015, 45047}  # no user message in 48 h; more than the replies a message allows
API_BASE_URL = WeChatClient.API_BASE_URL


class _Client(SharedTokenClient, WeChatClient):
    def __init__(self, appid: str, secret: str, base_url: str, timeout: float) -> None:
        super().__init__(appid, secret, auto_retry=False, timeout=timeout)
        self.API_BASE_URL = base_url  # every relative endpoint, the token's included

    def fetch_access_token(self) -> dict[str, Any]:
        return dict(self._fetch_access_token(url=self.API_BASE_URL + "token", params={
            "grant_type": "client_credential", "appid": self.appid, "secret": self.secret}))


class WeChatApi(SharedTokenApi):
    def __init__(self, db: Database, clock: Clock, appid: str, secret: str, *, base_url: str = API_BASE_URL,
                 timeout: float = 10.0, early_refresh_seconds: float = 300) -> None:
        super().__init__(_Client(appid, secret, base_url, timeout), db, clock, f"oa:{appid}",
                         early_seconds=early_refresh_seconds)

    def send_text(self, openid: str, text: str) -> dict[str, Any]:
        return dict(self.call(lambda c: c.message.send_text(openid, text)))

    def send_subscribe(self, openid: str, template_id: str, data: dict[str, Any]) -> dict[str, Any]:
        """A subscription notice (`message/subscribe/bizsend`), for outside the customer-service window."""
        return dict(self.call(lambda c: c.message.send_subscribe_message(openid, template_id, data)))

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
