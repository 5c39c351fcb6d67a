"""Tickets: a report becomes work assigned to the right people, with every change recorded.

Opening is here (routing table, priority, 并单 duplicates, deadlines); what happens afterwards is in
`lifecycle.py` (people acting on it) and `timers.py` (deadlines, reminders, escalation).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.phones import mask, national
from bot.core import gates, place_parts, points, registry, staff_notices, triage
from bot.core.notify import address_of, notify, notify_address
from bot.core.places import Located
from bot.core.priority import household_priority
from bot.core.problem_match import same_problem
from bot.core.routing_rules import RoutingRules
from bot.store.models import Household, OrgUnit, Person, Ticket, TicketEvent, TicketFollower, TicketPhoto, TicketTimer

CATEGORY_NAMES = {
    "sanitation": "环境卫生",
    "roads": "道路设施",
    "housing_utilities": "房屋水电气",
    "public_security": "治安",
    "dispute": "矛盾纠纷",
    "employment": "就业",
    "health": "医疗健康",
    "education": "教育",
    "elderly_care": "养老助残",
    "fire_safety": "消防安全",
    "other": "其他",
}
TICKET_NUMBER_OFFSET = 1000
# The "created" event's mark on a ticket a worker opened for a household (its member stands as the reporter):
# the member may follow it, but it is not their own report to add details to.
ON_BEHALF = "on_behalf"
OPEN_STATUSES = ("new", "assigned", "acknowledged", "in_progress", "reopened", "returned")


@dataclass(frozen=True)
class Report:
    """What a person told us, as the core needs it."""

    text: str
    category: str
    reporter_address: str
    channel: str
    place_text: str = ""
    lat: float | None = None
    lon: float | None = None
    source_message_id: int | None = None
    emergency: bool = False
    photos: tuple[str, ...] = ()  # PhotoStore ids of the photos it came with
    earns_points: bool = True  # False for a question or a registration to verify: no problem reported
    # The household it is reported for, when not the reporter's own (a visit's report, recorded by the worker):
    # its colour and tags set the priority.
    household_id: int | None = None
    # A question to call back about (公积金咋个取): never urgent, whoever asks (blind test 6, #59: 【紧急】).
    question: bool = False
    # Nothing said in words yet (a recording, not transcribed): at the same place and category it goes on the open
    # ticket there, since no word can show it is another problem.
    unworded: bool = False


@dataclass(frozen=True)
class Opened:
    ticket: Ticket
    assignee: Person | None
    created: bool  # False when the same inbound message had already opened it
    merged_into: Ticket | None = None  # 并单: the open ticket this report was linked to


def ticket_number(ticket_id: int) -> str:
    return f"T{ticket_id + TICKET_NUMBER_OFFSET}"


def filed_on_behalf(session: Session, ticket_ids: list[int]) -> set[int]:
    """Of these tickets, those opened on a household's behalf (a visit's 反映 …), not by their reporter."""
    if not ticket_ids:
        return set()
    created = session.execute(select(TicketEvent.ticket_id, TicketEvent.data).where(
        TicketEvent.ticket_id.in_(ticket_ids), TicketEvent.kind == "created"))
    return {ticket_id for ticket_id, data in created if (data or {}).get(ON_BEHALF)}


def event(session: Session, ticket: Ticket, kind: str, at, actor: Person | None = None,  # noqa: ANN001
          note: str = "", **data: object) -> None:
    session.add(TicketEvent(ticket_id=ticket.id, kind=kind, actor_id=actor.id if actor else None, at=at,
                            note=note, data=dict(data)))


def schedule(session: Session, ticket: Ticket, kind: str, at, deadline) -> None:  # noqa: ANN001
    session.add(TicketTimer(ticket_id=ticket.id, kind=kind, next_attempt_at=at, deadline=deadline,
                            status="pending", attempts=0))


def priority_for(rules: RoutingRules, reporter: Person | None, emergency: bool,
                 household: Household | None = None) -> str:
    """Emergency → immediate; otherwise the colour and tags (`priority`) of the household it is reported
    for, or else of the reporter's own."""
    if household is None and reporter is not None:
        household = reporter.household
    return household_priority(rules, household, emergency=emergency)


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371000 * math.asin(math.sqrt(a))


