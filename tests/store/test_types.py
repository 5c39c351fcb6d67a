"""Every timestamp column is UTCDateTime: aware UTC in Python on SQLite as on PostgreSQL, naive refused."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import DateTime, select
from sqlalchemy.exc import StatementError

import bot.store.council_models  # noqa: F401  (registers its tables on Base.metadata)
from bot.common.clock import FakeClock
from bot.store.base import Base
from bot.store.channel_models import SmsContinuation
from bot.store.db import Database
from bot.store.types import UTCDateTime


def test_every_timestamp_column_of_every_model_is_utc_datetime():
    plain = [f"{table.name}.{column.name}" for table in Base.metadata.tables.values() for column in table.columns
             if isinstance(column.type, DateTime)]
    assert plain == []
    assert any(isinstance(column.type, UTCDateTime) for column in Base.metadata.tables["council_topics"].columns)


def test_a_channel_timestamp_comes_back_aware_utc(db: Database, clock: FakeClock):
    beijing = clock.now().astimezone(timezone(timedelta(hours=8)))
    with db.session() as s:
        s.add(SmsContinuation(channel="twilio", recipient="+8613900000001", text="后半段", created_at=beijing))
    with db.session() as s:
        stored = s.scalar(select(SmsContinuation.created_at))
    assert stored == clock.now()
    assert stored.utcoffset() == timedelta(0)


def test_a_naive_timestamp_is_refused(db: Database):
    with pytest.raises(StatementError, match="naive datetime"), db.session() as s:
        s.add(SmsContinuation(channel="twilio", recipient="+8613900000001", text="后半段",
                              created_at=datetime(2026, 11, 2, 9, 0)))
        s.flush()
