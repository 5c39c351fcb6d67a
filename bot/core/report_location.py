"""A location the reporter says is their open report's place (就是刚才那个垃圾的位置, after a location: blind test 22,
#19): its coordinates set, a ticket no grid had routed by them, else its handlers told."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import registry
from bot.core.followups import handlers
from bot.core.notify import notify
from bot.core.places import grid_at
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES, assign, assignee_label, event
from bot.store.models import Ticket

# "This is the place of it": 就是刚才那个垃圾的位置, 这是位置, 位置就是这里 (blind test 22, #19).
_THIS_PLACE = re.compile(r"^(?:就是|这是|这就是|这个是|是|发的是)?(?:刚才|刚刚|前面|上面)?(?:那个|这个)?.{0,8}?(?:的)?"
                         r"(?:位置|定位|地点)(?:就是这里?|在这里?)?(?:嘛|哈|哦|了|啊|呀|噻)*$")
LOCATED = "好的，位置已补充到工单{number}，已告诉承办人。"
LOCATED_ROUTED = "好的，位置已补充到工单{number}，已派给网格员{assignee}。"


def says_location(text: str) -> bool:
    """The words only say that the location sent is the report's place (就是刚才那个垃圾的位置)."""
    plain = "".join(unicodedata.normalize("NFKC", text or "").split()).strip("，,。.!！~～")
    return len(plain) <= 20 and _THIS_PLACE.match(plain) is not None


def place_point(session: Session, clock: Clock, rules: RoutingRules, ticket: Ticket, point: tuple[float, float],
                address: str, message_id: int | None = None) -> str:
    """The location the reporter says is their report's place: its coordinates set; a ticket no grid had is
    routed by them, else its handlers hear the new place. The reply."""
    lat, lon = point
    ticket.lat, ticket.lon = lat, lon
    event(session, ticket, "point_added", clock.now(), registry.person_by_address(session, address),
          lat=lat, lon=lon, message_id=message_id)
    if ticket.assignee_id is None and ticket.status in OPEN_STATUSES:
        grid = grid_at(session, lat, lon)
        assignee = assign(session, clock, rules, ticket, grid) if grid is not None else None
        if assignee is not None:
            return LOCATED_ROUTED.format(number=ticket.number, assignee=assignee_label(assignee))
    for person in handlers(session, ticket):
        notify(session, person, f"工单{ticket.number}补充了位置（{lat:.5f},{lon:.5f}）", ticket_id=ticket.id)
    return LOCATED.format(number=ticket.number)
