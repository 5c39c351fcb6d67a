"""Aliyun's HTTP pushes: delivery receipts (SmsReport) and replies (SmsUp, 上行).

Aliyun signs neither, so each URL carries a secret (`?token=`, ALIYUN_SMS_CALLBACK_TOKEN) compared in
constant time. Both come as a JSON array, may come twice, and want `{"code": 0}` within about 700 ms:
a reply is stored in the inbox (unique per channel and external id, so a repeat is one message) before
the answer; a receipt marks its message delivered or undelivered (marking it again changes nothing).
A reply reads like any SMS: the dialogue takes "1" after a vote notice as a ballot.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from bot.channels.aliyun_sms.channel import CHANNEL
from bot.common.phones import InvalidPhone, to_e164
from bot.messaging.ports import Inbound, Receiver

log = logging.getLogger(__name__)
REPORT_PATH = "/channels/aliyun_sms/report"
REPLY_PATH = "/channels/aliyun_sms/reply"
MAX_BODY_BYTES = 256 * 1024
OK = {"code": 0, "msg": "成功"}


def reply_inbound(item: dict[str, Any]) -> Inbound | None:
    """A reply as the inbox stores it, from +86 numbers; None for what is not one."""
    try:
        sender = to_e164(str(item.get("phone_number") or ""), "CN")
    except InvalidPhone:
        return None
    content = str(item.get("content") or "")
    sequence = str(item.get("sequence_id") or "")
    key = sequence or hashlib.sha256(f"{sender}\n{item.get('send_time')}\n{content}".encode()).hexdigest()[:40]
    return Inbound(CHANNEL, f"up:{key}", sender, text=content,
                   payload={"dest_code": str(item.get("dest_code") or "")[:20]})


def router(token: str, intake: Receiver, record_delivery: Callable[[str, str], bool]) -> APIRouter:
    api = APIRouter(tags=["aliyun_sms"])
    secret = token.encode()

    async def items(request: Request) -> list[dict[str, Any]] | Response:
        given = request.query_params.get("token", "").encode()
        if not secret or not hmac.compare_digest(given, secret):
            return JSONResponse({"code": 403, "msg": "forbidden"}, status_code=403)
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return JSONResponse({"code": 413, "msg": "too large"}, status_code=413)
        try:
            data = json.loads(body)
        except ValueError:
            return JSONResponse({"code": 400, "msg": "not JSON"}, status_code=400)
        listed = data if isinstance(data, list) else [data]
        return [item for item in listed if isinstance(item, dict)]

    @api.post(REPLY_PATH)
    async def reply(request: Request) -> Response:
        found = await items(request)
        if isinstance(found, Response):
            return found
        for item in found:
            inbound = reply_inbound(item)
            if inbound is not None:
                await intake.store(inbound)
        return JSONResponse(OK)

    @api.post(REPORT_PATH)
    async def report(request: Request) -> Response:
        found = await items(request)
        if isinstance(found, Response):
            return found
        for item in found:
            biz_id = str(item.get("biz_id") or "")
            if biz_id:
                delivered = str(item.get("success")).lower() in ("true", "1")
                await asyncio.to_thread(record_delivery, biz_id, "delivered" if delivered else "failed")
        return JSONResponse(OK)

    return api
