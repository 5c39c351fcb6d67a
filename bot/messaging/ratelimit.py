"""Per-channel send rate limits: an overall rate and a minimum gap between messages to one recipient
(Telegram: ~30 messages/s overall, ~1/s per chat). Limits are per dispatcher process."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class RateLimit:
    per_second: float
    per_recipient_interval: float = 0.0


@dataclass
class _State:
    next_free: float = 0.0
    recipients: dict[str, float] = field(default_factory=dict)


class RateLimiter:
    def __init__(self, limits: dict[str, RateLimit], *, monotonic: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], object] = asyncio.sleep) -> None:
        self.limits = limits
        self._monotonic = monotonic
        self._sleep = sleep
        self._state: dict[str, _State] = {}
        self._lock = asyncio.Lock()

    def delay_for(self, channel: str, recipient: str) -> float:
        """Seconds until this channel may send to this recipient, reserving that slot."""
        limit = self.limits.get(channel)
        if limit is None or limit.per_second <= 0:
            return 0.0
        state = self._state.setdefault(channel, _State())
        now = self._monotonic()
        at = max(now, state.next_free, state.recipients.get(recipient, 0.0))
        state.next_free = at + 1.0 / limit.per_second
        if limit.per_recipient_interval > 0:
            state.recipients[recipient] = at + limit.per_recipient_interval
            if len(state.recipients) > 10_000:  # forget recipients whose gap has passed
                state.recipients = {k: v for k, v in state.recipients.items() if v > now}
        return at - now

    async def acquire(self, channel: str, recipient: str) -> None:
        async with self._lock:
            delay = self.delay_for(channel, recipient)
        if delay > 0:
            await self._sleep(delay)  # type: ignore[misc]
