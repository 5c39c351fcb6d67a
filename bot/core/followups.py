"""What a reporter sends soon after a report: a detail (是3栋2单元, 她80多岁了), a photo or a location
joins their open report instead of opening a second ticket; a new, different problem still makes
one, and when it is not clear which, the bot asks.

`bot/core/follow_up_reading.py` decides how to read it from the text and the classifier's guess;
`add_detail` and `add_point` change the ticket and tell its handler (a location the reporter says is the place:
`bot/core/report_location.py`)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import (
    answers,
    registry,
    triage,
)
from bot.core.emergencies import answers_where, landmark_in, reads_as_place, spoken_place
from bot.core.emergency_updates import told_of
from bot.core.followup_words import (
    BARE_WORDS,
    NOT_REPORTS,
    ends_as_place,
)
from bot.core.notify import notify
from bot.core.places import grid_at, grid_named_in
from bot.core.reports import add_photos, photos_of_message, recent_open_ticket, unattached_photos
from bot.core.tickets import OPEN_STATUSES, distance_m, event, schedule
from bot.store.message_models import InboxMessage
from bot.store.models import OrgUnit, Person, Ticket, TicketEvent

DETAIL_PLACE_CHARS = 20  # a longer detail has more to say than where
DETAIL_ADDED = "已补充到工单{number}，已转告承办人。"
ASK_WHICH = "是补充{number}，还是新问题？1 补充 2 新问题"
ASK_WHICH_ABOUT = "是补充{number}（{what}），还是新问题？1 补充 2 新问题"
PHOTO_ADDED = "照片已补充到工单{number}，谢谢！"
PHOTO_KEPT = "已收到照片。请再发一句话说明是什么问题。"
POINT_ADDED = "位置已补充到工单{number}，谢谢！"
# A photo alone is held: not announced as the open report's, for the next words may be a new problem (blind test 26:
# "稍后补充到工单T1007", the rider's old 道闸, before his 井盖 report); with a location it is most likely a new one.
PHOTO_HELD = "已收到照片。是新问题请再发一句话说明；是补充工单{number}的不用管，稍后补上。"
PHOTO_POINT_HELD = "已收到照片和位置。请再发一句话说明是什么问题，是补充{number}的也请说一声。"
POINT_KEPT = "已收到位置。请再发一句话说明是什么问题。"
PHOTO_POINT_KEPT = "已收到照片和位置。请再发一句话说明是什么问题。"
# A location sent alone this far from the open report's own point, or in another grid than the one it went to, is
# somewhere else: what comes with it is for a new report (blind test 26, A36: the rider's 井盖 photo was held for his
# 道闸 ticket T1007 and the reply named it).
FAR_M = 300.0
POINT_HELD = "已收到位置。请再发一句话说明是什么问题，是补充{number}的也请说一声。"
PLACE_HELD = "已记下地点：{place}。请再说说是什么问题，比如“门口水沟堵了”。"
PLACE_HELD_MARK = "已记下地点："  # in the bot's reply to a place held for the next report (after 您好！, maybe)
PLACE_ALONE_MAX = 20
SMS_PART = 70
HELD_PHOTOS = "held_photos"  # the timer that joins photos held for a new report to the open one



def held_reply(number: str, with_point: bool) -> str:
    """What a sender hears of a photo held while their report `number` is open: never that it goes to that report."""
    return (PHOTO_POINT_HELD if with_point else PHOTO_HELD).format(number=number)


def away_from(session: Session, ticket: Ticket, point: tuple[float, float] | None) -> bool:
    """Whether a location sent alone is clearly somewhere other than `ticket`'s place: far from its point, or, when it
    has none, in a grid that is not the one (nor under the unit) it went to."""
    if point is None:
        return False
    if ticket.lat is not None and ticket.lon is not None:
        return distance_m(*point, ticket.lat, ticket.lon) > FAR_M
    grid = grid_at(session, *point)
    if grid is None or ticket.unit_id is None:
        return False
    return ticket.unit_id not in {unit.id for unit in registry.ancestors(session, grid)}


def kept_reply(photos: bool, point: bool) -> str:
    """What a sender hears of a photo or a location held for the report their next words make, naming no ticket."""
    if photos:
        return PHOTO_POINT_KEPT if point else PHOTO_KEPT
    return POINT_KEPT


def open_report(session: Session, clock: Clock, address: str, within: timedelta) -> Ticket | None:
    """The sender's newest report of the last `within` still open, a question or a number to verify aside."""
    ticket = recent_open_ticket(session, clock, address, within)
    if ticket is not None and ticket.text.startswith(NOT_REPORTS):
        ticket = None
    reopened = reopened_by(session, clock, address, within)
    if reopened is not None and (ticket is None or reopened[1] >= ticket.created_at):
        return reopened[0]  # "不满意" then "水管还在滴": the reason goes to the ticket just reopened (blind 5, #50)
    return ticket


