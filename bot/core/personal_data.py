"""A person's rights under PIPL: everything held about them (export, as JSON) and erasure.

Erasure removes or anonymises what identifies the person and keeps the facts the record needs:
- the person row stays (tickets, ballots and the points ledger refer to it by id) as "已删除", with no
  number, Telegram account, household, grid or villager group; their staff roles end, and their
  workbench password and sessions go;
- their messages in and out keep their rows (counts, dates, status) but lose the text and payload, and
  the address becomes "erased:<keyed hash>", so counts per sender still add up;
- tickets they reported keep category, status, dates, grid, assignee and rating; the text, place and
  point become "[已删除]"/empty and the reporter's address a keyed hash; notifications about those tickets
  lose their text (they quoted the report);
- photos they sent go, files too (unless another ticket or message uses the same picture);
- their conversation in Rasa's tracker store, their last Telegram location, an unsent "更多" remainder
  and the record of their privacy notice go;
- ballots stay, linked to the anonymised row: a topic's counts and one-ballot-each must still add up
  (and the secret ballot's choice no longer names anyone); likewise the points ledger;
- an opt-out stays: it is their objection, and it keeps the number from being messaged again.
The audit log is never edited: it names people by id or keyed hash only.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Text, cast, delete, or_, select, update
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import audit
from bot.store.channel_models import (
    InboundMedia,
    OptOut,
    SmsContinuation,
    TelegramLocation,
    WeChatIdentity,
    WeChatLinkCode,
    WeChatLocation,
    WeComMember,
)
from bot.store.council_models import Ballot, PointsAccount, PointsEntry, Topic, VoteQuestion
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import KnowledgeMiss, OrgUnit, Person, StaffRole, Ticket, TicketEvent, TicketFollower, TicketPhoto
from bot.store.privacy_models import PrivacyNotice
from bot.store.staff_models import StaffAccount, StaffSession
from bot.store.tracker_events import TrackerEvents
from bot.store.voice_models import TicketAudio

ERASED_NAME = "已删除"
ERASED_TEXT = "[已删除]"


def pseudonym(key: str, address: str) -> str:
    """A keyed hash of an address: the same address always gives the same, nobody can reverse it."""
    return hmac.new(key.encode(), address.encode(), hashlib.sha256).hexdigest()[:16]


@dataclass
class DataSubject:
    """Whose data: the registered person (if any) and every address they write from."""

    addresses: list[str]
    person: Person | None = None

    def key(self, secret: str) -> str:
        """How the audit log names them."""
        return f"person:{self.person.id}" if self.person else f"addr:{pseudonym(secret, self.addresses[0])}"


def find_subject(session: Session, address: str) -> DataSubject:
    """The person behind an E.164 number or tg:<id>, with their other address; an unregistered address alone."""
    if address.startswith("tg:"):
        person = session.scalar(select(Person).where(Person.telegram_user_id == int(address[3:])))
    else:
        person = session.scalar(select(Person).where(Person.phone == address))
    addresses = [address]
    if person is not None:
        addresses += [a for a in (person.phone, f"tg:{person.telegram_user_id}" if person.telegram_user_id else None)
                      if a and a != address]
    # WeChat followers who linked one of these numbers are the same person (bot/channels/wechat/linking.py).
    addresses += [a for a in session.scalars(select(WeChatIdentity.address).where(WeChatIdentity.phone.in_(addresses)))
                  if a not in addresses]
    return DataSubject(addresses, person)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _rows(session: Session, query: Any, fields: list[str]) -> list[dict[str, Any]]:
    return [{f: _plain(getattr(row, f)) for f in fields} for row in session.scalars(query)]


def _reported(subject: DataSubject) -> Any:
    condition = Ticket.reporter_address.in_(subject.addresses)
    return or_(condition, Ticket.reporter_id == subject.person.id) if subject.person else condition


def _person_part(session: Session, person: Person) -> dict[str, Any]:
    def unit_name(unit_id: int | None) -> str | None:
        unit = session.get(OrgUnit, unit_id) if unit_id else None
        return unit.name if unit else None

    household = person.household
    return {
        "id": person.id, "name": person.name, "phone": person.phone, "telegram_user_id": person.telegram_user_id,
        "kind": person.kind, "preferred_channel": person.preferred_channel,
        "fallback_channels": list(person.fallback_channels or []), "created_at": _plain(person.created_at),
        "household": {"code": household.code, "address": household.address, "colour": household.colour,
                      "tags": household.tags} if household else None,
        "home_grid": unit_name(person.home_unit_id), "villager_group": unit_name(person.villager_group_id),
        "staff_roles": [{"role": r.role, "unit": r.unit.name}
                        for r in session.scalars(select(StaffRole).where(StaffRole.person_id == person.id))],
    }


def export(session: Session, clock: Clock, tracker: TrackerEvents, subject: DataSubject, *, actor: str,
           secret: str) -> dict[str, Any]:
    """Everything held about the subject, as JSON-ready data; the export itself is audited."""
    person, addresses = subject.person, subject.addresses
    messages = session.scalars(select(InboxMessage).where(InboxMessage.sender.in_(addresses))
                               .order_by(InboxMessage.id)).all()
    tickets = session.scalars(select(Ticket).where(_reported(subject)).order_by(Ticket.id)).all()
    data: dict[str, Any] = {
        "exported_at": _plain(clock.now()),
        "addresses": addresses,
        "person": _person_part(session, person) if person else None,
        "messages_received": [{"id": m.id, "channel": m.channel, "sender": m.sender, "text": m.text,
                               "payload": m.payload, "status": m.status, "received_at": _plain(m.received_at)}
                              for m in messages],
        "messages_sent": _rows(session, select(OutboxMessage).where(OutboxMessage.recipient.in_(addresses))
                               .order_by(OutboxMessage.id),
                               ["id", "channel", "recipient", "kind", "text", "status", "created_at", "sent_at"]),
        "tickets_reported": [{"number": t.number, "status": t.status, "category": t.category, "text": t.text,
                              "place": t.place_text, "lat": t.lat, "lon": t.lon, "created_at": _plain(t.created_at),
                              "resolved_at": _plain(t.resolved_at), "closed_at": _plain(t.closed_at),
                              "rating": t.rating, "resolution_note": t.resolution_note,
                              "photos": [p.photo_id for p in t.photos]} for t in tickets],
        "tickets_followed": [{"ticket": number, "role": role} for number, role in session.execute(
            select(Ticket.number, TicketFollower.role).join(Ticket, Ticket.id == TicketFollower.ticket_id)
            .where(TicketFollower.address.in_(addresses)).order_by(TicketFollower.id))],
        "photos": sorted(_photos_of(session, subject, [m.id for m in messages], [t.id for t in tickets])),
        "voice_messages": sorted(_audio_of(session, [m.id for m in messages], [t.id for t in tickets])),
        "opt_outs": _rows(session, select(OptOut).where(OptOut.address.in_(addresses)),
                          ["channel", "active", "changed_at"]),
        "telegram_location": _rows(session, select(TelegramLocation).where(TelegramLocation.sender.in_(addresses)),
                                   ["lat", "lon", "shared_at"]),
        "wechat_location": _rows(session, select(WeChatLocation).where(WeChatLocation.sender.in_(addresses)),
                                 ["lat", "lon", "label", "shared_at"]),
        "wechat_linked": _rows(session, select(WeChatIdentity).where(WeChatIdentity.address.in_(addresses)),
                               ["address", "phone", "linked_at"]),
        "wecom_member": _rows(session, select(WeComMember).where(WeComMember.phone.in_(addresses)),
                              ["userid", "linked_at"]),
        "privacy_notice": _rows(session, select(PrivacyNotice).where(PrivacyNotice.address.in_(addresses)),
                                ["address", "channel", "told_at"]),
        "questions_not_answered": _rows(session, select(KnowledgeMiss).where(KnowledgeMiss.address.in_(addresses))
                                        .order_by(KnowledgeMiss.id), ["text", "channel", "asked_at"]),
        "conversations": tracker.of_senders(addresses),
    }
    if person is not None:
        data |= _person_records(session, person)
    data["audit"] = [{"at": _plain(e.at), "actor": e.actor, "action": e.action, "subject": e.subject}
                     for e in audit.entries_about(session, subject.key(secret))]
    counts = {"messages": len(messages), "tickets": len(tickets), "conversation_events": len(data["conversations"])}
    audit.record(session, clock, actor, "person.export", subject.key(secret), counts)
    return data


def _person_records(session: Session, person: Person) -> dict[str, Any]:
    """What refers to a registered person by id: their actions on tickets, ballots, points, proposals."""
    ballots = session.execute(select(Ballot, Topic.title).join(Topic, Topic.id == Ballot.topic_id)
                              .where(or_(Ballot.person_id == person.id, Ballot.cast_by_id == person.id))
                              .order_by(Ballot.id)).all()
    return {
        "ticket_actions": [{"ticket": number, "kind": e.kind, "note": e.note, "data": _plain(e.data),
                            "at": _plain(e.at)} for e, number in session.execute(
            select(TicketEvent, Ticket.number).join(Ticket, Ticket.id == TicketEvent.ticket_id)
            .where(TicketEvent.actor_id == person.id).order_by(TicketEvent.id))],
        "ballots": [{"topic": title, "option": b.option, "own": b.person_id == person.id, "proxy": b.proxy,
                     "cast_at": _plain(b.cast_at)} for b, title in ballots],
        "points": {"balance": session.scalar(select(PointsAccount.balance)
                                             .where(PointsAccount.person_id == person.id)) or 0,
                   "entries": _rows(session, select(PointsEntry).where(PointsEntry.person_id == person.id)
                                    .order_by(PointsEntry.id), ["amount", "reason", "ref", "note", "at"])},
        "topics_proposed": _rows(session, select(Topic).where(Topic.proposer_id == person.id).order_by(Topic.id),
                                 ["id", "title", "status", "created_at"]),
    }


def _photos_of(session: Session, subject: DataSubject, message_ids: list[int], ticket_ids: list[int]) -> set[str]:
    """Photos the subject sent: with their messages, and on the tickets they reported."""
    found: set[str] = set()
    for payload in session.scalars(select(InboxMessage.payload).where(InboxMessage.id.in_(message_ids))):
        found.update((payload or {}).get("photos") or [])
    found.update(session.scalars(select(InboundMedia.photo_id).where(InboundMedia.inbox_message_id.in_(message_ids))))
    found.update(session.scalars(select(TicketPhoto.photo_id).where(or_(
        TicketPhoto.ticket_id.in_(ticket_ids), TicketPhoto.source_message_id.in_(message_ids)))))
    return found


def photo_in_use(session: Session, photo_id: str) -> bool:
    """Whether a ticket, an inbound photo or a message still refers to this picture."""
    return any(session.scalar(query.limit(1)) is not None for query in (
        select(TicketPhoto.id).where(TicketPhoto.photo_id == photo_id),
        select(InboundMedia.id).where(InboundMedia.photo_id == photo_id),
        select(Ticket.id).where(Ticket.resolution_photo == photo_id),
        select(InboxMessage.id).where(cast(InboxMessage.payload, Text).contains(photo_id))))


@dataclass
class Erased:
    counts: dict[str, int] = field(default_factory=dict)
    photos: list[str] = field(default_factory=list)  # files to delete once the transaction has committed
    audio: list[str] = field(default_factory=list)  # recordings likewise


def erase(session: Session, clock: Clock, subject: DataSubject, *, actor: str, secret: str,
          conversation_events: int = 0) -> Erased:
    """Erase the subject as the module's docstring says, in the caller's transaction; audited. The
    conversations (another database) and the photo files (`Erased.photos`) are the caller's to delete."""
    addresses, person = subject.addresses, subject.person
    key = subject.key(secret)  # before the person loses what names them
    token = {a: f"erased:{pseudonym(secret, a)}" for a in addresses}
    counts: dict[str, int] = {"conversation_events": conversation_events}
    message_ids = list(session.scalars(select(InboxMessage.id).where(InboxMessage.sender.in_(addresses))))
    ticket_ids = list(session.scalars(select(Ticket.id).where(_reported(subject))))
    photos = _photos_of(session, subject, message_ids, ticket_ids)

    def run(statement: Any) -> int:
        return session.execute(statement.execution_options(synchronize_session=False)).rowcount

    counts["photos"] = run(delete(TicketPhoto).where(or_(TicketPhoto.ticket_id.in_(ticket_ids),
                                                         TicketPhoto.source_message_id.in_(message_ids))))
    counts["photos"] += run(delete(InboundMedia).where(InboundMedia.inbox_message_id.in_(message_ids)))
    audio = _audio_of(session, message_ids, ticket_ids)
    counts["voice_messages"] = run(delete(TicketAudio).where(or_(TicketAudio.ticket_id.in_(ticket_ids),
                                                                 TicketAudio.source_message_id.in_(message_ids))))
    counts["messages_received"] = counts["messages_sent"] = 0
    for address, pseudo in token.items():
        run(update(InboxMessage).where(InboxMessage.sender == address,
                                       InboxMessage.status.in_(("pending", "processing")))
            .values(status="done", last_error="erased"))
        counts["messages_received"] += run(update(InboxMessage).where(InboxMessage.sender == address)
                                           .values(sender=pseudo, text="", payload={}))
        run(update(OutboxMessage).where(OutboxMessage.recipient == address,
                                        OutboxMessage.status == "pending")
            .values(status="suppressed", last_error="erased"))
        counts["messages_sent"] += run(update(OutboxMessage).where(OutboxMessage.recipient == address)
                                       .values(recipient=pseudo, text="", payload={}))
        run(update(Ticket).where(Ticket.id.in_(ticket_ids), Ticket.reporter_address == address)
            .values(reporter_address=pseudo))
        run(update(TicketFollower).where(TicketFollower.address == address).values(address=pseudo))
    counts["tickets"] = run(update(Ticket).where(Ticket.id.in_(ticket_ids))
                            .values(text=ERASED_TEXT, place_text=ERASED_TEXT, lat=None, lon=None))
    run(update(OutboxMessage).where(OutboxMessage.ticket_id.in_(ticket_ids), OutboxMessage.status == "pending")
        .values(status="suppressed", last_error="erased"))
    counts["notifications_blanked"] = run(update(OutboxMessage).where(OutboxMessage.ticket_id.in_(ticket_ids),
                                                                      OutboxMessage.text != "").values(text=""))
    run(delete(SmsContinuation).where(SmsContinuation.recipient.in_(addresses)))
    run(delete(TelegramLocation).where(TelegramLocation.sender.in_(addresses)))
    run(delete(WeChatLocation).where(WeChatLocation.sender.in_(addresses)))
    run(delete(WeChatLinkCode).where(WeChatLinkCode.address.in_(addresses) | WeChatLinkCode.phone.in_(addresses)))
    run(delete(WeChatIdentity).where(WeChatIdentity.address.in_(addresses) | WeChatIdentity.phone.in_(addresses)))
    run(delete(WeComMember).where(WeComMember.phone.in_(addresses)))
    run(delete(PrivacyNotice).where(PrivacyNotice.address.in_(addresses)))
    counts["questions_not_answered"] = run(delete(KnowledgeMiss).where(KnowledgeMiss.address.in_(addresses)))
    if person is not None:
        counts["staff_roles"] = run(delete(StaffRole).where(StaffRole.person_id == person.id))
        run(delete(StaffSession).where(StaffSession.person_id == person.id))  # signed out everywhere
        run(delete(StaffAccount).where(StaffAccount.person_id == person.id))  # and the password hash goes
        run(delete(VoteQuestion).where(VoteQuestion.person_id == person.id))  # a question waiting, if any
        person.name, person.phone, person.telegram_user_id = ERASED_NAME, None, None
        person.household_id = person.home_unit_id = person.villager_group_id = None
    session.flush()
    session.expire_all()
    unused = sorted(p for p in photos if not photo_in_use(session, p))
    counts["photo_files"] = len(unused)
    audit.record(session, clock, actor, "person.erase", key, counts)
    unheard = sorted(a for a in audio if session.scalar(select(TicketAudio.id).where(TicketAudio.audio_id == a)
                                                         .limit(1)) is None)
    return Erased(counts, unused, unheard)


def _audio_of(session: Session, message_ids: list[int], ticket_ids: list[int]) -> set[str]:
    """The recordings on the subject's tickets or sent as their messages."""
    return set(session.scalars(select(TicketAudio.audio_id).where(or_(
        TicketAudio.ticket_id.in_(ticket_ids), TicketAudio.source_message_id.in_(message_ids)))))
