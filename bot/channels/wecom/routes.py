"""The WeCom app's callback URL: the URL check (GET, within WeCom's second: nothing but a signature check
and a decryption) and members' messages (POST), stored before `success`."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse
from wechatpy.enterprise.crypto import WeChatCrypto

from bot.channels.wechat.callback import Query, Refused
from bot.channels.wechat.routes import SUCCESS, read_body
from bot.channels.wecom.callback import MAX_BODY_BYTES, open_body, to_inbound, verify_url
from bot.common.clock import Clock
from bot.messaging.ports import Receiver

log = logging.getLogger(__name__)
PATH = "/channels/wecom"


def router(token: str, aes_key: str, corp_id: str, intake: Receiver, clock: Clock) -> APIRouter:
    api = APIRouter(tags=["wecom"])
    crypto = WeChatCrypto(token, aes_key, corp_id)

    @api.get(PATH, response_class=PlainTextResponse)
    async def check(request: Request) -> Response:
        try:
            echo = verify_url(crypto, token, Query.of(request.query_params), clock.now())
        except Refused as exc:
            log.warning("wecom URL check refused (%s)", exc)
            return PlainTextResponse("forbidden", status_code=exc.status)
        return PlainTextResponse(echo)

    @api.post(PATH, response_class=PlainTextResponse)
    async def message(request: Request) -> Response:
        try:
            body = await read_body(request, MAX_BODY_BYTES)
            inbound = to_inbound(open_body(crypto, token, Query.of(request.query_params), body, clock.now()))
        except Refused as exc:
            log.warning("wecom callback refused (%s)", exc)
            return PlainTextResponse("forbidden" if exc.status == 403 else "bad request", status_code=exc.status)
        if inbound is not None:
            await intake.store(inbound)
        return PlainTextResponse(SUCCESS)

    return api
