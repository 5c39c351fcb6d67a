"""`bin/bot stats` and `bin/bot export`: the workbench's statistics table and ticket export from the
command line (the whole subdistrict; an export with the reporters' details is audited under the
operating system's user)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.common.clock import BEIJING, Clock
from bot.common.settings import load_settings
from bot.core import audit, exports, stats
from bot.core.ticket_filter import FOLDERS, GridScope, TicketFilter
from bot.store.db import Database

console = Console(stderr=True)

SinceOption = Annotated[str | None, typer.Option(help="first day, Beijing time: 2026-11-01")]
UntilOption = Annotated[str | None, typer.Option(help="last day, Beijing time: 2026-11-30")]
CategoryOption = Annotated[str | None, typer.Option(help="a category code, e.g. roads")]


def _day(text: str | None, *, end: bool = False) -> datetime | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise typer.BadParameter(f"{text}: a day as YYYY-MM-DD") from exc
    return datetime.combine(day + timedelta(days=1) if end else day, time(), BEIJING)


def _rate(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def stats_command(by: Annotated[str, typer.Option(help="grid, community, category or month")] = "community",
                  since: SinceOption = None, until: UntilOption = None, category: CategoryOption = None) -> None:
    """13710 compliance, satisfaction, reopen rate and median time to resolve, by a grouping."""
    if by not in stats.GROUPINGS:
        raise typer.BadParameter(f"--by is one of {', '.join(stats.GROUPINGS)}")
    wanted = TicketFilter(category=category, since=_day(since), until=_day(until, end=True))
    db = Database(load_settings().resolved_database_url)
    try:
        with db.session() as s:
            table = stats.report(s, GridScope.all(), wanted, Clock().now(), by)
    finally:
        db.dispose()
    shown = Table(stats.GROUPINGS[by], "工单", "在办", "逾期", "接单及时", "办结及时", "满意率", "回访率", "重开率",
                  "办结中位(时)")
    for row in [*table.rows, table.total]:
        median = "—" if row.median_hours_to_resolve is None else f"{row.median_hours_to_resolve:.1f}"
        shown.add_row(row.label, str(row.tickets), str(row.open), str(row.overdue), _rate(row.ack_rate),
                      _rate(row.resolve_rate), _rate(row.satisfaction), _rate(row.rating_rate), _rate(row.reopen_rate),
                      median)
    Console().print(shown)


def export_command(out: Annotated[Path, typer.Option(help="the file to write: .csv or .xlsx")],
                   since: SinceOption = None, until: UntilOption = None, category: CategoryOption = None,
                   folder: Annotated[str | None, typer.Option(help=", ".join(FOLDERS))] = None,
                   personal: Annotated[bool, typer.Option("--personal", help="with reporters' names and numbers")]
                   = False) -> None:
    """Every ticket the filters select, most urgent first, as a file; prints how many."""
    fmt = out.suffix.lstrip(".").lower()
    if fmt not in exports.FORMATS:
        raise typer.BadParameter("--out must end in .csv or .xlsx")
    if folder is not None and folder not in FOLDERS:
        raise typer.BadParameter(f"--folder is one of {', '.join(FOLDERS)}")
    wanted = TicketFilter(category=category, folder=folder, since=_day(since), until=_day(until, end=True))
    db = Database(load_settings().resolved_database_url)
    try:
        with db.session() as s:
            made = exports.export(s, Clock(), GridScope.all(), wanted, fmt, personal=personal,
                                  actor=audit.cli_actor())
    finally:
        db.dispose()
    out.write_bytes(made.content)
    out.chmod(0o600)  # it may hold personal data
    console.print(f"{made.count} 条工单 → {out}" + ("（已截断）" if made.truncated else ""), markup=False)
