"""The 亮灯图 (/staff/map) and a grid's page (/staff/grids/{code}): every grid in the signed-in staff
member's scope lit green/yellow/red by its state, households as dots in their 三色 on switchable layers,
each grid a link to its page. The page reloads its figures by itself (workbench.js; a plain refresh
without script). A grid outside one's scope is a 404, exactly as one that does not exist."""
# No `from __future__ import annotations`: FastAPI reads the routes' Annotated dependencies at definition.
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from bot.core.grid_lights import LIGHT_NAMES, LIGHTS, LightRules, light_map
from bot.core.grid_page import grid_page
from bot.core.household_spots import household_dots
from bot.web.lightmap_svg import COLOUR_NAMES, COLOURS, grid_map, overview
from bot.web.render import page
from bot.web.workbench import Staff, Workbench


def router(bench: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/staff", include_in_schema=False)
    SignedIn = Annotated[Staff, Depends(bench.staff)]
    rules = LightRules.from_settings(bench.settings)
    refresh = bench.settings.lightmap_refresh_seconds
    common = {"LIGHTS": LIGHTS, "LIGHT_NAMES": LIGHT_NAMES, "COLOURS": COLOURS, "COLOUR_NAMES": COLOUR_NAMES,
              "legend": rules.legend(), "refresh": refresh}

    @routes.get("/map", response_class=HTMLResponse)
    def lightmap(request: Request, staff: SignedIn) -> Response:
        now = bench.clock.now()
        with bench.db.session() as s:
            lit = light_map(s, staff.scope, now, rules)
            dots = household_dots(s, {grid.unit_id: grid.polygon for grid in lit.grids})
        order = {light: i for i, light in enumerate(LIGHTS)}
        return page(bench.pages, request, "lightmap.html", {
            **common, "staff": staff, "map": lit, "svg": overview(lit.grids, dots), "now": now,
            "worst_first": sorted(lit.grids, key=lambda g: (order[g.light], -g.emergencies, -g.overdue, g.code))})

    @routes.get("/grids/{code}", response_class=HTMLResponse)
    def grid(request: Request, code: str, staff: SignedIn) -> Response:
        now = bench.clock.now()
        with bench.db.session() as s:
            found = grid_page(s, staff.scope, code, now, rules)
        if found is None:
            return page(bench.pages, request, "not_found.html", {"staff": staff, "what": "这个网格"}, 404)
        return page(bench.pages, request, "grid.html", {
            **common, "staff": staff, "g": found.state, "p": found, "svg": grid_map(found.state, found.dots),
            "now": now})

    return routes
