"""Open311 GeoReport v2 (`.json` and `.xml`) over the tickets, so civic-tech clients can read and
file them.

Services are the report categories; a service request is a ticket, its id the ticket number.
Without a key (or with a key lacking the read_private scope) reads get the public view of the public
categories (`open311_views`, `ticket_queries.PUBLIC_CATEGORIES`); a private ticket is absent. Every
read is inside a date window of at most 90 days (by default the last 90), and a list of ids holds at
most 50. Photos are served only to read_private keys, and only bytes that are an image. Errors are
the spec's list of {code, description} with 400, 403, 404 or 413.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Path, Request
from fastapi.responses import FileResponse, Response
from sqlalchemy.orm import Session
from starlette.formparsers import MultiPartException, MultiPartParser

from bot.channels.open311_formats import FORMATS, error, render
from bot.channels.open311_keys import FILE, READ_PRIVATE, ApiKeys, NotAKey
from bot.channels.open311_views import (
    CreatedRequest,
    Open311Error,
    Service,
    ServiceDefinition,
    ServiceRequest,
    request_view,
    service,
)
from bot.common.clock import Clock
from bot.common.phones import InvalidPhone, to_e164
from bot.common.settings import Settings
from bot.core import reports, ticket_queries
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import CATEGORY_NAMES, Report
from bot.store.db import Database
from bot.store.photos import PhotoStore

MAX_DESCRIPTION = 4000
MAX_BODY = 64 * 1024
WINDOW = timedelta(days=90)  # the default search window, and the widest one a search may ask for
MAX_IDS = 50
MAX_RESULTS = 1000
MEDIA_HEADERS = {"X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; sandbox",
                 "Cache-Control": "private, no-store"}


# What the routes declare in the OpenAPI schema. The format is the path's suffix; any other is the
# spec's 404, as is an unknown service code. Reads take their parameters from the query as the spec
# names them (declared here, read from the request: an unknown one is ignored).
Format = Annotated[str, Path(description="json or xml; any other is 404", json_schema_extra={"enum": list(FORMATS)})]
ServiceCode = Annotated[str, Path(description="a service_code of services.json; any other is 404",
                                  json_schema_extra={"enum": list(CATEGORY_NAMES)})]
XML = {"application/xml": {"schema": {"type": "string", "description": "the same, as GeoReport v2's XML"}}}


def _answer(model: Any, description: str, *, xml: bool = True) -> dict[str, Any]:
    return {"model": model, "description": description, **({"content": XML} if xml else {})}


NOT_FOUND = _answer(list[Open311Error], "an unknown format, service or request")
BAD = _answer(list[Open311Error], "a bad parameter, with the reason")
NO_KEY = _answer(list[Open311Error], "api_key is not valid (or lacks the scope)")
TOO_LARGE = _answer(list[Open311Error], f"a body over {MAX_BODY} bytes")


def _query(name: str, description: str, **schema: Any) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": {"type": "string", **schema}}


API_KEY = _query("api_key", "a key of OPEN311_API_KEYS; without one (or without read_private) the public view")
WINDOW_PARAMETERS = [
    _query("start_date", "from this moment (with a time zone); by default 90 days before end_date",
           format="date-time"),
    _query("end_date", f"up to this moment (with a time zone); at most {WINDOW.days} days after start_date",
           format="date-time"),
]
SEARCH_PARAMETERS = [
    API_KEY, *WINDOW_PARAMETERS,
    _query("service_request_id", f"ticket numbers, comma separated, at most {MAX_IDS}"),
    _query("service_code", "service codes, comma separated"),
    _query("status", "open, closed, or both comma separated"),
]
FORM_FIELDS = {
    "api_key": {"type": "string", "description": "a key of OPEN311_API_KEYS with the file scope"},
    "service_code": {"type": "string", "enum": list(CATEGORY_NAMES)},
    "lat": {"type": "number", "minimum": -90, "maximum": 90},
    "long": {"type": "number", "minimum": -180, "maximum": 180},
    "address_string": {"type": "string"},
    "address_id": {"type": "string"},
    "description": {"type": "string", "maxLength": MAX_DESCRIPTION},
    "phone": {"type": "string", "description": "the reporter's number; else device_id, account_id or email names them"},
    "device_id": {"type": "string"}, "account_id": {"type": "string"}, "email": {"type": "string"},
    "first_name": {"type": "string"}, "last_name": {"type": "string"}, "media_url": {"type": "string"},
}
FORM = {"type": "object", "required": ["api_key", "service_code"], "properties": FORM_FIELDS,
        "description": "a location is required: lat and long, address_string or address_id"}
CREATE_OPENAPI = {"requestBody": {"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": FORM}, "multipart/form-data": {"schema": FORM}}}}
IMAGES = {kind: {"schema": {"type": "string", "format": "binary"}}
          for kind in ("image/jpeg", "image/png", "image/gif", "image/webp")}


EARLIEST, LATEST = datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)


def _parse_date(value: str) -> datetime:
    """A moment with a time zone, in UTC; ValueError for one that is not, or is not within years 1 to
    9999 in UTC (`9999-12-31T23:59:59-01:00` is in year 10000 there)."""
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("dates need a time zone")
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValueError(f"{value} is outside the years 1 to 9999 in UTC") from None


def _shifted(moment: datetime, delta: timedelta) -> datetime:
    """`moment + delta`, stopping at the first or last moment there is."""
    try:
        return moment + delta
    except OverflowError:
        return EARLIEST if delta < timedelta(0) else LATEST


def search_window(params: dict[str, str], now: datetime) -> tuple[datetime, datetime]:
    """start_date and end_date, each defaulting from the other (or the last 90 days); at most 90 days."""
    start = _parse_date(params["start_date"]) if params.get("start_date") else None
    end = _parse_date(params["end_date"]) if params.get("end_date") else None
    if start is None:
        end = end or now
        start = _shifted(end, -WINDOW)
    elif end is None:
        end = _shifted(start, WINDOW)
    if end < start:
        raise ValueError("end_date is before start_date")
    if end - start > WINDOW:
        raise ValueError(f"start_date to end_date may span at most {WINDOW.days} days")
    return start, end


def _search(session: Session, params: dict[str, str], now: datetime, full: bool, base: str) -> list[dict[str, Any]]:
    if any("\x00" in value for value in params.values()):
        raise ValueError("parameters may not contain NUL characters")
    ids = [i.strip() for i in params.get("service_request_id", "").split(",") if i.strip()]
    if len(ids) > MAX_IDS:
        raise ValueError(f"at most {MAX_IDS} service_request_id at once")
    start, end = search_window(params, now)
    visible = set(CATEGORY_NAMES) if full else set(ticket_queries.PUBLIC_CATEGORIES)
    if params.get("service_code"):
        visible &= set(params["service_code"].split(","))
    rows = ticket_queries.find_tickets(session, numbers=ids, start=start, end=end, categories=visible,
                                       limit=MAX_RESULTS * 2)
    found = [request_view(t, full=full, base=base) for t in rows]
    if params.get("status"):
        found = [r for r in found if r["status"] in params["status"].split(",")]
    return found[:MAX_RESULTS]


async def _body(request: Request) -> bytes:
    """The request's body; OverflowError as soon as it passes MAX_BODY (nothing more is read)."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY:
            raise OverflowError
    return bytes(body)


