"""The workbench's reports: 导出 (the queue's tickets under its filters as CSV or .xlsx) and 统计
(13710 compliance, satisfaction, reopen rate and time to resolve by grid, community, category or month,
with server-drawn SVG charts). Both read through the signed-in staff member's scope; the reporter's
name, number and point go into an export only for those who oversee others (secretaries, the duty
officer) when they ask for them, and such an export is audited."""
# No `from __future__ import annotations`: FastAPI reads the routes' Annotated dependencies at definition.
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from bot.common.charts import bar_chart, line_chart
from bot.core import exports, stats
from bot.core.ticket_filter import TicketFilter
from bot.core.ticket_queue import LOCAL
from bot.core.tickets import CATEGORY_NAMES
from bot.web.cookies import csrf_matches
from bot.web.pages import filters_from
from bot.web.render import SECURITY_HEADERS, page
from bot.web.workbench import Staff, Workbench


def may_export_personal(staff: Staff) -> bool:
    """Only those who oversee others' work in their scope (secretaries, the duty officer) may take the
    reporters' personal data away in a file; everyone else's export leaves it out."""
    return staff.scope.oversees


@dataclass(frozen=True)
class StatsQuery:
    """What the statistics page's URL asks for: ?by=grid&since=2026-11-01&until=2026-11-30&category=roads."""

    by: str = "grid"
    since: date | None = None
    until: date | None = None
    category: str = ""

    def ticket_filter(self) -> TicketFilter:
        """Tickets created on the days chosen (China time; `until` inclusive)."""
        return TicketFilter(
            category=self.category or None,
            since=datetime.combine(self.since, time(), LOCAL) if self.since else None,
            until=datetime.combine(self.until + timedelta(days=1), time(), LOCAL) if self.until else None)


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def stats_query(request: Request) -> StatsQuery:
    q = request.query_params
    by, category = q.get("by", "grid"), q.get("category", "")
    return StatsQuery(by=by if by in stats.GROUPINGS else "grid", since=_day(q.get("since", "")),
                      until=_day(q.get("until", "")), category=category if category in CATEGORY_NAMES else "")


def attachment(filename: str, fallback: str) -> str:
    """Content-Disposition for a Chinese file name (RFC 6266/5987), with an ASCII one for old clients."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def router(bench: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/staff", include_in_schema=False)
    SignedIn = Annotated[Staff, Depends(bench.staff)]

    @routes.post("/export")
    def export(request: Request, staff: SignedIn, csrf: Annotated[str, Form()] = "",
               fmt: Annotated[str, Form()] = "csv", personal: Annotated[str, Form()] = "") -> Response:
        """The tickets the queue shows under the filters in this URL's query (every page of them)."""
        if not csrf_matches(staff.csrf, csrf):
            return page(bench.pages, request, "refused.html", {"staff": staff}, 403)
        if fmt not in exports.FORMATS:
            return page(bench.pages, request, "not_found.html", {"staff": staff}, 404)
        wanted = filters_from(request)
        with bench.db.session() as s:
            made = exports.export(s, bench.clock, staff.scope, wanted, fmt,
                                  personal=bool(personal) and may_export_personal(staff),
                                  actor=f"person:{staff.person_id}")
        stamp = made.filename.rsplit("-", 2)
        fallback = f"tickets-{stamp[-2]}-{stamp[-1]}" if len(stamp) == 3 else f"tickets.{fmt}"
        return Response(made.content, media_type=made.content_type,
                        headers={**SECURITY_HEADERS, "Content-Disposition": attachment(made.filename, fallback),
                                 "X-Ticket-Count": str(made.count)})

    @routes.get("/stats", response_class=HTMLResponse)
    def statistics(request: Request, staff: SignedIn) -> Response:
        wanted = stats_query(request)
        now = bench.clock.now()
        with bench.db.session() as s:
            table = stats.report(s, staff.scope, wanted.ticket_filter(), now, wanted.by)
            months = table.rows if wanted.by == "month" else stats.figures(s, staff.scope, wanted.ticket_filter(),
                                                                           now, "month")
        charts = [
            Markup(bar_chart([(row.label, row.tickets) for row in table.rows], unit="件",
                             title=f"工单数（按{stats.GROUPINGS[wanted.by]}）")),
            Markup(line_chart([(row.label, row.resolve_rate) for row in months], title="办结及时率（按月）")),
        ]
        return page(bench.pages, request, "stats.html", {
            "staff": staff, "q": wanted, "report": table, "charts": charts if table.rows else [],
            "GROUPINGS": stats.GROUPINGS})

    return routes
