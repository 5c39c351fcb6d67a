"""并单 by staff, and its undoing (拆分): the model the core uses for a duplicate report, by hand.

Merging ticket B into ticket A (same grid, A open, the actor may act on both; or, asked `across` grids, an
overseer whose scope covers both grids, one of them possibly none: the duty officer's or a secretary's explicit
merge of the bot's own placeless duplicate emergency, blind test 34, DO3): B becomes `merged`
(merged_into A), its reporter follows A with role "reporter" (so they hear A's outcome), B's text and
photos show on A's page, both timelines and the audit log record it. Splitting undoes one merge: B goes
back to the status and assignee it had, the follower row goes, and that too is recorded. A report merged
automatically on arrival (never assigned) is routed afresh when split off."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import audit, registry
from bot.core.lifecycle import TicketError, may_act
from bot.core.notify import notify, notify_address
from bot.core.routing_rules import RoutingRules
from bot.core.scopes import Scope, visible_ticket
from bot.core.tickets import OPEN_STATUSES, assign, event, follow, schedule
from bot.store.models import Person, Ticket, TicketEvent, TicketFollower, TicketTimer

# Why a merge or split was refused, for the workbench (TicketError.reason → text).
REFUSALS = {
    "same_ticket": "不能把工单并入它自己。",
    "other_grid": "两张工单不在同一网格，不能并单。",
    "target_closed": "目标工单已办结或关闭，不能再并入。",
    "not_mergeable": "要并入的工单已办结、关闭或已并单，不能再并。",
    "has_merged": "该工单已并入了其他工单，请先拆分再并单。",
    "not_merged": "该工单没有并入本单，无需拆分。",
}


def _actor(session: Session, rules: RoutingRules, address: str, *tickets: Ticket) -> Person:
    actor = registry.person_by_address(session, address)
    for ticket in tickets:
        if actor is None or not may_act(session, rules, ticket, actor):
            raise TicketError("not_allowed", ticket)
    assert actor is not None
    return actor


def _in_scope(session: Session, scope: Scope, number: str | None) -> Ticket:
    wanted = (number or "").strip().upper()
    wanted = f"T{wanted}" if wanted.isdigit() else wanted  # "1023" typed for T1023
    ticket = visible_ticket(session, scope, wanted) if wanted else None
    if ticket is None:
        raise TicketError("not_found")
    return ticket


def merged_into(session: Session, ticket: Ticket) -> list[Ticket]:
    """The tickets merged into this one (by a report's arrival or by staff), oldest first."""
    return list(session.scalars(select(Ticket).where(Ticket.merged_into_id == ticket.id, Ticket.status == "merged")
                                .order_by(Ticket.id)))


def covers_both(scope: Scope, one: Ticket, other: Ticket) -> bool:
    """Whether an overseer (the duty officer: all; a secretary: their community) covers both tickets' grids, a
    ticket placed in no grid (a placeless emergency) counting as covered once it is in their scope at all."""
    return scope.oversees and all(t.unit_id is None or scope.covers_unit(t.unit_id) for t in (one, other))


def merge(session: Session, clock: Clock, rules: RoutingRules, scope: Scope, address: str,
          into_number: str | None, number: str | None, *, across: bool = False) -> Ticket:
    """Merge ticket `number` (B) into `into_number` (A); returns A. Both must be in the actor's scope; in one grid
    unless `across` and `covers_both`."""
    target, source = _in_scope(session, scope, into_number), _in_scope(session, scope, number)
    if target.id == source.id:
        raise TicketError("same_ticket", source)
    one_grid = target.unit_id is not None and target.unit_id == source.unit_id
    if not one_grid and not (across and covers_both(scope, target, source)):
        raise TicketError("other_grid", source)
    if target.status not in OPEN_STATUSES:
        raise TicketError("target_closed", target)
    if source.status not in OPEN_STATUSES:
        raise TicketError("not_mergeable", source)
    if merged_into(session, source):
        raise TicketError("has_merged", source)
    actor = _actor(session, rules, address, target, source)
    now = clock.now()
    followed = session.scalar(select(TicketFollower.id).where(
        TicketFollower.ticket_id == target.id, TicketFollower.address == source.reporter_address,
        TicketFollower.role == "reporter")) is not None
    before = source.assignee
    event(session, source, "merged", now, actor, into=target.number, previous_status=source.status,
          previous_assignee_id=source.assignee_id, previous_role=source.assignee_role,
          follower_added=not followed and source.reporter_address != target.reporter_address)
    event(session, target, "linked", now, actor, duplicate=source.number)
    source.status, source.merged_into_id = "merged", target.id
    if source.reporter_address != target.reporter_address:
        follow(session, target, source.reporter_address, source.reporter_channel, "reporter", source.reporter)
    audit.record(session, clock, f"person:{actor.id}", "ticket.merged", source.number or "",
                 {"into": target.number})
    if before is not None and before.id != target.assignee_id:
        notify(session, before, f"工单{source.number}已并入工单{target.number}办理，您无需再处理。",
               ticket_id=source.id)
    if not source.reporter_address.startswith("erased:"):
        notify_address(session, source.reporter_channel, source.reporter_address,
                       f"您反映的问题（工单{source.number}）与工单{target.number}是同一件事，已并入{target.number}合并办理，"
                       "结果会告诉您。",
                       ticket_id=source.id)
    session.flush()
    return target


def _resume_timers(session: Session, rules: RoutingRules, ticket: Ticket, now: datetime) -> None:
    """The reminders and the overdue step of its own deadlines (unchanged by the merge): those that went
    stale while it was merged are scheduled again; one still pending is not doubled."""
    before = timedelta(hours=rules.remind_before_hours)
    wanted = [("overdue", ticket.due_at, ticket.due_at)]
    if ticket.due_at is not None and ticket.due_at - before > now:
        wanted.append(("remind", ticket.due_at - before, ticket.due_at))
    if ticket.status in ("assigned", "reopened") and ticket.ack_due_at is not None \
            and ticket.ack_due_at - before > now:
        wanted.append(("remind_ack", ticket.ack_due_at - before, ticket.ack_due_at))
    for kind, at, deadline in wanted:
        if deadline is None:
            continue
        pending = session.scalar(select(TicketTimer.id).where(
            TicketTimer.ticket_id == ticket.id, TicketTimer.kind == kind, TicketTimer.deadline == deadline,
            TicketTimer.status.in_(("pending", "running"))).limit(1))
        if pending is None:
            schedule(session, ticket, kind, max(at, now), deadline)


def _merge_record(session: Session, ticket: Ticket) -> dict[str, object]:
    """What the ticket was before its latest merge (empty for a report merged on arrival: it was new)."""
    found = session.scalar(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "merged")
                           .order_by(TicketEvent.id.desc()).limit(1))
    data = found.data if found is not None and isinstance(found.data, dict) else {}
    return data


