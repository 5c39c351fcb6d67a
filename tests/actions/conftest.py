"""Thin actions are tested with a real tracker, a dispatcher and the project's domain."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import runtime
from bot.common.clock import FakeClock
from bot.common.settings import ROOT, Settings
from bot.core.knowledge import load_knowledge
from bot.core.routing_rules import load_rules
from bot.store.db import Database


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def action_context(demo_db: Database, settings: Settings, clock: FakeClock) -> Iterator[runtime.ActionContext]:
    context = runtime.ActionContext(settings=settings, db=demo_db, clock=clock,
                                     rules=load_rules(settings.routing_config),
                                     knowledge=load_knowledge(settings.knowledge_dir))
    runtime.configure(context)
    yield context
    runtime.configure(None)  # type: ignore[arg-type]


def make_tracker(sender: str, text: str = "", *, intent: str = "report_issue", slots: dict[str, Any] | None = None,
                 metadata: dict[str, Any] | None = None, category: str | None = None,
                 entities: list[dict[str, Any]] | None = None, confidence: float = 0.95) -> Tracker:
    latest: dict[str, Any] = {"text": text, "intent": {"name": intent, "confidence": confidence},
                              "entities": entities or [], "metadata": metadata or {}}
    if category:
        latest["response_selector"] = {"default": {"response": {
            "intent_response_key": f"{intent}/{category}", "confidence": 0.9}}}
    return Tracker.from_dict({"sender_id": sender, "slots": slots or {}, "latest_message": latest, "events": [],
                              "paused": False, "followup_action": None, "active_loop": {},
                              "latest_action_name": None})
