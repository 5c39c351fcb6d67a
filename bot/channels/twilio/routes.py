"""Twilio's webhooks: inbound SMS/MMS and delivery status callbacks.

Every request is checked with twilio's RequestValidator against the configured public URL
(never `request.url`, which is wrong behind a proxy) over every parameter received, stored,
then answered with an empty TwiML `<Response/>`: replies go out later through the outbox.

Both are served as plain Starlette endpoints reading the urlencoded body with `parse_qsl`: the
webhook must answer fast, and FastAPI's request handling and Starlette's form parser cost more CPU
per request than the signature check (docs/benchmarks.md). They are declared as FastAPI routes
(`PlainRoute`) all the same, so the gateway's OpenAPI schema lists them with what they answer: FastAPI's
dispatch costs 5 to 8 µs a request more than a bare Starlette route (in-process, 2000 refused status
callbacks, min of 7 rounds: 82-86 against 77-78 µs), about 1% of an SMS stored.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from fastapi import APIRouter
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
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


class PlainRoute(APIRoute):
    """A route in the OpenAPI schema like any FastAPI route (its `responses`, `openapi_extra`) whose
    endpoint is served as Starlette serves one, `endpoint(request) -> Response`: no dependencies
    solved, no body parsed, no response validated."""

    def get_route_handler(self) -> Callable[[Request], Any]:
        return self.endpoint


FORBIDDEN = {403: {"description": "no valid X-Twilio-Signature over this URL and every parameter",
                   "content": {"text/plain": {"schema": {"type": "string"}}}}}
TWIML = {"description": "stored (or ignored: no MessageSid, an unusable number); replies go out later",
         "content": {"application/xml": {"schema": {"type": "string", "description": "an empty TwiML <Response/>"}}}}
SIGNATURE = {"name": "X-Twilio-Signature", "in": "header", "required": True, "schema": {"type": "string"},
             "description": "Twilio's HMAC-SHA1 over PUBLIC_BASE_URL + path and every parameter"}


def webhook_form(properties: dict[str, dict[str, Any]], required: list[str]) -> dict[str, Any]:
    """OpenAPI `openapi_extra` for a webhook: Twilio's urlencoded form (every value a string; Twilio
    adds fields over time, so others are allowed) and its signature header."""
    schema = {"type": "object", "required": required, "additionalProperties": {"type": "string"},
              "properties": {name: {"type": "string", **details} for name, details in properties.items()}}
    return {"parameters": [SIGNATURE],
            "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": schema}}}}


def field(description: str, *examples: str) -> dict[str, Any]:
    return {"description": description, **({"examples": list(examples)} if examples else {})}


SMS_FORM = webhook_form({
    "MessageSid": field("the message's id, the inbox's key", "SM0123456789abcdef0123456789abcdef"),
    "AccountSid": field("our account"), "From": field("the sender's number", "+8613900000001", "+15005550006"),
    "To": field("our number"), "Body": field("the text", "路灯坏了", "STOP"),
    "NumMedia": field("how many MediaUrlN follow", "0", "1"),
    "MediaUrl0": field("an MMS part, downloaded by the worker"), "MediaContentType0": field("", "image/jpeg"),
}, required=["MessageSid", "From"])
STATUS_FORM = webhook_form({
    "MessageSid": field("the id of a message we sent", "SM0123456789abcdef0123456789abcdef"),
    "MessageStatus": field("Twilio's word on it", "sent", "delivered", "failed"),
    "ErrorCode": field("Twilio's error code, if it failed", "30003"),
}, required=["MessageSid", "MessageStatus"])


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
    api = APIRouter(tags=["twilio"])
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
            return PlainTextResponse("forbidden", status_code=403)
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
            return PlainTextResponse("forbidden", status_code=403)
        sid, state = form.get("MessageSid") or form.get("SmsSid"), form.get("MessageStatus") or form.get("SmsStatus")
        if sid and state:
            sid, state, error_code = storable(sid), storable(state), storable(form.get("ErrorCode") or "")
            await asyncio.to_thread(_record_status, db, clock, sid, state, error_code)
            await asyncio.to_thread(record_delivery, sid, state)
        return Response(status_code=204)

    api.add_api_route(SMS_PATH, inbound_sms, methods=["POST"], route_class_override=PlainRoute,
                      response_class=Response, responses={200: TWIML, **FORBIDDEN}, openapi_extra=SMS_FORM)
    api.add_api_route(STATUS_PATH, status, methods=["POST"], route_class_override=PlainRoute, status_code=204,
                      response_class=Response, responses={204: {"description": "recorded"}, **FORBIDDEN},
                      openapi_extra=STATUS_FORM)
    return api


def _record_status(db: Database, clock: Clock, sid: str, state: str, error_code: str | None) -> None:
    with db.session() as s:
        s.add(DeliveryStatus(channel="sms", provider_id=sid[:128], status=state[:32],
                             error_code=(error_code or None) and error_code[:16], received_at=clock.now()))
