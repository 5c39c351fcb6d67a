"""The local simulator channel: a person chats from the web page or a script as a simulator identity.

Inbound: `POST /channels/simulator` {"from", "text", "lat", "lon", "photo", "id"} → the replies once
processed (or 202 if still pending after the wait; 202 with no id at once while the database is down
and the message waits in the gateway's spool: the replies come to the outbox later, as for any 202).
Outbound: delivery is recording; the page and scripts read `GET /channels/simulator/outbox?to=...`
(development only).

It is not a backdoor: it answers this machine (loopback) in development, and otherwise only a
request with `Authorization: Bearer SIMULATOR_TOKEN`; it never writes as, or reads for, a number
that is someone's on another channel (SMS, Telegram); a client id is scoped to its sender.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import uuid
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator

from bot.common.modes import is_loopback
from bot.common.phones import InvalidPhone, to_e164
from bot.common.settings import Settings
from bot.messaging.ports import Channel, Inbound, Receiver
from bot.store.message_models import OutboxMessage
from bot.store.photos import ACCEPTED, PhotoStore, image_type

MAX_PHOTO_BYTES = 5 * 1024 * 1024
ONE_PIXEL_PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="


class SimulatorChannel(Channel):
    name = "simulator"

    async def send(self, recipient: str, text: str, payload: dict[str, Any]) -> str | None:
        return f"sim-{uuid.uuid4().hex[:12]}"


class SimulatorMessage(BaseModel):
    sender: str = Field(alias="from", min_length=3, max_length=32, description="a phone number, read in DEFAULT_REGION",
                        examples=["+8613900000001", "13900000001", "+8613999999999"])
    text: str = Field(default="", max_length=2000)
    lat: float | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    lon: float | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False)
    photo: str | None = Field(default=None, description=f"base64 of a {ACCEPTED} image, at most 5 MB",
                              examples=[ONE_PIXEL_PNG])
    id: str | None = Field(default=None, max_length=100, description="optional client id for dedupe, per sender")

    @field_validator("photo")
    @classmethod
    def _photo_is_base64(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("photo must be base64") from exc
        if len(raw) > MAX_PHOTO_BYTES:
            raise ValueError("photo is larger than 5 MB")
        if image_type(raw) is None:
            raise ValueError(f"photo must be a {ACCEPTED} image")
        return value


class SimulatorAnswer(BaseModel):
    message_id: int | None = Field(description="the inbox id; null while the message waits in the gateway's spool")
    status: Literal["done", "pending"]
    replies: list[str] = Field(description="the replies once the message is processed; empty while pending")


class OutboxEntry(BaseModel):
    id: int
    kind: str
    text: str
    status: str
    created_at: str = Field(description="ISO 8601, UTC")


class Identity(BaseModel):
    phone: str
    role: str
    name: str


class Refusal(BaseModel):
    detail: str


REFUSED: dict[int | str, dict[str, Any]] = {
    403: {"model": Refusal, "description": "not this machine and no token, or a number that is a real person's on "
                                           "another channel"}}
UNREADABLE: dict[int | str, dict[str, Any]] = {
    400: {"model": Refusal, "description": "a body that cannot be read as JSON at all (not UTF-8)"}}


def invalid(location: tuple[str, ...], message: str) -> RequestValidationError:
    """A 422 in the shape of the request's own validation errors (the gateway renders them)."""
    return RequestValidationError([{"loc": location, "msg": message, "type": "value_error"}])


def allowed_caller(settings: Settings) -> Callable[[Request], Awaitable[None]]:
    """A dependency: the simulator's token if one is set, else (development only) a loopback client."""
    token = settings.simulator_token.get_secret_value()
    expected = f"Bearer {token}".encode()

    async def check(request: Request) -> None:
        given = request.headers.get("Authorization", "").encode()
        if token and hmac.compare_digest(given, expected):
            return
        if settings.gridbot_env == "development" and is_loopback(request.client.host if request.client else None):
            return
        raise HTTPException(status_code=403, detail="the simulator answers only this machine, or its token")

    return check


def router(settings: Settings, intake: Receiver, photos: PhotoStore, *,
           wait_for_replies: Callable[[int, float], Awaitable[list[str] | None]],
           sent_to: Callable[[str, str], Sequence[OutboxMessage]],
           identities: Callable[[], list[dict[str, str]]],
           channel_elsewhere: Callable[[str], str | None]) -> APIRouter:
    """`wait_for_replies(id, seconds)`: the replies once processed, else None; `sent_to(number,
    channel)`: what was queued for a number; `identities()`: the demo people to chat as;
    `channel_elsewhere(number)`: the other channel (sms, telegram) the number is someone's on, if any."""
    api = APIRouter(prefix="/channels/simulator", tags=["simulator"], dependencies=[Depends(allowed_caller(settings))])

    async def simulator_number(raw: str, location: tuple[str, ...]) -> str:
        try:
            number = to_e164(raw, settings.default_region)
        except InvalidPhone as exc:
            raise invalid(location, str(exc)) from exc
        if await asyncio.to_thread(channel_elsewhere, number) is not None:
            raise HTTPException(status_code=403, detail="this number is a real person's on another channel")
        return number

    @api.post("", response_model=SimulatorAnswer,
              responses={**REFUSED, **UNREADABLE,
                         202: {"model": SimulatorAnswer, "description": "stored, not processed yet"}})
    async def receive(message: SimulatorMessage) -> SimulatorAnswer | JSONResponse:
        sender = await simulator_number(message.sender, ("body", "from"))
        if not message.text.strip() and message.photo is None and message.lat is None:
            raise invalid(("body",), "send text, a photo or a location")
        payload: dict[str, Any] = {}
        if message.lat is not None and message.lon is not None:
            payload["lat"], payload["lon"] = message.lat, message.lon
        if message.photo is not None:
            payload["photos"] = [await asyncio.to_thread(photos.save, base64.b64decode(message.photo))]
        external_id = f"{sender}:{message.id}" if message.id is not None else uuid.uuid4().hex
        inbound = Inbound(channel="simulator", external_id=external_id, sender=sender, text=message.text.strip(),
                          payload=payload)
        message_id, _created = await intake.store(inbound)
        # message_id None: kept in the spool while the database is down, no id to wait on yet
        replies = None if message_id is None else await wait_for_replies(message_id,
                                                                         settings.simulator_wait_seconds)
        if replies is None:
            pending = SimulatorAnswer(message_id=message_id, status="pending", replies=[])
            return JSONResponse(pending.model_dump(), status_code=202)
        return SimulatorAnswer(message_id=message_id, status="done", replies=replies)

    if settings.gridbot_env == "development":
        @api.get("/outbox", responses=REFUSED)
        async def outbox(to: Annotated[str, Query(description="a phone number, read in DEFAULT_REGION",
                                                  examples=["+8613900000001", "13900000001"])]) -> list[OutboxEntry]:
            recipient = await simulator_number(to, ("query", "to"))
            rows = await asyncio.to_thread(sent_to, recipient, "simulator")
            return [OutboxEntry(id=r.id, kind=r.kind, text=r.text, status=r.status,
                                created_at=r.created_at.isoformat()) for r in rows]

    @api.get("/identities", responses=REFUSED)
    async def demo_identities() -> list[Identity]:
        return [Identity(**identity) for identity in await asyncio.to_thread(identities)]

    return api