# Open and still with their grid: a returned ticket (退单待改派) is leaving it, a new one has none.
MERGEABLE_STATUSES = ("assigned", "acknowledged", "in_progress", "reopened")
def find_duplicate(session: Session, clock: Clock, rules: RoutingRules, report: Report, category: str,
                   unit_id: int | None, exclude_id: int) -> Ticket | None:
    """并单 only for the same problem (bot/core/problem_match.py): an open ticket of the same category in the
    same grid, recent enough and at the same place (both located within the configured distance, or naming the same
    place: one gate of an estate is never another, bot/core/gates.py), that is about the same thing; never into an
    emergency (blind test 23, #N34: a traffic light merged into a crash)."""
    located = report.lat is not None and report.lon is not None
    if unit_id is None or (not located and not report.place_text):
        return None
    since = clock.now() - timedelta(hours=rules.duplicates.hours)
    query = select(Ticket).where(Ticket.category == category, Ticket.status.in_(MERGEABLE_STATUSES),
                                 Ticket.unit_id == unit_id, Ticket.created_at >= since, Ticket.id != exclude_id,
                                 Ticket.priority != "immediate", Ticket.severity != "critical")
    if located:
        # A bounding box in SQL first (1° latitude ≈ 111 km), the exact distance below.
        pad_lat = rules.duplicates.distance_m / 111_000
        pad_lon = pad_lat / max(math.cos(math.radians(report.lat)), 0.01)
        query = query.where(Ticket.lat.between(report.lat - pad_lat, report.lat + pad_lat),
                            Ticket.lon.between(report.lon - pad_lon, report.lon + pad_lon))
    else:
        query = query.where(Ticket.place_text.in_(gates.alike(report.place_text)))  # 东门 is never 北门
    places = [report.place_text, *_names_of(session.get(OrgUnit, unit_id))]
    for other in session.scalars(query.order_by(Ticket.id)):
        near = not located or distance_m(report.lat, report.lon, other.lat, other.lon) <= rules.duplicates.distance_m
        if near and (report.unworded or same_problem(report.text, other.text, [*places, other.place_text or ""])):
            return other
    return None


def _names_of(unit: OrgUnit | None) -> list[str]:
    """The names a grid goes by (its estates and streets) and its community's: said as places, never as problems."""
    names: list[str] = []
    while unit is not None and unit.kind != "subdistrict":
        names += [unit.name, *(unit.aliases or [])]
        unit = unit.parent
    return names


def follow(session: Session, ticket: Ticket, address: str, channel: str, role: str,
           person: Person | None = None) -> None:
    exists = session.scalar(select(TicketFollower.id).where(
        TicketFollower.ticket_id == ticket.id, TicketFollower.address == address, TicketFollower.role == role))
    if exists is None:
        session.add(TicketFollower(ticket_id=ticket.id, address=address, channel=channel, role=role,
                                   person_id=person.id if person else None))


def tell_reporters(session: Session, ticket: Ticket, text: str) -> None:
    """The reporter and the reporters of linked duplicates."""
    notify_address(session, ticket.reporter_channel, ticket.reporter_address, text, ticket_id=ticket.id)
    for f in session.scalars(select(TicketFollower).where(TicketFollower.ticket_id == ticket.id,
                                                          TicketFollower.role == "reporter")):
        if f.address != ticket.reporter_address:
            notify_address(session, f.channel, f.address, text, ticket_id=ticket.id)


def open_ticket(session: Session, clock: Clock, rules: RoutingRules, report: Report,
                where: Located | None) -> Opened:
    """Open a ticket for a report, or link it to an open duplicate; assign and tell the handlers.

    Idempotent per inbound message: processing the same message again returns the same ticket.
    """
    if report.source_message_id is not None:
        existing = session.scalar(select(Ticket).where(Ticket.source_message_id == report.source_message_id))
        if existing is not None:
            merged = session.get(Ticket, existing.merged_into_id) if existing.merged_into_id else None
            return Opened(existing, existing.assignee, created=False, merged_into=merged)

    now = clock.now()
    reporter = registry.person_by_address(session, report.reporter_address)
    category = triage.facility_category(report.category if report.category in CATEGORY_NAMES else "other",
                                        report.text)
    on_behalf = session.get(Household, report.household_id) if report.household_id is not None else None
    priority = "normal" if report.question else priority_for(rules, reporter, report.emergency, on_behalf)
    ticket = Ticket(
        text=report.text, category=category, place_text=report.place_text, lat=report.lat, lon=report.lon,
        reporter_id=reporter.id if reporter else None, reporter_address=report.reporter_address,
        reporter_channel=report.channel, source_message_id=report.source_message_id, created_at=now,
        status="new", priority=priority,
        severity="critical" if report.emergency else rules.category(category).severity,
        unit_id=where.unit.id if where else None,
    )
    session.add(ticket)
    session.flush()
    ticket.number = ticket_number(ticket.id)
    for photo_id in dict.fromkeys(report.photos):
        session.add(TicketPhoto(ticket_id=ticket.id, photo_id=photo_id, source_message_id=report.source_message_id,
                                added_at=now))
    behalf = {ON_BEHALF: True} if report.household_id is not None else {}
    event(session, ticket, "created", now, reporter, category=category, priority=priority,
          located_by=where.how if where else None, **behalf)
    if report.photos:
        session.flush()  # the photos are on the ticket before anyone is told of it

    if not report.emergency:
        original = find_duplicate(session, clock, rules, report, category, ticket.unit_id, ticket.id)
        if original is not None:
            ticket.status, ticket.merged_into_id = "merged", original.id
            event(session, ticket, "merged", now, into=original.number)
            event(session, original, "linked", now, reporter, duplicate=ticket.number)
            follow(session, original, report.reporter_address, report.channel, "reporter", reporter)
            session.flush()
            return Opened(ticket, original.assignee, created=True, merged_into=original)

    if reporter is not None and report.earns_points:
        points.credit(session, clock, reporter.id, "rider_report" if reporter.kind == "rider" else "report",
                      ticket.number)
    assignee = assign(session, clock, rules, ticket, where.unit if where else None) if where else None
    if report.emergency:
        alert_emergency(session, ticket, where.unit if where else None)
    session.flush()
    return Opened(ticket, assignee, created=True)


