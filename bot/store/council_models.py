"""Tables for 议事小院 (topics, ballots, notices) and the points ledger.

Ledger and audit rows are append-only: nothing here is ever updated or deleted except the
one-row-per-voter ballot (the current choice) and the running balance of a points account.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from bot.common.clock import utcnow
from bot.store.base import Base, IdType
from bot.store.types import UTCDateTime


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
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PointsAccount(Base):
    """The running balance, changed only together with a ledger entry and guarded by a
    conditional UPDATE so that concurrent redemptions cannot take it below zero."""

    __tablename__ = "points_accounts"
    __table_args__ = (CheckConstraint("balance >= 0", name="ck_points_balance_not_negative"),)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    balance: Mapped[int] = mapped_column(Integer, default=0)


class Topic(Base):
    """A matter for 议事小院: proposed → approved → open → closed → published (or rejected)."""

    __tablename__ = "council_topics"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    title: Mapped[str] = mapped_column(String(128))
    description: Mapped[str] = mapped_column(Text, default="")
    # Option labels in order; a ballot stores the 1-based number of one of them.
    options: Mapped[list[str]] = mapped_column(JSON)
    # {"groups": [unit ids], "units": [community/village/grid ids], "people": [person ids]}
    electorate: Mapped[dict[str, Any]] = mapped_column(JSON)
    per_household: Mapped[bool] = mapped_column(Boolean, default=False)
    allow_change: Mapped[bool] = mapped_column(Boolean, default=True)
    allow_proxy: Mapped[bool] = mapped_column(Boolean, default=False)
    secret: Mapped[bool] = mapped_column(Boolean, default=True)
    # Minimum turnout, in percent of the electorate, for the outcome to stand.
    quorum_percent: Mapped[int] = mapped_column(Integer, default=50)
    # majority (more than half of ballots cast) / two_thirds (at least two thirds of ballots cast)
    rule: Mapped[str] = mapped_column(String(16), default="majority")
    status: Mapped[str] = mapped_column(String(16), default="proposed")
    reject_reason: Mapped[str | None] = mapped_column(Text)
    # The village (or community) whose secretary approves it.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    proposer_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Filled at closing: counts per option number, eligible voters, outcome.
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Ballot(Base):
    """The current ballot of one voter (a person, or a household when the topic votes per household).
    The unique constraint is what makes it one ballot each."""

    __tablename__ = "council_ballots"
    __table_args__ = (UniqueConstraint("topic_id", "voter_key", name="uq_one_ballot_each"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("council_topics.id"))
    # "p:<person id>" or "h:<household id>"
    voter_key: Mapped[str] = mapped_column(String(32))
    option: Mapped[int] = mapped_column(Integer)
    # Whose vote it is, and who sent it (different for a proxy ballot).
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    cast_by_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    proxy: Mapped[bool] = mapped_column(Boolean, default=False)
    changes: Mapped[int] = mapped_column(Integer, default=0)
    cast_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class BallotEvent(Base):
    """Append-only audit trail: every ballot cast, changed or withdrawn."""

    __tablename__ = "council_ballot_events"
    __table_args__ = (Index("ix_ballot_events_topic", "topic_id", "id"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    topic_id: Mapped[int] = mapped_column(ForeignKey("council_topics.id"))
    voter_key: Mapped[str] = mapped_column(String(32))
    # cast / change / withdraw
    kind: Mapped[str] = mapped_column(String(16))
    option: Mapped[int] = mapped_column(Integer)
    previous_option: Mapped[int | None] = mapped_column(Integer)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    cast_by_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    proxy: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Notice(Base):
    """A notice on the 村口黑板: a published result or a cadre's announcement."""

    __tablename__ = "council_notices"
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    # result / notice
    kind: Mapped[str] = mapped_column(String(16), default="notice")
    text: Mapped[str] = mapped_column(Text)
    topic_id: Mapped[int | None] = mapped_column(ForeignKey("council_topics.id"), unique=True)
    electorate: Mapped[dict[str, Any]] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    posted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class VoteQuestion(Base):
    """The vote question the bot asked a person last (which topic? which member? which option?), so
    that their answer is read as that answer before the classifier guesses (bot/core/council_dialogue.py).
    One row per person, replaced by the next question, deleted once answered or when they move on."""

    __tablename__ = "council_vote_questions"
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"), primary_key=True)
    # topic / member / option / again (a ballot just confirmed: a number or an option's name changes it)
    kind: Mapped[str] = mapped_column(String(16))
    # The topics offered, in the order shown (the answer "2" is the second of them).
    topic_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # What the person already said they choose ("赞成"), kept while asking which topic or member.
    choice: Mapped[str | None] = mapped_column(String(64))
    # Proxy ballots: the household members offered, or the one chosen.
    member_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    proxy: Mapped[bool] = mapped_column(Boolean, default=False)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
