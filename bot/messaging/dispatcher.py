"""The outbox dispatcher: sends queued messages through their channels. Retries live here only."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from bot.messaging.outbox import CLAIM_BATCH, IN_DOUBT, Outbox, Outgoing
from bot.messaging.ports import Channel, SendError
from bot.messaging.ratelimit import RateLimiter
from bot.messaging.sms_policy import Review
from bot.messaging.worker import pause_after_short_claim, worker_name

log = logging.getLogger(__name__)


class Policy(Protocol):
    def review_all(self, messages: Sequence[Outgoing]) -> list[Review]:
        """A review per message, in order: messages of the policy's channel to distinct recipients."""
        ...


class Reroute(Protocol):
    """Moves a person's message on to their next channel (the app's, `bot.app.rerouting`)."""

    def moved(self, message: Outgoing, error: str) -> str | None:
        """After `message` died on its channel: queue it on the next one; what was done, or None."""
        ...

    def stranded(self, configured: Sequence[str]) -> int:
        """Move on messages queued for channels not configured here; how many."""
        ...


class OutboxDispatcher:
    """Sends claimed messages: a channel's policy may cut, hold back or defer one first, and the
    per-channel rate limiter spaces them out."""

    def __init__(self, outbox: Outbox, channels: dict[str, Channel], *, name: str | None = None,
                 idle_seconds: float = 0.5, policies: dict[str, Policy] | None = None,
                 limiter: RateLimiter | None = None, batch: int = CLAIM_BATCH,
                 reroute: Reroute | None = None) -> None:
        self.outbox = outbox
        self.reroute = reroute
        self.channels = channels
        self.policies = policies or {}
        self.limiter = limiter or RateLimiter({})
        self.name = name or worker_name("outbound")
        self.idle_seconds = idle_seconds
        self.batch = batch
        self._wake = asyncio.Event()

    def wake(self) -> None:
        self._wake.set()

    async def run_once(self) -> int:
        """Claim a batch and send it one message at a time. A dispatcher killed between the provider's
        accepting a message and the sent mark sends that message again once its lease runs out;
        sending the batch concurrently put a whole batch in that window, and the crash test saw a
        duplicate SMS (docs/benchmarks.md)."""
        if self.reroute is not None:
            await asyncio.to_thread(self.reroute.stranded, list(self.channels))
        batch = await asyncio.to_thread(self.outbox.claim, self.name, list(self.channels), self.batch)
        reviewed = any(message.channel in self.policies for message in batch)
        reviews = await asyncio.to_thread(self._review, batch) if reviewed else {}
        for message in batch:
            await self._send(message, reviews.get(message.id))
        return len(batch)

    def _review(self, batch: list[Outgoing]) -> dict[int, Review]:
        """Each channel's policy reviews its part of the batch at once (a claim holds one message
        per recipient and channel)."""
        reviews: dict[int, Review] = {}
        for name, policy in self.policies.items():
            mine = [message for message in batch if message.channel == name]
            reviews.update(zip((m.id for m in mine), policy.review_all(mine), strict=True))
        return reviews

    async def _send(self, message: Outgoing, review: Review | None) -> None:
        if message.attempts > self.outbox.max_attempts:
            # Claimed again and again and never marked (its dispatcher died on it every time): dead,
            # not tried once more; it no longer holds back its recipient's later messages.
            log.warning("outbox %s via %s taken over too often; dead", message.id, message.channel)
            await asyncio.to_thread(self.outbox.failed, message, self.name, "taken over too often", permanent=True)
            return
        channel = self.channels[message.channel]
        if review is not None:
            if review.action == "suppress":
                log.info("outbox %s via %s held back: %s", message.id, message.channel, review.reason)
                await asyncio.to_thread(self.outbox.suppressed, message, self.name, review.reason)
                return
            if review.action == "defer" and review.until is not None:
                await asyncio.to_thread(self.outbox.deferred, message, self.name, review.until, review.reason)
                return
            message = replace(message, text=review.text)
        if message.in_doubt and await self._went_out_before(channel, message):
            return
        await self.limiter.acquire(message.channel, message.recipient)
        try:
            provider_id = await channel.send(message.recipient, message.text, message.payload)
        except SendError as exc:
            log.warning("outbox %s via %s failed (%s): %s", message.id, message.channel,
                        "permanent" if exc.permanent else "will retry", exc)
            await asyncio.to_thread(self.outbox.failed, message, self.name, str(exc), permanent=exc.permanent)
            await self._move_on(message, str(exc), for_good=exc.permanent)
            return
        except Exception as exc:  # an unexpected bug in a channel is retried, then dead-lettered
            log.exception("outbox %s via %s crashed", message.id, message.channel)
            await asyncio.to_thread(self.outbox.failed, message, self.name, repr(exc), permanent=False)
            await self._move_on(message, repr(exc), for_good=False)
            return
        await asyncio.to_thread(self.outbox.sent, message, self.name, provider_id)

    async def _move_on(self, message: Outgoing, error: str, *, for_good: bool) -> None:
        """A message dead on its channel goes on by the recipient's next channel, if they have one."""
        if self.reroute is None or not (for_good or message.attempts >= self.outbox.max_attempts):
            return
        done = await asyncio.to_thread(self.reroute.moved, message, error)
        if done:
            log.info("outbox %s via %s: %s", message.id, message.channel, done)

    async def _went_out_before(self, channel: Channel, message: Outgoing) -> bool:
        """A dispatcher that died while sending this message may have handed it to the provider: if
        the provider holds it, it is marked sent, not sent twice. True when it is dealt with (found,
        or the provider could not be asked: then it stays in doubt and is tried again later)."""
        try:
            provider_id = await channel.find_sent(message.recipient, message.text, message.created_at)
        except SendError as exc:
            log.warning("outbox %s via %s: could not ask whether it went out (%s); will retry",
                        message.id, message.channel, exc)
            await asyncio.to_thread(self.outbox.failed, message, self.name, f"{IN_DOUBT}; {exc}", permanent=False)
            return True
        if provider_id is None:
            return False
        log.info("outbox %s via %s had gone out before its sender stopped; marked sent", message.id,
                 message.channel)
        await asyncio.to_thread(self.outbox.sent, message, self.name, provider_id)
        return True

    async def run(self) -> None:
        while True:
            self._wake.clear()
            try:
                count = await self.run_once()
            except Exception:
                log.exception("outbox dispatcher pass failed")
                count = 0
            if count < self.batch:
                await pause_after_short_claim(self._wake, self.idle_seconds, empty=count == 0)