async def _multipart(request: Request, body: bytes) -> dict[str, str]:
    """A multipart body's fields (files are not read: media_url names a photo). Parsed here rather
    than by `request.form()`, which reads any size and answers a malformed body with FastAPI's
    `{"detail"}` instead of the spec's errors. Raises ValueError."""

    async def replay() -> AsyncIterator[bytes]:
        yield body

    try:
        form = await MultiPartParser(request.headers, replay()).parse()
    except MultiPartException as exc:
        raise ValueError(f"the multipart body cannot be read: {exc.message}") from exc
    try:
        return {k: v for k, v in form.items() if isinstance(v, str)}
    finally:
        await form.close()


async def _form(request: Request) -> dict[str, str]:
    """The POST's fields, from a body of at most MAX_BODY bytes (OverflowError past it). A urlencoded
    body (or one with no content type) is decoded here, as UTF-8 unless it names another charset:
    Starlette reads raw bytes in it as Latin-1. Raises ValueError."""
    media_type, _, rest = request.headers.get("content-type", "").partition(";")
    body = await _body(request)
    if media_type.strip().lower() == "multipart/form-data":
        return await _multipart(request, body)
    charset = "utf-8"
    for param in rest.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip('"')
    try:
        return dict(parse_qsl(body.decode(charset), keep_blank_values=True, encoding=charset, errors="strict"))
    except (LookupError, UnicodeDecodeError) as exc:
        raise ValueError(f"the body is not valid {charset}") from exc


