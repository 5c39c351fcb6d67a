"""Inbound steps for Telegram, before the engine: /start and the shared contact link a rider's
account; a shared location is kept for the report that follows (one that is no place on Earth is
dropped); the largest photo is downloaded (≤ 20 MB, once per file_unique_id; kept only if its bytes
are an image, else the sender is told and any caption goes on; one Telegram no longer has parks the
message); a pressed button becomes its payload.

A photo without a caption never goes to the engine: it joins the sender's report of the last half
hour if that ticket is still open, else it waits for the sender's next message with text, which
carries it (once; not after half an hour). What waits is read from the inbox itself: the sender's
captionless photo messages since their last message with text, and not on one of their tickets."""

from __future__ import annotations

import asyncio
import math
from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from telegram import Bot
from telegram.error import BadRequest

from bot.common.clock import Clock
from bot.common.phones import InvalidPhone, to_e164
from bot.core import registry, reports
from bot.messaging.ports import Claimed, PermanentStepError, Replies, with_note
from bot.store.channel_models import ButtonChoice, InboundMedia, TelegramLocation
from bot.store.db import Database
from bot.store.message_models import InboxMessage
from bot.store.photos import NotAnImage, PhotoStore, image_type

BOT_DOWNLOAD_LIMIT = 20 * 1024 * 1024
LOCATION_FRESH = timedelta(minutes=30)
PHOTO_FRESH = timedelta(minutes=30)  # a captionless photo joins a report this recent, or waits this long

WELCOME = "欢迎使用网格通！骑手请点下方「分享手机号」完成绑定；反映问题可直接发文字、照片和位置。"
LINKED = "绑定成功，{name}。发照片并附上位置即可上报问题。"
NOT_YOURS = "请分享您自己的手机号完成绑定。"
LOCATION_KEPT = "已收到位置。请发送照片或文字说明问题。"
PHOTO_TOO_LARGE = "照片太大（超过{mb}MB），请压缩后重发。"
NOT_A_PHOTO = "这个文件不是图片，未保存。请发JPG、PNG、GIF或WEBP照片。"
PHOTO_ADDED = "照片已补充到工单{number}，谢谢！"
PHOTO_KEPT = "已收到照片。请再发一句话说明是什么问题。"
PHOTO_NOT_RECEIVED = "照片没能收到，请重新发送。"
LOCATION_INVALID = "位置无效，请重新分享位置。"


