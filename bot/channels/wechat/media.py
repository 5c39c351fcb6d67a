"""A temporary medium (photo or voice) downloaded through the media API, off the event loop. WeChat keeps
it three days: an expired or unusable one is a permanent failure with the reply the caller names."""

from __future__ import annotations

import asyncio

from wechatpy.exceptions import WeChatClientException

from bot.channels.wechat.client import WeChatApi
from bot.messaging.ports import PermanentStepError

UNUSABLE_MEDIA = {40007, 40008}  # invalid media_id (expired after three days), invalid message type


async def download_media(api: WeChatApi, media_id: str, max_bytes: int, *, unavailable: str) -> bytes | None:
    """The medium's bytes; None when larger than `max_bytes`. WeChat saying it is gone raises
    PermanentStepError with `unavailable` as the sender's reply; any other error is raised as it is."""
    try:
        return await asyncio.to_thread(api.download, media_id, max_bytes)
    except WeChatClientException as exc:
        if exc.errcode in UNUSABLE_MEDIA:
            raise PermanentStepError(f"WeChat: media unavailable (errcode {exc.errcode})", reply=unavailable) from exc
        raise
