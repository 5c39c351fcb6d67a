"""A resident's voice message that could not be read as text (WeChat gave no recognition): it goes to the
grid worker as a recording. It joins the sender's open report of the last half hour, else it opens a
report of its own, placed by a location the sender shared just before or their home grid (the duty
officer places it otherwise). Either way the worker hears of it with a notice to listen on the ticket's
page in the workbench, where the recording is served to staff in the ticket's scope.

A report of its own is of category "other" and names no object, so at the place of an open "other"
ticket nearby it is joined to that one (并单), like any report there: the recording goes on the open
ticket and its worker is told; staff split it on the workbench if it was about something else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import registry, reports
from bot.core.notify import notify
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES, Report, event
from bot.store.models import Ticket
from bot.store.voice_models import TicketAudio

VOICE_REPORT = "【语音留言，未转文字】请在工作台工单页收听"
VOICE_ADDED = "工单{number}有居民补充的语音留言，请在工作台工单页收听"


@dataclass(frozen=True)
class Voice:
    audio_id: str
    content_type: str
    channel: str
    sender: str
    message_id: int | None
    lat: float | None = None
    lon: float | None = None


def take_voice(session: Session, clock: Clock, rules: RoutingRules, voice: Voice, within: timedelta) -> str:
    """Put the recording on a ticket and tell its worker; the ticket's number. The same message again
    changes nothing."""
    known = None if voice.message_id is None else \
        session.scalar(select(TicketAudio).where(TicketAudio.source_message_id == voice.message_id))
    if known is not None:
        ticket = session.get(Ticket, known.ticket_id)
        assert ticket is not None
        return ticket.number
    ticket = reports.recent_open_ticket(session, clock, voice.sender, within)
    joined = ticket is not None
    if ticket is None:
        report = Report(text=VOICE_REPORT, category="other", reporter_address=voice.sender, channel=voice.channel,
                        lat=voice.lat, lon=voice.lon, source_message_id=voice.message_id, unworded=True)
        opened = reports.submit(session, clock, report, rules)
        ticket, joined = opened.merged_into or opened.ticket, opened.merged_into is not None  # 并单: on the one open
    now = clock.now()
    session.add(TicketAudio(ticket_id=ticket.id, audio_id=voice.audio_id, content_type=voice.content_type,
                            source_message_id=voice.message_id, added_at=now))
    event(session, ticket, "voice_added", now, registry.person_by_address(session, voice.sender),
          audio=voice.audio_id, message_id=voice.message_id)
    if joined and ticket.assignee is not None:
        notify(session, ticket.assignee, VOICE_ADDED.format(number=ticket.number), ticket_id=ticket.id)
    session.flush()
    return ticket.number


def recordings_of(session: Session, ticket_id: int) -> list[TicketAudio]:
    return list(session.scalars(select(TicketAudio).where(TicketAudio.ticket_id == ticket_id)
                                .order_by(TicketAudio.id)))


def recordings_past(session: Session, cutoff: datetime, stored_before: list[str]) -> list[str]:
    """Of the recordings whose files were written before the cutoff, those the retention purge deletes:
    on no ticket still open or resolved (awaiting its rating), and not put on one since the cutoff.
    The rows stay (the ticket's history says there was a recording)."""
    needed: set[str] = set()
    for start in range(0, len(stored_before), 500):
        batch = stored_before[start:start + 500]
        needed.update(session.scalars(select(TicketAudio.audio_id).join(Ticket, Ticket.id == TicketAudio.ticket_id)
                                      .where(TicketAudio.audio_id.in_(batch),
                                             (Ticket.status.in_((*OPEN_STATUSES, "resolved")))
                                             | (TicketAudio.added_at >= cutoff))))
    return sorted(set(stored_before) - needed)
