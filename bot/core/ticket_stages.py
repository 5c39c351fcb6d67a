"""The 13710 stages a ticket's queue folder says (待接单, 办理中, 待回访/评价, 逾期, 已办结), what is overdue,
and in what order tickets come: defined once for the queue, the filters, statistics and exports."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import ColumnElement, and_, case, not_, or_

from bot.store.models import Ticket

FOLDERS = {"pending": "待接单", "working": "办理中", "rating": "待回访/评价", "overdue": "逾期", "done": "已办结"}
WAITING = ("new", "assigned", "returned", "reopened")  # nobody has taken it (again) yet
WORKING = ("acknowledged", "in_progress")
DONE = ("closed", "cancelled", "merged")
CHANNELS = {"sms": "短信", "telegram": "Telegram", "simulator": "模拟器", "open311": "Open311"}
COLOURS = {"red": "红色", "yellow": "黄色", "green": "绿色"}
# Dates in the filters are days in China (UTC+8).
LOCAL = timezone(timedelta(hours=8))


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


def urgency_order(now: datetime) -> list[ColumnElement[object]]:
    """Emergencies, then overdue, then by priority (red households are high), then the nearest deadline."""
    return [case((Ticket.priority == "immediate", 0), else_=1), case((overdue(now), 0), else_=1),
            case((Ticket.priority == "high", 0), (Ticket.priority == "medium", 1), else_=2),
            case((Ticket.due_at.is_(None), 1), else_=0), Ticket.due_at, Ticket.id.desc()]


def is_overdue(ticket: Ticket, now: datetime) -> bool:
    if ticket.status in (*WAITING, *WORKING) and ticket.due_at is not None and ticket.due_at < now:
        return True
    return ticket.status in WAITING and ticket.ack_due_at is not None and ticket.ack_due_at < now
