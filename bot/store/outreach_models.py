"""What staff send out beyond a ticket: broadcasts (宣传知识送到家) with the outbox rows that carry
them, and the response templates (常用回复) secretaries keep for their community."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

import bot.store.message_models  # deliveries refer to outbox rows: both tables on one metadata
import bot.store.models  # noqa: F401  (templates and broadcasts refer to org units)
from bot.common.clock import utcnow
from bot.store.base import Base, IdType
from bot.store.types import UTCDateTime


class Broadcast(Base):
    """A notice sent to an audience (a grid, community, village, villager group, household colour or
    tag) within the sender's scope. The counts are what the preview said when it was sent; delivery
    is read from its outbox rows (`BroadcastDelivery`)."""

    __tablename__ = "broadcasts"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    # anti_fraud / traffic_safety / policy / other
    topic: Mapped[str] = mapped_column(String(16), default="other")
    title: Mapped[str] = mapped_column(String(64), default="")
    text: Mapped[str] = mapped_column(Text)
    # The audience as asked (unit id, colour, tag) and in words (幸福社区·红色户).
    audience: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    audience_label: Mapped[str] = mapped_column(String(128), default="")
    # The grids it went to: who may see it (a scope holding all of them).
    grid_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # "person:<id>" or "cli:<user>", as the audit log names them.
    sent_by: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    opted_out: Mapped[int] = mapped_column(Integer, default=0)
    unreachable: Mapped[int] = mapped_column(Integer, default=0)
    sms_parts: Mapped[int] = mapped_column(Integer, default=0)  # per SMS
    sms_total: Mapped[int] = mapped_column(Integer, default=0)  # parts over every SMS recipient


class BroadcastDelivery(Base):
    """One outbox row of a broadcast: its status is the delivery's."""

    __tablename__ = "broadcast_deliveries"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    broadcast_id: Mapped[int] = mapped_column(ForeignKey("broadcasts.id"), index=True)
    outbox_message_id: Mapped[int] = mapped_column(ForeignKey("outbox_messages.id"), unique=True)


class ReplyTemplate(Base):
    """A 常用回复 of a community or village (or of the whole subdistrict), kept by its secretaries.
    Removing one archives it (`active` false): replies sent with it stay explainable."""

    __tablename__ = "reply_templates"
    __table_args__ = (Index("ix_reply_templates_unit_active", "unit_id", "active"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    title: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
