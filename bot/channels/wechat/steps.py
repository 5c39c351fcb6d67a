"""Inbound steps for the Official Account, before the engine.

Subscribing is answered with the greeting; unsubscribing and a location WeChat reports in the
background are kept quietly. A location message is kept for the report that follows (30 minutes).
A photo is downloaded at once through the media API (WeChat keeps it three days) into gridbot's photo
store, once per MediaId; alone (WeChat photos have no caption) it joins the sender's open report of the
last half hour, else waits for their next message with text, which carries it. A voice message goes
on as WeChat's recognition text; without one it is downloaded and goes to the grid worker as a recording
(`voice.py`), or, where no audio store is set, the resident is asked to write instead.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.channels.wechat.callback import CHANNEL
from bot.channels.wechat.client import WeChatApi
from bot.channels.wechat.media import download_media
from bot.channels.wechat.voice import VoiceMessages
from bot.common.clock import Clock
from bot.core import reports
from bot.messaging.ports import Claimed, Replies
from bot.store.channel_models import InboundMedia, WeChatLocation
from bot.store.db import Database
from bot.store.message_models import InboxMessage
from bot.store.photos import PhotoStore, image_type

FRESH = timedelta(minutes=30)  # a location or captionless photo joins a report this recent
GREETING = "您好，欢迎关注网格通！有问题直接发文字、照片或位置，网格员会跟进。点下方菜单可查进度、投票、查积分。"
LOCATION_KEPT = "已收到位置{label}。请再发一句话说明是什么问题。"
PHOTO_ADDED = "照片已补充到工单{number}，谢谢！"
PHOTO_KEPT = "已收到照片。请再发一句话说明是什么问题。"
PHOTO_NOT_RECEIVED = "照片没能收到，请重新发送。"
PHOTO_TOO_LARGE = "照片太大（超过{mb}MB），请压缩后重发。"
NOT_A_PHOTO = "这个文件不是图片，未保存。请重新拍照发送。"
VOICE_UNREAD = "语音已收到，但暂时听不清内容。请用文字说明问题和地点；紧急情况请直接拨打110。"


class WeChatSteps:
    def __init__(self, api: WeChatApi, db: Database, photos: PhotoStore, clock: Clock, *, max_bytes: int,
                 voices: VoiceMessages | None = None) -> None:
        self.api = api
        self.voices = voices
        self.db = db
        self.photos = photos
        self.clock = clock
        self.max_bytes = max_bytes

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        payload = dict(message.payload)
        event = payload.get("wechat_event")
        if event == "subscribe":
            return [{"text": GREETING}]
        if event in ("unsubscribe", "location"):
            if event == "location":
                await asyncio.to_thread(self._keep_location, message.sender, payload["lat"], payload["lon"], "")
            return []
        media = payload.pop("wechat_media", None)
        if media is None and "lat" in payload and not message.text:
            label = str(payload.get("wechat_label") or "")
            await asyncio.to_thread(self._keep_location, message.sender, payload["lat"], payload["lon"], label)
            return [{"text": LOCATION_KEPT.format(label=f"（{label[:20]}）" if label else "")}]
        if media is not None and media.get("kind") == "voice" and not message.text:
            if self.voices is None:
                return [{"text": VOICE_UNREAD}]
            where = (payload["lat"], payload["lon"]) if "lat" in payload else \
                await asyncio.to_thread(self._take_location, message.sender)
            return await self.voices.take(message.id, message.sender, str(media["media_id"]), where)
        if media is not None and media.get("kind") == "image":
            photo_id = await self._photo(message.id, str(media["media_id"]))
            if photo_id is None:
                return [{"text": PHOTO_TOO_LARGE.format(mb=self.max_bytes // (1024 * 1024))}]
            if photo_id == "":
                return [{"text": NOT_A_PHOTO}]
            return await asyncio.to_thread(self._photo_alone, message.id, message.sender, photo_id)
        if message.text:
            kept = await asyncio.to_thread(self._kept_photos, message.sender, message.id)
            if kept:
                payload["photos"] = list(dict.fromkeys([*kept, *payload.get("photos", [])]))
        if "lat" not in payload:
            where = await asyncio.to_thread(self._take_location, message.sender)
            if where is not None:
                payload["lat"], payload["lon"] = where
        return replace(message, payload=payload)

    async def _photo(self, inbox_id: int, media_id: str) -> str | None:
        """The stored photo's id; None when too large; "" when the bytes are no image."""
        known = await asyncio.to_thread(self._known, media_id)
        if known is not None:
            return known
        data = await download_media(self.api, media_id, self.max_bytes, unavailable=PHOTO_NOT_RECEIVED)
        if data is None:
            return None
        if image_type(data) is None:
            return ""
        return await asyncio.to_thread(self._keep_photo, inbox_id, media_id, data)

    def _known(self, media_id: str) -> str | None:
        with self.db.session() as s:
            return s.scalar(select(InboundMedia.photo_id).where(InboundMedia.channel == CHANNEL,
                                                                InboundMedia.source_key == media_id))

    def _keep_photo(self, inbox_id: int, media_id: str, data: bytes) -> str:
        photo_id = self.photos.save(data)
        with self.db.session() as s:
            s.add(InboundMedia(inbox_message_id=inbox_id, channel=CHANNEL, source_key=media_id, photo_id=photo_id,
                               content_type=image_type(data) or "", size=len(data), stored_at=self.clock.now()))
        return photo_id

    def _photo_alone(self, inbox_id: int, sender: str, photo_id: str) -> Replies:
        with self.db.session() as s:
            number = reports.add_photos_to_recent(s, self.clock, sender, (photo_id,), inbox_id, FRESH)
        return [{"text": PHOTO_ADDED.format(number=number) if number else PHOTO_KEPT}]

    def _kept_photos(self, sender: str, inbox_id: int) -> list[str]:
        """Photos of the sender's messages of the last half hour since their last message with text,
        on none of their tickets yet."""
        since = self.clock.now() - FRESH
        with self.db.session() as s:
            earlier = s.execute(select(InboxMessage.id, InboxMessage.text, InboxMessage.payload).where(
                InboxMessage.channel == CHANNEL, InboxMessage.sender == sender, InboxMessage.id < inbox_id,
                InboxMessage.received_at >= since).order_by(InboxMessage.id.desc())).all()
            waiting: dict[int, str] = {}
            for row in earlier:
                if row.text:
                    break
                media: dict[str, Any] = (row.payload or {}).get("wechat_media") or {}
                if media.get("kind") == "image":
                    waiting[row.id] = str(media["media_id"])
            if not waiting:
                return []
            found = dict(s.execute(select(InboundMedia.source_key, InboundMedia.photo_id).where(
                InboundMedia.channel == CHANNEL, InboundMedia.source_key.in_(list(waiting.values())))).all())
            kept = [(message_id, found[key]) for message_id, key in reversed(waiting.items()) if key in found]
            return reports.unattached_photos(s, sender, kept)

    def _keep_location(self, sender: str, lat: float, lon: float, label: str) -> None:
        with self.db.session() as s:
            row = s.scalar(select(WeChatLocation).where(WeChatLocation.sender == sender))
            if row is None:
                s.add(WeChatLocation(sender=sender, lat=lat, lon=lon, label=label, shared_at=self.clock.now()))
            else:
                row.lat, row.lon, row.label, row.shared_at = lat, lon, label, self.clock.now()

    def _take_location(self, sender: str) -> tuple[float, float] | None:
        """A location sent in the last half hour, used once."""
        with self.db.session() as s:
            row = s.scalar(select(WeChatLocation).where(WeChatLocation.sender == sender))
            if row is None:
                return None
            s.delete(row)
            if self.clock.now() - row.shared_at > FRESH:
                return None
            return row.lat, row.lon
