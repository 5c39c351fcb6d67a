"""Wiring: the objects a gridbot process needs, built once from the settings."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bot.app.channels import ChannelKit, build_channels
from bot.channels.base import Channel
from bot.common.clock import Clock
from bot.common.settings import Settings
from bot.engine.client import EngineClient
from bot.messaging.dispatcher import OutboxDispatcher
from bot.messaging.inbox import Inbox
from bot.messaging.intake import Intake
from bot.messaging.outbox import Outbox
from bot.messaging.worker import InboundWorker
from bot.store.db import Database
from bot.store.photos import PhotoStore


@dataclass
class Services:
    settings: Settings
    clock: Clock
    db: Database
    inbox: Inbox
    outbox: Outbox
    photos: PhotoStore
    engine: EngineClient
    # How webhooks store inbound messages: group commit (bot/messaging/intake.py), shared by every channel.
    intake: Intake
    channels: dict[str, Channel] = field(default_factory=dict)
    # Channel extras: inbound steps, outbound policies, rate limits, Telegram's bot (bot/app/channels.py).
    kit: ChannelKit = field(default_factory=ChannelKit)
    worker: InboundWorker | None = None
    dispatcher: OutboxDispatcher | None = None

    def wake_worker(self) -> None:
        if self.worker is not None:
            self.worker.wake()

    async def wait_for_replies(self, message_id: int, timeout: float) -> list[str] | None:
        """The replies to a message once it is processed, or None if it is still pending."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            status = await asyncio.to_thread(self.inbox.status_of, message_id)
            if status == "done":
                if self.dispatcher is not None:
                    self.dispatcher.wake()
                return await asyncio.to_thread(self.inbox.replies_to, message_id)
            if loop.time() >= deadline:
                return None
            await asyncio.sleep(0.05)

    def demo_identities(self) -> list[dict[str, str]]:
        from bot.app.demo import identities

        return identities(self.db)

    async def aclose(self) -> None:
        await self.engine.aclose()
        for channel in self.channels.values():
            await channel.aclose()
        await self.kit.aclose()
        await self.intake.aclose()
        self.db.dispose()


def build_services(settings: Settings, clock: Clock | None = None) -> Services:
    clock = clock or Clock()
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.resolved_database_url)
    photos = PhotoStore(settings.var_dir / "photos")
    kit = build_channels(settings, db, clock, photos)
    inbox = Inbox(db, clock, max_attempts=settings.inbox_max_attempts,
                  backoff_seconds=settings.inbox_backoff_seconds, lease_seconds=settings.inbox_lease_seconds)
    return Services(
        settings=settings,
        clock=clock,
        db=db,
        inbox=inbox,
        intake=Intake(inbox),
        outbox=Outbox(db, clock, max_attempts=settings.outbox_max_attempts,
                      backoff_seconds=settings.outbox_backoff_seconds, lease_seconds=settings.outbox_lease_seconds),
        photos=photos,
        engine=EngineClient(settings.engine_url, settings.actions_url, timeout=settings.engine_timeout_seconds),
        channels=kit.channels,
        kit=kit,
    )
