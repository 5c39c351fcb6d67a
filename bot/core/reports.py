"""From a person's report to an open ticket: locate it, open it, tell the right people; photos
that follow it a little later join it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import gates, place_parts, registry, staff_notices
from bot.core.emergencies import landmark_in
from bot.core.notify import notify
from bot.core.places import Located, grid_at, locate, match_place
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import CATEGORY_NAMES, OPEN_STATUSES, Opened, Report, event, filed_on_behalf, open_ticket
from bot.store.channel_models import InboundMedia
from bot.store.message_models import InboxMessage
from bot.store.models import OrgUnit, Ticket, TicketPhoto

# The holder's notice of photos joining their ticket, with where to see them (blind test 8, #115).
PHOTOS_ADDED = "工单{number}补充照片{count}张，回复“{number} 详情”看"


# A report merged into the sender's own open ticket of it (水还是有消毒水味, 35 minutes on): theirs, never "已有人反映".
MERGED_OWN = "收到，这个问题您已反映过，已合并到您的工单{number}，办理进展会同步告诉您。"

def where_is(session: Session, report: Report) -> Located | None:
    reporter = registry.person_by_address(session, report.reporter_address)
    return locate(session, reporter=reporter, text=report.text, lat=report.lat, lon=report.lon,
                  place=report.place_text or None)


def needs_place(session: Session, report: Report) -> bool:
    """True when nothing tells us where the problem is: the bot should ask."""
    return where_is(session, report) is None


def point_words(report: Report) -> str:
    """"定位25.4012,103.2895" for a report with a location, else ""."""
    return f"定位{report.lat:.4f},{report.lon:.4f}" if report.lat is not None and report.lon is not None else ""


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


def submit(session: Session, clock: Clock, report: Report, rules: RoutingRules) -> Opened:
    """Open the ticket with the photos its message came with. A report nobody can place goes to the
    subdistrict's duty officer."""
    if not report.photos:
        report = replace(report, photos=photos_of_message(session, report.source_message_id))
    where = where_is(session, report)
    opened = open_ticket(session, clock, rules, report, where)
    if opened.created and where is None and opened.merged_into is None and not report.emergency:
        for unit in session.scalars(select(OrgUnit).where(OrgUnit.kind == "subdistrict")):
            for officer in registry.staff_for(session, unit.id, "duty_officer"):
                notify(session, officer, staff_notices.unplaced(
                    opened.ticket.number or "", CATEGORY_NAMES[opened.ticket.category], report.place_text or "",
                    report.text, photo_note(opened.ticket), point_words(report)), ticket_id=opened.ticket.id)
    return opened


def submit_second(session: Session, clock: Clock, report: Report, first: Opened, rules: RoutingRules) -> Opened:
    """The second problem of a message whose first is `first` (bot/core/two_problems.py): opened when the first
    was, else (the message processed again) the one opened then."""
    report = placed_apart(session, report)
    if not first.created:
        existing = session.scalar(select(Ticket).where(
            Ticket.reporter_address == report.reporter_address, Ticket.text == report.text,
            Ticket.created_at >= first.ticket.created_at).order_by(Ticket.id).limit(1))
        if existing is not None:
            merged = session.get(Ticket, existing.merged_into_id) if existing.merged_into_id else None
            return Opened(existing, existing.assignee, created=False, merged_into=merged)
    return submit(session, clock, report, rules)


def second_place(session: Session, first_place: str, text: str) -> str:
    """Where the second problem of a message is: the place its own words name ("河畔花园那边路灯也坏了" after
    "安居苑门口井盖松了" is at 河畔花园, blind test 31, B25: it went to 安居苑's worker), a building said alone in the
    first's estate (3栋路灯也坏了 → 安居苑3栋), else the first's place."""
    named = match_place(session, text)
    if named.grids and named.name:
        said = landmark_in(" ".join(text.split()))
        return said if named.name in said else gates.with_gate(text, named.name)
    return place_parts.said_in_estate(first_place, text) or first_place


def placed_apart(session: Session, report: Report) -> Report:
    """The second problem's report placed by its own words; the point sent with the message is kept only when it
    is in the grid those words name (the first problem's place, most likely, else)."""
    place = second_place(session, report.place_text, report.text)
    if place == report.place_text:
        return report
    located = report.lat is not None and report.lon is not None
    point_grid = grid_at(session, report.lat, report.lon) if located else None
    keep = point_grid is not None and point_grid in match_place(session, place).grids
    return replace(report, place_text=place, lat=report.lat if keep else None, lon=report.lon if keep else None)


