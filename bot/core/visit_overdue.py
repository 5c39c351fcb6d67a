"""Overdue visits: a task still open near the month's end reminds its grid worker once, and after a
further limit (config/visits.yml) the community or village secretary hears of it once.

Each task is claimed by a conditional UPDATE … RETURNING as the first statement of its transaction
(`reminded_at` / `escalated_at` still empty), and the messages are queued in that same transaction:
two workers running this at once never send twice, and a failure sends nothing and claims nothing."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import registry
from bot.core.household_changes import community_of
from bot.core.monthly import SERVICE_TZ
from bot.core.notify import notify
from bot.core.visit_rules import VisitRules
from bot.store.db import Database
from bot.store.household_models import VisitTask
from bot.store.models import Household, OrgUnit, Person

log = logging.getLogger(__name__)
SECRETARIES = ("community_secretary", "village_secretary")


@dataclass(frozen=True)
class Sent:
    reminded: int  # tasks whose worker was reminded by this call
    escalated: int  # tasks the secretary was told of by this call


def _last_day(due_at: datetime) -> str:
    """'12月31日': the last day of the month a task is due at the end of."""
    day = (due_at - timedelta(seconds=1)).astimezone(SERVICE_TZ).date()
    return f"{day.month}月{day.day}日"


def _codes(session: Session, household_ids: list[int]) -> list[str]:
    return list(session.scalars(select(Household.code).where(Household.id.in_(household_ids))
                                .order_by(Household.code)))


def reminder_text(count: int, codes: list[str], due_at: datetime, now: datetime) -> str:
    some = "、".join(codes[:3]) + ("等" if count > 3 else "")
    when = f"请在{_last_day(due_at)}前走访" if now < due_at else "已过期限，请尽快走访"
    return f"走访提醒：本月还有{count}户未走访（{some}），{when}，回“我的走访”看名单。"


def escalation_text(grid: OrgUnit, worker: Person | None, count: int, month: str) -> str:
    who = worker.name if worker is not None else "（无网格员）"
    return f"走访逾期：{grid.name}{who}{int(month[5:])}月还有{count}户未走访，请督促。"


def remind(db: Database, clock: Clock, rules: VisitRules) -> int:
    """Remind each worker once of their tasks due within `remind_before`; how many tasks were claimed."""
    now = clock.now()
    with db.session() as session:
        claimed = session.execute(
            update(VisitTask).where(VisitTask.status == "open", VisitTask.reminded_at.is_(None),
                                    VisitTask.worker_id.is_not(None), VisitTask.due_at <= now + rules.remind_before)
            .values(reminded_at=now).returning(VisitTask.worker_id, VisitTask.household_id, VisitTask.due_at)
            .execution_options(synchronize_session=False)).all()
        by_worker: dict[int, list[tuple[int, datetime]]] = defaultdict(list)
        for worker_id, household_id, due_at in claimed:
            by_worker[worker_id].append((household_id, due_at))
        for worker_id, tasks in by_worker.items():
            worker = session.get(Person, worker_id)
            if worker is not None:
                codes = _codes(session, [household_id for household_id, _ in tasks])
                notify(session, worker, reminder_text(len(tasks), codes, min(due for _, due in tasks), now))
        return len(claimed)


def escalate(db: Database, clock: Clock, rules: VisitRules) -> int:
    """Tell the secretary above each grid once of its tasks still open `escalate_after` past the month's end."""
    now = clock.now()
    with db.session() as session:
        claimed = session.execute(
            update(VisitTask).where(VisitTask.status == "open", VisitTask.escalated_at.is_(None),
                                    VisitTask.due_at <= now - rules.escalate_after)
            .values(escalated_at=now).returning(VisitTask.unit_id, VisitTask.worker_id, VisitTask.month)
            .execution_options(synchronize_session=False)).all()
        counts: dict[tuple[int, int | None, str], int] = defaultdict(int)
        for unit_id, worker_id, month in claimed:
            counts[(unit_id, worker_id, month)] += 1
        for (unit_id, worker_id, month), count in sorted(counts.items(), key=lambda item: (item[0][0], item[0][2])):
            grid = session.get(OrgUnit, unit_id)
            community = community_of(session, unit_id)
            if grid is None or community is None:
                continue
            worker = session.get(Person, worker_id) if worker_id is not None else None
            for role in SECRETARIES:
                for secretary in registry.staff_for(session, community.id, role):
                    notify(session, secretary, escalation_text(grid, worker, count, month))
        return len(claimed)


def run_overdue(db: Database, clock: Clock, rules: VisitRules) -> Sent:
    return Sent(remind(db, clock, rules), escalate(db, clock, rules))


class VisitOverdueLoop:
    """Every `interval` seconds, the reminders and escalations now due (in the worker process)."""

    def __init__(self, db: Database, clock: Clock, rules: VisitRules, interval: float) -> None:
        self.db, self.clock, self.rules, self.interval = db, clock, rules, interval

    async def run(self) -> None:
        while True:
            try:
                sent = await asyncio.to_thread(run_overdue, self.db, self.clock, self.rules)
                if sent.reminded or sent.escalated:
                    log.info("overdue visits: %d reminded, %d escalated", sent.reminded, sent.escalated)
            except Exception:
                log.exception("overdue visits loop")
            await asyncio.sleep(self.interval)
