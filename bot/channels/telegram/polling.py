"""Long polling for a gateway without a public URL: each update is stored exactly as the webhook
stores it, and only then confirmed (the next getUpdates offset acknowledges it)."""

from __future__ import annotations

import asyncio
import logging

from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TelegramError

from bot.channels.telegram.routes import answer_callback
from bot.channels.telegram.updates import store_update
from bot.messaging.ports import Receiver

log = logging.getLogger(__name__)


async def poll_updates(bot: Bot, intake: Receiver, *, timeout: int = 25,
                       pause: float = 2.0) -> None:
    """Run until cancelled. The receiver wakes the worker of its process for what it stores."""
    await bot.delete_webhook(drop_pending_updates=False)  # getUpdates refuses while a webhook is set
    offset: int | None = None
    while True:
        try:
            updates = await bot.get_updates(offset=offset, timeout=timeout, allowed_updates=["message",
                                                                                           "callback_query"])
        except RetryAfter as exc:
            await asyncio.sleep(float(exc.retry_after if isinstance(exc.retry_after, int | float) else pause))
            continue
        except (NetworkError, TelegramError) as exc:
            log.warning("telegram polling failed (%s); retrying", type(exc).__name__)
            await asyncio.sleep(pause)
            continue
        for update in updates:
            raw = update.to_dict()
            _id, created = await store_update(intake, raw)
            if created:
                await answer_callback(bot, raw)
            offset = update.update_id + 1
