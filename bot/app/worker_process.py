"""The background loops: inbound worker, outbox dispatcher, ticket timers, topic closer and, without
a public URL, Telegram polling. `bin/bot worker` runs them in their own process, so the gateway's
webhook acknowledgements never wait behind turn processing or sending (docs/benchmarks.md).

The worker process shares the database with the gateway; it finds new inbound messages by polling
(cheaply: a due-row check before anything else) and marks itself alive in `VAR_DIR/worker.alive`,
which the gateway's `/healthz` reads.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import time
from pathlib import Path

from bot.app.gc_pauses import freeze_startup_objects
from bot.app.services import Services
from bot.common.settings import Settings
from bot.core import worker_lights
from bot.core.community_reports import community_reports_job
from bot.core.council_timer import TopicCloserLoop
from bot.core.monthly import MonthlyJob, MonthlyLoop
from bot.core.timers import TicketTimerLoop
from bot.core.visit_lists import visit_lists_job
from bot.core.visit_overdue import VisitOverdueLoop
from bot.core.visit_rules import load_visit_rules

HEARTBEAT_FILE = "worker.alive"
HEARTBEAT_SECONDS = 2.0
HEARTBEAT_STALE_SECONDS = 10.0
# Another process stores inbound messages, so nothing wakes the worker: it looks this often when idle.
POLL_SECONDS = 0.05

log = logging.getLogger(__name__)


def heartbeat_path(settings: Settings) -> Path:
    return settings.var_dir / HEARTBEAT_FILE


def worker_alive(settings: Settings, now: float | None = None) -> bool:
    """True when a worker process (or this one) marked itself alive recently."""
    try:
        seen = heartbeat_path(settings).stat().st_mtime
    except OSError:
        return False
    return (now if now is not None else time.time()) - seen <= HEARTBEAT_STALE_SECONDS


async def heartbeat(path: Path) -> None:
    while True:
        try:
            path.touch()
        except OSError:
            log.warning("cannot mark the worker alive in %s", path)
        await asyncio.sleep(HEARTBEAT_SECONDS)


def monthly_jobs(services: Services) -> list[MonthlyJob]:
    """The jobs run once a month, on the first (or when the worker is next up), in this order."""
    return [visit_lists_job(load_visit_rules(services.settings.visits_config)), community_reports_job(),
            worker_lights.job(services.settings)]


def start_loops(services: Services) -> list[asyncio.Task[None]]:
    """Start every background loop on the running event loop; the caller cancels the tasks."""
    settings = services.settings
    loops = [services.worker.run(), services.dispatcher.run(),
             TicketTimerLoop(services.db, services.clock, services.rules, settings.ticket_timer_interval_seconds,
                             worker=f"timers-{os.getpid()}").run(),
             TopicCloserLoop(services.db, services.clock, settings.council_close_interval_seconds).run(),
             MonthlyLoop(services.db, services.clock, monthly_jobs(services),
                         settings.ticket_timer_interval_seconds).run(),
             VisitOverdueLoop(services.db, services.clock, load_visit_rules(settings.visits_config),
                              settings.ticket_timer_interval_seconds).run(),
             heartbeat(heartbeat_path(settings))]
    telegram = services.kit.telegram
    if telegram is not None and services.kit.telegram_polls(settings):
        from bot.channels.telegram import poll_updates

        loops.append(poll_updates(telegram.bot, services.intake))
    return [asyncio.create_task(loop) for loop in loops]


async def run_worker_process(services: Services) -> None:
    """`bin/bot worker`: run the loops until SIGTERM or SIGINT, then stop them and close."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    tasks = start_loops(services)
    freeze_startup_objects()
    try:
        await stop.wait()
    finally:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        with contextlib.suppress(OSError):
            heartbeat_path(services.settings).unlink()
        await services.aclose()
