"""Open311 GeoReport v2 (JSON) over the tickets, so civic-tech clients can read and file them.

Services are the report categories; a service request is a ticket, its id the ticket number.
Errors are the spec's list of {code, description} with 400, 403 or 404.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.phones import InvalidPhone, to_e164
from bot.common.settings import Settings
from bot.core import reports, ticket_queries
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import CATEGORY_NAMES, Report, Ticket
from bot.store.db import Database
from bot.store.photos import PhotoStore

SERVICE_DESCRIPTIONS = {
    "sanitation": ("垃圾、污水、卫生死角、公厕、异味", ["垃圾", "污水", "卫生"]),
    "roads": ("坑洼、路灯、井盖、占道、乱停车、交通隐患、桥梁", ["路灯", "井盖", "道路"]),
    "housing_utilities": ("漏水、停水停电停气、电梯、裂缝、门窗", ["停水", "停电", "电梯"]),
    "public_security": ("盗窃、可疑人员、诈骗、打架、扰民", ["治安", "诈骗", "盗窃"]),
    "dispute": ("邻里、家庭、土地、欠薪纠纷调解", ["纠纷", "调解"]),
    "employment": ("找工作、技能培训", ["就业", "培训"]),
    "health": ("看病就医、病人需要帮助", ["看病", "医疗"]),
    "education": ("上学、转学、留守儿童学习、课后托管", ["上学", "教育"]),
    "elderly_care": ("独居老人、残疾人帮扶、空巢老人", ["养老", "助残"]),
    "fire_safety": ("楼道充电、消防通道堵塞、火灾隐患", ["消防", "充电"]),
    "other": ("其他问题", ["其他"]),
}
CLOSED = {"resolved", "closed", "cancelled", "merged"}
STATUS_NOTES = {
    "new": "已登记，待派单", "assigned": "已派单", "acknowledged": "网格员已接单", "in_progress": "处理中",
    "resolved": "已办结", "closed": "已办结并评价", "reopened": "已重新处理", "returned": "已退单，重新派单中",
    "merged": "已并入其他工单", "cancelled": "反映人已撤回",
}
MAX_DESCRIPTION = 4000
DEFAULT_WINDOW = timedelta(days=90)
MAX_RESULTS = 1000


def error(status: int, description: str) -> JSONResponse:
    return JSONResponse([{"code": status, "description": description}], status_code=status)


def service(code: str) -> dict[str, Any]:
    description, keywords = SERVICE_DESCRIPTIONS[code]
    return {"service_code": code, "service_name": CATEGORY_NAMES[code], "description": description,
            "metadata": False, "type": "realtime", "keywords": ",".join(keywords), "group": "网格事项"}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def media_url(ticket: Ticket, base: str) -> str | None:
    """The first photo the report came with (the spec has one media_url), served by this API."""
    return f"{base.rstrip('/')}/open311/v2/media/{ticket.photos[0].photo_id}" if ticket.photos else None


def request_json(ticket: Ticket, base: str = "") -> dict[str, Any]:
    status = ticket.status
    notes = STATUS_NOTES.get(status, status)
    if ticket.resolution_note:
        notes = f"{notes}：{ticket.resolution_note}"
    return {
        "service_request_id": ticket.number,
        "status": "closed" if status in CLOSED else "open",
        "status_notes": notes,
        "service_name": CATEGORY_NAMES.get(ticket.category, ticket.category),
        "service_code": ticket.category,
        "description": ticket.text,
        "agency_responsible": ticket.unit.name if ticket.unit else "青山街道",
        "service_notice": "",
        "requested_datetime": _iso(ticket.created_at),
        "updated_datetime": _iso(ticket.resolved_at or ticket.created_at),
        "expected_datetime": _iso(ticket.due_at),
        "address": ticket.place_text,
        "address_id": None,
        "zipcode": None,
        "lat": ticket.lat,
        "long": ticket.lon,
        "media_url": media_url(ticket, base),
    }


def _parse_date(value: str) -> datetime:
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("dates need a time zone")
    return moment


def _search(session: Session, params: dict[str, str], now: datetime, base: str = "") -> list[dict[str, Any]]:
    ids = [i.strip() for i in params.get("service_request_id", "").split(",") if i.strip()]
    start = end = None
    if not ids:
        end = _parse_date(params["end_date"]) if params.get("end_date") else now
        start = _parse_date(params["start_date"]) if params.get("start_date") else end - DEFAULT_WINDOW
    codes = params["service_code"].split(",") if params.get("service_code") else []
    rows = ticket_queries.find_tickets(session, numbers=ids, start=start, end=end, categories=codes,
                                       limit=MAX_RESULTS * 2)
    wanted = params.get("status")
    found = [request_json(t, base) for t in rows]
    if wanted:
        found = [r for r in found if r["status"] in wanted.split(",")]
    return found[:MAX_RESULTS]


def router(settings: Settings, db: Database, clock: Clock, photos: PhotoStore, rules: RoutingRules) -> APIRouter:
    api = APIRouter(prefix="/open311/v2", tags=["open311"])
    keys = [k.get_secret_value() for k in settings.open311_api_keys]

    def base_of(request: Request) -> str:
        return settings.public_base_url or str(request.base_url)

    def in_session(fn: Callable[..., Any], *args: Any) -> Any:
        with db.session() as session:
            return fn(session, *args)

    @api.get("/services.json")
    async def list_services() -> list[dict[str, Any]]:
        return [service(code) for code in CATEGORY_NAMES]

    @api.get("/services/{code}.json")
    async def service_definition(code: str) -> Any:
        if code not in CATEGORY_NAMES:
            return error(404, f"unknown service_code: {code}")
        return {"service_code": code, "attributes": []}

    @api.get("/requests.json")
    async def list_requests(request: Request) -> Any:
        params = dict(request.query_params)
        try:
            return await asyncio.to_thread(in_session, _search, params, clock.now(),
                                           base_of(request))
        except ValueError as exc:
            return error(400, f"bad date: {exc}")

    @api.get("/requests/{request_id}.json")
    async def one_request(request_id: str, request: Request) -> Any:
        found = await asyncio.to_thread(in_session, _search, {"service_request_id": request_id},
                                        clock.now(), base_of(request))
        return found if found else error(404, f"no service request {request_id}")

    @api.get("/media/{photo_id}")
    async def ticket_photo(photo_id: str) -> Any:
        """A photo attached to a ticket; no other stored photo is served."""
        content_type = await asyncio.to_thread(in_session, ticket_queries.attached_photo_type, photo_id)
        path = photos.path_of(photo_id) if content_type else None
        if path is None or not path.is_file():
            return error(404, "no such media")
        return FileResponse(path, media_type=content_type)

    @api.post("/requests.json")
    async def create_request(request: Request) -> Any:
        form = {k: str(v) for k, v in (await request.form()).items()}
        key = form.get("api_key", "")
        if not key or not any(hmac.compare_digest(key, k) for k in keys):
            return error(403, "api_key is missing or not valid")
        problem = _validate(form)
        if problem:
            return error(400, problem)
        report = _report_from(form, settings.default_region)
        if isinstance(report, str):
            return error(400, report)
        number = await asyncio.to_thread(in_session, _submit, report, clock, rules)
        return [{"service_request_id": number, "service_notice": "已登记，网格员会尽快处理", "account_id": None}]

    return api


def _validate(form: dict[str, str]) -> str | None:
    code = form.get("service_code", "")
    if code not in CATEGORY_NAMES:
        return f"service_code is required and must be one of {', '.join(CATEGORY_NAMES)}"
    has_point = form.get("lat") and form.get("long")
    if not (has_point or form.get("address_string") or form.get("address_id")):
        return "a location is required: lat & long, address_string or address_id"
    if len(form.get("description", "")) > MAX_DESCRIPTION:
        return f"description is longer than {MAX_DESCRIPTION} characters"
    if has_point:
        try:
            lat, lon = float(form["lat"]), float(form["long"])
        except ValueError:
            return "lat and long must be numbers"
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return "lat or long out of range"
    return None


def _report_from(form: dict[str, str], region: str) -> Report | str:
    reporter = f"open311:{form.get('device_id') or form.get('account_id') or form.get('email') or 'anonymous'}"
    if form.get("phone"):
        try:
            reporter = to_e164(form["phone"], region)
        except InvalidPhone:
            return "phone is not a valid phone number"
    has_point = bool(form.get("lat") and form.get("long"))
    return Report(
        text=form.get("description") or CATEGORY_NAMES[form["service_code"]],
        category=form["service_code"],
        reporter_address=reporter,
        channel="open311",
        place_text=form.get("address_string") or form.get("address_id") or "",
        lat=float(form["lat"]) if has_point else None,
        lon=float(form["long"]) if has_point else None,
    )


def _submit(session: Session, report: Report, clock: Clock, rules: RoutingRules) -> str:
    return str(reports.submit(session, clock, report, rules).ticket.number)

