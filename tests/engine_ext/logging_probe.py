"""Run inside the engine environment by test_log_filter.py: Rasa's own command line (`rasa run` with
the arguments given) sets up its logging as the engine does; then, in place of serving, Rasa's REST
channel receives two turns that are interrupted (the client gave up: cancelled; the turn raised), so
it logs what it logs then, and the message processor logs a warning. Everything goes to stderr,
where the test reads it."""

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


def interrupted_turns(_: argparse.Namespace) -> None:
    asyncio.run(through_the_rest_channel(HUGE, asyncio.CancelledError()))
    asyncio.run(through_the_rest_channel(HUGE, ValueError(f"cannot handle {HUGE}")))
    logging.getLogger("rasa.core.processor").warning("Circuit breaker tripped for sender '%s'.", "tg:42")
    print("probe done", file=sys.stderr)


rasa.cli.run.run = interrupted_turns  # read by `rasa run`'s parser, which main() builds
sys.argv = ["rasa", "run", *sys.argv[1:]]

from rasa.__main__ import main  # noqa: E402  (after the patch)

main()