def split(session: Session, clock: Clock, rules: RoutingRules, scope: Scope, address: str,
          from_number: str | None, number: str | None) -> Ticket:
    """Undo the merge of ticket `number` (B) into `from_number` (A); returns B as it is again."""
    target, source = _in_scope(session, scope, from_number), _in_scope(session, scope, number)
    if source.status != "merged" or source.merged_into_id != target.id:
        raise TicketError("not_merged", source)
    actor = _actor(session, rules, address, target)
    _undo(session, clock, rules, target, source, actor)
    audit.record(session, clock, f"person:{actor.id}", "ticket.split", source.number or "",
                 {"from": target.number})
    session.flush()
    return source


def taken_apart(session: Session, clock: Clock, rules: RoutingRules, source: Ticket) -> Ticket:
    """A report merged on arrival into another's ticket that its reporter says is something else (我说的是建筑垃圾挡路
    不是垃圾桶, blind test 33, B135): split off by the reporter's word, routed afresh as a ticket of its own; the
    other ticket is left as it was. Returns it."""
    target = session.get(Ticket, source.merged_into_id) if source.merged_into_id else None
    if source.status != "merged" or target is None:
        raise TicketError("not_merged", source)
    _undo(session, clock, rules, target, source, registry.person_by_address(session, source.reporter_address))
    session.flush()
    return source


def _undo(session: Session, clock: Clock, rules: RoutingRules, target: Ticket, source: Ticket,
          actor: Person | None) -> None:
    """`source` back to what it was before its merge into `target` (routed afresh when merged on arrival)."""
    now = clock.now()
    record = _merge_record(session, source)
    source.merged_into_id = None
    previous = str(record.get("previous_status") or "new")
    assignee_id = record.get("previous_assignee_id")
    assignee = session.get(Person, assignee_id) if isinstance(assignee_id, int) else None
    if assignee is not None and previous in OPEN_STATUSES:
        source.status, source.assignee_id = previous, assignee.id
        source.assignee_role = str(record.get("previous_role") or source.assignee_role or "")
        _resume_timers(session, rules, source, now)
        notify(session, assignee, f"工单{source.number}已从工单{target.number}拆出，请继续办理。", ticket_id=source.id)
    else:  # merged on arrival: never assigned, so route it now
        source.status, source.assignee_id = "new", None
        assign(session, clock, rules, source, source.unit, exclude=set())
    still_following = source.reporter_address == target.reporter_address or session.scalar(
        select(Ticket.id).where(Ticket.merged_into_id == target.id, Ticket.status == "merged",
                                Ticket.id != source.id, Ticket.reporter_address == source.reporter_address)
        .limit(1)) is not None
    if not still_following and record.get("follower_added", True):
        session.execute(delete(TicketFollower).where(
            TicketFollower.ticket_id == target.id, TicketFollower.address == source.reporter_address,
            TicketFollower.role == "reporter").execution_options(synchronize_session=False))
    event(session, source, "split", now, actor, **{"from": target.number, "status": source.status})
    event(session, target, "unlinked", now, actor, duplicate=source.number)
