"""The workbench's queue: tickets in scope by 13710 stage (folders), filtered and searched, most urgent
first. Every query here takes the staff member's `Scope`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta

from sqlalchemy import ColumnElement, case, func, select
from sqlalchemy.orm import Session, joinedload

from bot.core.scopes import Scope
from bot.core.ticket_filter import TicketFilter
from bot.core.ticket_stages import CHANNELS as CHANNELS  # the folders and their names, for the pages
from bot.core.ticket_stages import COLOURS as COLOURS
from bot.core.ticket_stages import DONE as DONE
from bot.core.ticket_stages import FOLDERS as FOLDERS
from bot.core.ticket_stages import LOCAL as LOCAL
from bot.core.ticket_stages import WAITING as WAITING
from bot.core.ticket_stages import WORKING as WORKING
from bot.core.ticket_stages import in_folder as in_folder
from bot.core.ticket_stages import is_overdue as is_overdue
from bot.core.ticket_stages import overdue as overdue
from bot.core.ticket_stages import urgency_order as urgency_order
from bot.store.models import Ticket

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
        return [in_folder(self.folder, now), *self.as_filter().conditions(now)]

    def as_filter(self) -> TicketFilter:
        """Every filter but the folder, as the `TicketFilter` statistics and exports take."""
        return TicketFilter(category=self.category or None, grid_code=self.grid or None, status=self.status or None,
                            colour=self.colour or None, channel=self.channel or None,
                            since=datetime.combine(self.since, time(), LOCAL) if self.since else None,
                            until=datetime.combine(self.until + timedelta(days=1), time(), LOCAL) if self.until
                            else None, text=self.q or None)

    def query_string(self, **changes: object) -> str:
        """The URL query of these filters with some changed (for folder tabs and pages)."""
        from urllib.parse import urlencode

        values = {f.name: getattr(self, f.name) for f in fields(self)} | changes
        return urlencode({k: v for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1)})


def counts(session: Session, scope: Scope, f: QueueFilters, now: datetime) -> dict[str, int]:
    """How many tickets each folder holds under the other filters."""
    columns = [func.count(case((in_folder(folder, now), 1))).label(folder) for folder in FOLDERS]
    row = session.execute(select(*columns).select_from(Ticket)
                          .where(scope.tickets(), *f.as_filter().conditions(now))).one()
    return dict(zip(FOLDERS, row, strict=True))


def tickets(session: Session, scope: Scope, f: QueueFilters, now: datetime,
            page_size: int = PAGE_SIZE) -> list[Ticket]:
    """One page of the folder's tickets, most urgent first, with their grid and assignee loaded."""
    query = (select(Ticket).where(scope.tickets(), *f.conditions(now))
             .options(joinedload(Ticket.unit), joinedload(Ticket.assignee))
             .order_by(*urgency_order(now)).limit(page_size).offset((max(f.page, 1) - 1) * page_size))
    return list(session.scalars(query))
