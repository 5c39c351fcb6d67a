"""Ticket deadlines as due work: backup assignment, reminders, overdue escalation steps, and the
default-satisfied close. Rows in `ticket_timers` are claimed by a conditional UPDATE, so several
processes can run the loop; a timer whose deadline the ticket no longer has does nothing."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.common.clock import BEIJING, Clock
from bot.core import registry
from bot.core.escalation import escalate
from bot.core.followups import HELD_PHOTOS, join_held_photos
from bot.core.notify import notify
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES, event, schedule, worker_notice
from bot.store.claims import Claimer, claimable
from bot.store.db import Database
from bot.store.models import Ticket, TicketTimer

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)
MAX_ATTEMPTS = 5
_CLAIMER = Claimer(TicketTimer, "running", ["id"])  # a timer waits on nothing but its time


def _when(moment: datetime) -> str:
    return moment.astimezone(BEIJING).strftime("%m-%d %H:%M")


def run_timer(session: Session, clock: Clock, rules: RoutingRules, timer: TicketTimer) -> str:
    """Do what a due timer asks; returns what happened (kept on the row)."""
    ticket = session.get(Ticket, timer.ticket_id)
    if ticket is None:
        return "no_ticket"
    now = clock.now()
    if timer.kind == "backup":
        if ticket.status != "assigned" or ticket.assignee_role != "grid_worker" \
                or ticket.ack_due_at != timer.deadline or ticket.unit is None:
            return "stale"
        backups = registry.staff_for(session, ticket.unit.id, "backup_grid_worker")
        if not backups:
            return "no_backup"
        primary, backup = ticket.assignee, backups[0]
        ticket.assignee_id, ticket.assignee_role = backup.id, "backup_grid_worker"
        ticket.ack_due_at = now + rules.ack_within(ticket.priority)
        event(session, ticket, "backup_assigned", now, assignee_id=backup.id,
              previous=primary.id if primary else None)
        notify(session, backup, worker_notice(ticket, ticket.unit, prefix="（超时转备岗）"),
               ticket_id=ticket.id)
        if primary is not None:
            notify(session, primary, f"工单{ticket.number}超时未接单，已转备岗网格员{backup.name}。",
                   ticket_id=ticket.id)
        return "backup_assigned"
    if timer.kind == "remind_ack":
        if ticket.status not in ("assigned", "reopened") or ticket.ack_due_at != timer.deadline:
            return "stale"
        if ticket.assignee is not None:
            notify(session, ticket.assignee, f"提醒：工单{ticket.number}请在{_when(ticket.ack_due_at or now)}前接单。"
                   f"回复“收到 {ticket.number}”", ticket_id=ticket.id)
        event(session, ticket, "reminded", now, deadline="ack")
        return "reminded"
    if timer.kind == "remind":
        if ticket.status not in OPEN_STATUSES or ticket.due_at != timer.deadline:
            return "stale"
        if ticket.assignee is not None:
            notify(session, ticket.assignee, f"提醒：工单{ticket.number}将于{_when(ticket.due_at or now)}到期，"
                   "办结后回复“工单号 已办结 情况”", ticket_id=ticket.id)
        event(session, ticket, "reminded", now, deadline="handle")
        return "reminded"
    if timer.kind == "overdue":
        if ticket.status not in OPEN_STATUSES or ticket.due_at != timer.deadline:
            return "stale"
        event(session, ticket, "overdue", now, level=ticket.escalation_level)
        if escalate(session, clock, rules, ticket, "overdue") is None:
            return "capped"
        schedule(session, ticket, "overdue", now + timedelta(hours=rules.escalation.step_hours), ticket.due_at)
        return f"escalated:{ticket.escalation_level}"
    if timer.kind == "rating":
        if ticket.status != "resolved" or ticket.rating_due_at != timer.deadline:
            return "stale"
        ticket.status, ticket.rating, ticket.closed_at = "closed", 1, now
        event(session, ticket, "closed", now, score=1, default=True, note="逾期未评价，默认满意")
        return "closed_default"
    if timer.kind == HELD_PHOTOS:
        return join_held_photos(session, clock, ticket)
    return "unknown_kind"


def process_due(db: Database, clock: Clock, rules: RoutingRules, worker: str = "timers", limit: int = 100) -> int:
    """Claim and run due timers; returns how many this worker ran."""
    now = clock.now()
    with db.session() as session:
        ids = list(session.scalars(
            select(TicketTimer.id).where(claimable(TicketTimer, now, now - LEASE, "running"))
            .order_by(TicketTimer.next_attempt_at, TicketTimer.id).limit(limit)))
    ran = 0
    for timer_id in ids:
        with db.session() as session:
            if not _CLAIMER.claim_ids(session.connection(), [timer_id], worker, now, now - LEASE):
                continue
        try:
            with db.session() as session:
                timer = session.get(TicketTimer, timer_id)
                outcome = run_timer(session, clock, rules, timer)
                timer.status, timer.outcome, timer.done_at = "done", outcome, clock.now()
            ran += 1
        except Exception:
            log.exception("ticket timer %s failed", timer_id)
            with db.session() as session:
                session.execute(update(TicketTimer)
                                .where(TicketTimer.id == timer_id, TicketTimer.attempts >= MAX_ATTEMPTS)
                                .values(status="failed"))
    return ran


class TicketTimerLoop:
    """Runs `process_due` every few seconds in the worker process (`bin/bot worker`)."""

    def __init__(self, db: Database, clock: Clock, rules: RoutingRules, interval: float, worker: str) -> None:
        self.db, self.clock, self.rules, self.interval, self.worker = db, clock, rules, interval, worker

    async def run(self) -> None:
        while True:
            try:
                await asyncio.to_thread(process_due, self.db, self.clock, self.rules, self.worker)
            except Exception:
                log.exception("ticket timer loop")
            await asyncio.sleep(self.interval)
