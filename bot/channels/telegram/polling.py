"""Long polling for a gateway without a public URL: each update is stored exactly as the webhook
stores it, and only then confirmed (the next getUpdates offset acknowledges it).

Updates are read as JSON and checked by `updates.parse_update`, as the webhook's are: PTB's
`get_updates` builds its own objects first, and an update it cannot build raises out of the loop
after PTB has logged the whole update (its text) at CRITICAL. An update gridbot ignores is still
confirmed, so one bad update never holds back those behind it. An update the database cannot take
(it is down; the worker process, which polls, has no spool) is not confirmed either: polling pauses
and asks again from it, and Telegram delivers it again.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from telegram import Bot
from telegram.error import NetworkError, RetryAfter, TelegramError
from telegram.warnings import PTBUserWarning

from bot.channels.telegram.routes import answer_callback
from bot.channels.telegram.updates import store_update, update_id_of
from bot.messaging.ports import Receiver

log = logging.getLogger(__name__)

ALLOWED_UPDATES = ["message", "callback_query"]
READ_SLACK = 10.0  # seconds past the long-poll timeout before a silent connection counts as lost


async def poll_updates(bot: Bot, intake: Receiver, *, timeout: int = 25,
                       pause: float = 2.0) -> None:
    """Run until cancelled. The receiver wakes the worker of its process for what it stores."""
    # do_api_request advises Bot.get_updates for getUpdates; the raw JSON is what is wanted here.
    warnings.filterwarnings("ignore", message=r"Please use 'Bot\.get_updates'", category=PTBUserWarning)
    await bot.delete_webhook(drop_pending_updates=False)  # getUpdates refuses while a webhook is set
    offset: int | None = None
    storing_failed = False  # for one log line per outage
    while True:
        kwargs: dict[str, Any] = {"timeout": timeout, "allowed_updates": ALLOWED_UPDATES}
        if offset is not None:
            kwargs["offset"] = offset
        try:
            updates = await bot.do_api_request("get_updates", api_kwargs=kwargs, read_timeout=timeout + READ_SLACK)
        except RetryAfter as exc:
            await asyncio.sleep(float(exc.retry_after if isinstance(exc.retry_after, int | float) else pause))
            continue
        except (NetworkError, TelegramError) as exc:
            log.warning("telegram polling failed (%s); retrying", type(exc).__name__)
            await asyncio.sleep(pause)
            continue
        batch = updates if isinstance(updates, list) else []
        before = offset
        try:
            for raw in batch:
                update_id = update_id_of(raw)
                if update_id is None:  # nothing to confirm it by: Telegram always sends one
                    log.warning("telegram polling: an item without an update_id skipped")
                    continue
                _id, created = await store_update(intake, raw)
                if created:
                    await answer_callback(bot, raw)
                offset = max(offset or 0, update_id + 1)
        except SQLAlchemyError as exc:
            # The database is down (this process has no spool). The update is not confirmed, so the
            # next poll, from the same offset, gets it again. The class only: the error's text may
            # hold the statement's parameters, the message text among them.
            if not storing_failed:
                log.warning("telegram polling: an update could not be stored (%s); polling again from it",
                            type(exc).__name__)
            storing_failed = True
            await asyncio.sleep(pause)
            continue
        if storing_failed and offset != before:
            log.info("telegram polling: updates are stored again")
            storing_failed = False
        if batch and offset == before:  # nothing could be confirmed: do not ask again at once
            await asyncio.sleep(pause)
