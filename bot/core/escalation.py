"""Escalation up the chain: grid worker → branch secretary → community/village secretary → duty officer.

How high a ticket may go is capped by its severity ("小事不出二级网格、大事不出一级网格").
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import registry
from bot.core.notify import notify
from bot.core.routing_rules import RoutingRules
from bot.store.models import OrgUnit, Person, Ticket

LEVEL_NAMES = {1: "片区", 2: "社区", 3: "街道"}


def holder_at_level(session: Session, rules: RoutingRules, ticket: Ticket, level: int) -> Person | None:
    """The person filling a chain level for the ticket's unit (nearest unit upwards holding the role)."""
    roles = rules.escalation.chain[level - 1]
    if ticket.unit is not None:
        found = registry.staff_nearest(session, ticket.unit, roles)
        return found[1][0] if found else None
    for street in session.scalars(select(OrgUnit).where(OrgUnit.kind == "subdistrict")):
        for role in roles:
            people = registry.staff_for(session, street.id, role)
            if people:
                return people[0]
    return None


def chain_holders(session: Session, rules: RoutingRules, ticket: Ticket) -> set[int]:
    """Everyone above the assignee in the ticket's chain, at any level."""
    holders = set()
    for level in range(1, len(rules.escalation.chain) + 1):
        person = holder_at_level(session, rules, ticket, level)
        if person is not None:
            holders.add(person.id)
    return holders


def escalate(session: Session, clock: Clock, rules: RoutingRules, ticket: Ticket, why: str) -> Person | None:
    """Raise the ticket one level (skipping levels nobody holds) within its severity's cap and tell
    the new supervisor and the assignee. None when it is already as high as it may go."""
    from bot.core.tickets import CATEGORY_NAMES, event

    now = clock.now()
    cap = rules.max_level(ticket.severity)
    level = ticket.escalation_level
    while level < cap:
        level += 1
        person = holder_at_level(session, rules, ticket, level)
        if person is None or person.id == ticket.escalated_to_id:
            continue
        ticket.escalation_level, ticket.escalated_to_id = level, person.id
        event(session, ticket, "escalated", now, level=level, to=person.id, why=why)
        reason, where = ("催办" if why == "urged" else "超时"), LEVEL_NAMES.get(level, "上级")
        notify(session, person, f"督办：工单{ticket.number}【{CATEGORY_NAMES[ticket.category]}】{reason}未办结，"
               f"已升级到{where}，请督促处理", ticket_id=ticket.id)
        if ticket.assignee is not None and ticket.assignee.id != person.id:
            notify(session, ticket.assignee, f"工单{ticket.number}已{reason}升级到{where}督办，"
                   "请尽快处理", ticket_id=ticket.id)
        return person
    event(session, ticket, "escalation_capped", now, level=ticket.escalation_level, cap=cap, why=why)
    return None
