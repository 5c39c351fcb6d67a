"""The messages' tables: what came in (stored before it was acknowledged) and what goes out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.common.clock import utcnow
from bot.store.base import Base, IdType
from bot.store.types import SealedAddress, UTCDateTime
from bot.store.work import ClaimableRow


class InboxMessage(ClaimableRow, Base):
    """A raw inbound message, stored before it is acknowledged, processed in order per sender."""

    __tablename__ = "inbox_messages"
    __table_args__ = (
        UniqueConstraint("channel", "external_id"),
        Index("ix_inbox_claimable", "status", "next_attempt_at"),
        Index("ix_inbox_sender", "sender", "id"),
    )
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str] = mapped_column(String(128))
    # The conversation key: an E.164 number, or tg:<user id>.
    sender: Mapped[str] = mapped_column(SealedAddress())
    text: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # status: pending → processing → done | parked (given up on: kept for staff, holds back nothing)
    last_error: Mapped[str | None] = mapped_column(Text)
    apology_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    processed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class OutboxMessage(ClaimableRow, Base):
    """A message to send: a reply to an inbound message or a notification."""

    __tablename__ = "outbox_messages"
    __table_args__ = (
        # A re-processed inbound message never queues its replies twice.
        UniqueConstraint("reply_to_id", "seq"),
        Index("ix_outbox_claimable", "status", "next_attempt_at"),
        Index("ix_outbox_recipient", "recipient", "id"),
    )
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    recipient: Mapped[str] = mapped_column(SealedAddress())
    text: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # reply / notification
    kind: Mapped[str] = mapped_column(String(16), default="reply")
    reply_to_id: Mapped[int | None] = mapped_column(ForeignKey("inbox_messages.id"))
    seq: Mapped[int | None] = mapped_column(Integer)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    # status: pending → sending → sent | dead (or suppressed, undelivered)
    last_error: Mapped[str | None] = mapped_column(Text)
    provider_id: Mapped[str | None] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
