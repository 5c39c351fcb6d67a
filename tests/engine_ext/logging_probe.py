"""Run inside the engine environment by test_log_filter.py: Rasa's own command line (`rasa run` with
the arguments given) sets up its logging as the engine does; then, in place of serving, Rasa's REST
channel receives two turns that are interrupted (the client gave up: cancelled; the turn raised), so
it logs what it logs then, the message processor logs a warning, and the event broker fails to publish
an event. Everything goes to stderr, where the test reads it."""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from types import SimpleNamespace
from typing import Any

import rasa.cli.run

HUGE = "路灯坏了" * 50_000


async def through_the_rest_channel(text: str, failure: BaseException) -> None:
    from rasa.core.channels.rest import RestInput

    async def interrupted(_: Any) -> None:
        raise failure

    [receive] = [route.handler for route in RestInput().blueprint(interrupted)._future_routes
                 if route.uri == "/webhook"]
    request = SimpleNamespace(json={"sender": "tg:42", "message": text, "metadata": {"inbox_id": 1}}, args={})
    await receive(request)


async def through_a_broker_that_cannot_publish(text: str) -> None:
    """Rasa's pika event broker failing to publish a user event (RabbitMQ gone): it logs the event."""
    from rasa.core.brokers.pika import PikaEventBroker

    class Unreachable:
        async def publish(self, *_: Any, **__: Any) -> None:
            raise ConnectionError("RabbitMQ is gone")

    broker = PikaEventBroker("amqp://127.0.0.1:5672/", "guest", "guest", queues=["events"],
                             event_loop=asyncio.get_running_loop())
    broker._exchange = Unreachable()  # type: ignore[assignment]
    await broker._publish({"event": "user", "text": text, "sender_id": "tg:42", "metadata": {"inbox_id": 1}})


def interrupted_turns(_: argparse.Namespace) -> None:
    asyncio.run(through_the_rest_channel(HUGE, asyncio.CancelledError()))
    asyncio.run(through_the_rest_channel(HUGE, ValueError(f"cannot handle {HUGE}")))
    logging.getLogger("rasa.core.processor").warning("Circuit breaker tripped for sender '%s'.", "tg:42")
    asyncio.run(through_a_broker_that_cannot_publish(HUGE))
    print("probe done", file=sys.stderr)


rasa.cli.run.run = interrupted_turns  # read by `rasa run`'s parser, which main() builds
sys.argv = ["rasa", "run", *sys.argv[1:]]

from rasa.__main__ import main  # noqa: E402  (after the patch)

main()
