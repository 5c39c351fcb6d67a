"""Twilio's webhooks: inbound SMS/MMS and delivery status callbacks.

Every request is checked with twilio's RequestValidator against the configured public URL
(never `request.url`, which is wrong behind a proxy) over every parameter received, stored,
then answered with an empty TwiML `<Response/>`: replies go out later through the outbox.

Both are plain Starlette routes reading the urlencoded body with `parse_qsl`: the webhook must
answer fast, and FastAPI's request handling and Starlette's form parser cost more CPU per request
than the signature check (docs/benchmarks.md).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response
from twilio.request_validator import RequestValidator

from bot.common.clock import Clock
from bot.common.phones import InvalidPhone, to_e164
from bot.common.settings import Settings
from bot.messaging.ports import Inbound, Receiver
from bot.store.channel_models import DeliveryStatus
from bot.store.db import Database
from bot.store.types import storable

log = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response />'
SMS_PATH = "/channels/twilio/sms"
STATUS_PATH = "/channels/twilio/status"
MAX_MEDIA = 10
# Twilio's form is a few dozen fields; a body of 1600 Chinese characters is about 15 KB encoded.
MAX_FORM_BYTES = 64 * 1024
MAX_FORM_FIELDS = 200


class FormTooLarge(ValueError):
    pass


def public_url(base: str, request: Request) -> str:
    """The URL Twilio signed: the configured public base, this path and the query as received."""
    url = base.rstrip("/") + request.url.path
    query = request.url.query
    return f"{url}?{query}" if query else url


def form_params(body: bytes) -> dict[str, str]:
    """An `application/x-www-form-urlencoded` body as a dict (a repeated name keeps its last value,
    as Starlette's form did); bytes that are not UTF-8 become U+FFFD, so their signature fails.
    Raises FormTooLarge for more fields than Twilio ever sends."""
    try:
        return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True,
                              max_num_fields=MAX_FORM_FIELDS))
    except ValueError as exc:
        raise FormTooLarge(str(exc)) from exc


async def read_body(request: Request, limit: int = MAX_FORM_BYTES) -> bytes:
    """The request's body, or FormTooLarge as soon as it passes `limit` (nothing more is read)."""
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise FormTooLarge(f"body over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_sms(form: dict[str, str], region: str) -> Inbound:
    """An inbound SMS/MMS as the inbox stores it; media are listed for the download step."""
    sender = to_e164(form.get("From", ""), region)
    try:
        count = min(int(form.get("NumMedia") or 0), MAX_MEDIA)
    except ValueError:
        count = 0
    media = [{"url": form[f"MediaUrl{n}"], "content_type": form.get(f"MediaContentType{n}", "")}
             for n in range(count) if form.get(f"MediaUrl{n}")
             and form.get(f"MediaContentType{n}", "image/").startswith("image/")]
    payload: dict[str, Any] = {"media": media} if media else {}
    return Inbound(channel="sms", external_id=form["MessageSid"], sender=sender,
                   text=(form.get("Body") or "").strip(), payload=payload)


def router(settings: Settings, intake: Receiver, db: Database, clock: Clock,
           record_delivery: Callable[[str, str], bool]) -> APIRouter:
    """`record_delivery(sid, status)`: the outbox's note of a provider's later word on a message."""
    api = APIRouter(prefix="/channels/twilio", tags=["twilio"])
    validator = RequestValidator(settings.twilio_auth_token.get_secret_value())

    async def verified_form(request: Request) -> dict[str, str] | None:
        """Every parameter of the urlencoded body, if Twilio signed them; else None."""
        signature = request.headers.get("X-Twilio-Signature")
        if not signature or not settings.public_base_url:
            return None
        try:
            params = form_params(await read_body(request))
        except FormTooLarge:
            log.warning("twilio webhook: an oversized form refused")
            return None
        if not validator.validate(public_url(settings.public_base_url, request), params, signature):
            return None
        return params

    async def inbound_sms(request: Request) -> Response:
        form = await verified_form(request)
        if form is None:
            return Response("forbidden", status_code=403)
        if not form.get("MessageSid"):
            return Response(EMPTY_TWIML, media_type="application/xml")
        try:
            inbound = parse_sms(form, settings.default_region)
        except InvalidPhone:
            log.warning("sms %s from an unusable number; ignored", form.get("MessageSid"))
            return Response(EMPTY_TWIML, media_type="application/xml")
        await intake.store(inbound)
        return Response(EMPTY_TWIML, media_type="application/xml")

    async def status(request: Request) -> Response:
        form = await verified_form(request)
        if form is None:
            return Response("forbidden", status_code=403)
        sid, state = form.get("MessageSid") or form.get("SmsSid"), form.get("MessageStatus") or form.get("SmsStatus")
        if sid and state:
            sid, state, error_code = storable(sid), storable(state), storable(form.get("ErrorCode") or "")
            await asyncio.to_thread(_record_status, db, clock, sid, state, error_code)
            await asyncio.to_thread(record_delivery, sid, state)
        return Response(status_code=204)

    api.add_route(SMS_PATH, inbound_sms, methods=["POST"])
    api.add_route(STATUS_PATH, status, methods=["POST"])
    return api


def _record_status(db: Database, clock: Clock, sid: str, state: str, error_code: str | None) -> None:
    with db.session() as s:
        s.add(DeliveryStatus(channel="sms", provider_id=sid[:128], status=state[:32],
                             error_code=(error_code or None) and error_code[:16], received_at=clock.now()))
