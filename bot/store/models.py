"""The registry's and the tickets' tables. Ticket timers are work rows (`work.ClaimableRow`); nothing
is ever deleted."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

import bot.store.message_models  # noqa: F401  (tickets refer to inbound messages; both tables on one metadata)
from bot.common.clock import utcnow
from bot.store.base import Base, IdType
from bot.store.types import SealedAddress, UTCDateTime
from bot.store.work import ClaimableRow


class OrgUnit(Base):
    """A node of the org tree: subdistrict → community/village → grid → sub-grid/building,
    and villager groups under a village."""

    __tablename__ = "org_units"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(128))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    # GeoJSON geometry (Polygon or MultiPolygon) in WGS84 lon/lat.
    polygon: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Other names people use for it (streets, estates, landmarks) for the gazetteer.
    aliases: Mapped[list[str]] = mapped_column(JSON, default=list)

    parent: Mapped[OrgUnit | None] = relationship(remote_side=[id])


class Household(Base):
    __tablename__ = "households"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    address: Mapped[str] = mapped_column(String(256), default="")
    # 三色: red / yellow / green.
    colour: Mapped[str] = mapped_column(String(8), default="green")
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # The building (楼栋) or sub-grid it sits in, when the registry knows it.
    building_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    # Where it is (WGS84), for its dot on the 亮灯图; None draws it at a fixed spot inside its grid.
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)


class Person(Base):
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    # E.164, e.g. +8613900000001.
    phone: Mapped[str | None] = mapped_column(SealedAddress(), unique=True)
    telegram_user_id: Mapped[int | None] = mapped_column(BigInteger, unique=True)
    # resident / rider / staff
    kind: Mapped[str] = mapped_column(String(16), default="resident")
    household_id: Mapped[int | None] = mapped_column(ForeignKey("households.id"))
    # The grid a resident lives in (riders have none).
    home_unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    # The villager group a villager belongs to, for votes.
    villager_group_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    # simulator / sms / telegram: where notifications go.
    preferred_channel: Mapped[str] = mapped_column(String(16), default="simulator")
    # Channels to try after it, in order, when it has no address for them or a send fails for good.
    fallback_channels: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    household: Mapped[Household | None] = relationship()
    home_unit: Mapped[OrgUnit | None] = relationship(foreign_keys=[home_unit_id])


class StaffRole(Base):
    __tablename__ = "staff_roles"
    __table_args__ = (UniqueConstraint("person_id", "role", "unit_id"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    # grid_worker / backup_grid_worker / building_head / branch_secretary / community_secretary /
    # duty_officer / auxiliary_police / mediator / home_care / employment_assistant / village_secretary
    role: Mapped[str] = mapped_column(String(32))
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))

    person: Mapped[Person] = relationship()
    unit: Mapped[OrgUnit] = relationship()


class Ticket(Base):
    """A report turned into work: the 四单 (problem, responsibility, time limit, rectification)."""

    __tablename__ = "tickets"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    number: Mapped[str | None] = mapped_column(String(16), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="new")
    priority: Mapped[str] = mapped_column(String(16), default="normal")
    category: Mapped[str] = mapped_column(String(32), default="other")
    # Problem
    text: Mapped[str] = mapped_column(Text)
    place_text: Mapped[str] = mapped_column(String(256), default="")
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    reporter_address: Mapped[str] = mapped_column(SealedAddress())
    reporter_channel: Mapped[str] = mapped_column(String(16))
    # The inbound message it came from: a re-processed message never makes a second ticket.
    source_message_id: Mapped[int | None] = mapped_column(ForeignKey("inbox_messages.id"), unique=True)
    # Responsibility
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    assignee_role: Mapped[str | None] = mapped_column(String(32))
    # Time limit
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ack_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Rectification
    resolution_note: Mapped[str | None] = mapped_column(Text)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    resolved_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    resolution_photo: Mapped[str | None] = mapped_column(String(256))
    # Lifecycle bookkeeping (0002_core)
    severity: Mapped[str] = mapped_column(String(16), default="minor")
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 0 = the assignee; 1, 2, 3 = how many levels up the chain it has been escalated.
    escalation_level: Mapped[int] = mapped_column(Integer, default=0)
    escalated_to_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    urge_count: Mapped[int] = mapped_column(Integer, default=0)
    rating: Mapped[int | None] = mapped_column(Integer)
    rating_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # 并单: the open ticket this report was linked to.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))

    reporter: Mapped[Person | None] = relationship(foreign_keys=[reporter_id])
    assignee: Mapped[Person | None] = relationship(foreign_keys=[assignee_id])
    unit: Mapped[OrgUnit | None] = relationship()
    photos: Mapped[list[TicketPhoto]] = relationship(order_by="TicketPhoto.id", viewonly=True)


class TicketPhoto(Base):
    """A photo that came with the report (Telegram, MMS, the simulator), kept in the PhotoStore
    under `photo_id`; `source_message_id` is the inbound message it came with."""

    __tablename__ = "ticket_photos"
    __table_args__ = (UniqueConstraint("ticket_id", "photo_id"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    photo_id: Mapped[str] = mapped_column(String(64))
    source_message_id: Mapped[int | None] = mapped_column(ForeignKey("inbox_messages.id"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TicketEvent(Base):
    """Every change to a ticket, with who and when. Append-only."""

    __tablename__ = "ticket_events"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    note: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TicketFollower(Base):
    """Someone who gets a ticket's updates besides its reporter: the reporter of a linked duplicate
    (role "reporter") or a co-handler named by the routing table (role "co_handler")."""

    __tablename__ = "ticket_followers"
    __table_args__ = (UniqueConstraint("ticket_id", "address", "role"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    address: Mapped[str] = mapped_column(SealedAddress())
    channel: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TicketTimer(ClaimableRow, Base):
    """Due work for a ticket (backup assignment, reminder, overdue step, default rating), claimed
    by a conditional UPDATE like the inbox and outbox rows. `deadline` is the ticket deadline it was
    set for: when the ticket has moved on, the timer finds it stale and does nothing."""

    __tablename__ = "ticket_timers"
    __table_args__ = (Index("ix_ticket_timers_claimable", "status", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    # backup / remind / overdue / rating
    kind: Mapped[str] = mapped_column(String(16))
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # status: pending → running → done | failed
    outcome: Mapped[str | None] = mapped_column(String(64))
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)



class KnowledgeMiss(Base):
    """A question the knowledge base could not answer, kept for staff (`bin/bot knowledge misses`);
    `ticket_id` is the question ticket opened when the person asked to be called back."""

    __tablename__ = "knowledge_misses"
    __table_args__ = (Index("ix_knowledge_misses_address_asked_at", "address", "asked_at"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    address: Mapped[str] = mapped_column(SealedAddress())
    channel: Mapped[str] = mapped_column(String(16))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    text: Mapped[str] = mapped_column(Text)
    # The inbound message it came from: the same message processed again is logged once.
    source_message_id: Mapped[int | None] = mapped_column(ForeignKey("inbox_messages.id"), unique=True)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))


class StaffQueuePage(Base):
    """Where a staff member's 我的工单 list got to: the next `更多` shows the open tickets not in `shown_ids`
    (the ids shown so far, comma-separated), while `shown_at` is recent; `next_offset` counts them. One row per
    person, overwritten."""

    __tablename__ = "staff_queue_pages"

    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    next_offset: Mapped[int] = mapped_column(Integer, default=0)
    shown_ids: Mapped[str] = mapped_column(Text, default="", server_default="")
    shown_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
