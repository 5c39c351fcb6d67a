"""Telegram's webhook: the secret header is compared in constant time, the body is read up to
MAX_UPDATE_BYTES and checked before it is parsed, the update is stored before the 200 goes back
(PTB's stock handlers answer first: not used for that reason), a pressed button is answered at
once. What is refused (4xx) and what is ignored (200): `updates`."""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any

from fastapi import APIRouter, Request, Response
from telegram import Bot

from bot.channels.telegram.updates import MAX_UPDATE_BYTES, NotAnUpdate, decode_update, store_update
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


async def read_body(request: Request, limit: int = MAX_UPDATE_BYTES) -> bytes:
    """The request's body, or NotAnUpdate (413) as soon as it passes `limit` (nothing more is read)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise NotAnUpdate(f"body over {limit} bytes", status=413)
        chunks.append(chunk)
    return b"".join(chunks)


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
            update = decode_update(await read_body(request))
        except NotAnUpdate as exc:
            log.warning("telegram webhook: a request refused (%s)", exc)
            return Response("bad update", status_code=exc.status)
        _id, created = await store_update(intake, update)
        if created:
            task = asyncio.create_task(answer_callback(bot, update))
            pending.add(task)
            task.add_done_callback(pending.discard)
        return Response(status_code=200)

    return api