def reopened_by(session: Session, clock: Clock, address: str, within: timedelta) -> tuple[Ticket, datetime] | None:
    """The sender's ticket reopened by their rating (不满意: only a rating reopens) in the last `within`, still
    open, and when."""
    found = session.execute(select(Ticket, TicketEvent.at).join(TicketEvent, TicketEvent.ticket_id == Ticket.id).where(
        TicketEvent.kind == "reopened", TicketEvent.at >= clock.now() - within, Ticket.reporter_address == address,
        Ticket.status.in_(OPEN_STATUSES)).order_by(TicketEvent.at.desc())).first()
    return (found[0], found[1]) if found is not None else None


def place_only(session: Session, text: str) -> bool:
    """A message that is only a place ("5栋2单元", "菜市场门口"): no problem, no question in it (blind test 17,
    #128). With no report open it is held for the report that follows."""
    text = " ".join(text.split())
    return 0 < len(text) <= PLACE_ALONE_MAX and not triage.has_problem(text) \
        and triage.information_request(text) is None and answers_where(text) and reads_as_place(session, text) \
        and (ends_as_place(text) or grid_named_in(session, text) is not None)


def sent_alone(text: str) -> bool:
    """A message that only goes with a photo or a location ("", "我在这", "看图")."""
    return answers.plain(text) in BARE_WORDS


def hold_photos(session: Session, clock: Clock, ticket: Ticket, hold: timedelta) -> None:
    """A photo sent alone while `ticket` is open: held for a new report the next message may make
    (blind test 17, #22); if nothing else comes within `hold`, `join_held_photos` adds it to the ticket."""
    schedule(session, ticket, HELD_PHOTOS, clock.now() + hold, None)


def join_held_photos(session: Session, clock: Clock, ticket: Ticket) -> str:
    """The photos (and a location) the reporter sent alone since their last words, questions aside, joined to
    the open ticket: nothing else came. When words came (a detail, a new report) they took them: "stale"."""
    if ticket.status not in OPEN_STATUSES:
        return "stale"
    rows = session.execute(select(InboxMessage.id, InboxMessage.text, InboxMessage.payload).where(
        InboxMessage.sender == ticket.reporter_address, InboxMessage.received_at >= ticket.created_at)
        .order_by(InboxMessage.id.desc()).limit(20)).all()
    kept: list[tuple[int, str]] = []
    point: tuple[int, float, float] | None = None
    for row in rows:
        if only_asks(row.text):
            continue  # 换电柜在哪: answered, the photo still waits
        if not sent_alone(row.text):
            break
        kept += [(row.id, p) for p in reversed(photos_of_message(session, row.id))]
        lat, lon = (row.payload or {}).get("lat"), (row.payload or {}).get("lon")
        if point is None and isinstance(lat, int | float) and isinstance(lon, int | float):
            point = (row.id, float(lat), float(lon))
        if row.id <= (ticket.source_message_id or 0):
            break
    photos = unattached_photos(session, ticket.reporter_address, list(reversed(kept)))
    if not photos:
        return "stale"
    add_photos(session, clock, ticket, tuple(photos), kept[0][0], ticket.reporter_address)
    if point is not None:
        add_point(session, clock, ticket, point[1], point[2], ticket.reporter_address, point[0])
    return "photos_joined"


def only_asks(text: str) -> bool:
    """A question with no problem in it (换电柜在哪): answered without touching what is held (blind test 17, #111)."""
    return not sent_alone(text) and triage.information_request(text) is not None


def fit(text: str, room: int) -> str:
    return text if len(text) <= room else text[:max(room - 1, 0)] + "…"


