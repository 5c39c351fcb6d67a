"""What Open311 publishes: services, and a ticket as a service request, in the public view or the
full one (a key with the read_private scope).

The public view is what a public-works tracker shows: category, status words, the grid, dates, and
for public-space categories a point rounded to street level (`ticket_queries.public_point`). The
resident's text, the resolution note, the address as given and the photos are in the full view only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from bot.core.ticket_queries import public_point
from bot.core.tickets import CATEGORY_NAMES, Ticket

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
SUBDISTRICT = "青山街道"


# The answers' shapes, for the OpenAPI schema (bot/channels/open311.py declares them on its routes;
# the views below build them as dicts, rendered as JSON or as the spec's XML).
class Service(BaseModel):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: Literal["realtime"]
    keywords: str
    group: str


class ServiceDefinition(BaseModel):
    service_code: str
    attributes: list[dict[str, Any]]


class ServiceRequest(BaseModel):
    service_request_id: str
    status: Literal["open", "closed"]
    status_notes: str
    service_name: str
    service_code: str
    description: str = Field(description="the resident's text in the full view, else the category")
    agency_responsible: str
    service_notice: str
    requested_datetime: str | None
    updated_datetime: str | None
    expected_datetime: str | None
    address: str | None
    address_id: None
    zipcode: None
    lat: float | None
    long: float | None
    media_url: str | None = Field(description="the first photo, in the full view only")


class CreatedRequest(BaseModel):
    service_request_id: str
    service_notice: str
    account_id: None


class Open311Error(BaseModel):
    code: int
    description: str


def service(code: str) -> dict[str, Any]:
    description, keywords = SERVICE_DESCRIPTIONS[code]
    return {"service_code": code, "service_name": CATEGORY_NAMES[code], "description": description,
            "metadata": False, "type": "realtime", "keywords": ",".join(keywords), "group": "网格事项"}


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def media_url(ticket: Ticket, base: str) -> str | None:
    """The first photo the report came with (the spec has one media_url), served by this API to keys
    with the read_private scope."""
    return f"{base.rstrip('/')}/open311/v2/media/{ticket.photos[0].photo_id}" if ticket.photos else None


def request_view(ticket: Ticket, *, full: bool, base: str = "") -> dict[str, Any]:
    """A ticket as a service request: the full view, or what the public may see."""
    status = ticket.status
    notes = STATUS_NOTES.get(status, status)
    category = CATEGORY_NAMES.get(ticket.category, ticket.category)
    grid = ticket.unit.name if ticket.unit else None
    view = {
        "service_request_id": ticket.number,
        "status": "closed" if status in CLOSED else "open",
        "status_notes": notes,
        "service_name": category,
        "service_code": ticket.category,
        "description": category,
        "agency_responsible": grid or SUBDISTRICT,
        "service_notice": "",
        "requested_datetime": _iso(ticket.created_at),
        "updated_datetime": _iso(ticket.resolved_at or ticket.created_at),
        "expected_datetime": _iso(ticket.due_at),
        "address": grid,
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }
    if full:
        view.update({
            "status_notes": f"{notes}：{ticket.resolution_note}" if ticket.resolution_note else notes,
            "description": ticket.text,
            "address": ticket.place_text or grid,
            "lat": ticket.lat,
            "long": ticket.lon,
            "media_url": media_url(ticket, base),
        })
    else:
        point = public_point(ticket)
        if point:
            view["lat"], view["long"] = point
    return view
