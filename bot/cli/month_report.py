"""`bin/bot report --month 2026-11 --unit XF`: a community's, village's or grid's monthly report (月报)
printed as the page shows it, and with `--out FILE.xlsx` written as the page's Excel file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bot.common.clock import Clock
from bot.common.settings import load_settings
from bot.core import month_report_xlsx
from bot.core.month_report import MONTH, month_report, percent, reportable_unit
from bot.core.monthly import month_of, previous_month
from bot.store.db import Database

console = Console(stderr=True)


def _shown(value: object, fmt: str) -> str:
    if value is None:
        return "—"
    return percent(value) if fmt == "0%" else str(value)  # type: ignore[arg-type]


def report_command(unit: Annotated[str, typer.Option(help="a community, village or grid code, e.g. XF")],
                   month: Annotated[str | None, typer.Option(help="YYYY-MM; the last complete month if left out")]
                   = None,
                   out: Annotated[Path | None, typer.Option(help="also write the report as this .xlsx file")] = None,
                   ) -> None:
    """The month's tickets, 13710, satisfaction, visits, colour changes and top categories, and per grid."""
    now = Clock().now()
    month = month or previous_month(month_of(now))
    if not MONTH.match(month):
        raise typer.BadParameter("--month is YYYY-MM, e.g. 2026-11")
    if out is not None and out.suffix.lower() != ".xlsx":
        raise typer.BadParameter("--out must end in .xlsx")
    db = Database(load_settings().resolved_database_url)
    try:
        with db.session() as s:
            found = reportable_unit(s, unit)
            if found is None:
                raise typer.BadParameter(f"{unit}: no community, village or grid has this code")
            report = month_report(s, found, month, now)
    finally:
        db.dispose()
    summary = Table("项目", "数值", title=f"{report.name} {report.month_label}月报")
    for label, value, fmt in month_report_xlsx.summary_rows(report):
        summary.add_row(label, _shown(value, fmt))
    grids = Table(*month_report_xlsx.grid_headers(report))
    for row in month_report_xlsx.grid_rows(report):
        grids.add_row(*(percent(v) if i in (5, 6, 7) else str(v) for i, v in enumerate(row)))
    shown = Console()
    shown.print(summary)
    shown.print(grids)
    shown.print("类别前五：" + ("、".join(f"{name} {n}" for _, name, n in report.top_categories) or "—"))
    if out is not None:
        out.write_bytes(month_report_xlsx.to_xlsx(report))
        out.chmod(0o600)  # the colour changes name households
        console.print(f"月报 → {out}", markup=False)
