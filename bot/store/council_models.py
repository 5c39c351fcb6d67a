"""Tables for 议事小院 (topics, ballots, notices) and the points ledger.

Ledger and audit rows are append-only: nothing here is ever updated or deleted except the
one-row-per-voter ballot (the current choice) and the running balance of a points account.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from bot.clock import utcnow
from bot.store.models import Base, IdType


class PointsEntry(Base):
    """One line of the points ledger: a credit (amount > 0) or a redemption (amount < 0)."""

    __tablename__ = "points_entries"
    # The same reason for the same thing never pays twice.
    __table_args__ = (UniqueConstraint("person_id", "reason", "ref", name="uq_points_once"),
                      Index("ix_points_person", "person_id", "id"))
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    amount: Mapped[int] = mapped_column(Integer)
    # report / ballot / rider_report / rating / redeem
    reason: Mapped[str] = mapped_column(String(32))
    ref: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class PointsAccount(Base):
    """The running balance, changed only together with a ledger entry and guarded by a
    conditional UPDATE so that concurrent redemptions cannot take it below zero."""

    __tablename__ = "points_accounts"
    __table_args__ = (CheckConstraint("balance >= 0", name="ck_points_balance_not_negative"),)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    balance: Mapped[int] = mapped_column(Integer, default=0)
