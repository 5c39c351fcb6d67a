"""From a person's report to an open ticket: locate it, open it, tell the right people."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.core import registry
from bot.core.notify import notify
from bot.core.routing import Located, locate
from bot.core.rules import RoutingRules, default_rules
from bot.core.tickets import CATEGORY_NAMES, Opened, Report, open_ticket
from bot.store.channel_models import InboundMedia
from bot.store.models import InboxMessage, OrgUnit, Ticket


def where_is(session: Session, report: Report) -> Located | None:
    reporter = registry.person_by_address(session, report.reporter_address)
    return locate(session, reporter=reporter, text=report.text, lat=report.lat, lon=report.lon,
                  place=report.place_text or None)


def needs_place(session: Session, report: Report) -> bool:
    """True when nothing tells us where the problem is: the bot should ask."""
    return where_is(session, report) is None


def photos_of_message(session: Session, message_id: int | None) -> tuple[str, ...]:
    """The photos an inbound message came with, as its channel stored them before the engine saw it
    (the payload's "photos": downloaded Telegram and MMS media, the simulator's upload)."""
    if message_id is None:
        return ()
    message = session.get(InboxMessage, message_id)
    found = list((message.payload or {}).get("photos") or []) if message is not None else []
    found += session.scalars(select(InboundMedia.photo_id).where(InboundMedia.inbox_message_id == message_id)
                             .order_by(InboundMedia.id))
    return tuple(dict.fromkeys(str(p) for p in found))


def photo_note(ticket: Ticket) -> str:
    """"（附照片2张）" for a notice about a ticket with photos, else nothing."""
    return f"（附照片{len(ticket.photos)}张）" if ticket.photos else ""


def submit(session: Session, clock: Clock, report: Report, rules: RoutingRules | None = None) -> Opened:
    """Open the ticket with the photos its message came with. A report nobody can place goes to the
    subdistrict's duty officer."""
    if not report.photos:
        report = replace(report, photos=photos_of_message(session, report.source_message_id))
    where = where_is(session, report)
    opened = open_ticket(session, clock, rules or default_rules(), report, where)
    if opened.created and where is None and opened.merged_into is None and not report.emergency:
        for unit in session.scalars(select(OrgUnit).where(OrgUnit.kind == "subdistrict")):
            for officer in registry.staff_for(session, unit.id, "duty_officer"):
                notify(session, officer, f"待分派工单{opened.ticket.number}【{CATEGORY_NAMES[opened.ticket.category]}】"
                       f"地点不明（{report.place_text or '未说明'}）：{report.text[:40]}{photo_note(opened.ticket)}",
                       ticket_id=opened.ticket.id)
    return opened
