"""Sending Telegram messages with PTB's Bot: inline keyboards from Rasa buttons (callback_data
≤ 64 bytes: the payload itself when short, else `c:<id>` of a stored choice) and the
registration keyboard (share phone, share location)."""

from __future__ import annotations

import asyncio
from typing import Any

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.messaging.ports import Channel, SendError
from bot.store.channel_models import ButtonChoice
from bot.store.db import Database

CALLBACK_LIMIT = 64
Markup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove
SHARE_PHONE = "📱 分享手机号"
SHARE_LOCATION = "📍 发送位置"


def chat_id_of(recipient: str) -> int:
    if not recipient.startswith("tg:"):
        raise SendError(f"not a Telegram address: {recipient[:8]}…", permanent=True)
    return int(recipient[3:])


class TelegramChannel(Channel):
    name = "telegram"

    def __init__(self, bot: Bot, db: Database) -> None:
        self.bot = bot
        self.db = db
        self._ready = False

    async def send(self, recipient: str, text: str, payload: dict[str, Any]) -> str | None:
        chat_id = chat_id_of(recipient)
        markup = await self._markup(payload)
        try:
            if not self._ready:  # getMe once, lazily, so a start-up without network still works
                await self.bot.initialize()
                self._ready = True
            message = await self.bot.send_message(chat_id=chat_id, text=text or "…", reply_markup=markup)
        except RetryAfter as exc:
            raise SendError(f"telegram flood control: retry after {exc.retry_after}", permanent=False) from exc
        except (Forbidden, BadRequest) as exc:  # blocked by the user, chat gone, malformed
            raise SendError(f"telegram refused: {type(exc).__name__}", permanent=True) from exc
        except (NetworkError, TelegramError) as exc:
            raise SendError(f"telegram unreachable: {type(exc).__name__}", permanent=False) from exc
        return str(message.message_id)

    async def _markup(self, payload: dict[str, Any]) -> Markup | None:
        custom = payload.get("custom") or {}
        if custom.get("telegram_keyboard") == "register":
            return ReplyKeyboardMarkup([[KeyboardButton(SHARE_PHONE, request_contact=True)],
                                        [KeyboardButton(SHARE_LOCATION, request_location=True)]],
                                       resize_keyboard=True, one_time_keyboard=True)
        if custom.get("telegram_keyboard") == "remove":
            return ReplyKeyboardRemove()
        buttons = payload.get("buttons") or []
        if not buttons:
            return None
        rows = []
        for button in buttons:
            data = await asyncio.to_thread(self._callback_data, str(button.get("payload") or button.get("title")))
            rows.append([InlineKeyboardButton(str(button.get("title") or button.get("payload"))[:64],
                                              callback_data=data)])
        return InlineKeyboardMarkup(rows)

    def _callback_data(self, payload: str) -> str:
        if len(payload.encode("utf-8")) <= CALLBACK_LIMIT and not payload.startswith("c:"):
            return payload
        with self.db.session() as s:
            choice = ButtonChoice(payload=payload)
            s.add(choice)
            s.flush()
            return f"c:{choice.id}"

    async def aclose(self) -> None:
        if self._ready:
            await self.bot.shutdown()


def make_bot(token: str, *, api_base_url: str, file_base_url: str) -> Bot:
    """PTB's Bot for a token, whose token is kept out of every log line from now on."""
    from bot.channels.telegram.redact import redact_token_in_logs

    redact_token_in_logs(token)
    return Bot(token, base_url=api_base_url, base_file_url=file_base_url)
