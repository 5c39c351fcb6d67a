"""Fixtures the core tests share."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.common.clock import FakeClock
from bot.core.monthly import run_due
from bot.core.visit_lists import visit_lists_job
from bot.core.visit_rules import VisitRules
from bot.store.db import Database


@pytest.fixture
def december(demo_db: Database) -> FakeClock:
    """The demo three days after the December visit lists went out."""
    clock = FakeClock(datetime(2026, 11, 30, 16, 5, tzinfo=UTC))
    run_due(demo_db, clock, [visit_lists_job(VisitRules())])
    clock.advance(days=3)
    return clock
