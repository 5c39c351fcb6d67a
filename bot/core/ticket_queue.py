"""The workbench's queue: tickets in scope by 13710 stage (folders), filtered and searched, most urgent
first. Every query here takes the staff member's `Scope`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta, timezone

from sqlalchemy import ColumnElement, and_, case, func, not_, or_, select
from sqlalchemy.orm import Session, joinedload

from bot.core.scopes import Scope
from bot.store.models import Household, OrgUnit, Person, Ticket

FOLDERS = {"pending": "待接单", "working": "办理中", "rating": "待回访/评价", "overdue": "逾期", "done": "已办结"}
WAITING = ("new", "assigned", "returned", "reopened")  # nobody has taken it (again) yet
WORKING = ("acknowledged", "in_progress")
DONE = ("closed", "cancelled", "merged")
CHANNELS = {"sms": "短信", "telegram": "Telegram", "simulator": "模拟器", "open311": "Open311"}
COLOURS = {"red": "红色", "yellow": "黄色", "green": "绿色"}
# Dates in the filters are days in China (UTC+8).
LOCAL = timezone(timedelta(hours=8))
PAGE_SIZE = 100


@dataclass(frozen=True)
class QueueFilters:
    """What the URL says: ?folder=overdue&category=roads&grid=XF-G1&status=assigned&colour=red&
    channel=sms&since=2026-11-01&until=2026-11-30&q=路灯&page=2. Unknown values are ignored."""

    folder: str = "pending"
    category: str = ""
    grid: str = ""  # an org unit's code
    status: str = ""
    colour: str = ""
    channel: str = ""
    since: date | None = None
    until: date | None = None
    q: str = ""
    page: int = 1

    def conditions(self, now: datetime) -> list[ColumnElement[bool]]:
        """The folder and every filter as conditions on `Ticket` (without the scope): what the page lists,
        so an export or a statistic of the same filters covers the same tickets."""
        return [in_folder(self.folder, now), *_filters(self)]

    def query_string(self, **changes: object) -> str:
        """The URL query of these filters with some changed (for folder tabs and pages)."""
        from urllib.parse import urlencode

        values = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        return urlencode({k: v for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1)})


def overdue(now: datetime) -> ColumnElement[bool]:
    """Open and past its handling deadline, or not taken and past the acknowledgement deadline."""
    # Never NULL (a ticket nobody could place has no deadlines): NOT of a NULL would hide it from 待接单 too.
    return or_(and_(Ticket.status.in_((*WAITING, *WORKING)), Ticket.due_at.is_not(None), Ticket.due_at < now),
               and_(Ticket.status.in_(WAITING), Ticket.ack_due_at.is_not(None), Ticket.ack_due_at < now))


def in_folder(folder: str, now: datetime) -> ColumnElement[bool]:
    late = overdue(now)
    return {
        "pending": and_(Ticket.status.in_(WAITING), not_(late)),
        "working": and_(Ticket.status.in_(WORKING), not_(late)),
        "rating": Ticket.status == "resolved",
        "overdue": late,
        "done": Ticket.status.in_(DONE),
    }.get(folder, Ticket.status.in_(WAITING))


def _filters(f: QueueFilters) -> list[ColumnElement[bool]]:
    """Every filter but the folder, as conditions on `Ticket`."""
    where: list[ColumnElement[bool]] = []
    if f.category:
        where.append(Ticket.category == f.category)
    if f.status:
        where.append(Ticket.status == f.status)
    if f.channel:
        where.append(Ticket.reporter_channel == f.channel)
    if f.grid:
        where.append(Ticket.unit_id.in_(select(OrgUnit.id).where(OrgUnit.code == f.grid)))
    if f.colour:
        where.append(Ticket.reporter_id.in_(select(Person.id).join(Household, Person.household_id == Household.id)
                                            .where(Household.colour == f.colour)))
    if f.since:
        where.append(Ticket.created_at >= datetime.combine(f.since, time(), LOCAL))
    if f.until:
        where.append(Ticket.created_at < datetime.combine(f.until + timedelta(days=1), time(), LOCAL))
    text = f.q.strip()
    if text:
        where.append(or_(Ticket.number == text.upper(), Ticket.text.contains(text, autoescape=True),
                         Ticket.place_text.contains(text, autoescape=True)))
    return where


def counts(session: Session, scope: Scope, f: QueueFilters, now: datetime) -> dict[str, int]:
    """How many tickets each folder holds under the other filters."""
    columns = [func.count(case((in_folder(folder, now), 1))).label(folder) for folder in FOLDERS]
    row = session.execute(select(*columns).select_from(Ticket).where(scope.tickets(), *_filters(f))).one()
    return dict(zip(FOLDERS, row, strict=True))


def urgency_order(now: datetime) -> list[ColumnElement[object]]:
    """Emergencies, then overdue, then by priority (red households are high), then the nearest deadline."""
    return [case((Ticket.priority == "immediate", 0), else_=1), case((overdue(now), 0), else_=1),
            case((Ticket.priority == "high", 0), (Ticket.priority == "medium", 1), else_=2),
            case((Ticket.due_at.is_(None), 1), else_=0), Ticket.due_at, Ticket.id.desc()]


def tickets(session: Session, scope: Scope, f: QueueFilters, now: datetime,
            page_size: int = PAGE_SIZE) -> list[Ticket]:
    """One page of the folder's tickets, most urgent first, with their grid and assignee loaded."""
    query = (select(Ticket).where(scope.tickets(), *f.conditions(now))
             .options(joinedload(Ticket.unit), joinedload(Ticket.assignee))
             .order_by(*urgency_order(now)).limit(page_size).offset((max(f.page, 1) - 1) * page_size))
    return list(session.scalars(query))


def is_overdue(ticket: Ticket, now: datetime) -> bool:
    if ticket.status in (*WAITING, *WORKING) and ticket.due_at is not None and ticket.due_at < now:
        return True
    return ticket.status in WAITING and ticket.ack_due_at is not None and ticket.ack_due_at < now
