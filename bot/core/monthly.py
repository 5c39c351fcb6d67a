"""Jobs done once a month (the 四万 visit lists, the community reports, the workers' monthly lights).

A month is a calendar month in the service's time zone (China Standard Time). Each job's run for a month
is claimed by inserting its `MonthlyRun` row in the same transaction as the job's own writes: a timer
that fires twice, or two workers racing, do the month once, and a worker that was down on the first
catches up when it comes back."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.common.clock import BEIJING as SERVICE_TZ
from bot.common.clock import Clock
from bot.store.db import Database
from bot.store.household_models import MonthlyRun

log = logging.getLogger(__name__)



def month_of(at: datetime) -> str:
    """`YYYY-MM` of an aware instant in the service's time zone."""
    return at.astimezone(SERVICE_TZ).strftime("%Y-%m")


def month_start(month: str) -> datetime:
    """The first instant of `YYYY-MM` in the service's time zone (aware)."""
    year, mon = (int(part) for part in month.split("-"))
    return datetime(year, mon, 1, tzinfo=SERVICE_TZ)


def next_month(month: str) -> str:
    year, mon = (int(part) for part in month.split("-"))
    return f"{year + mon // 12:04d}-{mon % 12 + 1:02d}"


def previous_month(month: str) -> str:
    year, mon = (int(part) for part in month.split("-"))
    return f"{year - (mon == 1):04d}-{(mon - 2) % 12 + 1:02d}"


@dataclass(frozen=True)
class MonthlyJob:
    """`run(session, month, now)` does the month's work in the given session and returns a short summary
    (kept on the run row). It must only write through that session, so that claim and work commit together."""

    kind: str
    run: Callable[[Session, str, datetime], str]


def done(session: Session, kind: str, month: str, scope: str = "") -> bool:
    return session.scalar(select(MonthlyRun.id).where(MonthlyRun.kind == kind, MonthlyRun.month == month,
                                                      MonthlyRun.scope == scope)) is not None


def run_once(db: Database, job: MonthlyJob, month: str, now: datetime) -> str | None:
    """Do `job` for `month` unless it has been done; the summary if this call did it, else None."""
    try:
        with db.session() as session:
            if done(session, job.kind, month):
                return None
            session.add(MonthlyRun(kind=job.kind, month=month, scope="", done_at=now))
            session.flush()  # the claim: a second runner's insert fails here or at commit
            summary = job.run(session, month, now)
            session.execute(MonthlyRun.__table__.update()
                            .where(MonthlyRun.kind == job.kind, MonthlyRun.month == month, MonthlyRun.scope == "")
                            .values(summary=summary[:2000]))
            return summary
    except IntegrityError:
        return None  # another worker claimed it first and did it


def run_due(db: Database, clock: Clock, jobs: list[MonthlyJob]) -> dict[str, str]:
    """Run every job not yet done for the current month; {kind: summary} of those run now."""
    now = clock.now()
    month = month_of(now)
    ran: dict[str, str] = {}
    for job in jobs:
        summary = run_once(db, job, month, now)
        if summary is not None:
            ran[job.kind] = summary
    return ran


class MonthlyLoop:
    """Every `interval` seconds, run the jobs due for the current month (in the worker process)."""

    def __init__(self, db: Database, clock: Clock, jobs: list[MonthlyJob], interval: float) -> None:
        self.db, self.clock, self.jobs, self.interval = db, clock, jobs, interval

    async def run(self) -> None:
        while True:
            try:
                ran = await asyncio.to_thread(run_due, self.db, self.clock, self.jobs)
                for kind in ran:
                    log.info("monthly job %s done", kind)
            except Exception:
                log.exception("monthly loop")
            await asyncio.sleep(self.interval)
