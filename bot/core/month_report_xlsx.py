"""A monthly report (`month_report.MonthReport`) as an .xlsx workbook with the page's figures: 概况 (the
headline figures), 网格 (per grid), 三色变化 (the moves and the list) and 类别 (top categories). Counts are
numbers, rates fractions shown as percentages, and every text cell that a spreadsheet would take for a
formula (=) or an error (#) is typed as text, so nothing in it is ever run."""

from __future__ import annotations

import io
from typing import Any

from bot.core.month_report import MonthReport, colour_name
from bot.core.monthly import SERVICE_TZ

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SUMMARY_HEADERS = ["项目", "数值"]
GRID_HEADERS = ["网格", "新工单", "月内办结", "月末在办", "月末逾期", "接单及时率", "办结及时率", "满意率",
                "走访计划", "走访完成", "三色变化"]
CHANGE_HEADERS = ["时间", "户号", "网格", "原颜色", "新颜色", "原因", "操作人", "方式"]
VIA_NAMES = {"page": "工作台", "sms": "短信", "visit": "走访", "import": "导入"}


def at_end(report: MonthReport) -> str:
    """月末 once the month is over; 目前 while it runs (what is open now, not at an end not yet reached)."""
    return "月末" if report.complete else "目前"


def grid_headers(report: MonthReport) -> list[str]:
    return [header.replace("月末", at_end(report)) for header in GRID_HEADERS]


def summary_rows(report: MonthReport) -> list[tuple[str, Any, str]]:
    """(label, value, number format) of the headline figures: the page's 概况 and the file's first sheet."""
    f, c = report.figures, report.counts
    when = at_end(report)
    return [
        ("单位", report.name, ""), ("月份", report.month_label, ""),
        ("统计期间", report.period, ""),
        ("新工单", c.new, "0"), ("月内办结", c.resolved, "0"), (f"{when}在办", c.open_at_end, "0"),
        (f"{when}逾期", c.overdue_at_end, "0"),
        ("接单及时率", f.ack_rate, "0%"), ("办结及时率", f.resolve_rate, "0%"), ("回访率", f.rating_rate, "0%"),
        ("满意率", f.satisfaction, "0%"), ("重开率", f.reopen_rate, "0%"),
        ("走访计划（户）", report.visits.planned, "0"), ("走访完成（户）", report.visits.done, "0"),
        ("走访完成率", report.visits.rate, "0%"), ("三色变化（次）", report.colour_changes_total, "0"),
    ]


def grid_rows(report: MonthReport) -> list[list[Any]]:
    return [[row.name, row.counts.new, row.counts.resolved, row.counts.open_at_end, row.counts.overdue_at_end,
             row.figures.ack_rate, row.figures.resolve_rate, row.figures.satisfaction, row.visits.planned,
             row.visits.done, row.colour_changes] for row in report.grids]


def _put(sheet: Any, row: int, column: int, value: Any, fmt: str = "") -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value[:1] in ("=", "#"):
        cell.data_type = "s"
    if fmt and value is not None:
        cell.number_format = fmt


def _table(sheet: Any, headers: list[str], rows: list[list[Any]], formats: dict[int, str] | None = None,
           first_row: int = 1) -> int:
    from openpyxl.styles import Font

    bold = Font(bold=True)
    for column, name in enumerate(headers, start=1):
        _put(sheet, first_row, column, name)
        sheet.cell(row=first_row, column=column).font = bold
    for offset, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            _put(sheet, first_row + offset, column, value, (formats or {}).get(column, ""))
    return first_row + len(rows) + 1


def to_xlsx(report: MonthReport) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    summary.title = "概况"
    _table(summary, SUMMARY_HEADERS, [[label, value] for label, value, _ in summary_rows(report)])
    for offset, (_, value, fmt) in enumerate(summary_rows(report), start=2):
        if fmt and value is not None:
            summary.cell(row=offset, column=2).number_format = fmt
    summary.column_dimensions["A"].width = 18
    grids = book.create_sheet("网格")
    _table(grids, grid_headers(report), grid_rows(report), {6: "0%", 7: "0%", 8: "0%"})
    grids.freeze_panes = "B2"
    changes = book.create_sheet("三色变化")
    below = _table(changes, ["原颜色", "新颜色", "次数"],
                   [[colour_name(old), colour_name(new), n] for old, new, n in report.colour_moves])
    _table(changes, CHANGE_HEADERS,
           [[c.at.astimezone(SERVICE_TZ).strftime("%Y-%m-%d %H:%M"), c.household, c.grid, colour_name(c.old),
             colour_name(c.new), c.reason, c.by, VIA_NAMES.get(c.via, c.via)] for c in report.colour_changes],
           first_row=below + 1)
    categories = book.create_sheet("类别")
    _table(categories, ["类别", "工单数"], [[name, n] for _, name, n in report.top_categories])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def filename(report: MonthReport) -> tuple[str, str]:
    """(a Chinese file name, an ASCII one for old clients)."""
    return f"月报-{report.name}-{report.month}.xlsx", f"month-report-{report.code}-{report.month}.xlsx"
