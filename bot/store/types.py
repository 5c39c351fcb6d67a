"""Column types shared by the models, and text as the database can hold it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that is always timezone-aware UTC in Python, on SQLite (which stores no zone)
    as on PostgreSQL (timestamptz). Naive datetimes are refused: they are a bug."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: use bot.common.clock (UTC-aware) times")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def storable(text: str) -> str:
    """Text from outside as the database can hold it: PostgreSQL's text refuses a NUL character
    (a DataError, so a 500, and in a group commit the whole batch's), so U+FFFD takes its place, on
    either backend alike."""
    return text.replace("\x00", "\ufffd") if "\x00" in text else text


def storable_json(value: Any) -> Any:
    """`storable` for every string of a JSON value, keys included: PostgreSQL's json keeps an escaped
    NUL, but whatever later reads it into a text column or a comparison would fail on it."""
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, dict):
        return {storable(key): storable_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [storable_json(item) for item in value]
    return value
