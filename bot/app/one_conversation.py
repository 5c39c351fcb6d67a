"""One conversation per person, whichever channel a message came by: the engine is asked in the
conversation of the person's registry number when the sender is a WeChat follower who linked it
(`registry.conversation_address`), so a report begun by SMS can be finished from WeChat and the
other way round. Replies still go back to the sender on the channel the message came by (the worker
addresses them to the inbox message's sender, not to the conversation).
"""

from __future__ import annotations

import asyncio
from typing import Any

from bot.core import registry
from bot.engine.client import EngineClient
from bot.engine.replicas import ReplicatedEngine
from bot.messaging.ports import Replies
from bot.store.db import Database


class OnePersonEngine:
    """The engine client, asked in the person's conversation; everything else is the client's."""

    def __init__(self, engine: EngineClient | ReplicatedEngine, db: Database) -> None:
        self.engine = engine
        self.db = db

    def __getattr__(self, name: str) -> Any:
        return getattr(self.engine, name)

    async def converse(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        return await self.engine.converse(await self.conversation_of(sender), text, metadata)

    async def turn_taken(self, sender: str, inbox_id: int) -> Replies | None:
        return await self.engine.turn_taken(await self.conversation_of(sender), inbox_id)

    async def conversation_of(self, sender: str) -> str:
        if not sender.startswith("wx:"):
            return sender  # no query for the numbers and accounts that are their own conversation
        return await asyncio.to_thread(self._look_up, sender)

    def _look_up(self, sender: str) -> str:
        with self.db.session() as s:
            return registry.conversation_address(s, sender)
