"""Telegram's webhook: the secret header is compared in constant time, the update is stored
before the 200 goes back (PTB's stock handlers answer first: not used for that reason), a
pressed button is answered at once."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from typing import Any

from fastapi import APIRouter, Request, Response
from telegram import Bot

from bot.channels.telegram.updates import store_update
from bot.messaging.ports import Receiver

log = logging.getLogger(__name__)
PATH = "/channels/telegram"


async def answer_callback(bot: Bot, update: dict[str, Any]) -> None:
    """Every pressed button gets an answer (Telegram shows a spinner until then)."""
    callback = update.get("callback_query")
    if not callback:
        return
    try:
        await bot.answer_callback_query(callback["id"])
    except Exception as exc:  # an expired query is harmless; the message itself is stored
        log.info("callback %s not answered: %s", callback.get("id"), type(exc).__name__)


def router(webhook_secret: str, intake: Receiver, bot: Bot) -> APIRouter:
    api = APIRouter(tags=["telegram"])
    secret = webhook_secret.encode()
    pending: set[asyncio.Task[None]] = set()

    @api.post(PATH)
    async def webhook(request: Request) -> Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "").encode()
        if not secret or not hmac.compare_digest(given, secret):
            return Response("forbidden", status_code=403)
        try:
            update = json.loads(await request.body())
        except ValueError:
            return Response("bad update", status_code=400)
        if not isinstance(update, dict):
            return Response("bad update", status_code=400)
        _id, created = await store_update(intake, update)
        if created:
            task = asyncio.create_task(answer_callback(bot, update))
            pending.add(task)
            task.add_done_callback(pending.discard)
        return Response(status_code=200)

    return api
