"""How far the month's visit lists are done (四万行动): per grid and per grid worker, from `VisitTask` rows.
One place for the figure the 亮灯图, the worker board and the monthly reports all show."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from bot.store.household_models import VisitTask


@dataclass(frozen=True)
class Progress:
    planned: int
    done: int

    @property
    def rate(self) -> float | None:
        """Share done, or None when nothing was planned (neither good nor bad)."""
        return self.done / self.planned if self.planned else None


def _progress(session: Session, column, month: str, keys: Iterable[int] | None) -> dict[int, Progress]:  # noqa: ANN001
    query = (select(column, func.count(), func.sum(case((VisitTask.status == "done", 1), else_=0)))
             .where(VisitTask.month == month, column.is_not(None)).group_by(column))
    if keys is not None:
        query = query.where(column.in_(sorted(set(keys))))
    return {key: Progress(int(planned), int(done or 0)) for key, planned, done in session.execute(query)}


def by_grid(session: Session, month: str, unit_ids: Iterable[int] | None = None) -> dict[int, Progress]:
    """{grid unit id: progress} for the month (grids with no list are absent)."""
    return _progress(session, VisitTask.unit_id, month, unit_ids)


def by_worker(session: Session, month: str, person_ids: Iterable[int] | None = None) -> dict[int, Progress]:
    """{grid worker's person id: progress} for the month (workers with no list are absent)."""
    return _progress(session, VisitTask.worker_id, month, person_ids)
