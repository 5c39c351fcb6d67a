from typing import Any

from bot.common.clock import FakeClock
from bot.messaging.dispatcher import OutboxDispatcher
from bot.messaging.outbox import Outbox
from bot.messaging.ports import Channel
from bot.store.db import Database
from tests.conftest import WORKER
from tests.messaging.test_outbox import queue


class Recording(Channel):
    name = "simulator"

    def __init__(self) -> None:
        self.sent: list[str] = []

    async def send(self, recipient: str, text: str, payload: dict[str, Any]) -> str | None:
        self.sent.append(text)
        return None


async def test_a_message_its_dispatchers_never_finish_is_dead_when_taken_over_once_too_often(
        db: Database, clock: FakeClock):
    outbox = Outbox(db, clock, max_attempts=2, lease_seconds=60)
    queue(db, clock, n=2)
    for crashed in ("d1", "d2"):  # each dispatcher died on it; the lease ran out
        outbox.claim(crashed, ["simulator"])
        clock.advance(seconds=61)
    channel = Recording()
    dispatcher = OutboxDispatcher(outbox, {"simulator": channel}, name="d3")
    while await dispatcher.run_once():
        pass
    first, following = outbox.to_recipient(WORKER)
    assert (first.status, first.last_error) == ("dead", "taken over too often")
    assert following.status == "sent" and channel.sent == ["通知1"]
