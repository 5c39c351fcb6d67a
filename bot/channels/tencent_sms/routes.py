"""Tencent Cloud SMS's pushes: replies (上行, one JSON object) and delivery receipts (a JSON array),
behind a URL secret (`?token=`, compared in constant time; Tencent signs neither). Each may come twice:
a reply is one inbox message (keyed on number, time and text), a receipt marks its message again
harmlessly. Both are answered `{"result": 0, "errmsg": "OK"}` at once."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from bot.channels.tencent_sms.channel import CHANNEL
from bot.common.phones import InvalidPhone, to_e164
from bot.messaging.ports import Inbound, Receiver

REPLY_PATH = "/channels/tencent_sms/reply"
REPORT_PATH = "/channels/tencent_sms/report"
MAX_BODY_BYTES = 256 * 1024
OK = {"result": 0, "errmsg": "OK"}


def reply_inbound(item: dict[str, Any]) -> Inbound | None:
    try:
        sender = to_e164(f"+{item.get('nationcode') or '86'}{item.get('mobile') or ''}", "CN")
    except InvalidPhone:
        return None
    text = str(item.get("text") or "")
    key = hashlib.sha256(f"{sender}\n{item.get('time')}\n{text}".encode()).hexdigest()[:40]
    return Inbound(CHANNEL, f"up:{key}", sender, text=text, payload={"extend": str(item.get("extend") or "")[:20]})


def router(token: str, intake: Receiver, record_delivery: Callable[[str, str], bool]) -> APIRouter:
    api = APIRouter(tags=["tencent_sms"])
    secret = token.encode()

    async def read(request: Request) -> Any:
        given = request.query_params.get("token", "").encode()
        if not secret or not hmac.compare_digest(given, secret):
            return JSONResponse({"result": 403, "errmsg": "forbidden"}, status_code=403)
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return JSONResponse({"result": 413, "errmsg": "too large"}, status_code=413)
        try:
            return json.loads(body)
        except ValueError:
            return JSONResponse({"result": 400, "errmsg": "not JSON"}, status_code=400)

    @api.post(REPLY_PATH)
    async def reply(request: Request) -> Response:
        data = await read(request)
        if isinstance(data, Response):
            return data
        for item in data if isinstance(data, list) else [data]:
            inbound = reply_inbound(item) if isinstance(item, dict) else None
            if inbound is not None:
                await intake.store(inbound)
        return JSONResponse(OK)

    @api.post(REPORT_PATH)
    async def report(request: Request) -> Response:
        data = await read(request)
        if isinstance(data, Response):
            return data
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and item.get("sid"):
                status = "delivered" if item.get("report_status") == "SUCCESS" else "failed"
                await asyncio.to_thread(record_delivery, str(item["sid"]), status)
        return JSONResponse(OK)

    return api
