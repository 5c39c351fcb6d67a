"""The gateway: channel webhooks, the simulator page and API (when SIMULATOR_ENABLED), Open311, the staff
workbench (/staff/), health.
Webhooks store what arrives and answer; Open311's POST opens a ticket through the core. `bin/bot worker`
(bot/app/worker_process.py) processes and sends, in its own process. With `run_workers=True` the
same app runs the background loops too (one process, e.g. in tests)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Literal

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from pydantic import BaseModel, Field

from bot.app.demo import identities
from bot.app.gc_pauses import freeze_startup_objects
from bot.app.services import Services
from bot.app.simulator_access import channel_elsewhere
from bot.app.worker_process import start_loops, worker_alive
from bot.channels import open311, simulator
from bot.web import mount

PAGE = Path(__file__).resolve().parent / "static" / "simulator.html"

Up = Literal["ok", "down"]


class Health(BaseModel):
    status: Literal["ok", "degraded"]
    engine: Up
    actions: Up
    database: Up
    worker: Up
    spool: int = Field(description="messages waiting on the gateway's disk for the database")


HEALTH_RESPONSES: dict[int | str, dict[str, object]] = {
    200: {"model": Health, "description": "everything is up"},
    503: {"model": Health, "description": "something is down: which, in the body"},
}


def create_app(services: Services, *, run_workers: bool = True) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        freeze_startup_objects()
        tasks = start_loops(services) if run_workers else []
        # This process's spool (what it could not store while the database was down, or a crashed
        # gateway left): stored into the inbox as soon as the database answers.
        tasks.append(asyncio.create_task(services.intake.run_replay()))
        try:
            yield
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await services.aclose()

    settings = services.settings
    # The API's own pages (/docs, /redoc, /openapi.json) only in development: in production they would
    # show anyone the shape of every route.
    pages = {} if settings.gridbot_env == "development" else {"docs_url": None, "redoc_url": None, "openapi_url": None}
    app = FastAPI(title="gridbot gateway", lifespan=lifespan, **pages)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    if settings.simulator_enabled:
        app.include_router(simulator.router(settings, services.intake, services.photos,
                                            wait_for_replies=services.wait_for_replies,
                                            sent_to=services.outbox.to_recipient,
                                            identities=lambda: identities(services.db),
                                            channel_elsewhere=lambda number: channel_elsewhere(services.db, number)))

        @app.get("/", response_class=HTMLResponse)
        async def index() -> str:
            return PAGE.read_text(encoding="utf-8")

    for channel_router in services.kit.routers(settings, services.db, services.clock, services.intake,
                                               services.outbox):
        app.include_router(channel_router)
    app.include_router(open311.router(settings, services.db, services.clock, services.photos, services.rules))
    # The staff workbench (工作台): /staff/
    mount.install(app, settings, services.db, services.clock, services.rules, services.photos)

    @app.get("/healthz", response_class=JSONResponse, responses=HEALTH_RESPONSES)
    async def healthz() -> JSONResponse:
        checks = {
            "engine": await services.engine.engine_ready(),
            "actions": await services.engine.actions_ready(),
            "database": await asyncio.to_thread(_database_ok, services),
            "worker": worker_alive(settings),  # bin/bot worker marks itself alive every 2 s
        }
        ok = all(checks.values())
        body = {"status": "ok" if ok else "degraded", **{k: "ok" if v else "down" for k, v in checks.items()},
                "spool": services.intake.spooled}  # messages waiting on disk for the database
        return JSONResponse(body, status_code=200 if ok else 503)

    return app


async def _invalid_request(_request: Request, exc: Exception) -> JSONResponse:
    """A 422 that always renders and never echoes the input: FastAPI's own handler returns the
    input, which fails to encode when it holds NaN, ±Infinity or a lone surrogate (a 500 whose
    traceback carries the input into the logs)."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    detail = [{"loc": [_printable(part) for part in error.get("loc", ())], "msg": _printable(error.get("msg", "")),
               "type": _printable(error.get("type", ""))} for error in errors]
    return JSONResponse({"detail": detail}, status_code=422)


def _printable(value: object) -> str | int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return str(value).encode("utf-8", "replace").decode("utf-8")


def _database_ok(services: Services) -> bool:
    try:
        services.db.ping()
    except Exception:
        return False
    return True
