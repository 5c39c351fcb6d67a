"""The work-queue contract: the columns a row needs to be claimed by one worker at a time
(`bot.store.claims`), shared by the work tables (inbox, outbox, ticket timers)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Protocol

from sqlalchemy import Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column

from bot.common.clock import utcnow
from bot.store.types import UTCDateTime


class ClaimableRow:
    """Mixin for a declarative model whose rows are work: `pending` until a worker claims one (status
    becomes the table's busy word, `claimed_by`/`claimed_at` say who and since when, `attempts`
    counts the claims); a claim whose lease ran out may be taken over; a failed try waits until
    `next_attempt_at`."""

    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WorkTable(Protocol):
    """What `bot.store.claims` needs of a work table's model: its Table and the claim columns. Every
    declarative model with the `ClaimableRow` mixin is one."""

    __table__: ClassVar[Table]
    status: Mapped[str]
    attempts: Mapped[int]
    next_attempt_at: Mapped[datetime]
    claimed_by: Mapped[str | None]
    claimed_at: Mapped[datetime | None]
