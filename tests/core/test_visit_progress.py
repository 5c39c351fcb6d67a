from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.core.visit_progress import Progress, by_grid, by_worker
from bot.store.db import Database
from bot.store.household_models import VisitTask
from bot.store.models import Household, StaffRole

DUE = datetime(2026, 12, 31, 15, 0, tzinfo=UTC)


def test_progress_counts_the_months_tasks_done_per_grid_and_per_worker(demo_db: Database):
    with demo_db.session() as s:
        worker = s.scalar(select(StaffRole).where(StaffRole.role == "grid_worker"))
        households = list(s.scalars(select(Household).where(Household.unit_id == worker.unit_id).limit(3)))
        assert len(households) == 3
        for i, household in enumerate(households):
            s.add(VisitTask(month="2026-12", household_id=household.id, unit_id=worker.unit_id,
                            worker_id=worker.person_id, reason="red", due_at=DUE,
                            status="done" if i == 0 else "open"))
        s.add(VisitTask(month="2026-11", household_id=households[0].id, unit_id=worker.unit_id,
                        worker_id=worker.person_id, reason="red", due_at=DUE, status="open"))
    with demo_db.session() as s:
        assert by_grid(s, "2026-12") == {worker.unit_id: Progress(3, 1)}
        assert by_worker(s, "2026-12", [worker.person_id])[worker.person_id].rate == 1 / 3
        assert by_worker(s, "2026-12", [worker.person_id + 999]) == {}
        assert by_grid(s, "2027-01") == {}
    assert Progress(0, 0).rate is None
