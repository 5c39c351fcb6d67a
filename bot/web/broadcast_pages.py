"""宣传通知: compose a notice to a grid, community, village or villager group (or the whole scope),
narrowed to a household colour or tag; preview whom it reaches and how many SMS parts it takes; send it
(the core queues it on each person's own channel, honouring opt-outs, the SMS budget and the pace);
and see each notice's delivery counts. Only those who oversee others (secretaries, the duty officer)
may broadcast: for anyone else every page here is a 404, and so is a unit or notice outside the scope."""
# No `from __future__ import annotations`: FastAPI reads the routes' Annotated dependencies at definition.
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from bot.core import broadcasts
from bot.core.broadcasts import Audience, BroadcastError, Limits
from bot.web.cookies import csrf_matches
from bot.web.render import page
from bot.web.workbench import Staff, Workbench

PROBLEMS = {
    "empty": "请填写通知内容。", "too_long": "内容太长：短信最多{max_parts}条（每条67字）。",
    "no_recipients": "这个范围内没有可以接收的居民。", "over_budget": "超出今天的宣传短信额度，请缩小范围或明天再发。",
    "duplicate": "同样的通知刚刚已发给这些居民，不再重复发送。", "not_allowed": "不在您的管辖范围内。",
    "unknown_unit": "不在您的管辖范围内。",
}
CHANNEL_NAMES = {"sms": "短信", "telegram": "Telegram", "simulator": "模拟器"}


def _problem(reason: str, limits: Limits) -> str:
    return PROBLEMS.get(reason, reason).format(max_parts=limits.max_parts)


def _audience(unit: str, colour: str, tag: str) -> Audience | None:
    try:
        unit_id = int(unit) if unit else None
    except ValueError:
        return None
    return Audience(unit_id=unit_id, colour=colour if colour in broadcasts.COLOUR_NAMES else None,
                    tag=" ".join(tag.split())[:32] or None)


def router(bench: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/staff", include_in_schema=False)
    SignedIn = Annotated[Staff, Depends(bench.staff)]
    limits = Limits.from_settings(bench.settings)

    def missing(request: Request, staff: Staff) -> Response:
        return page(bench.pages, request, "not_found.html", {"staff": staff}, 404)

    def composer(request: Request, staff: Staff, s: Session, *, form: dict[str, Any] | None = None,
                 seen: broadcasts.Preview | None = None, error: str = "", status_code: int = 200) -> Response:
        units = broadcasts.units_for_audience(s, staff.scope)
        listed = broadcasts.recent(s, staff.scope)
        return page(bench.pages, request, "broadcasts.html", {
            "staff": staff, "units": units, "tags": broadcasts.tags_in(s, [u.id for u in units if u.kind == "grid"]),
            "form": form or {"unit": "", "colour": "", "tag": "", "topic": "other", "text": ""},
            "seen": seen, "error": error, "limits": limits, "TOPICS": broadcasts.TOPICS,
            "COLOUR_NAMES": broadcasts.COLOUR_NAMES, "BCHANNELS": CHANNEL_NAMES,
            "problems": [_problem(p, limits) for p in (seen.problems if seen else [])],
            "listed": listed, "counts": broadcasts.deliveries(s, [b.id for b in listed])}, status_code)

    @routes.get("/broadcasts", response_class=HTMLResponse)
    def compose(request: Request, staff: SignedIn) -> Response:
        if not staff.scope.oversees:
            return missing(request, staff)
        with bench.db.session() as s:
            return composer(request, staff, s)

    @routes.post("/broadcasts", response_class=HTMLResponse)
    def preview_or_send(request: Request, staff: SignedIn, csrf: Annotated[str, Form()] = "",
                        unit: Annotated[str, Form()] = "", colour: Annotated[str, Form()] = "",
                        tag: Annotated[str, Form()] = "", topic: Annotated[str, Form()] = "other",
                        text: Annotated[str, Form()] = "", go: Annotated[str, Form()] = "") -> Response:
        """预览 (go=preview) shows whom it reaches and what it costs; 发送 (go=send) sends it."""
        if not staff.scope.oversees:
            return missing(request, staff)
        if not csrf_matches(staff.csrf, csrf):
            return page(bench.pages, request, "refused.html", {"staff": staff}, 403)
        audience = _audience(unit, colour, tag)
        topic = topic if topic in broadcasts.TOPICS else "other"
        text = text.strip()
        form = {"unit": unit, "colour": colour, "tag": tag, "topic": topic, "text": text}
        if audience is None:
            return missing(request, staff)
        try:
            with bench.db.session() as s:
                if go == "send":
                    sent = broadcasts.send(s, bench.clock, staff.scope, audience, text,
                                           actor=f"person:{staff.person_id}", topic=topic, limits=limits)
                    return RedirectResponse(f"/staff/broadcasts/{sent.id}?sent=1", status_code=303)
                seen = broadcasts.preview(s, bench.clock, staff.scope, audience, text, limits)
                return composer(request, staff, s, form=form, seen=seen)
        except BroadcastError as refused:
            if refused.reason in ("not_allowed", "unknown_unit"):
                return missing(request, staff)
            with bench.db.session() as s:
                seen = broadcasts.preview(s, bench.clock, staff.scope, audience, text, limits)
                return composer(request, staff, s, form=form, seen=seen,
                                error=_problem(refused.reason, limits),
                                status_code=409)

    @routes.get("/broadcasts/{broadcast_id}", response_class=HTMLResponse)
    def delivered(request: Request, broadcast_id: str, staff: SignedIn, sent: str = "") -> Response:
        if not staff.scope.oversees or not broadcast_id.isdigit():
            return missing(request, staff)
        with bench.db.session() as s:
            found = broadcasts.get(s, staff.scope, int(broadcast_id))
            if found is None:
                return missing(request, staff)
            counts = broadcasts.deliveries(s, [found.id])[found.id]
            return page(bench.pages, request, "broadcast.html", {
                "staff": staff, "b": found, "counts": counts, "sent": bool(sent), "TOPICS": broadcasts.TOPICS})

    return routes
