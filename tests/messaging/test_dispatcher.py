import asyncio
from typing import Any

from bot.channels.base import Channel
from bot.clock import FakeClock
from bot.messaging.dispatcher import OutboxDispatcher
from bot.messaging.outbox import Outbox
from bot.store.db import Database
from bot.store.models import OutboxMessage


class SlowFor(Channel):
    """A provider that takes a second for one recipient and answers the others at once."""

    name = "simulator"

    def __init__(self, slow: str) -> None:
        self.slow = slow
        self.sent: list[tuple[str, str]] = []

    async def send(self, recipient: str, text: str, payload: dict[str, Any]) -> str | None:
        if recipient == self.slow:
            await asyncio.sleep(1.0)
        self.sent.append((recipient, text))
        return f"id-{len(self.sent)}"


def queue(db: Database, clock: FakeClock, messages: list[tuple[str, str]]) -> None:
    with db.session() as s:
        s.add_all(OutboxMessage(channel="simulator", recipient=to, text=text, kind="notification",
                                created_at=clock.now(), next_attempt_at=clock.now()) for to, text in messages)


async def test_a_slow_recipient_does_not_hold_back_the_others(db: Database, clock: FakeClock):
    queue(db, clock, [("+8613900000001", "慢"), ("+8613900000002", "一"), ("+8613900000003", "二")])
    channel = SlowFor("+8613900000001")
    dispatcher = OutboxDispatcher(Outbox(db, clock), {"simulator": channel})
    task = asyncio.create_task(dispatcher.run_once())
    await asyncio.sleep(0.5)
    assert sorted(channel.sent) == [("+8613900000002", "一"), ("+8613900000003", "二")]
    assert await task == 3
    assert channel.sent[-1] == ("+8613900000001", "慢")


async def test_a_recipients_messages_still_go_out_one_at_a_time_in_order(db: Database, clock: FakeClock):
    queue(db, clock, [("+8613900000001", f"第{n}条") for n in range(3)] + [("+8613900000002", "别人")])
    channel = SlowFor("nobody")
    dispatcher = OutboxDispatcher(Outbox(db, clock), {"simulator": channel})
    assert await dispatcher.run_once() == 2  # one per recipient per claim
    assert await dispatcher.run_once() == 1
    assert await dispatcher.run_once() == 1
    assert [text for to, text in channel.sent if to == "+8613900000001"] == ["第0条", "第1条", "第2条"]
