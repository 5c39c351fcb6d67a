"""A prepared state of the demo's grids for the 亮灯图's tests: tickets (open, overdue, emergencies, closed) and
this month's visit lists written as rows, with the light each grid must show on the 10th and on the 21st."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.core.monthly import month_of
from bot.core.tickets import ticket_number
from bot.store.db import Database
from bot.store.household_models import VisitTask
from bot.store.models import Household, OrgUnit, StaffRole, Ticket

# 10 December 2026, 10:00 in China: a third of the month gone (pace ≈ 0.30).
TENTH = datetime(2026, 12, 10, 2, 0, tzinfo=UTC)
# 21 December, 10:00 in China: past the day (20) after which too few visits is red.
TWENTY_FIRST = datetime(2026, 12, 21, 2, 0, tzinfo=UTC)

ON_THE_TENTH = {
    "XF-G1": "red",  # an open emergency
    "XF-G2": "yellow",  # one overdue ticket
    "XF-G3": "red",  # three overdue tickets
    "XF-G4": "yellow",  # visits 1/10, behind the pace
    "AJ-G1": "green",  # visits 3/10: a little behind the pace, within the slack
    "AJ-G2": "green",  # overdue dates, but resolved, merged or cancelled: nothing open is late
    "AJ-G3": "green",  # open tickets within their time
}
ON_THE_TWENTY_FIRST = {**ON_THE_TENTH, "XF-G4": "red", "AJ-G1": "red"}  # under half the visits after the 20th


def ticket_in(db: Database, code: str, now: datetime, *, status: str = "assigned", priority: str = "normal",
            late: bool = False) -> str:
    with db.session() as s:
        grid = s.scalar(select(OrgUnit).where(OrgUnit.code == code))
        worker = s.scalar(select(StaffRole.person_id).where(StaffRole.unit_id == grid.id,
                                                            StaffRole.role == "grid_worker"))
        created = now - (timedelta(days=9) if late else timedelta(hours=2))
        ticket = Ticket(text=f"{code}的测试工单", category="roads", status=status, priority=priority,
                        reporter_address="+8613900000001", reporter_channel="simulator", unit_id=grid.id,
                        assignee_id=worker, assignee_role="grid_worker", created_at=created,
                        ack_due_at=created + timedelta(hours=24), due_at=created + timedelta(days=7))
        s.add(ticket)
        s.flush()
        ticket.number = ticket_number(ticket.id)
        return ticket.number


def _visits(db: Database, code: str, now: datetime, planned: int, done: int) -> None:
    with db.session() as s:
        grid = s.scalar(select(OrgUnit).where(OrgUnit.code == code))
        worker = s.scalar(select(StaffRole.person_id).where(StaffRole.unit_id == grid.id,
                                                            StaffRole.role == "grid_worker"))
        households = list(s.scalars(select(Household.id).where(Household.unit_id == grid.id)
                                    .order_by(Household.id).limit(planned)))
        assert len(households) == planned
        for i, household in enumerate(households):
            s.add(VisitTask(month=month_of(now), household_id=household, unit_id=grid.id, worker_id=worker,
                            reason="red", due_at=now + timedelta(days=20), status="done" if i < done else "open"))


def prepare(db: Database, now: datetime = TENTH, visits: bool = True) -> dict[str, str]:
    """Write the state; {grid code: its light on the 10th} for the grids it touches (the others are green).
    Without `visits` no visit list is written, and the lights do not depend on the day of the month."""
    ticket_in(db, "XF-G1", now, status="acknowledged", priority="immediate")
    ticket_in(db, "XF-G2", now, status="acknowledged", late=True)
    ticket_in(db, "XF-G2", now)
    for _ in range(3):
        ticket_in(db, "XF-G3", now, status="in_progress", late=True)
    if visits:
        _visits(db, "XF-G4", now, planned=10, done=1)
        _visits(db, "AJ-G1", now, planned=10, done=3)
    for status in ("resolved", "merged", "cancelled", "closed"):
        ticket_in(db, "AJ-G2", now, status=status, late=True)
    ticket_in(db, "AJ-G2", now, status="closed", priority="immediate")
    ticket_in(db, "AJ-G3", now, status="assigned")
    ticket_in(db, "AJ-G3", now, status="in_progress")
    return dict(ON_THE_TENTH) if visits else {**ON_THE_TENTH, "XF-G4": "green"}
