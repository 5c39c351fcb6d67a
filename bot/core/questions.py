"""Policy questions around the knowledge base: whom a person should ask, the questions it could not
answer (kept for staff), the question ticket opened when the person asks to be called back, and a question about
a notice just posted, answered with the notice.

The grid worker's published number is given to residents in full; the resident's number reaches
their grid worker only when they ask for the call back (回复 1).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.phones import national
from bot.core import registry, reports
from bot.core.council import notices_for
from bot.core.knowledge import GENERIC_BIGRAMS, Contact, KnowledgeBase, audience_for, tokens
from bot.core.notify import notify
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import Opened, Report
from bot.store.models import KnowledgeMiss, Person, Ticket

# A bare 1 asks for a call back about the sender's last unanswered question within this time.
CALLBACK_WITHIN = timedelta(hours=24)
TICKET_PREFIX = "咨询请回电："


@dataclass(frozen=True)
class Whom:
    """Who to ask: a grid worker (name and number) or the service station."""

    name: str
    phone: str
    grid_worker: bool


def grid_worker_of(session: Session, person: Person | None) -> Person | None:
    """The primary grid worker of the person's home grid (or the nearest unit above it that has one)."""
    if person is None or person.home_unit is None:
        return None
    found = registry.staff_nearest(session, person.home_unit, ["grid_worker"])
    return next((p for p in found[1] if p.phone), None) if found else None


def whom_to_ask(session: Session, person: Person | None, contact: Contact, ask: str = "grid_worker") -> Whom:
    """The sender's grid worker; the service station for someone without one (not registered, riders,
    staff) and for what the station handles."""
    worker = grid_worker_of(session, person) if ask == "grid_worker" else None
    if worker is None:
        return Whom(contact.name, contact.phone, grid_worker=False)
    return Whom(worker.name, national(worker.phone), grid_worker=True)


def early_answer(session: Session, knowledge: KnowledgeBase, person: Person | None, text: str,
                 any_entry: bool = False) -> str | None:
    """The answer, with whom to ask, to a question the knowledge base answers before the classifier (an entry marked
    `early`: 垃圾分类咋个分哦 搞不懂 is the classifier's call for help, blind test 32, B42; any entry for a question
    the caller knows is one, 门禁卡丢了 咋个补); None for any other."""
    found = knowledge.find(text, audience_for(person.kind if person is not None else None))
    if found is None or not (found.entry.early or any_entry):
        return None
    whom = whom_to_ask(session, person, knowledge.contact, found.entry.ask)
    return f"{found.entry.answer}有疑问找{'网格员' if whom.grid_worker else ''}{whom.name}{whom.phone}。"


def log_miss(session: Session, clock: Clock, address: str, channel: str, text: str,
             source_message_id: int | None = None) -> KnowledgeMiss:
    """Keep a question nobody answered; the same inbound message is kept once."""
    if source_message_id is not None:
        existing = session.scalar(select(KnowledgeMiss).where(KnowledgeMiss.source_message_id == source_message_id))
        if existing is not None:
            return existing
    person = registry.person_by_address(session, address)
    miss = KnowledgeMiss(address=address, channel=channel, person_id=person.id if person else None, text=text,
                         source_message_id=source_message_id, asked_at=clock.now())
    session.add(miss)
    session.flush()
    return miss


def last_miss(session: Session, clock: Clock, address: str) -> KnowledgeMiss | None:
    """The sender's newest unanswered question of the last `CALLBACK_WITHIN`."""
    since = clock.now() - CALLBACK_WITHIN
    return session.scalar(select(KnowledgeMiss).where(KnowledgeMiss.address == address,
                                                      KnowledgeMiss.asked_at >= since)
                          .order_by(KnowledgeMiss.id.desc()).limit(1))


def callback_number(session: Session, miss: KnowledgeMiss) -> str | None:
    """The number to call: the one the question came from, else the registered person's."""
    if miss.address.startswith("+"):
        return miss.address
    person = session.get(Person, miss.person_id) if miss.person_id else None
    return person.phone if person is not None else None


