"""A voice message with no recognition text: downloaded at once (WeChat keeps media three days) into
gridbot's audio store, and put on a ticket for the grid worker to listen to (`bot.core.voice`). The
resident is told plainly it went on as a recording, and that typing helps.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.channels.wechat.callback import CHANNEL
from bot.channels.wechat.client import WeChatApi
from bot.channels.wechat.media import download_media
from bot.common.clock import Clock
from bot.core.routing_rules import RoutingRules
from bot.core.voice import Voice, take_voice
from bot.messaging.ports import Replies
from bot.store.audio import AudioStore, audio_type
from bot.store.db import Database

VOICE_PASSED_ON = "语音已收到，已作为录音转给网格员（工单{number}）。打字说明问题和地点会处理得更快。"
VOICE_NOT_RECEIVED = "语音没能收到，请重新发送，或直接打字说明问题。"
VOICE_TOO_LARGE = "语音太长，未能保存。请分段重发，或直接打字说明问题。"
NOT_AUDIO = "这条语音无法保存。请直接打字说明问题和地点。"


class VoiceMessages:
    def __init__(self, api: WeChatApi, db: Database, audio: AudioStore, clock: Clock, rules: RoutingRules, *,
                 max_bytes: int, within: timedelta) -> None:
        self.api = api
        self.db = db
        self.audio = audio
        self.clock = clock
        self.rules = rules
        self.max_bytes = max_bytes
        self.within = within

    async def take(self, message_id: int, sender: str, media_id: str,
                   where: tuple[float, float] | None) -> Replies:
        data = await download_media(self.api, media_id, self.max_bytes, unavailable=VOICE_NOT_RECEIVED)
        if data is None:
            return [{"text": VOICE_TOO_LARGE}]
        kind = audio_type(data)
        if kind is None:
            return [{"text": NOT_AUDIO}]
        audio_id = await asyncio.to_thread(self.audio.save, data)
        lat, lon = where if where is not None else (None, None)
        voice = Voice(audio_id, kind, CHANNEL, sender, message_id, lat, lon)
        number = await asyncio.to_thread(self._take, voice)
        return [{"text": VOICE_PASSED_ON.format(number=number)}]

    def _take(self, voice: Voice) -> str:
        with self.db.session() as s:
            return take_voice(s, self.clock, self.rules, voice, self.within)
