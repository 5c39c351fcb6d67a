"""The workbench's pages: the queue (folders by 13710 stage, filters in the URL, most urgent first), a
ticket in full, and its photos. Every query goes through the signed-in staff member's scope; a ticket or
photo outside it is a 404, exactly as one that does not exist."""

import re
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response

from bot.core import households, reply_templates, ticket_queue
from bot.core.audit_trail import trail
from bot.core.merging import REFUSALS
from bot.core.scopes import audio_visible, grids_in, photo_visible, visible_ticket
from bot.core.ticket_queue import QueueFilters
from bot.core.ticket_view import ticket_view
from bot.core.tickets import CATEGORY_NAMES
from bot.core.voice import recordings_of
from bot.store.audio import AudioStore
from bot.web.render import SECURITY_HEADERS, page
from bot.web.workbench import Staff, Workbench

PHOTO_ID = re.compile(r"[0-9a-f]{64}")
NOTICES = {
    "ack": "已接单，反映人已收到通知。", "progress": "进度已记录，反映人已收到通知。",
    "resolve": "已办结，已请反映人评价。",
    "return": "已退单。", "dispatch": "已分派。", "note": "备注已保存（仅工作人员可见）。", "reply": "已回复反映人。",
    "merge": "已并单：被并工单的反映人会收到本单的办理结果。", "split": "已拆分，该工单恢复原来的状态和承办人。",
}
ERRORS = {
    "not_allowed": "您不是此工单的承办人或上级，不能操作。",
    "verify_name": "这是号码登记核实：请在说明里写明核实的是哪位居民（原号码或姓名），或写“未核实”。",
    "wrong_state": "工单当前状态不能这样操作，请刷新。",
    "no_handler": "该处没有可以承办的人员。", "empty": "请填写内容。", "no_reporter": "反映人的信息已删除，无法回复。",
    "bad_target": "请选择要分派的网格或人员。", "not_image": "照片须是JPEG、PNG、GIF或WEBP图片。",
    "too_big": "照片太大了，请换一张小一点的。", "not_found": "找不到该工单，或不在您的范围内。",
    "no_number": "请选择或填写工单号。", **REFUSALS,
}


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def filters_from(request: Request) -> QueueFilters:
    q = request.query_params
    folder = q.get("folder", "pending")
    try:
        number = max(1, int(q.get("page", "1")))
    except ValueError:
        number = 1
    return QueueFilters(
        folder=folder if folder in ticket_queue.FOLDERS else "pending",
        category=q.get("category", "") if q.get("category", "") in CATEGORY_NAMES else "",
        grid=q.get("grid", "")[:64], status=q.get("status", "")[:16],
        colour=q.get("colour", "") if q.get("colour", "") in ticket_queue.COLOURS else "",
        channel=q.get("channel", "") if q.get("channel", "") in ticket_queue.CHANNELS else "",
        since=_date(q.get("since", "")), until=_date(q.get("until", "")), q=q.get("q", "")[:100], page=number)


def _bulk_outcome(request: Request) -> tuple[int, int] | None:
    """(dispatched, refused) after a bulk dispatch, from the URL it came back to."""
    try:
        done, failed = int(request.query_params["bulk_done"]), int(request.query_params["bulk_failed"])
    except (KeyError, ValueError):
        return None
    return done, failed


def _merge_outcome(request: Request) -> tuple[str, int, int] | None:
    """(the kept ticket, merged, refused) after a bulk merge; ("", 0, 0) when no target was chosen right."""
    q = request.query_params
    if q.get("merge_error"):
        return "", 0, 0
    try:
        return q["merge_into"][:16], int(q["merge_done"]), int(q["merge_failed"])
    except (KeyError, ValueError):
        return None


def not_found(bench: Workbench, request: Request, staff: Staff) -> Response:
    return page(bench.pages, request, "not_found.html", {"staff": staff, "what": "这张工单"}, 404)