def ask_callback(session: Session, clock: Clock, rules: RoutingRules, miss: KnowledgeMiss,
                 source_message_id: int | None = None) -> Opened:
    """A question ticket for the sender's grid worker (the duty officer when nobody can place it),
    who is told the number to call; asked again, the same ticket."""
    if miss.ticket_id is not None:
        ticket = session.get(Ticket, miss.ticket_id)
        if ticket is not None:
            return Opened(ticket, ticket.assignee, created=False)
    report = Report(text=f"{TICKET_PREFIX}{miss.text}", category="other", reporter_address=miss.address,
                    channel=miss.channel, source_message_id=source_message_id, earns_points=False,
                    question=True)
    opened = reports.submit(session, clock, report, rules)
    miss.ticket_id = opened.ticket.id
    if opened.created:
        # The worker who calls back sees what was asked (blind test 22, #77), not only that someone asked.
        tell_number_to_call(session, opened, callback_number(session, miss), f"是居民咨询“{asked_short(miss.text)}”")
    session.flush()
    return opened


QUESTION_IN_NOTICE = 24


def asked_short(text: str) -> str:
    """The question as the callback notice quotes it: whole when short, else cut with an ellipsis."""
    said = " ".join((text or "").split())
    return said if len(said) <= QUESTION_IN_NOTICE else said[:QUESTION_IN_NOTICE - 1] + "…"


def tell_number_to_call(session: Session, opened: Opened, number: str | None, what: str) -> None:
    """The assignee (the duty officers when there is none yet) gets the number to call in full: the
    person asked to be called (the ticket's notice shows it masked)."""
    if not number:
        return
    handlers = [opened.assignee] if opened.assignee is not None else registry.duty_officers(session)
    for person in handlers:
        notify(session, person, f"工单{opened.ticket.number}{what}，请回电{national(number)}。",
               ticket_id=opened.ticket.id)




def misses_since(session: Session, since: datetime, limit: int = 100) -> list[KnowledgeMiss]:
    """Unanswered questions since a time, newest first: what to add to the knowledge base."""
    return list(session.scalars(select(KnowledgeMiss).where(KnowledgeMiss.asked_at >= since)
                                .order_by(KnowledgeMiss.id.desc()).limit(limit)))


# A question about a notice posted lately (取暖补贴我老汉去不了 我帮他领得不, right after the 取暖补贴 notice, blind
# test 8, #138): answered with the notice itself, with whom to ask when it fits.
NOTICE_WITHIN = timedelta(days=7)
NOTICE_SHARED_BIGRAMS = 2  # topic bigrams the question and the notice must share (取暖, 补贴)
FROM_NOTICE = "公告说：{body}"
SMS_PART = 70


def notice_answer(session: Session, clock: Clock, person: Person | None, text: str, whom: Whom) -> str | None:
    """The reply quoting the newest notice of the last `NOTICE_WITHIN` sent to the person that the question is about
    (it shares `NOTICE_SHARED_BIGRAMS` topic bigrams with it), else None."""
    if person is None:
        return None
    said = set(tokens(text)) - GENERIC_BIGRAMS
    for notice in notices_for(session, person, 3):
        if notice.kind != "notice" or notice.posted_at < clock.now() - NOTICE_WITHIN:
            continue
        if len(said & set(tokens(notice.text))) < NOTICE_SHARED_BIGRAMS:
            continue
        body = re.sub(r"^【[^】]*】", "", notice.text).strip()
        reply = FROM_NOTICE.format(body=body)
        if len(reply) > SMS_PART:
            reply = reply[:SMS_PART - 1] + "…"
        ask = f"有疑问找{'网格员' if whom.grid_worker else ''}{whom.name}{whom.phone}。"
        return reply + ask if len(reply + ask) <= SMS_PART else reply
    return None
