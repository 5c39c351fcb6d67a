"""The household side of the grid (issue 21): each household's 三色 and tags with their history, the
custom tags a community adds to the fixed vocabulary, the monthly 四万 visit lists and the visits made,
each grid worker's monthly lights (亮灯), and which monthly runs have been done (so a timer that fires
twice does the month once)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

import bot.store.models  # noqa: F401  (households, people, units and tickets on one metadata)
from bot.common.clock import utcnow
from bot.store.base import Base, IdType
from bot.store.types import UTCDateTime


class HouseholdChange(Base):
    """One change of a household's colour or tags: who, when, why and how (page, message, visit, import).
    The household row holds the current state; this is its history, never edited."""

    __tablename__ = "household_changes"
    __table_args__ = (Index("ix_household_changes_household", "household_id", "created_at"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    # colour / tag_added / tag_removed
    field: Mapped[str] = mapped_column(String(16))
    old_value: Mapped[str] = mapped_column(String(64), default="")
    new_value: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(String(256), default="")
    # The staff member who made it (None for an import run from the command line).
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    # page / sms / visit / import
    via: Mapped[str] = mapped_column(String(16), default="page")
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class CustomTag(Base):
    """A tag a community adds beside the fixed vocabulary (e.g. 种植大户, 返乡创业)."""

    __tablename__ = "custom_tags"
    __table_args__ = (UniqueConstraint("unit_id", "name"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    # The community or village it belongs to.
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    name: Mapped[str] = mapped_column(String(32))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class VisitTask(Base):
    """One household on a grid worker's visit list for a month (四万行动), and why it is on it."""

    __tablename__ = "visit_tasks"
    __table_args__ = (UniqueConstraint("month", "household_id"),
                      Index("ix_visit_tasks_worker_month", "worker_id", "month"),
                      Index("ix_visit_tasks_unit_month", "unit_id", "month"))
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    # YYYY-MM in the service's time zone.
    month: Mapped[str] = mapped_column(String(7))
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    # The grid the household is in, and the grid worker the list went to (None if the grid has none).
    unit_id: Mapped[int] = mapped_column(ForeignKey("org_units.id"))
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    # red / yellow / green / open_ticket / reopened_ticket
    reason: Mapped[str] = mapped_column(String(16))
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # open / done
    status: Mapped[str] = mapped_column(String(8), default="open")
    visit_id: Mapped[int | None] = mapped_column(ForeignKey("visits.id"))
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    escalated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Visit(Base):
    """A visit made (入户走访): to which household, by whom, what was found, and the ticket it opened."""

    __tablename__ = "visits"
    __table_args__ = (Index("ix_visits_household", "household_id", "visited_at"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    worker_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"))
    visited_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # What the worker said: 已核实 无新情况 / 反映 厨房漏水 …
    note: Mapped[str] = mapped_column(Text, default="")
    # page / sms
    via: Mapped[str] = mapped_column(String(16), default="page")
    # The ticket the visit opened on the household's behalf, if any.
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class WorkerMonthLight(Base):
    """A grid worker's figures and light (green / yellow / red) for a closed month, kept so that a worker
    red for several months running can be flagged to the secretary."""

    __tablename__ = "worker_month_lights"
    __table_args__ = (UniqueConstraint("person_id", "month"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id"))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("org_units.id"))
    month: Mapped[str] = mapped_column(String(7))
    on_time_rate: Mapped[float | None] = mapped_column(Float)
    visit_rate: Mapped[float | None] = mapped_column(Float)
    satisfaction: Mapped[float | None] = mapped_column(Float)
    open_count: Mapped[int] = mapped_column(default=0)
    overdue_count: Mapped[int] = mapped_column(default=0)
    light: Mapped[str] = mapped_column(String(8))
    flagged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MonthlyRun(Base):
    """A monthly job done: (kind, month, scope) is unique, claimed by inserting this row, so the first of
    the month's timer run twice (or by two workers) does the work once."""

    __tablename__ = "monthly_runs"
    __table_args__ = (UniqueConstraint("kind", "month", "scope"),)
    id: Mapped[int] = mapped_column(IdType, primary_key=True)
    # visit_lists / community_reports / worker_lights
    kind: Mapped[str] = mapped_column(String(32))
    month: Mapped[str] = mapped_column(String(7))
    # A unit code, or "" for the whole service.
    scope: Mapped[str] = mapped_column(String(64), default="")
    summary: Mapped[str] = mapped_column(Text, default="")
    done_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
