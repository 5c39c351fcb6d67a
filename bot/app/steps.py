"""Inbound steps that reach into the core, added to the channels' steps by the app (messaging and
the channels know nothing of the core's registry)."""

from __future__ import annotations

import asyncio

from bot.core import registry
from bot.messaging.ports import Claimed, Replies
from bot.store.db import Database


class RememberChannel:
    """A registered person is reached where they last wrote from: an SMS from their number, or a
    message from their linked Telegram account, makes that channel their notification channel."""

    def __init__(self, db: Database) -> None:
        self.db = db

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        await asyncio.to_thread(self._remember, message.channel, message.sender)
        return message

    def _remember(self, channel: str, sender: str) -> None:
        with self.db.session() as s:
            registry.remember_channel(s, sender, channel)
