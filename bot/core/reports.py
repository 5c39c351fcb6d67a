"""From a person's report to an open ticket: locate it, open it, tell the right people."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.clock import Clock
from bot.core import registry
from bot.core.notify import notify
from bot.core.routing import Located, locate
from bot.core.rules import RoutingRules, default_rules
from bot.core.tickets import CATEGORY_NAMES, Opened, Report, open_ticket
from bot.store.models import OrgUnit


def where_is(session: Session, report: Report) -> Located | None:
    reporter = registry.person_by_address(session, report.reporter_address)
    return locate(session, reporter=reporter, text=report.text, lat=report.lat, lon=report.lon,
                  place=report.place_text or None)


def needs_place(session: Session, report: Report) -> bool:
    """True when nothing tells us where the problem is: the bot should ask."""
    return where_is(session, report) is None


def submit(session: Session, clock: Clock, report: Report, rules: RoutingRules | None = None) -> Opened:
    """Open the ticket. A report nobody can place goes to the subdistrict's duty officer."""
    where = where_is(session, report)
    opened = open_ticket(session, clock, rules or default_rules(), report, where)
    if opened.created and where is None and opened.merged_into is None and not report.emergency:
        for unit in session.scalars(select(OrgUnit).where(OrgUnit.kind == "subdistrict")):
            for officer in registry.staff_for(session, unit.id, "duty_officer"):
                notify(session, officer, f"待分派工单{opened.ticket.number}【{CATEGORY_NAMES[opened.ticket.category]}】"
                       f"地点不明（{report.place_text or '未说明'}）：{report.text[:40]}", ticket_id=opened.ticket.id)
    return opened