def ask_which(ticket: Ticket) -> str:
    """"是补充T1004（水管漏水…），还是新问题？": the question says what the open report is (blind test ut21, #48)."""
    what = fit(ticket.text.split("；补充：")[0].strip(), 10)
    return ASK_WHICH_ABOUT.format(number=ticket.number, what=what) if what else ASK_WHICH.format(number=ticket.number)


def detail_notice(ticket: Ticket, detail: str) -> str:
    """"工单T1004补充：是3栋2单元" within one SMS part; a long detail cut, with where to read it whole."""
    head = f"工单{ticket.number}补充："
    whole = head + detail
    if len(whole) <= SMS_PART:
        return whole
    tail = f"（回“{ticket.number} 详情”看全文）"
    return head + fit(detail, SMS_PART - len(head) - len(tail)) + tail


def handlers(session: Session, ticket: Ticket) -> list[Person]:
    """Who hears of what is added: the assignee, else (nobody could place it) the duty officers; for an emergency
    everyone its alert reached too (blind test 8, #55: "就是这点 阳光小区北门" reached the worker only)."""
    if ticket.severity == "critical":
        alerted = told_of(session, ticket)
        if alerted:
            return alerted
    if ticket.assignee is not None:
        return [ticket.assignee]
    officers: list[Person] = []
    for unit in session.scalars(select(OrgUnit).where(OrgUnit.kind == "subdistrict")):
        officers += registry.staff_for(session, unit.id, "duty_officer")
    return officers


def _added_before(session: Session, ticket: Ticket, kind: str, message_id: int | None) -> bool:
    if message_id is None:
        return False
    return any((e.data or {}).get("message_id") == message_id for e in session.scalars(
        select(TicketEvent).where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == kind)))


def detail_place(session: Session, detail: str) -> str:
    """The place a detail names, for a ticket that has none ("就在菜市场门口" → 菜市场门口; "就在1栋门口 踩上去咣当响" →
    1栋门口), else "": words telling more of the problem are never its place, nor the next report's (blind test 34,
    L1, E23: "黑黢黢的 老年人上下楼怕摔" became the place, and 李磊's notice of the drain reported later read
    "（黑黢黢的 老年人上下楼怕摔）")."""
    if len(detail) > DETAIL_PLACE_CHARS or not reads_as_place(session, detail):
        return ""
    # Words beside the place that are none (踩上去咣当咣当响, 晚上黑黢黢的) leave only the landmark it names.
    told = triage.has_problem(detail) or not all(reads_as_place(session, part) for part in detail.split())
    return landmark_in(detail) if told else spoken_place(detail)


def add_detail(session: Session, clock: Clock, ticket: Ticket, detail: str, address: str,
               message_id: int | None = None) -> bool:
    """Append a detail to the ticket's text (and take it as the place when the ticket has none and it
    reads as one), record it and tell the handler "工单T1004补充：…". The same message twice adds it once."""
    detail = " ".join(detail.split())
    if not detail or _added_before(session, ticket, "detail_added", message_id):
        return False
    now = clock.now()
    ticket.text = f"{ticket.text}；补充：{detail}"
    place = detail_place(session, detail) if not ticket.place_text and ticket.lat is None else ""
    if place:
        ticket.place_text = place[:256]  # "就在菜市场门口": 菜市场门口
    event(session, ticket, "detail_added", now, registry.person_by_address(session, address),
          note=detail[:500], message_id=message_id)
    for person in handlers(session, ticket):
        notify(session, person, detail_notice(ticket, detail), ticket_id=ticket.id)
    return True


def add_point(session: Session, clock: Clock, ticket: Ticket, lat: float, lon: float, address: str,
              message_id: int | None = None) -> bool:
    """A location sent alone after the report goes onto it when it has none; False when it has one."""
    if ticket.lat is not None or _added_before(session, ticket, "point_added", message_id):
        return False
    ticket.lat, ticket.lon = lat, lon
    event(session, ticket, "point_added", clock.now(), registry.person_by_address(session, address),
          lat=lat, lon=lon, message_id=message_id)
    for person in handlers(session, ticket):
        notify(session, person, f"工单{ticket.number}补充了位置（{lat:.5f},{lon:.5f}）", ticket_id=ticket.id)
    return True

