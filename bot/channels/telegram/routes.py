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
from fastapi.responses import PlainTextResponse
from telegram import Bot

from bot.channels.telegram.updates import MAX_UPDATE_BYTES, NotAnUpdate, UpdateShape, decode_update, store_update
from bot.messaging.ports import Receiver

log = logging.getLogger(__name__)
PATH = "/channels/telegram"


def inlined(schema: dict[str, Any]) -> dict[str, Any]:
    """A pydantic JSON schema with its `$defs` references replaced by the definitions (OpenAPI's
    `openapi_extra` has no place for `$defs`)."""
    definitions = schema.get("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return resolve(definitions[node["$ref"].rsplit("/", 1)[-1]])
            return {key: resolve(value) for key, value in node.items() if key != "$defs"}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    return resolve(schema)


TEXT = {"text/plain": {"schema": {"type": "string"}}}
WEBHOOK_OPENAPI = {
    "parameters": [{"name": "X-Telegram-Bot-Api-Secret-Token", "in": "header", "required": True,
                    "schema": {"type": "string"}, "description": "TELEGRAM_WEBHOOK_SECRET, as given to setWebhook"}],
    "requestBody": {"required": True, "description": "a Telegram Update; only the fields gridbot reads are shown and "
                                                     "checked, the rest may be anything",
                    "content": {"application/json": {"schema": inlined(UpdateShape.model_json_schema())}}},
}
WEBHOOK_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "stored, or ignored for good (a kind gridbot does not use, a shape it cannot)"},
    400: {"description": "not an update: not JSON, not an object, no update_id, nested too deep", "content": TEXT},
    403: {"description": "no valid X-Telegram-Bot-Api-Secret-Token", "content": TEXT},
    413: {"description": f"a body over {MAX_UPDATE_BYTES} bytes", "content": TEXT},
}


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

    @api.post(PATH, response_class=Response, responses=WEBHOOK_RESPONSES, openapi_extra=WEBHOOK_OPENAPI)
    async def webhook(request: Request) -> Response:
        given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "").encode()
        if not secret or not hmac.compare_digest(given, secret):
            return PlainTextResponse("forbidden", status_code=403)
        try:
            update = decode_update(await read_body(request))
        except NotAnUpdate as exc:
            log.warning("telegram webhook: a request refused (%s)", exc)
            return PlainTextResponse("bad update", status_code=exc.status)
        _id, created = await store_update(intake, update)
        if created:
            task = asyncio.create_task(answer_callback(bot, update))
            pending.add(task)
            task.add_done_callback(pending.discard)
        return Response(status_code=200)

    return api
