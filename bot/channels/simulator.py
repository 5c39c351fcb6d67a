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
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field, field_validator

from bot.common.modes import is_loopback
from bot.common.phones import InvalidPhone, to_e164
from bot.common.settings import Settings
from bot.messaging.ports import Channel, Inbound, Receiver
from bot.store.message_models import OutboxMessage
from bot.store.photos import ACCEPTED, PhotoStore, image_type

MAX_PHOTO_BYTES = 5 * 1024 * 1024


class SimulatorChannel(Channel):
    name = "simulator"

    async def send(self, recipient: str, text: str, payload: dict[str, Any]) -> str | None:
        return f"sim-{uuid.uuid4().hex[:12]}"


class SimulatorMessage(BaseModel):
    sender: str = Field(alias="from", min_length=3, max_length=32)
    text: str = Field(default="", max_length=2000)
    lat: float | None = Field(default=None, ge=-90, le=90, allow_inf_nan=False)
    lon: float | None = Field(default=None, ge=-180, le=180, allow_inf_nan=False)
    photo: str | None = None
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

    async def simulator_number(raw: str) -> str:
        try:
            number = to_e164(raw, settings.default_region)
        except InvalidPhone as exc:
            raise HTTPException(status_code=422, detail=str(exc)) from exc
        if await asyncio.to_thread(channel_elsewhere, number) is not None:
            raise HTTPException(status_code=403, detail="this number is a real person's on another channel")
        return number

    @api.post("")
    async def receive(message: SimulatorMessage) -> JSONResponse:
        sender = await simulator_number(message.sender)
        if not message.text.strip() and message.photo is None and message.lat is None:
            raise HTTPException(status_code=422, detail="send text, a photo or a location")
        payload: dict[str, Any] = {}
        if message.lat is not None and message.lon is not None:
            payload["lat"], payload["lon"] = message.lat, message.lon
        if message.photo is not None:
            payload["photos"] = [await asyncio.to_thread(photos.save, base64.b64decode(message.photo))]
        external_id = f"{sender}:{message.id}" if message.id is not None else uuid.uuid4().hex
        inbound = Inbound(channel="simulator", external_id=external_id, sender=sender, text=message.text.strip(),
                          payload=payload)
        message_id, _created = await intake.store(inbound)
        if message_id is None:  # kept in the spool while the database is down: no id to wait on yet
            return JSONResponse({"message_id": None, "status": "pending", "replies": []}, status_code=202)
        replies = await wait_for_replies(message_id, settings.simulator_wait_seconds)
        if replies is None:
            return JSONResponse({"message_id": message_id, "status": "pending", "replies": []}, status_code=202)
        return JSONResponse({"message_id": message_id, "status": "done", "replies": replies})

    if settings.gridbot_env == "development":
        @api.get("/outbox")
        async def outbox(to: str) -> list[dict[str, Any]]:
            recipient = await simulator_number(to)
            rows = await asyncio.to_thread(sent_to, recipient, "simulator")
            return [{"id": r.id, "kind": r.kind, "text": r.text, "status": r.status,
                     "created_at": r.created_at.isoformat()} for r in rows]

    @api.get("/identities")
    async def demo_identities() -> list[dict[str, str]]:
        return await asyncio.to_thread(identities)

    return api
