"""Rasa's tracker store (the conversations) seen from the app, for personal-data requests and the
retention purge: SQL on its `events` table (Rasa 3.6's SQLTrackerStore: id, sender_id, type_name,
timestamp as epoch seconds, intent_name, action_name, data as JSON text).

Conversations are keyed by the sender's conversation id (bot/common/address_cipher.py), never by the
number; these methods take addresses and look for both the id and the address itself (conversations
kept before the ids were sealed).

The store is a database of its own (a SQLite file by default, or the app's PostgreSQL database). Until
the engine has run there may be no file or no table: then there is nothing to read or delete, and
nothing is created."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Connection, Float, Integer, MetaData, String, Table, Text, create_engine, inspect

from bot.common.address_cipher import conversation_cipher
from bot.common.settings import Settings

_EVENTS = Table("events", MetaData(), Column("id", Integer, primary_key=True), Column("sender_id", String(255)),
                Column("type_name", String(255)), Column("timestamp", Float), Column("intent_name", String(255)),
                Column("action_name", String(255)), Column("data", Text))


def app_url(url: str) -> str:
    """The engine's URL (psycopg2 spelling) with the app's PostgreSQL driver."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg2://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class TrackerEvents:
    def __init__(self, url: str, *, conversation_key: str | None = None) -> None:
        """`conversation_key`: PHONE_ENCRYPTION_KEY; without one, read from the environment as the settings are."""
        self.url = app_url(url)
        key = Settings().phone_encryption_key.get_secret_value() if conversation_key is None else conversation_key
        self.conversations = conversation_cipher(key)

    def _ids(self, senders: Sequence[str]) -> dict[str, str]:
        """Conversation id (and the address itself, for old conversations) → the address."""
        return {self.conversations.seal(sender): sender for sender in senders} | {sender: sender for sender in senders}

    @contextmanager
    def _connection(self) -> Iterator[Connection | None]:
        """A connection in a transaction, or None when there is no store (yet)."""
        if self.url.startswith("sqlite"):
            path = self.url.split("///", 1)[1] if "///" in self.url else ""
            if not path or path == ":memory:" or not Path(path).exists():
                yield None
                return
        engine = create_engine(self.url)
        try:
            with engine.begin() as conn:
                yield conn if inspect(conn).has_table("events") else None
        finally:
            engine.dispose()

    def of_senders(self, senders: Sequence[str]) -> list[dict[str, Any]]:
        """Every event of these conversations, oldest first, with its data parsed."""
        with self._connection() as conn:
            if conn is None or not senders:
                return []
            ids = self._ids(senders)
            rows = conn.execute(_EVENTS.select().where(_EVENTS.c.sender_id.in_(list(ids))).order_by(_EVENTS.c.id))
            return [{"sender_id": ids[r.sender_id], "type": r.type_name, "timestamp": r.timestamp,
                     "intent": r.intent_name, "action": r.action_name, "data": _parsed(r.data)} for r in rows]

    def delete_senders(self, senders: Sequence[str]) -> int:
        """Forget these conversations; returns how many events went."""
        with self._connection() as conn:
            if conn is None or not senders:
                return 0
            return conn.execute(_EVENTS.delete().where(_EVENTS.c.sender_id.in_(list(self._ids(senders))))).rowcount

    def delete_before(self, cutoff: datetime) -> int:
        """Delete events older than `cutoff`; returns how many."""
        with self._connection() as conn:
            if conn is None:
                return 0
            return conn.execute(_EVENTS.delete().where(_EVENTS.c.timestamp < cutoff.timestamp())).rowcount


def _parsed(data: str | None) -> Any:
    try:
        return json.loads(data) if data else None
    except ValueError:
        return data
