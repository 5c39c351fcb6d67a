"""An access token shared by every process (WeChat's: 7200 s, 2000 fetches a day, and a new one
invalidates the old, so processes fetching their own would knock each other's out).

The token lives in one `wechat_access_tokens` row per account. It is refreshed `early` before it runs
out, or when a call says it is no longer valid, by one process at a time: the refresh holds the row's
lock (and a lock in this process), and a process that waited on it takes the token the other one
fetched instead of fetching again. Used by the Official Account and WeCom alike.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from wechatpy.exceptions import WeChatClientException

from bot.common.clock import Clock
from bot.store.channel_models import WeChatToken
from bot.store.db import Database

Fetch = Callable[[], tuple[str, int]]  # → (token, seconds it lives)
T = TypeVar("T")
STALE_TOKEN = {40001, 40014, 42001}  # invalid credential, invalid token, token expired


class TokenCache:
    def __init__(self, db: Database, clock: Clock, key: str, fetch: Fetch, *, early_seconds: float = 300) -> None:
        self.db = db
        self.clock = clock
        self.key = key
        self.fetch = fetch
        self.early = timedelta(seconds=early_seconds)
        self._lock = threading.Lock()
        self.fetches = 0  # by this process (for tests and logs)

    def get(self) -> str:
        """A token with more than `early` left, refreshed first if there is none."""
        with self.db.session() as s:
            row = s.scalar(select(WeChatToken).where(WeChatToken.key == self.key))
            if row is not None and self._fresh(row):
                return row.token
        return self.refresh(stale=None)

    def refresh(self, stale: str | None) -> str:
        """A new token, unless another caller replaced `stale` (or the missing one) meanwhile."""
        with self._lock:
            self._ensure_row()
            with self.db.session() as s:
                row = s.scalar(select(WeChatToken).where(WeChatToken.key == self.key).with_for_update())
                assert row is not None
                if row.token and row.token != stale and self._fresh(row):
                    return row.token
                token, lifetime = self.fetch()
                self.fetches += 1
                now = self.clock.now()
                row.token, row.fetched_at = token, now
                row.expires_at = now + timedelta(seconds=lifetime)
                return token

    def _fresh(self, row: WeChatToken) -> bool:
        return bool(row.token) and row.expires_at - self.early > self.clock.now()

    def _ensure_row(self) -> None:
        with self.db.session() as s:
            if s.scalar(select(WeChatToken.id).where(WeChatToken.key == self.key)) is not None:
                return
        try:
            with self.db.session() as s:
                s.add(WeChatToken(key=self.key, token="", expires_at=self.clock.now(), fetched_at=self.clock.now()))
        except IntegrityError:  # another process made it first
            pass


class SharedTokenClient:
    """Mixed in before a wechatpy client class: every call reads the shared token instead of the client's own."""

    # Set by `SharedTokenApi`. No class default: wechatpy's `__new__` reads every property before
    # `__init__`, and an AttributeError then is what it expects.
    tokens: TokenCache

    @property
    def access_token(self) -> str:  # wechatpy reads it for every call
        return self.tokens.get()


class SharedTokenApi:
    """An API over a wechatpy client on the shared token: a call that says the token is stale refreshes it
    (once for everyone who saw the same stale one) and is tried exactly once more."""

    def __init__(self, client: Any, db: Database, clock: Clock, key: str, *, early_seconds: float) -> None:
        self.client = client
        self.tokens = TokenCache(db, clock, key, self._fetch, early_seconds=early_seconds)
        self.client.tokens = self.tokens

    def _fetch(self) -> tuple[str, int]:
        result = self.client.fetch_access_token()
        return str(result["access_token"]), int(result.get("expires_in") or 7200)

    def call(self, work: Callable[[Any], T]) -> T:
        """`work(client)`, tried once more with a new token when WeChat says the token is stale."""
        token = self.tokens.get()
        try:
            return work(self.client)
        except WeChatClientException as exc:
            if exc.errcode not in STALE_TOKEN:
                raise
        self.tokens.refresh(stale=token)
        return work(self.client)
