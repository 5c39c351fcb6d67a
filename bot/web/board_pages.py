"""The worker board (亮灯, /staff/board): each grid worker's figures and light for a month, within the
signed-in staff member's scope (a grid worker his own row, a secretary her community's workers, the
duty officer all), ordered by the query string (?sort=light|on_time|visits|grid, ?month=2026-11).
The figures and lights are the core's (bot/core/worker_board.py); the page reloads itself every
minute while it shows the running month (board.js), and links to the 亮灯图 (/staff/map)."""

import re
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from bot.core import worker_board
from bot.core.monthly import month_of, next_month, previous_month
from bot.web.render import page
from bot.web.workbench import Staff, Workbench

MONTH = re.compile(r"20\d\d-(0[1-9]|1[0-2])")
REFRESH_SECONDS = 60


def chosen_month(request: Request, current: str) -> str:
    """The month in the URL if it is a real month not after the current one, else the current month."""
    wanted = request.query_params.get("month", "")
    return wanted if MONTH.fullmatch(wanted) and wanted <= current else current


def router(bench: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/staff", include_in_schema=False)
    SignedIn = Annotated[Staff, Depends(bench.staff)]
    thresholds = worker_board.Thresholds.from_settings(bench.settings)

    @routes.get("/board", response_class=HTMLResponse)
    def board(request: Request, staff: SignedIn) -> Response:
        now = bench.clock.now()
        current = month_of(now)
        month = chosen_month(request, current)
        sort = request.query_params.get("sort", "light")
        sort = sort if sort in worker_board.SORTS else "light"
        with bench.db.session() as s:
            found = worker_board.board(s, month, now, thresholds, viewer=staff.scope)
        return page(bench.pages, request, "board.html", {
            "staff": staff, "board": found, "rows": worker_board.ordered(found.rows, sort), "sort": sort,
            "month": month, "current": month == current, "previous": previous_month(month),
            "next": next_month(month) if month < current else "", "t": thresholds,
            "LIGHTS": worker_board.LIGHTS, "SORTS": worker_board.SORTS,
            "percent": worker_board.percent, "refresh": REFRESH_SECONDS if month == current else 0})

    return routes
