"""Acting on a ticket from its page: acknowledge, progress, resolve, return (退单), dispatch, private
note, reply to the reporter, merge another ticket into it (并单) or split one back out; and on the queue's
selected rows, bulk dispatch and bulk merge. Each form carries the session's CSRF token (refused without it) and goes
through the same core functions as the SMS commands, as the signed-in staff member's own number, so the
page and SMS never disagree: same permission checks, same ticket events, same audit entries."""
# No `from __future__ import annotations`: FastAPI reads the routes' Annotated dependencies at definition.
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response
from sqlalchemy.orm import Session

from bot.core import lifecycle, merging, reply_templates, resolving, staff_actions
from bot.core.lifecycle import TicketError
from bot.core.scopes import visible_ticket
from bot.store.photos import NotAnImage
from bot.web.cookies import csrf_matches
from bot.web.render import page
from bot.web.workbench import Staff, Workbench

BULK_MAX = 100  # one page of the queue
ACTIONS = ("ack", "progress", "resolve", "return", "dispatch", "note", "reply", "merge", "split")


def _target(value: str) -> tuple[int, int | None] | None:
    """'unit:12' → (12, None); 'person:40:12' → (12, 40)."""
    parts = value.split(":")
    try:
        if parts[0] == "unit" and len(parts) == 2:
            return int(parts[1]), None
        if parts[0] == "person" and len(parts) == 3:
            return int(parts[2]), int(parts[1])
    except ValueError:
        return None
    return None


def _photo(bench: Workbench, upload: UploadFile | None) -> str | None:
    """The photo that came with a resolution, stored (its id), or None when none was chosen."""
    if upload is None or not upload.filename:
        return None
    limit = bench.settings.media_max_bytes
    data = upload.file.read(limit + 1)
    if len(data) > limit:
        raise TicketError("too_big")
    try:
        return bench.photos.save(data)
    except NotAnImage:
        raise TicketError("not_image") from None


def _act(s: Session, bench: Workbench, staff: Staff, number: str, action: str, text: str, target: str,
         photo: str | None) -> None:
    clock, rules, me = bench.clock, bench.rules, staff.phone
    if action == "merge":  # target: the ticket merged into this one; across grids only by an overseer of both,
        merging.merge(s, clock, rules, staff.scope, me, number, target, across=True)  # as by message (DO3)
    elif action == "split":  # target: the merged ticket taken back out of this one
        merging.split(s, clock, rules, staff.scope, me, number, target)
    elif action == "ack":
        lifecycle.acknowledge(s, clock, rules, number, me)
    elif action == "progress":
        lifecycle.start_work(s, clock, rules, number, me, note=text)
    elif action == "resolve":
        if resolving.resolve(s, clock, rules, number, me, text, photo=photo).kind == "verify_name":
            raise TicketError("verify_name")
    elif action == "return":
        if not text:
            raise TicketError("empty")
        lifecycle.return_ticket(s, clock, rules, number, me, text)
    elif action == "dispatch":
        chosen = _target(target)
        if chosen is None or not staff.scope.covers_unit(chosen[0]):
            raise TicketError("bad_target")
        staff_actions.dispatch(s, clock, rules, number, me, chosen[0], chosen[1])
    elif action == "note":
        staff_actions.private_note(s, clock, rules, number, me, text)
    else:
        staff_actions.reply(s, clock, rules, number, me, text)


def _template_text(s: Session, grid_id: int | None, chosen: str) -> str:
    """The text of a 常用回复 offered on a ticket of this grid, or "" when it is not one of them."""
    offered = {str(t.id): t.text for t in reply_templates.for_grid(s, grid_id)}
    return offered.get(chosen, "")


def _back_to_queue(back: str, outcome: str) -> RedirectResponse:
    query = back if back.startswith("folder=") or not back else ""
    return RedirectResponse(f"/staff/?{query}&{outcome}".replace("?&", "?"), status_code=303)


def router(bench: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/staff", include_in_schema=False)
    SignedIn = Annotated[Staff, Depends(bench.staff)]

    @routes.post("/tickets/{number}/{action}")
    def act(request: Request, number: str, action: str, staff: SignedIn, csrf: str = Form(""), text: str = Form(""),
            target: str = Form(""), template: str = Form(""),
            photo: Annotated[UploadFile | None, File()] = None) -> Response:
        if not csrf_matches(staff.csrf, csrf):
            return page(bench.pages, request, "refused.html", {"staff": staff}, 403)
        number = number.upper()
        with bench.db.session() as s:
            found = visible_ticket(s, staff.scope, number)
            visible = found is not None
            if found is not None and action == "reply" and not text.strip() and template:
                text = _template_text(s, found.unit_id, template)
        if not visible or action not in ACTIONS:
            return page(bench.pages, request, "not_found.html", {"staff": staff, "what": "这张工单"}, 404)
        outcome = f"done={action}"
        try:
            stored = _photo(bench, photo) if action == "resolve" else None
            with bench.db.session() as s:
                _act(s, bench, staff, number, action, " ".join(text.split())[:500], target, stored)
        except TicketError as refused:
            outcome = f"error={refused.reason}"
        return RedirectResponse(f"/staff/tickets/{number}?{outcome}", status_code=303)

    @routes.post("/bulk")
    def bulk(request: Request, staff: SignedIn, csrf: Annotated[str, Form()] = "",
             numbers: Annotated[list[str] | None, Form()] = None, target: Annotated[str, Form()] = "",
             back: Annotated[str, Form()] = "") -> Response:
        """Dispatch the selected tickets to one grid: each on its own, as if from its page (one refused
        leaves the others done)."""
        if not csrf_matches(staff.csrf, csrf):
            return page(bench.pages, request, "refused.html", {"staff": staff}, 403)
        chosen = _target(target)
        done = failed = 0
        for number in dict.fromkeys(n.upper() for n in (numbers or [])[:BULK_MAX]):
            try:
                if chosen is None or chosen[1] is not None or not staff.scope.covers_unit(chosen[0]):
                    raise TicketError("bad_target")
                with bench.db.session() as s:
                    if visible_ticket(s, staff.scope, number) is None:
                        raise TicketError("not_found")
                    staff_actions.dispatch(s, bench.clock, bench.rules, number, staff.phone, chosen[0])
                done += 1
            except TicketError:
                failed += 1
        return _back_to_queue(back, f"bulk_done={done}&bulk_failed={failed}")

    @routes.post("/bulk-merge")
    def bulk_merge(request: Request, staff: SignedIn, csrf: Annotated[str, Form()] = "",
                   numbers: Annotated[list[str] | None, Form()] = None, into: Annotated[str, Form()] = "",
                   back: Annotated[str, Form()] = "") -> Response:
        """并单 of the selected tickets into the one chosen among them: each on its own (one refused,
        e.g. another grid's, leaves the others merged)."""
        if not csrf_matches(staff.csrf, csrf):
            return page(bench.pages, request, "refused.html", {"staff": staff}, 403)
        chosen = list(dict.fromkeys(n.strip().upper() for n in (numbers or [])[:BULK_MAX]))
        target = into.strip().upper()
        if target not in chosen or len(chosen) < 2:
            return _back_to_queue(back, "merge_error=pick")
        done = failed = 0
        for number in chosen:
            if number == target:
                continue
            try:
                with bench.db.session() as s:
                    merging.merge(s, bench.clock, bench.rules, staff.scope, staff.phone, target, number,
                                  across=True)
                done += 1
            except TicketError:
                failed += 1
        return _back_to_queue(back, f"merge_into={target}&merge_done={done}&merge_failed={failed}")

    return routes