def assign(session: Session, clock: Clock, rules: RoutingRules, ticket: Ticket, unit: OrgUnit | None,
           *, exclude: set[int] | None = None) -> Person | None:
    """Assign by the routing table: the first role with someone becomes the assignee, the others
    follow as co-handlers. Sets the deadlines and schedules the timers."""
    if unit is None:
        return None
    now = clock.now()
    exclude = exclude or set()
    assignee, role = None, None
    for wanted in rules.category(ticket.category).roles:
        found = registry.staff_nearest(session, unit, [wanted])
        people = [p for p in (found[1] if found else []) if p.id not in exclude]
        if not people:
            continue
        if assignee is None:
            assignee, role = people[0], wanted
        else:
            target = address_of(people[0])
            if target is not None:
                follow(session, ticket, target[1], target[0], "co_handler", people[0])
            # An emergency's co-handler must go too: the place with the grid (blind test 8: every notice has it).
            where = f"{unit.name}（{staff_notices.clip(ticket.place_text, 12)}）" \
                if ticket.priority == "immediate" and ticket.place_text else unit.name
            notify(session, people[0], staff_notices.co_handler(ticket.number or "", CATEGORY_NAMES[ticket.category],
                                                                where, ticket.text), ticket_id=ticket.id)
    if assignee is None:
        return None
    ticket.unit_id = unit.id
    ticket.assignee_id, ticket.assignee_role = assignee.id, role
    ticket.status = "assigned"
    set_deadlines(session, rules, ticket, now)
    event(session, ticket, "assigned", now, assignee_id=assignee.id, role=role)
    notify(session, assignee, worker_notice(ticket, unit), ticket_id=ticket.id)
    if role == "grid_worker" and registry.staff_for(session, unit.id, "backup_grid_worker"):
        schedule(session, ticket, "backup", ticket.ack_due_at, ticket.ack_due_at)
    return assignee


def set_deadlines(session: Session, rules: RoutingRules, ticket: Ticket, now) -> None:  # noqa: ANN001
    """Ack and handling deadlines from now, with a reminder before each and the overdue step."""
    ticket.ack_due_at = now + rules.ack_within(ticket.priority)
    ticket.due_at = now + rules.handle_within(ticket.category, ticket.priority)
    ticket.escalation_level = 0
    before = timedelta(hours=rules.remind_before_hours)
    if ticket.ack_due_at - before > now:
        schedule(session, ticket, "remind_ack", ticket.ack_due_at - before, ticket.ack_due_at)
    if ticket.due_at - before > now:
        schedule(session, ticket, "remind", ticket.due_at - before, ticket.due_at)
    schedule(session, ticket, "overdue", ticket.due_at, ticket.due_at)


