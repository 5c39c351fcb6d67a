"""The staff workbench's tables: a staff member's sign-in account (argon2 hash, failed attempts, lockout)
and the sessions signed in from it. A session is kept by the hash of its token only: the token itself
lives in the browser's signed cookie, so a copy of the database signs nobody in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from bot.common.clock import utcnow
from bot.store.base import Base, IdType
from bot.store.types import UTCDateTime


class StaffAccount(Base):
    """One per staff member who may sign in to the workbench (`bin/bot staff set-password`)."""

    __tablename__ = "staff_accounts"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256))
    password_set_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Failed sign-ins in a row; at the limit the account is locked until locked_until.
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_sign_in_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class StaffSession(Base):
    """A signed-in browser: sha256 of its token, its CSRF token, when it ends. Signing out deletes it."""

    __tablename__ = "staff_sessions"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
