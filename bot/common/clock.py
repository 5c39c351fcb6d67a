"""Time, in one place, so tests can move it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

# The service's local time, in which people read hours and dates (China keeps one zone, no summer time).
BEIJING = timezone(timedelta(hours=8))


def utcnow() -> datetime:
    return datetime.now(UTC)


class Clock:
    """The clock the core reads. `FakeClock` in tests moves it by hand."""

    def now(self) -> datetime:
        return utcnow()


class FakeClock(Clock):
    def __init__(self, start: datetime | None = None) -> None:
        self._now = start or datetime(2026, 11, 2, 9, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> datetime:
        self._now += timedelta(**delta)
        return self._now
