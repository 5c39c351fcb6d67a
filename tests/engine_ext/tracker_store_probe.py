"""Run inside the engine environment by test_tracker_store.py: the tracker store endpoints.yml names, made
as `rasa run` makes it, on the SQLite URL given; a conversation of a few turns saved and read back by a
second store (an engine restart). Prints one JSON object."""

from __future__ import annotations

import asyncio
import json
import os
import sys

import sqlalchemy as sa
from rasa.core.tracker_store import create_tracker_store
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    FollowupAction,
    SessionStarted,
    SlotSet,
    UserUttered,
    deserialise_events,
)
from rasa.utils.endpoints import read_endpoint_config

from engine_ext.tracker_store import deserialised, event_classes

os.environ.update({"GRIDBOT_TRACKER_STORE_URL": sys.argv[1], "GRIDBOT_ACTION_ENDPOINT": "http://127.0.0.1:9/webhook",
                   "GRIDBOT_ACTIONS_TOKEN": "t", "GRIDBOT_LOCK_STORE": "in_memory", "GRIDBOT_LOCK_STORE_HOST": "",
                   "GRIDBOT_LOCK_STORE_PORT": "0", "GRIDBOT_LOCK_STORE_DB": "0"})
DOMAIN = Domain.load("domain.yml")


def store():
    return create_tracker_store(read_endpoint_config("endpoints.yml", "tracker_store"), DOMAIN)


async def main() -> None:
    first = store()
    connects = []
    sa.event.listen(first.engine, "connect", lambda *_: connects.append(1))
    for turn in range(6):
        tracker = await first.get_or_create_tracker("conversation-1")
        if turn == 3:  # a new session mid-way, as action_session_start makes one
            tracker.update_with_events([ActionExecuted("action_session_start"), SessionStarted(),
                                        ActionExecuted("action_listen")], DOMAIN)
        tracker.update_with_events([UserUttered(f"路灯坏了 {turn}", {"name": "report_issue", "confidence": 1.0}),
                                    SlotSet("report_text", f"路灯坏了 {turn}"), BotUttered(f"收到 {turn}"),
                                    ActionExecuted("action_listen")], DOMAIN)
        await first.save(tracker)
    saved = [e.as_dict() for e in tracker.events]
    again = await store().retrieve("conversation-1")
    with first.engine.connect() as conn:
        journal = conn.exec_driver_sql("PRAGMA journal_mode").scalar()
        rows = conn.exec_driver_sql("SELECT count(*) FROM events WHERE sender_id = 'conversation-1'").scalar()
    dumped = [e.as_dict() for e in [*tracker.events, ActiveLoop("report_form"), FollowupAction("action_listen")]]
    dumped += [{"event": "topic", "timestamp": 1.0}, {"no": "event"}]  # skipped, by Rasa too
    as_rasa = [e.as_dict() for e in deserialised(dumped, event_classes())] == [
        e.as_dict() for e in deserialise_events(dumped)]
    unknown = []
    for read in (deserialise_events, lambda d: deserialised(d, event_classes())):
        try:
            unknown.append(len(read([{"event": "no_such_event"}])))
        except ValueError:
            unknown.append("ValueError")
    print(json.dumps({"read_as_rasa_reads": as_rasa, "unknown_event": unknown,
                      "kinds": len({d.get("event") for d in dumped}), "store": type(first).__name__,
                      "journal_mode": journal, "connections_opened": len(connects), "rows": rows,
                      "same_events": [e.as_dict() for e in again.events] == saved,
                      "events_since_session_start": len(again.events), "slot": again.get_slot("report_text")},
                     ensure_ascii=False))


asyncio.run(main())