def alert_emergency(session: Session, ticket: Ticket, unit: OrgUnit | None) -> None:
    """The community secretary and the duty officer hear of an emergency at once."""
    # The reporter's whole number: staff call back (an emergency's notice may run to a second part).
    caller = ticket.reporter_address if ticket.reporter_address.startswith("+") else "群众"
    place, point = where_words(ticket, unit)  # every alert carries the place (blind test 9, #34), a home's address too
    label = unit.name if unit else (point or "地点待核实")  # a location in no grid: its point (blind test 22, #50)
    text = staff_notices.emergency(ticket.number or "", CATEGORY_NAMES[ticket.category], label, ticket.text, caller,
                                   place if place and place not in label else "")
    # The point whole in a notice of its own when the alert had no room for it.
    spot = staff_notices.emergency_place(ticket.number or "", CATEGORY_NAMES[ticket.category], point, caller) \
        if point and point not in text else ""
    told: set[int] = set()
    targets: list[Person] = []
    if unit is not None:
        found = registry.staff_nearest(session, unit, ["community_secretary", "village_secretary"])
        targets += found[1][:1] if found else []
    for street in session.scalars(select(OrgUnit).where(OrgUnit.kind == "subdistrict")):
        targets += registry.staff_for(session, street.id, "duty_officer")
    for person in targets:
        if person.id not in told:
            told.add(person.id)
            notify(session, person, text, ticket_id=ticket.id)
            if spot:
                notify(session, person, spot, ticket_id=ticket.id)
    event(session, ticket, "emergency_alert", ticket.created_at, notified=sorted(told))


def worker_notice(ticket: Ticket, unit: OrgUnit, prefix: str = "") -> str:
    """The new-ticket notice, within one SMS part: the whole problem when it fits, else as much as fits
    and "回复“T1023 详情”看全文" (staff_notices)."""
    # Staff call back an emergency at once: its reporter's whole number; otherwise masked ("T1023 详情" has it).
    calling = ticket.priority == "immediate"
    who = (ticket.reporter_address if calling else mask(ticket.reporter_address)) \
        if ticket.reporter_address.startswith("+") else "群众"
    place, point = where_words(ticket, unit)
    place = place or ("" if point else home_place(ticket))
    return staff_notices.new_ticket(
        ticket.number or "", CATEGORY_NAMES[ticket.category], unit.name, place, ticket.text, who,
        urgent=ticket.priority in ("immediate", "high"), calling=calling, photos=len(ticket.photos), prefix=prefix,
        point=point)


def where_words(ticket: Ticket, unit: OrgUnit | None) -> tuple[str, str]:
    """(the place in words, the point) for staff: what the reporter named; or, for a report placed only by its
    location ("这里井盖翻了" after a shared location, blind test 17, #19), the grid's estate or street and
    "定位25.0331,102.7123" (four decimals: about ten metres), so the worker is not left with "这里"."""
    if not ticket.place_text and ticket.lat is None:
        return home_of(ticket, unit), ""
    if ticket.place_text or ticket.lat is None or ticket.lon is None:
        return ticket.place_text or "", ""
    alias = next((a for a in (unit.aliases or []) if a), "") if unit is not None else ""
    return (f"{alias}附近" if alias else ""), f"定位{ticket.lat:.4f},{ticket.lon:.4f}"


def home_of(ticket: Ticket, unit: OrgUnit | None) -> str:
    """An emergency at its reporter's registered home, placed by nothing else ("我妈在屋头晕倒了"): the household's
    address, so the one who must act knows the door (blind test 9, #34: the worker's 【紧急】 notice had none)."""
    reporter = ticket.reporter
    if ticket.severity != "critical" or reporter is None or reporter.household is None or unit is None \
            or reporter.home_unit_id != unit.id:
        return ""
    return reporter.household.address or ""


def home_place(ticket: Ticket) -> str:
    """"住阳光小区1栋101": where a registered reporter who named no place lives (a report located by its reporter's
    registration is about their home: 我们单元楼道的灯坏了, blind test 10, #105), else "", as when the words name a
    place of their own out of doors (村口那座小桥)."""
    household = ticket.reporter.household if ticket.reporter is not None else None
    if household is None or not household.address:
        return ""
    # 村口那座小桥的栏杆断了 names its own place: never the reporter's home instead (blind test 35, L21)
    said = ticket.text.split("；补充：")[0]
    return "" if place_parts.names_out_of_doors(said) else f"住{household.address}"


def assignee_label(person: Person | None) -> str:
    """'王芳（13700000001）' for a reply to the reporter: a grid worker's (any staff member's) number
    is their published work contact, whole, so the resident can call it (as the policy answers give
    it); anyone else's is masked."""
    if person is None:
        return ""
    if not person.phone:
        return person.name
    published = person.kind == "staff"
    return f"{person.name}（{national(person.phone) if published else mask(person.phone)}）"


def holder_word(ticket: Ticket) -> str:
    """Who holds the ticket, as a reply to its reporter names them: 网格员杨艳, another staff member's name, or
    街道值班员 for nobody yet."""
    holder = ticket.assignee
    if holder is None:
        return "街道值班员"
    return f"网格员{holder.name}" if ticket.assignee_role == "grid_worker" else holder.name
