"""Recordings that reached a ticket: a resident's voice message WeChat could not turn into text."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

import bot.store.models  # noqa: F401  (tickets and inbound messages on one metadata)
from bot.common.clock import utcnow
from bot.store.base import Base, IdType
from bot.store.types import UTCDateTime


class TicketAudio(Base):
    """A voice message on a ticket, kept in the AudioStore under `audio_id`; `source_message_id` is the
    inbound message it came as (one recording per message)."""

    __tablename__ = "ticket_audio"
    __table_args__ = (UniqueConstraint("ticket_id", "audio_id"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    audio_id: Mapped[str] = mapped_column(String(64))
    content_type: Mapped[str] = mapped_column(String(32), default="")
    source_message_id: Mapped[int | None] = mapped_column(ForeignKey("inbox_messages.id"), unique=True)
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