class TelegramSteps:
    def __init__(self, bot: Bot, db: Database, photos: PhotoStore, clock: Clock, *, max_bytes: int,
                 region: str = "CN") -> None:
        self.bot = bot
        self.db = db
        self.photos = photos
        self.clock = clock
        self.max_bytes = min(max_bytes, BOT_DOWNLOAD_LIMIT)
        self.region = region

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        payload = dict(message.payload)
        if message.text.split(" ", 1)[0] == "/start":
            return [{"text": WELCOME, "custom": {"telegram_keyboard": "register"}}]
        if "contact" in payload:
            return await asyncio.to_thread(self._link, message.sender, payload["contact"])
        if "callback" in payload:
            text = await asyncio.to_thread(self._button_payload, payload.pop("callback")["data"])
            return replace(message, text=text, payload=payload)
        photo = payload.pop("telegram_photo", None)
        if ("lat" in payload or "lon" in payload) and not _is_place(payload.get("lat"), payload.get("lon")):
            # No place on Earth (NaN, out of range): dropped, and the rest of the message goes on.
            payload.pop("lat", None)
            payload.pop("lon", None)
            if photo is None and not message.text:
                return [{"text": LOCATION_INVALID}]
        if photo is None and "lat" in payload and not message.text:
            await asyncio.to_thread(self._keep_location, message.sender, payload["lat"], payload["lon"])
            return [{"text": LOCATION_KEPT}]
        note = None
        if photo is not None:
            try:
                photo_id = await self._photo(message.id, photo)
            except NotAnImage:  # skipped; a caption still goes on
                if not message.text:
                    return [{"text": NOT_A_PHOTO}]
                note = NOT_A_PHOTO
            else:
                if photo_id is None:
                    return [{"text": PHOTO_TOO_LARGE.format(mb=self.max_bytes // (1024 * 1024))}]
                if not message.text:
                    return await asyncio.to_thread(self._photo_alone, message.id, message.sender, photo_id)
                payload["photos"] = [*payload.get("photos", []), photo_id]
        if message.text:
            kept = await asyncio.to_thread(self._kept_photos, message.sender, message.id)
            if kept:
                payload["photos"] = list(dict.fromkeys([*kept, *payload.get("photos", [])]))
        if "lat" not in payload:
            where = await asyncio.to_thread(self._take_location, message.sender)
            if where is not None:
                payload["lat"], payload["lon"] = where
        passed = replace(message, payload=payload)
        return with_note(passed, note) if note else passed

    async def _photo(self, inbox_id: int, photo: dict[str, Any]) -> str | None:
        """The photo's id; None when it is too large. Raises NotAnImage for bytes that are no image."""
        known = await asyncio.to_thread(self._known, photo["file_unique_id"])
        if known is not None:
            return known
        if int(photo.get("file_size") or 0) > self.max_bytes:
            return None
        try:
            file = await self.bot.get_file(photo["file_id"])  # file.file_path holds the token: never log it
            if int(file.file_size or 0) > self.max_bytes:
                return None
            data = bytes(await file.download_as_bytearray())
        except BadRequest as exc:  # Telegram has no such file (any more): no retry brings it back
            raise PermanentStepError("Telegram: photo file unavailable (BadRequest)",
                                     reply=PHOTO_NOT_RECEIVED) from exc
        if len(data) > self.max_bytes:
            return None
        return await asyncio.to_thread(self._keep_photo, inbox_id, photo["file_unique_id"], data)

    def _known(self, unique_id: str) -> str | None:
        with self.db.session() as s:
            return s.scalar(select(InboundMedia.photo_id).where(InboundMedia.channel == "telegram",
                                                                InboundMedia.source_key == unique_id))

    def _keep_photo(self, inbox_id: int, unique_id: str, data: bytes) -> str:
        content_type = image_type(data)
        if content_type is None:
            raise NotAnImage("a telegram photo")
        photo_id = self.photos.save(data)
        with self.db.session() as s:
            s.add(InboundMedia(inbox_message_id=inbox_id, channel="telegram", source_key=unique_id,
                               photo_id=photo_id, content_type=content_type, size=len(data),
                               stored_at=self.clock.now()))
        return photo_id

    def _photo_alone(self, inbox_id: int, sender: str, photo_id: str) -> Replies:
        """A photo without a caption: onto the sender's recent open ticket, else kept for their next text."""
        with self.db.session() as s:
            number = reports.add_photos_to_recent(s, self.clock, sender, (photo_id,), inbox_id, PHOTO_FRESH)
        return [{"text": PHOTO_ADDED.format(number=number) if number else PHOTO_KEPT}]

    def _kept_photos(self, sender: str, inbox_id: int) -> list[str]:
        """Photos of the sender's captionless messages of the last half hour that came after their
        last message with text (which carried the ones before it) and are on none of their tickets."""
        since = self.clock.now() - PHOTO_FRESH
        with self.db.session() as s:
            earlier = s.execute(select(InboxMessage.id, InboxMessage.text, InboxMessage.payload).where(
                InboxMessage.channel == "telegram", InboxMessage.sender == sender, InboxMessage.id < inbox_id,
                InboxMessage.received_at >= since).order_by(InboxMessage.id.desc())).all()
            waiting: dict[int, str] = {}  # message id → file_unique_id, newest first
            for row in earlier:
                if _has_text(row.text):
                    break
                photo = (row.payload or {}).get("telegram_photo")
                if photo:
                    waiting[row.id] = str(photo["file_unique_id"])
            if not waiting:
                return []
            found = dict(s.execute(select(InboundMedia.source_key, InboundMedia.photo_id).where(
                InboundMedia.channel == "telegram", InboundMedia.source_key.in_(list(waiting.values())))).all())
            kept = [(message_id, found[key]) for message_id, key in reversed(waiting.items()) if key in found]
            return reports.unattached_photos(s, sender, kept)

    def _link(self, sender: str, contact: dict[str, Any]) -> Replies:
        user_id = int(sender[3:])
        if contact.get("user_id") != user_id:
            return [{"text": NOT_YOURS}]
        try:
            phone = to_e164(str(contact.get("phone_number") or ""), self.region)
        except InvalidPhone:
            return [{"text": NOT_YOURS}]
        with self.db.session() as s:
            name = registry.link_telegram(s, user_id, phone).name
        return [{"text": LINKED.format(name=name), "custom": {"telegram_keyboard": "remove"}}]

    def _button_payload(self, data: str) -> str:
        if not data.startswith("c:"):
            return data
        with self.db.session() as s:
            choice = s.get(ButtonChoice, int(data[2:])) if data[2:].isdigit() else None
            return choice.payload if choice else ""

    def _keep_location(self, sender: str, lat: float, lon: float) -> None:
        with self.db.session() as s:
            row = s.scalar(select(TelegramLocation).where(TelegramLocation.sender == sender))
            if row is None:
                s.add(TelegramLocation(sender=sender, lat=lat, lon=lon, shared_at=self.clock.now()))
            else:
                row.lat, row.lon, row.shared_at = lat, lon, self.clock.now()

    def _take_location(self, sender: str) -> tuple[float, float] | None:
        """A location shared in the last half hour, used once."""
        with self.db.session() as s:
            row = s.scalar(select(TelegramLocation).where(TelegramLocation.sender == sender))
            if row is None:
                return None
            s.delete(row)
            if self.clock.now() - row.shared_at > LOCATION_FRESH:
                return None
            return row.lat, row.lon


def _is_place(lat: Any, lon: Any) -> bool:
    """Whether (lat, lon) is a point on Earth: finite numbers in range."""
    numbers = all(isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v) for v in (lat, lon))
    return numbers and -90 <= lat <= 90 and -180 <= lon <= 180


def _has_text(text: str) -> bool:
    """Whether a stored message went on with text (and so carried the photos kept before it)."""
    return bool(text) and text.split(" ", 1)[0] != "/start"
