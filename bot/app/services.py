"""Wiring: the objects a gridbot process needs, built once from the settings, all at once.

Nothing here is filled in later: the inbound worker and the outbox dispatcher are built with the
rest and started by `bot.app.worker_process.start_loops` (in the worker process, or in the gateway's
with `run_workers=True`).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from bot.app.channels import ChannelKit, build_channels
from bot.app.one_conversation import OnePersonEngine
from bot.common.clock import Clock
from bot.common.settings import Settings
from bot.core.lifecycle import staff_member
from bot.core.routing_rules import RoutingRules, load_rules
from bot.engine.client import EngineClient
from bot.engine.replicas import ReplicatedEngine
from bot.messaging.dispatcher import OutboxDispatcher
from bot.messaging.inbox import PARKED, Inbox
from bot.messaging.intake import Intake
from bot.messaging.outbox import Outbox
from bot.messaging.ports import Channel
from bot.messaging.spool import Spool
from bot.messaging.worker import InboundWorker
from bot.store.db import Database
from bot.store.photos import PhotoStore

# How long an idle in-process worker waits before it looks again (a stored message wakes it at once).
IN_PROCESS_POLL_SECONDS = 0.5


@dataclass
class Services:
    settings: Settings
    clock: Clock
    db: Database
    rules: RoutingRules  # config/routing.yml (ROUTING_CONFIG), read once
    photos: PhotoStore
    inbox: Inbox
    outbox: Outbox
    # How webhooks store inbound messages: group commit (bot/messaging/intake.py), shared by every channel.
    intake: Intake
    engine: OnePersonEngine  # the client to the engine(s), asked in each person's one conversation
    # Channels, their inbound steps, outbound policies and rate limits (bot/app/channels.py).
    kit: ChannelKit
    worker: InboundWorker
    dispatcher: OutboxDispatcher

    @property
    def channels(self) -> dict[str, Channel]:
        return self.kit.channels

    async def wait_for_replies(self, message_id: int, timeout: float) -> list[str] | None:
        """The replies to a message once it is processed (or parked: then the note its sender got),
        or None if it is still pending."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            status = await asyncio.to_thread(self.inbox.status_of, message_id)
            if status in ("done", PARKED):
                return await asyncio.to_thread(self.inbox.replies_to, message_id)
            if loop.time() >= deadline:
                return None
            await asyncio.sleep(0.05)

    async def aclose(self) -> None:
        await self.engine.aclose()
        await self.kit.aclose()
        await self.intake.aclose()
        self.db.dispose()


def build_services(settings: Settings, clock: Clock | None = None, *,
                   engine: EngineClient | ReplicatedEngine | None = None,
                   poll_seconds: float = IN_PROCESS_POLL_SECONDS, spool: bool = True) -> Services:
    """Everything a process needs. `engine` replaces the client to the configured engine (tests put
    one on a fake transport); `poll_seconds` is how long an idle worker waits before it looks again;
    `spool`: what the intake cannot store while the database is down goes to the spool (the gateway's;
    its lifespan replays it). The worker process has none: Telegram re-sends an update polling could
    not store."""
    clock = clock or Clock()
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    db = Database(settings.resolved_database_url, phone_key=settings.phone_encryption_key.get_secret_value())
    photos = PhotoStore(settings.var_dir / "photos")
    rules = load_rules(settings.routing_config)
    engine = OnePersonEngine(engine or engine_for(settings), db)
    kit = build_channels(settings, db, clock, photos, rules=rules, classify=engine.parse)
    inbox = Inbox(db, clock, max_attempts=settings.inbox_max_attempts,
                  backoff_seconds=settings.inbox_backoff_seconds, lease_seconds=settings.inbox_lease_seconds,
                  privacy_notice=settings.privacy_notice, notice_exempt=staff_among)
    outbox = Outbox(db, clock, max_attempts=settings.outbox_max_attempts,
                    backoff_seconds=settings.outbox_backoff_seconds, lease_seconds=settings.outbox_lease_seconds)
    dispatcher = OutboxDispatcher(outbox, kit.channels, policies=kit.policies, limiter=kit.limiter,
                                  reroute=kit.reroute)
    worker = InboundWorker(inbox, engine, steps=kit.steps, idle_seconds=poll_seconds, on_done=dispatcher.wake,
                           max_chars=settings.inbound_max_chars)
    kept = Spool(settings.resolved_spool_dir, max_bytes=settings.spool_max_bytes) if spool else None
    return Services(
        settings=settings, clock=clock, db=db, rules=rules, photos=photos,
        inbox=inbox, outbox=outbox, intake=Intake(inbox, on_stored=worker.wake, spool=kept), engine=engine,
        kit=kit, worker=worker, dispatcher=dispatcher,
    )


def staff_among(conn: Connection, addresses: list[str]) -> set[str]:
    """The addresses of staff (by the registry, on the inbox's own connection): never given the residents'
    privacy notice (blind test 7, #45)."""
    with Session(bind=conn) as session:
        return {address for address in addresses if staff_member(session, address) is not None}


def engine_for(settings: Settings) -> EngineClient | ReplicatedEngine:
    """The client to the engine, or to each replica with every sender kept on one (ENGINE_REPLICAS, or engines
    on other hosts: ENGINE_URLS)."""
    token = settings.engine_auth_token.get_secret_value()
    key = settings.phone_encryption_key.get_secret_value()
    clients = [EngineClient(url, settings.actions_url_checked_for(i), timeout=settings.engine_timeout_seconds,
                            auth_token=token, conversation_key=key)
               for i, url in enumerate(settings.engine_replica_urls)]
    return clients[0] if len(clients) == 1 else ReplicatedEngine(clients)
