"""Sending SMS with twilio's REST client, and fetching MMS media with the account's credentials."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import aiohttp
import httpx
from sqlalchemy import select
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.rest import Client

from bot.channels.twilio.http import AiohttpClient
from bot.messaging.ports import Channel, Claimed, PermanentStepError, Replies, SendError, with_note, with_payload
from bot.store.channel_models import InboundMedia
from bot.store.db import Database
from bot.store.photos import PhotoStore, image_type

log = logging.getLogger(__name__)

# Twilio error codes that no retry will fix: invalid/unreachable number, unsubscribed recipient, blocked.
PERMANENT_CODES = {21211, 21212, 21214, 21408, 21606, 21610, 21612, 21614, 30004, 30005, 30006, 30007}
# Looking for a message sent before a crash: the newest messages to the number, from a little before
# the outbox row was created (Twilio's clock and ours differ; its timestamps have whole seconds).
# What an unreachable or silent Twilio raises: connection errors, timeouts.
UNREACHABLE = (TwilioException, aiohttp.ClientError, OSError)
FIND_SENT_LIMIT = 20
FIND_SENT_SLACK = timedelta(minutes=10)
NOT_AN_IMAGE = "彩信附件不是图片，未保存。请发JPG、PNG、GIF或WEBP照片。"
# An MMS whose media could not be used and which has no text: parked, and its sender hears this.
PHOTO_NOT_RECEIVED = "照片没能收到，请重新发送。"


class TwilioChannel(Channel):
    name = "sms"

    def __init__(self, account_sid: str, auth_token: str, from_number: str, *, status_callback: str | None,
                 api_base_url: str = "https://api.twilio.com", timeout: float = 10.0) -> None:
        self.from_number = from_number
        self.status_callback = status_callback
        self._http = AiohttpClient(api_base_url, timeout)
        self.client = Client(account_sid, auth_token, http_client=self._http)
        # Every REST call goes through the `api` domain; a test points it at a fake server.
        self.client.api.base_url = api_base_url.rstrip("/")

    async def send(self, recipient: str, text: str, payload: dict[str, Any]) -> str | None:
        kwargs: dict[str, Any] = {"to": recipient, "from_": self.from_number, "body": text}
        if self.status_callback:
            kwargs["status_callback"] = self.status_callback
        try:
            message = await self.client.messages.create_async(**kwargs)
        except TwilioRestException as exc:
            permanent = exc.code in PERMANENT_CODES or (400 <= exc.status < 500 and exc.status != 429)
            raise SendError(f"twilio {exc.status} code {exc.code}", permanent=permanent) from exc
        except UNREACHABLE as exc:
            raise _unreachable(exc) from exc
        return message.sid

    async def find_sent(self, recipient: str, text: str, since: datetime) -> str | None:
        """Twilio lists the messages sent to a number, newest first. The same text never goes to a
        number twice in a day (the SMS policy), so a match is the message in doubt."""
        try:
            recent = await self.client.messages.list_async(to=recipient, from_=self.from_number,
                                                           limit=FIND_SENT_LIMIT)
        except TwilioRestException as exc:
            raise SendError(f"twilio lookup {exc.status} code {exc.code}", permanent=False) from exc
        except UNREACHABLE as exc:
            raise _unreachable(exc) from exc
        for message in recent:
            created = message.date_created
            if message.body == text and (created is None or created >= since - FIND_SENT_SLACK):
                return message.sid
        return None

    async def aclose(self) -> None:
        await self._http.aclose()


def _unreachable(exc: Exception) -> SendError:
    return SendError(f"twilio unreachable: {type(exc).__name__}", permanent=False)


class TwilioMedia:
    """Inbound step: download the MMS media a message listed (NumMedia/MediaUrlN) and keep the images
    as photos. Media already stored (a retried message) is not fetched again. An item that can never
    be used (too large, refused with a 4xx, no URL, not an image by its bytes whatever type it
    declared) is skipped and the report goes on, the sender told of a non-image; a message left with
    neither text nor a photo is parked, and its sender asked to send it again."""

    def __init__(self, db: Database, photos: PhotoStore, account_sid: str, auth_token: str, *,
                 max_bytes: int, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.db = db
        self.photos = photos
        self.max_bytes = max_bytes
        self._http = httpx.AsyncClient(auth=(account_sid, auth_token), follow_redirects=True, timeout=20,
                                       transport=transport)

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        media = message.payload.get("media") or []
        if not media:
            return message
        photos: list[str] = list(message.payload.get("photos") or [])
        skipped = not_images = 0
        for item in media:
            url = str(item.get("url") or "")
            key = urlsplit(url).path
            photo_id = await asyncio.to_thread(self._known, key) if key else None
            if photo_id is None:
                fetched = await self._download(url)
                if fetched is None:
                    skipped += 1
                    continue
                photo_id = await asyncio.to_thread(self._keep, message.id, key, fetched)
                if photo_id is None:
                    skipped, not_images = skipped + 1, not_images + 1
                    continue
            if photo_id not in photos:
                photos.append(photo_id)
        if not photos and not message.text.strip():
            raise PermanentStepError(f"MMS: none of its {len(media)} media usable",
                                     reply=NOT_AN_IMAGE if not_images else PHOTO_NOT_RECEIVED)
        rest = {k: v for k, v in message.payload.items() if k != "media"}
        changed = replace(message, payload={**rest, "photos": photos})
        changed = with_payload(changed, media_skipped=skipped) if skipped else changed
        return with_note(changed, NOT_AN_IMAGE) if not_images else changed

    async def _download(self, url: str) -> bytes | None:
        """The media's bytes, or None when it can never be used (what they are is told by the bytes,
        not by the declared type). A provider that fails (5xx, unreachable) raises: the message is
        tried again later."""
        try:
            async with self._http.stream("GET", url) as response:
                if response.status_code >= 500:
                    raise SendError(f"media fetch answered {response.status_code}", permanent=False)
                if response.status_code != 200:
                    log.warning("MMS media fetch answered %s; skipping it", response.status_code)
                    return None
                return await self._bytes(response)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol, httpx.TooManyRedirects) as exc:
            log.warning("MMS media URL unusable (%s); skipping it", type(exc).__name__)
            return None

    async def _bytes(self, response: httpx.Response) -> bytes | None:
        """The body, or None when it is over the limit (declared or read)."""
        if int(response.headers.get("content-length") or 0) > self.max_bytes:
            return None
        chunks, size = [], 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                return None
            chunks.append(chunk)
        return b"".join(chunks)

    def _known(self, key: str) -> str | None:
        with self.db.session() as s:
            return s.scalar(select(InboundMedia.photo_id).where(InboundMedia.channel == "sms",
                                                                InboundMedia.source_key == key))

    def _keep(self, inbox_id: int, key: str, data: bytes) -> str | None:
        """The photo's id, with the type its bytes show; None for what is not an image."""
        content_type = image_type(data)
        if content_type is None:
            return None
        photo_id = self.photos.save(data)
        with self.db.session() as s:
            s.add(InboundMedia(inbox_message_id=inbox_id, channel="sms", source_key=key, photo_id=photo_id,
                               content_type=content_type, size=len(data)))
        return photo_id

    async def aclose(self) -> None:
        await self._http.aclose()