def recent_place(session: Session, address: str, since: datetime) -> str | None:
    """The place of the newest report this address made since `since`, open or already rated (blind test 29: "5栋门口
    的下水道盖子也烂了" right after rating a report at 安居苑5栋 is in 安居苑)."""
    return session.scalar(select(Ticket.place_text).where(
        Ticket.reporter_address == address, Ticket.created_at >= since, Ticket.place_text.is_not(None),
        Ticket.place_text != "").order_by(Ticket.id.desc()).limit(1))


def recent_open_ticket(session: Session, clock: Clock, address: str, within: timedelta) -> Ticket | None:
    """The newest ticket this address reported in the last `within` that is still open; a report
    linked to another (并单) stands for the ticket it was linked to, the number its reporter was given.
    A ticket a worker opened on the household's behalf (a visit's 反映 …) is not the member's own report:
    what they send next is never read as a detail of it (blind test ut21, #48)."""
    since = clock.now() - within
    tickets = list(session.scalars(select(Ticket).where(
        Ticket.reporter_address == address, Ticket.created_at >= since,
        Ticket.status.in_((*OPEN_STATUSES, "merged"))).order_by(Ticket.id.desc())))
    not_theirs = filed_on_behalf(session, [t.id for t in tickets])
    for ticket in tickets:
        if ticket.id in not_theirs:
            continue
        if ticket.status == "merged":
            ticket = session.get(Ticket, ticket.merged_into_id) if ticket.merged_into_id else None
        if ticket is not None and ticket.status in OPEN_STATUSES:
            return ticket
    return None


def add_photos_to_recent(session: Session, clock: Clock, address: str, photos: tuple[str, ...],
                         source_message_id: int | None, within: timedelta) -> str | None:
    """Photos sent alone join the address's open report of the last `within`: its number, or None
    when there is none (the caller keeps them for the next report)."""
    ticket = recent_open_ticket(session, clock, address, within)
    if ticket is None:
        return None
    add_photos(session, clock, ticket, photos, source_message_id, address)
    return ticket.number


def unattached_photos(session: Session, address: str, kept: list[tuple[int, str]]) -> list[str]:
    """Of photos kept from messages sent alone ((message id, photo id), oldest first), those still
    to go with the address's next report: not joined to a ticket from their message, and not on
    one of the address's tickets already."""
    joined = set(session.scalars(select(TicketPhoto.source_message_id).where(
        TicketPhoto.source_message_id.in_([message_id for message_id, _ in kept]))))
    photos = list(dict.fromkeys(photo for message_id, photo in kept if message_id not in joined))
    on_tickets = set(session.scalars(select(TicketPhoto.photo_id).join(Ticket, Ticket.id == TicketPhoto.ticket_id)
                                     .where(Ticket.reporter_address == address, TicketPhoto.photo_id.in_(photos))))
    return [photo for photo in photos if photo not in on_tickets]


def add_photos(session: Session, clock: Clock, ticket: Ticket, photos: tuple[str, ...],
               source_message_id: int | None, address: str) -> int:
    """Attach photos sent after the report; returns how many were new. Recorded as a
    "photos_added" event, and the assignee hears of it. The same message again adds nothing."""
    if source_message_id is not None and session.scalar(select(TicketPhoto.id).where(
            TicketPhoto.ticket_id == ticket.id, TicketPhoto.source_message_id == source_message_id)) is not None:
        return 0
    have = set(session.scalars(select(TicketPhoto.photo_id).where(TicketPhoto.ticket_id == ticket.id)))
    new = [p for p in dict.fromkeys(photos) if p not in have]
    if not new:
        return 0
    now = clock.now()
    for photo_id in new:
        session.add(TicketPhoto(ticket_id=ticket.id, photo_id=photo_id, source_message_id=source_message_id,
                                added_at=now))
    event(session, ticket, "photos_added", now, registry.person_by_address(session, address),
          photos=new, message_id=source_message_id)
    if ticket.assignee is not None:
        notify(session, ticket.assignee, PHOTOS_ADDED.format(number=ticket.number, count=len(new)), ticket_id=ticket.id)
    session.flush()
    return len(new)
