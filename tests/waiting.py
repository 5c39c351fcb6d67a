"""Waiting on a condition instead of sleeping a fixed time.

`eventually` polls a condition until it holds and returns what it gave; past the deadline it fails
the test with the condition and its last value. The deadline only bounds a test that is going to
fail: a passing one goes on as soon as the condition holds, so it may be generous (a loaded CI
machine). `eventually_sync` is the same for a test that does not run on an event loop.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

T = TypeVar("T")


async def eventually(condition: Callable[[], T | Awaitable[T]], timeout: float = 15.0,
                     interval: float = 0.01) -> T:
    """Call (and await, if it is a coroutine function) `condition` every `interval` seconds until it
    returns something truthy, and return that; AssertionError after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = condition()
        if inspect.isawaitable(value):
            value = await value
        if value:
            return value  # type: ignore[return-value]
        if loop.time() >= deadline:
            raise AssertionError(_not_within(condition, timeout, value))
        await asyncio.sleep(interval)


def eventually_sync(condition: Callable[[], T], timeout: float = 15.0, interval: float = 0.01) -> T:
    """`eventually` for a test without an event loop: blocks between the calls."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(_not_within(condition, timeout, value))
        time.sleep(interval)


def _not_within(condition: Callable[..., object], timeout: float, last: object) -> str:
    return f"not within {timeout}s: {_describe(condition)} (last returned {last!r})"


def _describe(condition: Callable[..., object]) -> str:
    """The condition's source where it is a lambda (the line that waits on it), else its name."""
    name = getattr(condition, "__qualname__", repr(condition))
    if name.endswith("<lambda>"):
        try:
            return inspect.getsource(condition).strip()
        except (OSError, TypeError):
            pass
    return name
