"""Column types shared by the models, and text as the database can hold it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Engine, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from bot.common.address_cipher import AddressCipher


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


# The engine attribute under which a Database leaves its cipher for `SealedAddress` (see `attach_cipher`).
_CIPHER_ATTRIBUTE = "gridbot_address_cipher"


class NoAddressCipher(RuntimeError):
    """An engine that was given no cipher: it would write numbers in clear, or fail to read them."""


def attach_cipher(engine: Engine, cipher: AddressCipher) -> None:
    """Let `SealedAddress` columns on this engine (and every engine sharing its dialect: `execution_options`
    copies) seal and open with `cipher`. Each engine has its dialect, so two databases may have two keys."""
    setattr(engine.dialect, _CIPHER_ATTRIBUTE, cipher)


def _cipher(dialect: Dialect) -> AddressCipher:
    cipher = getattr(dialect, _CIPHER_ATTRIBUTE, None)
    if cipher is None:
        raise NoAddressCipher("this engine has no address cipher: make engines with bot.store.db.Database "
                              "(or attach_cipher) so phone numbers are sealed")
    return cipher


class SealedAddress(TypeDecorator[str]):
    """An address (E.164 number, tg:<id>, erased:<hash>) sealed at rest with the engine's cipher
    (bot/common/address_cipher.py: AES-SIV, deterministic). Python sees the plain address; the database
    holds only sealed text, and since the same address always seals alike, `==`, `.in_()`, unique
    constraints and joins between sealed columns work unchanged. Ordering by it and LIKE do not mean
    anything. A value that does not open (another key, altered) raises `WrongKey`."""

    impl = String
    cache_ok = True

    def __init__(self, length: int = 128) -> None:
        super().__init__(length)

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else _cipher(dialect).seal(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        return None if value is None else _cipher(dialect).open(value)