def router(settings: Settings, db: Database, clock: Clock, photos: PhotoStore, rules: RoutingRules) -> APIRouter:
    api = APIRouter(prefix="/open311/v2", tags=["open311"])
    keys = ApiKeys(settings.open311_api_keys)

    def base_of(request: Request) -> str:
        return settings.public_base_url or str(request.base_url)

    def in_session(fn: Callable[..., Any], *args: Any) -> Any:
        with db.session() as session:
            return fn(session, *args)

    def reader_scopes(request: Request) -> frozenset[str] | None:
        """The scopes of the GET's api_key (the spec's query parameter); None for a key not configured."""
        try:
            return keys.scopes(request.query_params.get("api_key"))
        except NotAKey:
            return None

    async def read(request: Request, fmt: str, params: dict[str, str]) -> Response | list[dict[str, Any]]:
        scopes = reader_scopes(request)
        if scopes is None:
            return error(fmt, 403, "api_key is not valid")
        try:
            return await asyncio.to_thread(in_session, _search, params, clock.now(), READ_PRIVATE in scopes,
                                           base_of(request))
        except ValueError as exc:
            return error(fmt, 400, f"bad search: {exc}")

    @api.get("/services.{fmt}", response_class=Response,
             responses={200: _answer(list[Service], "the report categories"), 404: NOT_FOUND})
    async def list_services(fmt: Format) -> Response:
        if fmt not in FORMATS:
            return error(fmt, 404, f"unknown format: {fmt}")
        return render(fmt, "services", [service(code) for code in CATEGORY_NAMES])

    @api.get("/services/{code}.{fmt}", response_class=Response,
             responses={200: _answer(ServiceDefinition, "the service's attributes (none)"), 404: NOT_FOUND})
    async def service_definition(code: ServiceCode, fmt: Format) -> Response:
        if fmt not in FORMATS:
            return error(fmt, 404, f"unknown format: {fmt}")
        if code not in CATEGORY_NAMES:
            return error(fmt, 404, f"unknown service_code: {code}")
        return render(fmt, "service_definition", {"service_code": code, "attributes": []})

    @api.get("/requests.{fmt}", response_class=Response, openapi_extra={"parameters": SEARCH_PARAMETERS},
             responses={200: _answer(list[ServiceRequest], f"the tickets found, at most {MAX_RESULTS}"), 400: BAD,
                        403: NO_KEY, 404: NOT_FOUND})
    async def list_requests(fmt: Format, request: Request) -> Response:
        if fmt not in FORMATS:
            return error(fmt, 404, f"unknown format: {fmt}")
        found = await read(request, fmt, dict(request.query_params))
        return found if isinstance(found, Response) else render(fmt, "service_requests", found)

    @api.get("/requests/{request_id}.{fmt}", response_class=Response,
             openapi_extra={"parameters": [API_KEY, *WINDOW_PARAMETERS]},
             responses={200: _answer(list[ServiceRequest], "the ticket"), 400: BAD, 403: NO_KEY, 404: NOT_FOUND})
    async def one_request(request_id: Annotated[str, Path(examples=["T1001"])], fmt: Format,
                          request: Request) -> Response:
        if fmt not in FORMATS:
            return error(fmt, 404, f"unknown format: {fmt}")
        window = {k: v for k, v in request.query_params.items() if k in ("start_date", "end_date")}
        found = await read(request, fmt, {**window, "service_request_id": request_id})
        if isinstance(found, Response):
            return found
        return render(fmt, "service_requests", found) if found else error(fmt, 404, f"no service request {request_id}")

    @api.get("/media/{photo_id}", response_class=Response, openapi_extra={"parameters": [API_KEY]},
             responses={200: {"description": "the photo's bytes", "content": IMAGES},
                        403: _answer(list[Open311Error], "api_key lacks the read_private scope", xml=False),
                        404: _answer(list[Open311Error], "no such photo on any ticket", xml=False)})
    async def ticket_photo(photo_id: str, request: Request) -> Response:
        """A photo attached to a ticket, for read_private keys; only bytes that are an image."""
        scopes = reader_scopes(request)
        if scopes is None or READ_PRIVATE not in scopes:
            return error("json", 403, "media needs an api_key with the read_private scope")
        found = await asyncio.to_thread(in_session, ticket_queries.servable_photo, photos, photo_id)
        if found is None:
            return error("json", 404, "no such media")
        return FileResponse(found.path, media_type=found.content_type, headers=MEDIA_HEADERS)

    @api.post("/requests.{fmt}", response_class=Response, openapi_extra=CREATE_OPENAPI,
              responses={200: _answer(list[CreatedRequest], "the ticket opened"), 400: BAD, 403: NO_KEY,
                         404: NOT_FOUND, 413: TOO_LARGE})
    async def create_request(fmt: Format, request: Request) -> Response:
        if fmt not in FORMATS:
            return error(fmt, 404, f"unknown format: {fmt}")
        try:
            form = await _form(request)
        except OverflowError:
            return error(fmt, 413, f"the body is larger than {MAX_BODY} bytes")
        except ValueError as exc:
            return error(fmt, 400, str(exc))
        try:
            scopes = keys.scopes(form.get("api_key"))
        except NotAKey:
            scopes = frozenset()
        if not scopes:
            return error(fmt, 403, "api_key is missing or not valid")
        if FILE not in scopes:
            return error(fmt, 403, "this api_key may not file requests")
        problem = _validate(form)
        if problem:
            return error(fmt, 400, problem)
        report = _report_from(form, settings.default_region)
        if isinstance(report, str):
            return error(fmt, 400, report)
        number = await asyncio.to_thread(in_session, _submit, report, clock, rules)
        created = {"service_request_id": number, "service_notice": "已登记，网格员会尽快处理", "account_id": None}
        return render(fmt, "service_requests", [created])

    return api
def _validate(form: dict[str, str]) -> str | None:
    if any("\x00" in value for value in form.values()):
        return "fields may not contain NUL characters"
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

