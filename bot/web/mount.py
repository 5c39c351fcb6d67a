"""The workbench mounted on the gateway under /staff: its pages, the redirect to the sign-in form for
anyone not signed in, and the static files (served from here: no CDN, no outside request)."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from bot.common.clock import Clock
from bot.common.settings import Settings
from bot.core.routing_rules import RoutingRules
from bot.store.db import Database
from bot.store.photos import PhotoStore
from bot.web import (
    auth,
    board_pages,
    broadcast_pages,
    household_pages,
    lightmap_pages,
    month_reports,
    pages,
    reports,
    template_pages,
    ticket_actions,
    visit_pages,
)
from bot.web.render import HERE
from bot.web.workbench import NotSignedIn, Workbench, build


def install(app: FastAPI, settings: Settings, db: Database, clock: Clock, rules: RoutingRules,
            photos: PhotoStore) -> Workbench:
    """Mount the workbench's pages and static files on the gateway."""
    bench = build(settings, db, clock, rules, photos)

    async def to_sign_in(request: Request, _exc: Exception) -> RedirectResponse:
        wanted = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/staff/login?next={quote(wanted, safe='')}", status_code=303)

    app.add_exception_handler(NotSignedIn, to_sign_in)
    app.mount("/staff/static", StaticFiles(directory=HERE / "static"), name="staff-static")
    for router in (auth.router(bench), pages.router(bench), ticket_actions.router(bench), reports.router(bench),
                   month_reports.router(bench), broadcast_pages.router(bench), template_pages.router(bench),
                   visit_pages.router(bench), board_pages.router(bench), household_pages.router(bench),
                   lightmap_pages.router(bench)):
        app.include_router(router)
    return bench
