"""Sending to an Official Account follower with the customer-service API (客服消息).

Only inside the follower's window (`window.py`): outside it, or when WeChat answers 45015/45047, a
subscription notice goes instead when one is configured for the kind of message (`subscribe.py`) and the
follower accepted it; that counts as sent. Else (or when the follower has left, 43004) the message is
handed to the fallback the app gives (a template SMS, else a call from the grid worker), and the outbox
marks it dead with what was done instead: it could never go out by WeChat. Errors WeChat may get over
(busy, limits, the network) are retried by the outbox; nothing here tries twice, except the token
refresh `client.py` does once.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Protocol

import requests
from wechatpy.exceptions import WeChatClientException

from bot.channels.wechat.callback import CHANNEL, PREFIX
from bot.channels.wechat.client import OUTSIDE_WINDOW, STALE_TOKEN, WeChatApi
from bot.channels.wechat.subscribe import SubscribeNotices
from bot.channels.wechat.window import WindowTracker
from bot.messaging.ports import Channel, SendError

log = logging.getLogger(__name__)
MAX_TEXT_BYTES = 2000  # the customer-service text limit is 2048 bytes
GONE = {43004, 40003}  # the follower unsubscribed; no such openid
TRANSIENT = {-1, 45009, 45011, 50002, *STALE_TOKEN}  # busy, limits, restricted for now; a token swapped again


class Fallback(Protocol):
    async def __call__(self, recipient: str, text: str, payload: dict[str, Any]) -> str:
        """Reach the person some other way; a short description of what was done (no text, no number)."""
        ...


def openid_of(recipient: str) -> str:
    if not recipient.startswith(PREFIX) or len(recipient) <= len(PREFIX):
        raise SendError(f"not a WeChat address: {recipient[:6]}…", permanent=True)
    return recipient[len(PREFIX):]


def fit(text: str) -> str:
    data = (text or "…").encode("utf-8")
    if len(data) <= MAX_TEXT_BYTES:
        return text or "…"
    return data[:MAX_TEXT_BYTES - 3].decode("utf-8", "ignore") + "…"


class WeChatChannel(Channel):
    name = CHANNEL

    def __init__(self, api: WeChatApi, windows: WindowTracker, fallback: Fallback | None = None, *,
                 subscriptions: SubscribeNotices | None = None) -> None:
        self.api = api
        self.windows = windows
        self.fallback = fallback
        self.subscriptions = subscriptions

    async def send(self, recipient: str, text: str, payload: dict[str, Any]) -> str | None:
        openid = openid_of(recipient)
        window = await asyncio.to_thread(self.windows.window, recipient)
        if not window.open:
            return await self._outside(recipient, text, payload, window.why_closed)
        try:
            result = await asyncio.to_thread(self.api.send_text, openid, fit(text))
        except WeChatClientException as exc:
            code = exc.errcode
            if code in OUTSIDE_WINDOW:
                return await self._outside(recipient, text, payload, f"errcode {code}")
            if code in GONE:
                return await self._fall_back(recipient, text, payload, f"errcode {code}")
            permanent = code is not None and code not in TRANSIENT
            raise SendError(f"wechat refused: errcode {code}", permanent=permanent) from exc
        except requests.RequestException as exc:
            raise SendError(f"wechat unreachable: {type(exc).__name__}", permanent=False) from exc
        msgid = result.get("msgid")
        return str(msgid) if msgid else None

    async def _outside(self, recipient: str, text: str, payload: dict[str, Any], why: str) -> str | None:
        """Outside the window: a subscription notice if one carries the message, else the fallback."""
        if self.subscriptions is None:
            return await self._fall_back(recipient, text, payload, why)
        try:
            sent, what = await self.subscriptions.send(openid_of(recipient), text, payload)
        except requests.RequestException as exc:
            raise SendError(f"wechat unreachable: {type(exc).__name__}", permanent=False) from exc
        if sent:
            log.info("wechat %s… outside the reply window (%s): %s", recipient[:7], why, what)
            return None  # bizsend's msgid matches no receipt gridbot reads
        return await self._fall_back(recipient, text, payload, f"{why}; {what}")

    async def _fall_back(self, recipient: str, text: str, payload: dict[str, Any], why: str) -> str | None:
        done = await self.fallback(recipient, text, payload) if self.fallback is not None else "no fallback set"
        log.info("wechat %s… outside the reply window (%s): %s", recipient[:7], why, done)
        raise SendError(f"outside WeChat's reply window ({why}); {done}", permanent=True)
