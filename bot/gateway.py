"""The gateway: channel webhooks, the simulator page, health; runs the inbound worker and the
outbox dispatcher in the same process."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse, JSONResponse

from bot import open311
from bot.channels import simulator
from bot.core.council_timer import TopicCloserLoop
from bot.core.rules import load_rules
from bot.core.timers import TicketTimerLoop
from bot.messaging.dispatcher import OutboxDispatcher
from bot.messaging.worker import InboundWorker
from bot.services import Services

PAGE = Path(__file__).resolve().parent / "static" / "simulator.html"


def create_app(services: Services, *, run_workers: bool = True) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        tasks: list[asyncio.Task[None]] = []
        if run_workers:
            services.worker = InboundWorker(services.inbox, services.engine, steps=services.kit.steps)
            services.dispatcher = OutboxDispatcher(services.outbox, services.channels,
                                                   policies=services.kit.policies, limiter=services.kit.limiter)
            tasks = [asyncio.create_task(services.worker.run()), asyncio.create_task(services.dispatcher.run())]
            tasks.append(asyncio.create_task(ticket_timer_loop(services).run()))
            tasks.append(asyncio.create_task(TopicCloserLoop(services.db, services.clock,
                                                             services.settings.council_close_interval_seconds).run()))
            if services.kit.telegram_polls(services.settings):
                from bot.channels.telegram import poll_updates

                tasks.append(asyncio.create_task(poll_updates(services.kit.telegram_bot, services.inbox,
                                                              services.wake_worker)))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await services.aclose()

    app = FastAPI(title="gridbot gateway", lifespan=lifespan)
    app.include_router(simulator.router(services))
    for channel_router in services.kit.routers(services):
        app.include_router(channel_router)
    app.include_router(open311.router(services))

    @app.get("/", response_class=HTMLResponse)
    async def index() -> str:
        return PAGE.read_text(encoding="utf-8")

    @app.get("/healthz")
    async def healthz() -> JSONResponse:
        checks = {
            "engine": await services.engine.engine_ready(),
            "actions": await services.engine.actions_ready(),
            "database": await asyncio.to_thread(_database_ok, services),
        }
        ok = all(checks.values())
        body = {"status": "ok" if ok else "degraded", **{k: "ok" if v else "down" for k, v in checks.items()}}
        return JSONResponse(body, status_code=200 if ok else 503)

    return app


def ticket_timer_loop(services: Services) -> TicketTimerLoop:
    """Ticket deadlines (backup, reminders, escalation, default close) on the routing table's rules."""
    rules = load_rules(services.settings.routing_config)
    return TicketTimerLoop(services.db, services.clock, rules, services.settings.ticket_timer_interval_seconds,
                           worker=f"timers-{os.getpid()}")


def _database_ok(services: Services) -> bool:
    try:
        services.db.ping()
    except Exception:
        return False
    return True
