"""Rasa's SQL tracker store as the engine leaves it: the `events` table of Rasa 3.6's SQLTrackerStore
(rasa/core/tracker_store.py, SQLEvent), written here without the engine."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text, create_engine, func, select

from bot.store.tracker_events import app_url

METADATA = MetaData()
EVENTS = Table("events", METADATA,
               Column("id", Integer, primary_key=True),
               Column("sender_id", String(255), nullable=False, index=True),
               Column("type_name", String(255), nullable=False),
               Column("timestamp", Float),
               Column("intent_name", String(255)),
               Column("action_name", String(255)),
               Column("data", Text))


class RasaTrackerStore:
    def __init__(self, url: str) -> None:
        """`url` as the engine gets it (Settings.resolved_tracker_store_url); the table is created."""
        if url.startswith("sqlite:///"):
            Path(url.split("///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(app_url(url))
        METADATA.create_all(self.engine)

    def user_said(self, sender: str, text: str, at: datetime) -> None:
        data = {"event": "user", "timestamp": at.timestamp(), "text": text,
                "parse_data": {"intent": {"name": "report", "confidence": 0.9}, "text": text}}
        with self.engine.begin() as conn:
            conn.execute(EVENTS.insert().values(sender_id=sender, type_name="user", timestamp=at.timestamp(),
                                                intent_name="report", data=json.dumps(data, ensure_ascii=False)))

    def count(self, sender: str | None = None) -> int:
        query = select(func.count()).select_from(EVENTS)
        if sender is not None:
            query = query.where(EVENTS.c.sender_id == sender)
        with self.engine.connect() as conn:
            return conn.scalar(query) or 0

    def dispose(self) -> None:
        self.engine.dispose()
