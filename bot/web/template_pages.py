"""常用回复: the short replies a community's or village's secretaries keep (the duty officer: any, and
the subdistrict's own), edited here and offered on the ticket page's reply form. Who may edit which
unit's templates is the core's `editable_units`; for anyone else the page is a 404, and so is a template
outside what they keep. Every form carries the session's CSRF token; every change is audited by the core."""
# No `from __future__ import annotations`: FastAPI reads the routes' Annotated dependencies at definition.
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.core import reply_templates
from bot.core.reply_templates import TemplateError
from bot.web.cookies import csrf_matches
from bot.web.render import page
from bot.web.workbench import Staff, Workbench

NOTICES = {"created": "已添加。", "updated": "已保存。", "archived": "已删除。"}
ERRORS = {
    "empty": "标题和内容都要填写。", "title_too_long": f"标题最多{reply_templates.TITLE_MAX}个字。",
    "too_long": f"内容最多{reply_templates.TEXT_MAX_UNITS}个字（连同工单号一条短信）。",
    "duplicate": "已有同名的常用回复。", "wrong_unit": "只能为社区、村或街道添加。",
}
DONE = {"create": "created", "update": "updated", "archive": "archived"}
ACTIONS = tuple(DONE)


def router(bench: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/staff", include_in_schema=False)
    SignedIn = Annotated[Staff, Depends(bench.staff)]

    def missing(request: Request, staff: Staff) -> Response:
        return page(bench.pages, request, "not_found.html", {"staff": staff}, 404)

    @routes.get("/templates", response_class=HTMLResponse)
    def templates(request: Request, staff: SignedIn, done: str = "", error: str = "") -> Response:
        if not staff.template_units:
            return missing(request, staff)
        with bench.db.session() as s:
            kept = reply_templates.kept_by(s, staff.template_units)
            units = reply_templates.owner_units(s, staff.template_units)
            return page(bench.pages, request, "templates.html", {
                "staff": staff, "kept": kept, "units": units, "names": {u.id: u.name for u in units},
                "notice": NOTICES.get(done, ""), "error": ERRORS.get(error, ""),
                "TITLE_MAX": reply_templates.TITLE_MAX, "TEXT_MAX": reply_templates.TEXT_MAX_UNITS})

    @routes.post("/templates/{action}")
    def change(request: Request, action: str, staff: SignedIn, csrf: Annotated[str, Form()] = "",
               template_id: Annotated[str, Form()] = "", unit: Annotated[str, Form()] = "",
               title: Annotated[str, Form()] = "", text: Annotated[str, Form()] = "") -> Response:
        if not staff.template_units or action not in ACTIONS:
            return missing(request, staff)
        if not csrf_matches(staff.csrf, csrf):
            return page(bench.pages, request, "refused.html", {"staff": staff}, 403)
        actor, editable = f"person:{staff.person_id}", staff.template_units
        try:
            with bench.db.session() as s:
                if action == "create":
                    reply_templates.create(s, bench.clock, editable, int(unit or 0), title, text, actor=actor)
                elif action == "update":
                    reply_templates.update(s, bench.clock, editable, int(template_id or 0), title, text, actor=actor)
                else:
                    reply_templates.archive(s, bench.clock, editable, int(template_id or 0), actor=actor)
        except (TemplateError, ValueError) as refused:
            reason = refused.reason if isinstance(refused, TemplateError) else "not_found"
            if reason == "not_found":
                return missing(request, staff)
            return RedirectResponse(f"/staff/templates?error={reason}", status_code=303)
        return RedirectResponse(f"/staff/templates?done={DONE[action]}", status_code=303)

    return routes
