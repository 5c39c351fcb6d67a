"""Sending to a staff member on WeCom: a ticket notice as a text card linking to the ticket in the
workbench (when WECOM_TICKET_URL is set), anything else as text. The recipient is the member's registry
number (their notifications' address), looked up as their WeCom userid. WeCom drops messages past a
member's limits (30 a minute, 1000 an hour) without a word: the outbox's policy keeps under them
(`messaging/recipient_limits.py`). Retries are the outbox's."""

from __future__ import annotations

import asyncio
import html
import re
from typing import Any

import requests
from sqlalchemy import select
from wechatpy.exceptions import WeChatClientException

from bot.channels.wecom.callback import CHANNEL, PREFIX
from bot.channels.wecom.client import WeComApi
from bot.messaging.ports import Channel, SendError
from bot.store.channel_models import WeComMember
from bot.store.db import Database

TICKET = re.compile(r"T\d{4,}")
DIGEST_MARK = "【汇总】"  # a digest of several notices (messaging/recipient_limits.py) goes as text
TRANSIENT = {-1, 45009, 45033, 40001, 40014, 42001}  # busy, frequency and concurrency limits, token swapped again
MAX_TEXT_BYTES = 2000


class WeComChannel(Channel):
    name = CHANNEL

    def __init__(self, api: WeComApi, db: Database, *, ticket_url: str = "") -> None:
        self.api = api
        self.db = db
        self.ticket_url = ticket_url

    async def send(self, recipient: str, text: str, payload: dict[str, Any]) -> str | None:
        userid = await asyncio.to_thread(self._userid, recipient)
        number = TICKET.search(text or "")
        try:
            if number and self.ticket_url and not text.startswith(DIGEST_MARK):
                result = await asyncio.to_thread(
                    self.api.send_card, userid, f"工单{number.group()}", html.escape(text)[:500],
                    self.ticket_url.format(number=number.group()))
            else:
                result = await asyncio.to_thread(self.api.send_text, userid, _fit(text))
        except WeChatClientException as exc:
            raise SendError(f"wecom refused: errcode {exc.errcode}",
                            permanent=exc.errcode is not None and exc.errcode not in TRANSIENT) from exc
        except requests.RequestException as exc:
            raise SendError(f"wecom unreachable: {type(exc).__name__}", permanent=False) from exc
        if result.get("invaliduser"):  # not in the app's visible range: no retry helps
            raise SendError("wecom: the member is outside the app's visible range", permanent=True)
        msgid = result.get("msgid")
        return str(msgid) if msgid else None

    def _userid(self, recipient: str) -> str:
        if recipient.startswith(PREFIX):
            return recipient[len(PREFIX):]
        with self.db.session() as s:
            userid = s.scalar(select(WeComMember.userid).where(WeComMember.phone == recipient))
        if userid is None:
            raise SendError("wecom: no member linked to this number", permanent=True)
        return userid


def _fit(text: str) -> str:
    data = (text or "…").encode("utf-8")
    return text if len(data) <= MAX_TEXT_BYTES else data[:MAX_TEXT_BYTES - 3].decode("utf-8", "ignore") + "…"
