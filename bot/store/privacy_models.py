"""PIPL's tables: the hash-chained audit log of staff actions and reads of personal data, the chain's
head, and who has been given the privacy notice.

The audit log is append-only: rows are never updated, and deleted only from the old end once they are
past the audit retention (at least six months), when the head's anchor moves along with them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.common.clock import utcnow
from bot.store.base import Base, IdType
from bot.store.types import SealedAddress, UTCDateTime

GENESIS = "0" * 64  # the prev_hash of the first entry ever


class AuditEntry(Base):
    """One link of the chain: hash = sha256(prev_hash + canonical JSON of the entry) (`bot.core.audit`)."""

    __tablename__ = "audit_log"
    # The chain's sequence number, given by the head under its lock (no gaps, in chain order).
    id: Mapped[int] = mapped_column(IdType, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # "person:<id>" (staff acting by message), "cli:<os user>", "system"
    actor: Mapped[str] = mapped_column(String(64))
    # e.g. ticket.acknowledged, person.export, person.erase, purge
    action: Mapped[str] = mapped_column(String(64))
    # What it was done to: a ticket number, "person:<id>", "addr:<keyed hash>"; never a name or number.
    subject: Mapped[str] = mapped_column(String(128), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The one row (id 1) every writer takes first: it orders concurrent writers, so the chain never forks,
    and it remembers the end (a deleted last entry shows) and the start (what a purge removed)."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    # The id and hash of the newest entry (0 and GENESIS when there is none yet).
    seq: Mapped[int] = mapped_column(IdType, default=0)
    hash: Mapped[str] = mapped_column(String(64), default=GENESIS)
    # The first entry kept and its prev_hash: 1 and GENESIS until a purge removes old entries.
    kept_from: Mapped[int] = mapped_column(IdType, default=1)
    anchor: Mapped[str] = mapped_column(String(64), default=GENESIS)


class PrivacyNotice(Base):
    """An address (on any channel) that has been given the privacy notice, with its first reply."""

    __tablename__ = "privacy_notices"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    address: Mapped[str] = mapped_column(SealedAddress(), unique=True)
    channel: Mapped[str] = mapped_column(String(16))
    told_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
