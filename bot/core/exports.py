"""The ticket list a queue shows (a `TicketScope` and its filter, most urgent first) as CSV or .xlsx
with Chinese headers, for cadres' own reports.

The reporter's name, number and exact point are personal data: they are in the file only when the
caller says the reader's scope allows it (`personal=True`), and such an export is recorded in the
audit log. Cells that a spreadsheet would read as a formula (=, +, -, @ first) are written as text
(OWASP's CSV injection advice): a resident's message is never run."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from bot.common.clock import BEIJING, Clock
from bot.core import audit
from bot.core.lifecycle import STATUS_NAMES
from bot.core.ticket_filter import TicketConditions, TicketScope, urgency
from bot.core.ticket_filter import where as ticket_where
from bot.core.tickets import CATEGORY_NAMES, OPEN_STATUSES
from bot.store.models import OrgUnit, Person, Ticket

MAX_ROWS = 50_000  # a file past this is cut, and says so in its last row
PRIORITY_NAMES = {"immediate": "紧急", "high": "优先", "medium": "较急", "normal": "一般"}
CHANNEL_NAMES = {"sms": "短信", "telegram": "Telegram", "simulator": "模拟器", "open311": "Open311"}
RATING_NAMES = {1: "满意", 2: "基本满意", 3: "不满意"}
HEADERS = ["工单号", "状态", "类别", "紧急程度", "网格", "社区/村", "渠道", "反映时间", "地点", "问题描述",
           "承办人", "接单时限", "接单时间", "办结时限", "办结时间", "办结情况", "评价", "是否逾期"]
PERSONAL_HEADERS = ["反映人", "反映人电话", "纬度", "经度"]
FORMATS = {"csv": "text/csv; charset=utf-8",
           "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


@dataclass(frozen=True)
class Export:
    """A file to hand the reader: its bytes, content type, a file name and how many tickets it lists."""

    content: bytes
    content_type: str
    filename: str
    count: int
    truncated: bool


def _when(moment: datetime | None) -> str:
    return moment.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M") if moment is not None else ""


_E164 = re.compile(r"\+\d{6,15}")


def safe_cell(value: str) -> str:
    """A CSV cell a spreadsheet shows as text: a leading =, +, -, @, tab or CR gets an apostrophe
    first (a phone number in E.164 is left as it is)."""
    if value[:1] in ("=", "+", "-", "@", "\t", "\r") and not _E164.fullmatch(value):
        return "'" + value
    return value


def table(session: Session, scope: TicketScope, wanted: TicketConditions, now: datetime, *, personal: bool,
          limit: int = MAX_ROWS) -> tuple[list[str], list[list[str]], bool]:
    """The headers and rows (every cell text) of what the queue shows; and whether the
    list was cut at `limit`. One query, joined to the grid, its community, the assignee and (only
    when `personal`) the reporter."""
    grid, community = aliased(OrgUnit, name="grid"), aliased(OrgUnit, name="community")
    assignee, reporter = aliased(Person, name="assignee"), aliased(Person, name="reporter")
    columns: list[Any] = [Ticket.number, Ticket.status, Ticket.category, Ticket.priority, grid.name, community.name,
                          Ticket.reporter_channel, Ticket.created_at, Ticket.place_text, Ticket.text, assignee.name,
                          Ticket.ack_due_at, Ticket.acknowledged_at, Ticket.due_at, Ticket.resolved_at,
                          Ticket.resolution_note, Ticket.rating]
    if personal:
        columns += [reporter.name, Ticket.reporter_address, Ticket.lat, Ticket.lon]
    query = (select(*columns).select_from(Ticket)
             .outerjoin(grid, grid.id == Ticket.unit_id).outerjoin(community, community.id == grid.parent_id)
             .outerjoin(assignee, assignee.id == Ticket.assignee_id)
             .where(*ticket_where(scope, wanted, now)).order_by(*urgency(now)).limit(limit + 1))
    if personal:
        query = query.outerjoin(reporter, reporter.id == Ticket.reporter_id)
    rows = session.execute(query).all()
    truncated = len(rows) > limit
    body = [_row(row, now, personal) for row in rows[:limit]]
    return HEADERS + (PERSONAL_HEADERS if personal else []), body, truncated


def _row(row: Any, now: datetime, personal: bool) -> list[str]:
    (number, status, category, priority, grid_name, community_name, channel, created_at, place, text,
     assignee_name, ack_due_at, acknowledged_at, due_at, resolved_at, note, rating) = row[:17]
    overdue = status in OPEN_STATUSES and due_at is not None and due_at < now
    cells = [number or "", STATUS_NAMES.get(status, status), CATEGORY_NAMES.get(category, category),
             PRIORITY_NAMES.get(priority, priority), grid_name or "待分派", community_name or "",
             CHANNEL_NAMES.get(channel, channel), _when(created_at), place or "", text or "", assignee_name or "",
             _when(ack_due_at), _when(acknowledged_at), _when(due_at), _when(resolved_at), note or "",
             RATING_NAMES.get(rating, "") if rating is not None else "", "是" if overdue else "否"]
    if personal:
        name, address, lat, lon = row[17:]
        number_shown = address if address and address.startswith("+") else ""
        cells += [name or "", number_shown, "" if lat is None else f"{lat:.6f}", "" if lon is None else f"{lon:.6f}"]
    return cells


def to_csv(headers: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel opens the Chinese as Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows([safe_cell(cell) for cell in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def to_xlsx(headers: list[str], rows: list[list[str]], title: str = "工单") -> bytes:
    """One sheet, headers bold and frozen, every cell a string: one that starts like a formula or an
    error is typed as text, so nothing is ever run. Plain values elsewhere: a cell object for each
    doubled the time (docs/benchmarks.md)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header_cells = []
    for name in headers:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_as_text(sheet, value) if value[:1] in ("=", "#") else value for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _as_text(sheet: Any, value: str) -> Any:
    """A cell openpyxl would take for a formula (=) or an error (#N/A), typed as the text it is."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    cell.data_type = "s"
    return cell


def export(session: Session, clock: Clock, scope: TicketScope, wanted: TicketConditions, fmt: str, *, personal: bool,
           actor: str, limit: int = MAX_ROWS) -> Export:
    """The queue's tickets as a file (`fmt`: "csv" or "xlsx"). `actor` ("person:<id>") is recorded in
    the audit log with what was exported when the file holds personal data."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}: csv or xlsx")
    now = clock.now()
    headers, rows, truncated = table(session, scope, wanted, now, personal=personal, limit=limit)
    if truncated:
        rows = [*rows, [f"（仅导出前{limit}条，请缩小筛选范围）"] + [""] * (len(headers) - 1)]
    if personal:
        audit.record(session, clock, actor, "tickets.export", fmt,
                     {"count": len(rows) - int(truncated), "personal": True, "filter": _described(wanted)})
    content = to_csv(headers, rows) if fmt == "csv" else to_xlsx(headers, rows)
    stamp = now.astimezone(BEIJING).strftime("%Y%m%d-%H%M")
    return Export(content, FORMATS[fmt], f"工单-{stamp}.{fmt}", len(rows) - int(truncated), truncated)


def _described(wanted: TicketConditions) -> dict[str, str]:
    """The filter as the audit log keeps it: the fields set, as text (the search words are not kept:
    they may be a name or a number)."""
    fields = dict(getattr(wanted, "__dict__", {}))
    words = {name: fields.pop(name) for name in ("text", "q") if fields.get(name)}
    kept = {name: value for name, value in fields.items() if value not in (None, "")}
    kept.update({name: "…" for name in words})
    return {name: value.isoformat() if isinstance(value, datetime) else str(value) for name, value in kept.items()}

