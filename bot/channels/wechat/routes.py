"""The Official Account's server URL: WeChat's check (GET, echostr back) and its messages (POST).

A message is stored before `success` goes back (WeChat waits 5 s and tries three times; the repeat is
the same inbox row), then answered later through the customer-service API by the outbox, never in the
HTTP answer: a passive reply would be lost whenever storing took longer than WeChat waits. Plain mode
(only `signature`) and safe mode (`encrypt_type=aes`, `msg_signature`, AES with the EncodingAESKey);
an account configured with a key refuses plain messages. What is refused: `callback.Refused`.
"""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from wechatpy.crypto import WeChatCrypto

from bot.channels.wechat.callback import MAX_BODY_BYTES, Query, Refused, open_body, to_inbound, verify_url
from bot.common.clock import Clock
from bot.messaging.ports import Receiver

log = logging.getLogger(__name__)
PATH = "/channels/wechat"
SUCCESS = "success"


def router(token: str, aes_key: str, appid: str, intake: Receiver, clock: Clock) -> APIRouter:
    api = APIRouter(tags=["wechat"])
    crypto = WeChatCrypto(token, aes_key, appid) if aes_key else None

    @api.get(PATH, response_class=PlainTextResponse)
    async def check(request: Request) -> Response:
        try:
            echo = verify_url(token, Query.of(request.query_params), clock.now())
        except Refused as exc:
            log.warning("wechat URL check refused (%s)", exc)
            return PlainTextResponse("forbidden", status_code=exc.status)
        return PlainTextResponse(echo)

    @api.post(PATH, response_class=PlainTextResponse)
    async def message(request: Request) -> Response:
        try:
            body = await read_body(request, MAX_BODY_BYTES)
            xml = open_body(token, crypto, Query.of(request.query_params), body, clock.now())
            inbound = to_inbound(xml)
        except Refused as exc:
            log.warning("wechat callback refused (%s)", exc)
            return PlainTextResponse("forbidden" if exc.status == 403 else "bad request", status_code=exc.status)
        if inbound is not None:
            await intake.store(inbound)
        return PlainTextResponse(SUCCESS)

    return api


async def read_body(request: Request, limit: int) -> bytes:
    """The request's body, or Refused (413) as soon as it passes `limit` (nothing more is read)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Refused(f"body over {limit} bytes", status=413)
        chunks.append(chunk)
    return b"".join(chunks)
