"""月报: a community's, village's or grid's monthly summary as a printable page and an .xlsx file
(`bot/core/month_report.py`), at /staff/reports/monthly?unit=XF&month=2026-11.

Who sees which (the workbench's scopes): a unit's report is there for whoever's scope covers the unit.
The duty officer sees every community, village and grid; a community or village secretary (or branch
secretary) her own and its grids; a grid worker his grid's, and another grid's or his community's is a
404 (its other grids are not his to read); a building head has none (404). Without `unit` the page shows
the highest unit in scope; without `month`, the last complete month (what the secretaries' message of
the first points to). Each download of the .xlsx is in the audit log (it names households and why their
colour changed). Printing the page (the browser's 打印 → 另存为PDF) gives a clean A4 sheet."""
# No `from __future__ import annotations`: FastAPI reads the routes' Annotated dependencies at definition.
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from bot.common.charts import bar_chart
from bot.core import audit, month_report_xlsx
from bot.core.month_report import MONTH, MonthReport, colour_name, month_report, reportable_unit, units_offered
from bot.core.monthly import month_of, next_month, previous_month
from bot.web.render import SECURITY_HEADERS, page
from bot.web.reports import attachment
from bot.web.workbench import Staff, Workbench

KIND_NAMES = {"community": "社区", "village": "村", "grid": "网格"}


def month_asked(value: str, current: str) -> str:
    """The month in the URL if it is a real one not after the current month; else the last complete one."""
    if MONTH.match(value or "") and value <= current:
        return value
    return previous_month(current)


def _charts(report: MonthReport) -> list[Markup]:
    if len(report.grids) < 2:
        return []
    return [Markup(bar_chart([(row.name, row.counts.new) for row in report.grids], unit="件",
                             title="各网格新工单")),
            Markup(bar_chart([(row.name, row.visits.rate) for row in report.grids], title="各网格走访完成率"))]


def router(bench: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/staff/reports", include_in_schema=False)
    SignedIn = Annotated[Staff, Depends(bench.staff)]

    def _report(request: Request, staff: Staff) -> tuple[MonthReport, list] | None:
        """The report the URL asks for, or None when the unit is not one the staff member may read."""
        now = bench.clock.now()
        month = month_asked(request.query_params.get("month", ""), month_of(now))
        with bench.db.session() as s:
            offered = units_offered(s, staff.scope)
            code = request.query_params.get("unit", "")
            unit = reportable_unit(s, code) if code else (offered[0] if offered else None)
            if unit is None or not staff.scope.covers_unit(unit.id):
                return None
            return month_report(s, unit, month, now), offered

    @routes.get("/monthly", response_class=HTMLResponse)
    def monthly(request: Request, staff: SignedIn) -> Response:
        found = _report(request, staff)
        if found is None:
            return page(bench.pages, request, "not_found.html", {"staff": staff, "what": "这份月报"}, 404)
        report, offered = found
        current = month_of(bench.clock.now())
        return page(bench.pages, request, "month_report.html", {
            "staff": staff, "r": report, "offered": offered, "KIND_NAMES": KIND_NAMES,
            "charts": _charts(report),
            "colour_name": colour_name, "VIA_NAMES": month_report_xlsx.VIA_NAMES,
            "previous": previous_month(report.month),
            "next": next_month(report.month) if report.month < current else None})

    @routes.get("/monthly.xlsx")
    def monthly_xlsx(request: Request, staff: SignedIn) -> Response:
        found = _report(request, staff)
        if found is None:
            return page(bench.pages, request, "not_found.html", {"staff": staff, "what": "这份月报"}, 404)
        report = found[0]
        with bench.db.session() as s:  # the file may name households and why their colour changed
            audit.record(s, bench.clock, f"person:{staff.person_id}", "month_report.export", report.code,
                         {"month": report.month, "colour_changes": len(report.colour_changes)})
        name, fallback = month_report_xlsx.filename(report)
        return Response(month_report_xlsx.to_xlsx(report), media_type=month_report_xlsx.CONTENT_TYPE,
                        headers={**SECURITY_HEADERS, "Content-Disposition": attachment(name, fallback)})

    return routes
