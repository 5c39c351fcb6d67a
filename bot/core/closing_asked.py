"""A reporter asking why their ticket was closed as needing no handling (blind test 31, B93: T1048 closed by the
duty officer "劳资纠纷 打12333", then "凭啥子关了嘛 我的工资咋个办" was asked where). The answer names who closed it
and the reason as the reporter may read it (where they were sent: 打12333), and the one who closed it is asked to
call back; never a new report."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.phones import national
from bot.common.plain_text import plain as _plain
from bot.core import invalid_tickets, registry, supervisor_words, triage, wage_claims
from bot.core.notify import notify
from bot.core.questions import asked_short
from bot.store.models import Person, Ticket, TicketEvent

_WHY = r"凭啥子?|凭什么|为啥子?|为什么|咋个|怎么|咋|啥子|哪个"
# 凭啥子关了嘛, 为啥把我的单子关了, 咋个就关了, 关了是啥子意思.
_WHY_CLOSED = re.compile(rf"(?:{_WHY})[^，,。！!？?\s]{{0,6}}(?:关|结|撤|销|取消|作废)(?:了|掉|闭|单|案)|"
                         r"(?:关|结|撤|销)(?:了|掉)[^，,。！!？?\s]{0,4}(?:凭啥|为啥|为什么|啥子意思|什么意思)")
# 我的工资咋个办, right after a wage ticket was closed.
_WHAT_NOW = re.compile(r"咋个办|怎么办|咋办|咋整|哪个管|谁管|没人管|不管了")
# Sent back to us by the place we sent them to (我打了12333 他们说要找社区, blind test 31, B93: a new ticket).
_SENT_BACK = re.compile(r"(?:说|叫|喊|让|要)我?[^，,。！!？?\s]{0,3}(?:找|问|去找|回来找)"
                        r"(?:社区|你们|网格员|街道|居委会?|村上)|(?:推|踢)(?:回来|给社区|给你们)")
WITHIN = timedelta(days=3)

REPLY = "工单{number}是{who}关的，原因：{why}。已请关单的同志给您回电话，还有啥子跟他说。"
REPLY_ADVICE = "工单{number}是{who}关的，建议您{why}。已请关单的同志给您回电话，还有啥子跟他说。"
REPLY_PLAIN = "工单{number}是{who}关的，经核实不需要社区办理。已请关单的同志给您回电话，还有啥子跟他说。"
TO_CLOSER = "工单{number}的反映人问为啥关了：“{asked}”，请回电{phone}。"
SENT_BACK = "好的，已转告关单的同志，会尽快给您回电话，商量工单{number}的事咋个办。"
TO_CLOSER_SENT_BACK = "工单{number}的反映人说：“{asked}”，请回电{phone}。"


def asks_why(text: str) -> bool:
    """Whether the words ask why something was closed (凭啥子关了嘛, 为啥把我的单子关了)."""
    plain = _plain(text)
    return bool(plain) and _WHY_CLOSED.search(plain) is not None


def may_be_about_closing(text: str) -> bool:
    """Whether the words could be about a closed ticket at all (why, wages, sent back): worth looking it up."""
    plain = _plain(text)
    return asks_why(plain) or wage_claims.about_wages(plain) or _SENT_BACK.search(plain) is not None


def reply(session: Session, clock: Clock, channel: str, address: str, text: str) -> list[str] | None:
    """Who closed the sender's ticket of the last days as needing no handling and why, the closer asked to call
    back; sent back to us by those we sent them to (他们说要找社区), the closer calls back; None when the words ask
    nothing of it or the sender has no such ticket."""
    plain = _plain(text)
    if not plain:
        return None
    wages = wage_claims.about_wages(plain) and _WHAT_NOW.search(plain) is not None
    sent_back = _SENT_BACK.search(plain) is not None and not triage.has_problem(plain)  # 物业说要找社区 路灯坏了: new
    if not (asks_why(plain) or wages or sent_back):
        return None
    found = _closed(session, clock, address)
    if found is None:
        return None
    ticket, closing = found
    if sent_back and not asks_why(plain):  # 我打了12333 他们说要找社区: the closer calls back, never a new ticket
        _call_back(session, closing, ticket, TO_CLOSER_SENT_BACK, address, text)
        return [SENT_BACK.format(number=ticket.number or "")]
    if not asks_why(plain) and not wage_claims.about_wages(ticket.text or ""):
        return None  # 咋个办 about wages only answers a wage ticket's closing
    closer = session.get(Person, closing.actor_id) if closing.actor_id is not None else None
    who = supervisor_words.sender_label(session, closer) if closer is not None else "街道值班员"
    why, advice_only = _for_reporter(closing.note or "")
    number = ticket.number or ""
    said = (REPLY_ADVICE if advice_only else REPLY).format(number=number, who=who, why=why) if why \
        else REPLY_PLAIN.format(number=number, who=who)
    replies = [said]
    if (wage_claims.about_wages(ticket.text or "") or wage_claims.about_wages(plain)) and "12333" not in said:
        replies.append(wage_claims.NOTE)
    _call_back(session, closing, ticket, TO_CLOSER, address, text)
    return replies


def _call_back(session: Session, closing: TicketEvent, ticket: Ticket, notice: str, address: str, text: str) -> None:
    """The one who closed the ticket (the duty officers when unknown) asked to call the reporter back."""
    closer = session.get(Person, closing.actor_id) if closing.actor_id is not None else None
    phone = national(address) if address.startswith("+") else address
    for person in [closer] if closer is not None else registry.duty_officers(session):
        notify(session, person, notice.format(number=ticket.number or "", asked=asked_short(text), phone=phone),
               ticket_id=ticket.id)


def _closed(session: Session, clock: Clock, address: str) -> tuple[Ticket, TicketEvent] | None:
    """The sender's newest ticket closed as needing no handling in the last days, with its closing event."""
    row = session.execute(
        select(Ticket, TicketEvent).join(TicketEvent, TicketEvent.ticket_id == Ticket.id)
        .where(Ticket.reporter_address == address, Ticket.status == "cancelled", TicketEvent.kind == "invalid",
               TicketEvent.at >= clock.now() - WITHIN)
        .order_by(TicketEvent.id.desc()).limit(1)).first()
    return (row[0], row[1]) if row is not None else None


def _for_reporter(why: str) -> tuple[str, bool]:
    """The reason as the reporter may read it: whole when about the matter, only where they were sent when it
    speaks of or judges them (已告诉他打12333 → 打12333, True), nothing otherwise (invalid_tickets' rule)."""
    if invalid_tickets.JUDGING.search(why) or invalid_tickets.ABOUT_THEM.search(why):
        return invalid_tickets.advice_in(why), True
    return why[:20], False
