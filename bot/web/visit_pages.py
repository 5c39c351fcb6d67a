"""走访 (四万行动) in the workbench: the month's visit list (a grid worker's own grids; a secretary's or the
duty officer's whole scope, filterable by grid), how far it is done, and a form to record a visit on each
open household (its note, a problem to file for the household, a colour or tag change with its reason).
Every query goes through the staff member's scope; a household outside it is a 404."""
# No `from __future__ import annotations`: FastAPI reads the routes' Annotated dependencies at definition.
import re
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.core import visit_progress
from bot.core.household_changes import BASIC_TAGS, COLOUR_NAMES
from bot.core.monthly import month_of
from bot.core.scopes import grids_in
from bot.core.visit_lists import month_label, tasks_in_scope
from bot.core.visit_rules import REASON_NAMES, describe, load_visit_rules
from bot.core.visits import VisitError, VisitInput, record_by_code
from bot.web.cookies import csrf_matches
from bot.web.render import page
from bot.web.workbench import Staff, Workbench

MONTH = re.compile(r"20\d\d-(0[1-9]|1[0-2])")
SHOWN_ROWS = 200  # a subdistrict's list runs to thousands: the first rows, and the grid filter for the rest
SHOWN = {"open": "未走访", "done": "已走访", "all": "全部"}
PROBLEMS = {"no_reason": "改户色请写明理由。", "unknown_tag": "没有这个标签：{detail}。",
            "bad_colour": "户色只能是红、黄、绿。"}


def router(bench: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/staff", include_in_schema=False)
    SignedIn = Annotated[Staff, Depends(bench.staff)]
    rule = describe(load_visit_rules(bench.settings.visits_config))

    def missing(request: Request, staff: Staff) -> Response:
        return page(bench.pages, request, "not_found.html", {"staff": staff}, 404)

    @routes.get("/visits", response_class=HTMLResponse)
    def visits(request: Request, staff: SignedIn, grid: str = "", month: str = "", show: str = "open",
               done: str = "", ticket: str = "", error: str = "", detail: str = "") -> Response:
        month = month if MONTH.fullmatch(month) else month_of(bench.clock.now())
        show = show if show in SHOWN else "open"
        with bench.db.session() as s:
            grids = grids_in(s, staff.scope)
            chosen = next((g for g in grids if g.code == grid), None)
            rows = tasks_in_scope(s, staff.scope, month, chosen.id if chosen else None,
                                  "" if show == "all" else show, limit=SHOWN_ROWS + 1)
            more, rows = len(rows) > SHOWN_ROWS, rows[:SHOWN_ROWS]
            ids = [chosen.id] if chosen else [g.id for g in grids]
            progress = visit_progress.by_grid(s, month, ids).values()
            planned, finished = sum(p.planned for p in progress), sum(p.done for p in progress)
            return page(bench.pages, request, "visits.html", {
                "staff": staff, "rows": rows, "more": more, "shown_rows": SHOWN_ROWS, "grids": grids,
                "chosen": chosen, "month": month,
                "month_name": month_label(month), "show": show, "SHOWN": SHOWN, "planned": planned,
                "finished": finished, "current": month == month_of(bench.clock.now()),
                "REASON_NAMES": REASON_NAMES, "rule": rule, "COLOUR_NAMES": COLOUR_NAMES, "TAGS": BASIC_TAGS,
                "done": done[:16], "ticket": ticket[:16],
                "error": PROBLEMS.get(error, "").format(detail=detail[:40])})

    @routes.post("/visits", response_class=HTMLResponse)
    def record(request: Request, staff: SignedIn, csrf: Annotated[str, Form()] = "",
               code: Annotated[str, Form()] = "", note: Annotated[str, Form()] = "",
               problem: Annotated[str, Form()] = "", colour: Annotated[str, Form()] = "",
               reason: Annotated[str, Form()] = "", add_tag: Annotated[str, Form()] = "",
               back: Annotated[str, Form()] = "") -> Response:
        """Record a visit to a household in scope; back to the list, saying what was done."""
        if not csrf_matches(staff.csrf, csrf):
            return page(bench.pages, request, "refused.html", {"staff": staff}, 403)
        grid = back if re.fullmatch(r"[\w-]{0,64}", back) else ""
        said = VisitInput(note=" ".join(note.split())[:500], problem=" ".join(problem.split())[:500],
                          colour=colour or None, reason=" ".join(reason.split())[:200],
                          add=tuple(t for t in re.split(r"[ ，,、]+", add_tag.strip()) if t)[:5])
        with bench.db.session() as s:
            try:
                done = record_by_code(s, bench.clock, bench.rules, staff.scope, staff.person_id, code[:64], said,
                                      via="page")
            except VisitError as refused:
                if refused.reason in ("not_found", "not_allowed"):
                    return missing(request, staff)
                query = {"grid": grid, "error": refused.reason, "detail": refused.detail}
                return RedirectResponse(f"/staff/visits?{urlencode(query)}", status_code=303)
            query = {"grid": grid, "done": done.household.code, "ticket": done.ticket.number if done.ticket else ""}
        return RedirectResponse(f"/staff/visits?{urlencode(query)}", status_code=303)

    return routes
