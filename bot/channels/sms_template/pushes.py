"""What template-SMS providers push back: replies (上行) and delivery receipts, the same shape for each.

Neither Aliyun nor Tencent signs its pushes, so each URL carries a secret (`?token=`) compared in constant
time. A body is JSON (one object or an array); a push may come twice: a reply is stored in the inbox
(unique per channel and external id, so a repeat is one message) before the answer, and a receipt marks
its message delivered or failed (marking it again changes nothing). Each provider says how to read its
items and how to answer (`Provider`)."""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from bot.messaging.ports import Inbound, Receiver

MAX_BODY_BYTES = 256 * 1024


@dataclass(frozen=True)
class Provider:
    name: str
    reply_path: str
    report_path: str
    # The provider's answer body for a status code (0 = accepted) and a message.
    answer: Callable[[int, str], dict[str, Any]]
    # A reply item as the inbox stores it, or None for what is not one.
    reply: Callable[[dict[str, Any]], Inbound | None]
    # A receipt item → (provider message id, "delivered" / "failed"), or None.
    receipt: Callable[[dict[str, Any]], tuple[str, str] | None]


def router(provider: Provider, token: str, intake: Receiver,
           record_delivery: Callable[[str, str], bool]) -> APIRouter:
    api = APIRouter(tags=[provider.name])
    secret = token.encode()

    def refuse(code: int, message: str) -> JSONResponse:
        return JSONResponse(provider.answer(code, message), status_code=code)

    async def items(request: Request) -> list[dict[str, Any]] | Response:
        given = request.query_params.get("token", "").encode()
        if not secret or not hmac.compare_digest(given, secret):
            return refuse(403, "forbidden")
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return refuse(413, "too large")
        try:
            data = json.loads(body)
        except ValueError:
            return refuse(400, "not JSON")
        return [item for item in (data if isinstance(data, list) else [data]) if isinstance(item, dict)]

    @api.post(provider.reply_path)
    async def reply(request: Request) -> Response:
        found = await items(request)
        if isinstance(found, Response):
            return found
        for item in found:
            inbound = provider.reply(item)
            if inbound is not None:
                await intake.store(inbound)
        return JSONResponse(provider.answer(0, "OK"))

    @api.post(provider.report_path)
    async def report(request: Request) -> Response:
        found = await items(request)
        if isinstance(found, Response):
            return found
        for item in found:
            receipt = provider.receipt(item)
            if receipt is not None:
                await asyncio.to_thread(record_delivery, *receipt)
        return JSONResponse(provider.answer(0, "OK"))

    return api
