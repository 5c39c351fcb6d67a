"""A scope's audit trail, for those who oversee it (secretaries, the duty officer): what was done to the
tickets in their scope and what the staff of their units did (sign-ins, views, actions), newest first.
Reading it is itself recorded."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import audit
from bot.core.scopes import Scope
from bot.store.models import Person, StaffRole, Ticket
from bot.store.privacy_models import AuditEntry

PAGE = 100


@dataclass(frozen=True)
class TrailEntry:
    id: int
    at: datetime
    actor: str  # a name, "命令行", "系统"…
    action: str
    subject: str  # a ticket number or a name
    ticket: str | None  # the ticket number to link to


def _key_names(session: Session, keys: set[str]) -> dict[str, str]:
    ids = {int(k[7:]) for k in keys if k.startswith("person:") and k[7:].isdigit()}
    names = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(sorted(ids)))).all())
    return {f"person:{i}": name for i, name in names.items()}


def trail(session: Session, clock: Clock, scope: Scope, *, before: int | None = None) -> list[TrailEntry] | None:
    """The newest PAGE entries of the scope's trail (older than entry `before`), or None for someone who
    oversees nobody."""
    if not scope.oversees:
        return None
    query = select(AuditEntry).order_by(AuditEntry.id.desc()).limit(PAGE)
    if not scope.everything:
        staff = select(StaffRole.person_id).where(StaffRole.unit_id.in_(sorted(scope.unit_ids)))
        keys = [f"person:{pid}" for pid in session.scalars(staff.distinct())]
        query = query.where(or_(AuditEntry.subject.in_(select(Ticket.number).where(scope.tickets())),
                                AuditEntry.actor.in_(keys), AuditEntry.subject.in_(keys)))
    if before is not None:
        query = query.where(AuditEntry.id < before)
    rows = list(session.scalars(query))
    names = _key_names(session, {r.actor for r in rows} | {r.subject for r in rows})
    numbers = set(session.scalars(select(Ticket.number).where(Ticket.number.in_({r.subject for r in rows}))))
    audit.record(session, clock, f"person:{scope.person_id}", "audit.viewed", f"person:{scope.person_id}",
                 {"before": before} if before else {})
    return [TrailEntry(r.id, r.at, names.get(r.actor, _who(r.actor)), r.action, names.get(r.subject, r.subject),
                       r.subject if r.subject in numbers else None) for r in rows]


def _who(actor: str) -> str:
    if actor.startswith("cli:") or actor == "cli":
        return "命令行"
    return {"web": "工作台", "system": "系统", "demo": "演示数据"}.get(actor, actor)