def router(bench: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/staff", include_in_schema=False)
    SignedIn = Annotated[Staff, Depends(bench.staff)]

    @routes.get("/", response_class=HTMLResponse)
    def queue(request: Request, staff: SignedIn) -> Response:
        filters = filters_from(request)
        now = bench.clock.now()
        with bench.db.session() as s:  # rendered inside: the template reads the tickets' grid and assignee
            rows = ticket_queue.tickets(s, staff.scope, filters, now)
            return page(bench.pages, request, "queue.html", {
                "staff": staff, "filters": filters, "counts": ticket_queue.counts(s, staff.scope, filters, now),
                "tickets": rows, "grids": grids_in(s, staff.scope), "now": now, "page_size": ticket_queue.PAGE_SIZE,
                "bulk": _bulk_outcome(request), "merged": _merge_outcome(request),
                "may_export_personal": staff.scope.oversees,
                "overdue": {t.id for t in rows if ticket_queue.is_overdue(t, now)}})

    @routes.get("/counts")
    def counts(request: Request, staff: SignedIn) -> Response:
        """The folders' counts under the queue's filters, for the page to refresh them (workbench.js)."""
        filters = filters_from(request)
        with bench.db.session() as s:
            found = ticket_queue.counts(s, staff.scope, filters, bench.clock.now())
        return JSONResponse(found, headers={"Cache-Control": "no-store"})

    @routes.get("/tickets/{number}", response_class=HTMLResponse)
    def ticket(request: Request, number: str, staff: SignedIn, done: str = "",
               error: str = "") -> Response:
        with bench.db.session() as s:
            found = visible_ticket(s, staff.scope, number.upper())
            if found is None:
                return not_found(bench, request, staff)
            view = ticket_view(s, bench.clock, bench.rules, staff.scope, staff.person_id, found)
            home = view.reporter.household if view.reporter is not None else None
            return page(bench.pages, request, "ticket.html", {
                "staff": staff, "v": view, "t": view.ticket, "now": bench.clock.now(),
                "household_code": home.code if home and households.visible(s, staff.scope, home.code) else "",
                "templates": reply_templates.for_grid(s, found.unit_id) if "reply" in view.actions else [],
                "notice": NOTICES.get(done, ""), "error": ERRORS.get(error, ""),
                "recordings": recordings_of(s, found.id)})

    @routes.get("/audit", response_class=HTMLResponse)
    def audit_trail(request: Request, staff: SignedIn, before: int | None = None) -> Response:
        with bench.db.session() as s:
            entries = trail(s, bench.clock, staff.scope, before=before)
        if entries is None:  # not a secretary or the duty officer: there is no such page for them
            return not_found(bench, request, staff)
        return page(bench.pages, request, "audit.html", {"staff": staff, "entries": entries})

    @routes.get("/photos/{photo_id}")
    def photo(request: Request, photo_id: str, staff: SignedIn) -> Response:
        """A photo of a ticket in scope, served as the image type its stored bytes are (never another)."""
        visible = bool(PHOTO_ID.fullmatch(photo_id))
        if visible:
            with bench.db.session() as s:
                visible = photo_visible(s, staff.scope, photo_id)
        content_type = bench.photos.content_type_of(photo_id) if visible else None
        if content_type is None:
            return not_found(bench, request, staff)
        return FileResponse(bench.photos.path_of(photo_id), media_type=content_type,
                            headers={**SECURITY_HEADERS, "Cache-Control": "private, max-age=3600"})

    @routes.get("/audio/{audio_id}")
    def audio(request: Request, audio_id: str, staff: SignedIn) -> Response:
        """A resident's voice message on a ticket in scope, served as the audio type its bytes are."""
        store = AudioStore(bench.settings.var_dir / "audio")
        visible = bool(PHOTO_ID.fullmatch(audio_id))
        if visible:
            with bench.db.session() as s:
                visible = audio_visible(s, staff.scope, audio_id)
        content_type = store.content_type_of(audio_id) if visible else None
        if content_type is None:
            return not_found(bench, request, staff)
        return FileResponse(store.path_of(audio_id), media_type=content_type, filename=f"voice-{audio_id[:8]}",
                            headers={**SECURITY_HEADERS, "Cache-Control": "private, max-age=3600"})

    return routes
