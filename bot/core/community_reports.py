"""The monthly job `community_reports`: on the first of the month, each community's and village's
secretaries get a short message with the previous month's headline figures and where to read the rest
(工作台 → 月报). Claimed with its `MonthlyRun` row in the same transaction as the messages it queues
(`monthly.run_once`), so a timer that fires twice, or two workers, send each message once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.month_report import headline, month_report
from bot.core.monthly import MonthlyJob, previous_month
from bot.core.notify import notify
from bot.store.models import OrgUnit, Person, StaffRole

KIND = "community_reports"
SECRETARY_ROLES = ("community_secretary", "village_secretary", "branch_secretary")


def secretaries(session: Session, unit_id: int) -> list[Person]:
    """The secretaries who hold this community or village (each once), in the order they were added."""
    # Not SELECT DISTINCT over the people rows: PostgreSQL has no equality for their JSON columns.
    holders = select(StaffRole.person_id).where(StaffRole.unit_id == unit_id, StaffRole.role.in_(SECRETARY_ROLES))
    return list(session.scalars(select(Person).where(Person.id.in_(holders)).order_by(Person.id)))


def send_reports(session: Session, month: str, now: datetime) -> str:
    """The job's work for the month it runs in: the previous month's headline to every secretary."""
    reported = previous_month(month)
    units = session.scalars(select(OrgUnit).where(OrgUnit.kind.in_(("community", "village"))).order_by(OrgUnit.code))
    reports = sent = 0
    for unit in list(units):
        people = secretaries(session, unit.id)
        if not people:
            continue
        text = headline(month_report(session, unit, reported, now))
        reports += 1
        sent += sum(notify(session, person, text) is not None for person in people)
    return f"{reported}: {reports} reports, {sent} messages"


def community_reports_job() -> MonthlyJob:
    return MonthlyJob(KIND, send_reports)
