"""Closing a month of the worker board (monthly job `worker_lights`): on the first of the month, every grid
worker's figures and light for the month just ended are kept (`WorkerMonthLight`, one row per worker and
month), and a worker lit red `WORKER_RED_MONTHS` closed months in a row is flagged to the community (or
village) secretary above their grid: once per run of red months (`flagged_at`), whatever runs again."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.settings import Settings
from bot.core import registry
from bot.core.monthly import MonthlyJob, previous_month
from bot.core.notify import notify
from bot.core.worker_board import Thresholds, WorkerFigures, board, percent, red_streaks
from bot.store.household_models import WorkerMonthLight
from bot.store.models import OrgUnit

KIND = "worker_lights"
SECRETARIES = ["community_secretary", "village_secretary"]
SMS_CHARS = 70  # one SMS part in UCS-2

log = logging.getLogger(__name__)


def flag_text(row: WorkerFigures, months: int, month: str) -> str:
    """The secretary's short notice (one SMS part): who, how long, and last month's weak figures."""
    head = f"{row.name}（{row.grid_name}）已连续{months}个月亮红灯"
    figures = [f"{name}{percent(value)}" for name, value in
               (("按时率", row.on_time_rate), ("走访", row.visit_rate), ("满意率", row.satisfaction))
               if value is not None]
    if row.overdue:
        figures.append(f"逾期{row.overdue}件")
    text = f"{head}，{int(month[5:])}月{'、'.join(figures)}，请关注。" if figures else f"{head}，请关注。"
    return text if len(text) <= SMS_CHARS else f"{head}，请关注。"[:SMS_CHARS]


def _flag(session: Session, row: WorkerFigures, months: int, month: str) -> int:
    """Queue the notice to the secretaries nearest above the worker's grid; how many were told."""
    grid = session.get(OrgUnit, row.unit_id)
    found = registry.staff_nearest(session, grid, SECRETARIES) if grid is not None else None
    if found is None:
        log.warning("no secretary above grid %s to flag worker %s to", row.grid_code, row.person_id)
        return 0
    told = 0
    for secretary in found[1]:
        told += notify(session, secretary, flag_text(row, months, month)) is not None
    return told


def close_month(session: Session, month: str, now: datetime, thresholds: Thresholds) -> tuple[int, int]:
    """Keep `month`'s lights (those not kept yet) and flag who has been red long enough and not been
    flagged for it; (rows kept now, workers flagged now). Safe to run again: it adds nothing twice."""
    closed = board(session, month, now, thresholds)
    ids = [row.person_id for row in closed.rows]
    kept = {light.person_id: light for light in session.scalars(
        select(WorkerMonthLight).where(WorkerMonthLight.month == month, WorkerMonthLight.person_id.in_(ids)))}
    added = 0
    for row in closed.rows:
        if row.person_id not in kept:
            kept[row.person_id] = WorkerMonthLight(
                person_id=row.person_id, unit_id=row.unit_id, month=month, on_time_rate=row.on_time_rate,
                visit_rate=row.visit_rate, satisfaction=row.satisfaction, open_count=row.open,
                overdue_count=row.overdue, light=row.light, created_at=now)
            session.add(kept[row.person_id])
            added += 1
    session.flush()
    flagged = 0
    streaks = red_streaks(session, ids, month) if ids else {}
    for row in closed.rows:
        months, already = streaks.get(row.person_id, (0, False))
        if months >= thresholds.red_months and not already:
            _flag(session, row, months, month)
            kept[row.person_id].flagged_at = now
            flagged += 1
    return added, flagged


def job(settings: Settings) -> MonthlyJob:
    """The monthly job: in month M it closes M−1."""
    thresholds = Thresholds.from_settings(settings)

    def run(session: Session, month: str, now: datetime) -> str:
        closed = previous_month(month)
        added, flagged = close_month(session, closed, now, thresholds)
        return f"{closed}: {added} workers' lights kept, {flagged} flagged"

    return MonthlyJob(KIND, run)
