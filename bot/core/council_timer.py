"""Closing topics when their time is up, in the worker process (any number of workers may run it:
each topic is closed by exactly one, through the conditional status UPDATE in `council`)."""

from __future__ import annotations

import asyncio
import logging

from bot.common.clock import Clock
from bot.core.council import close_due
from bot.store.db import Database

log = logging.getLogger(__name__)


def close_due_topics(db: Database, clock: Clock) -> list[int]:
    with db.session() as session:
        return close_due(session, clock)


class TopicCloserLoop:
    """Every `interval` seconds, close and publish the topics whose closing time has passed."""

    def __init__(self, db: Database, clock: Clock, interval: float) -> None:
        self.db, self.clock, self.interval = db, clock, interval

    async def run(self) -> None:
        while True:
            try:
                closed = await asyncio.to_thread(close_due_topics, self.db, self.clock)
                if closed:
                    log.info("closed and published topics %s", closed)
            except Exception:
                log.exception("topic closer loop")
            await asyncio.sleep(self.interval)
