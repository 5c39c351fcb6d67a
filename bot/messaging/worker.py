"""The inbound worker: hands stored messages to the engine, in order per sender."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import Callable
from typing import Any

from bot.messaging.group_commit import GroupCommit
from bot.messaging.inbox import APOLOGY, PARKED, Inbox
from bot.messaging.ports import Claimed, Engine, EngineUnavailable, PermanentStepError, Step

log = logging.getLogger(__name__)
# With slots free while others still work, completions gather this long (at most) before the next
# claim, so that one claim fills several slots: claiming after each message answered without the
# engine (帮助, 退订) cost a claim, a due-row check and a readiness check per message. After a claim
# that came back short, the next one waits this long, so that arrivals gather too.
GATHER_SECONDS = 0.02
# The most text a turn hands the engine: a 1.7-million-character message drove it to 9.8 GB and
# kept it down for minutes. The inbox row keeps the whole text for staff.
MAX_CHARS = 1000


def worker_name(role: str) -> str:
    return f"{role}@{socket.gethostname()}:{os.getpid()}"


async def pause_after_short_claim(wake: asyncio.Event, idle_seconds: float, *, empty: bool) -> None:
    """After a claim that came back short (the queue is drained), look again no sooner than
    GATHER_SECONDS later, so that what arrives meanwhile is claimed together: claiming again as
    each message finished (or each reply was queued) took a claim, and an empty one, per message
    (docs/benchmarks.md). After an empty claim, also wait for `wake` (a finished message may have
    freed its sender's next one; a caller may know of new work), at most `idle_seconds` in all."""
    await asyncio.sleep(GATHER_SECONDS)
    if empty:
        # asyncio.timeout, not wait_for: on Python 3.11 wait_for returns instead of raising when the
        # task is cancelled just as `wake` is set, and a worker stopped then would run on for ever.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(max(idle_seconds - GATHER_SECONDS, 0)):
                await wake.wait()


class InboundWorker:
    def __init__(self, inbox: Inbox, engine: Engine, *, name: str | None = None, batch: int = 8,
                 idle_seconds: float = 0.5, steps: dict[str, list[Step]] | None = None,
                 on_done: Callable[[], None] | None = None, max_chars: int = MAX_CHARS) -> None:
        self.inbox = inbox
        self.max_chars = max_chars
        self.on_done = on_done  # e.g. wake the dispatcher: replies were just queued
        self.steps = steps or {}
        self.engine = engine
        self.name = name or worker_name("inbound")
        self.batch = batch
        self.idle_seconds = idle_seconds
        self._wake = asyncio.Event()
        self._claimed_last = False  # the last pass claimed something: there may well be more
        # Messages finished while a completion is being written are completed together, in one transaction.
        self._completions: GroupCommit[tuple[Claimed, list[dict[str, Any]]], bool] = GroupCommit(self._complete)

    def wake(self) -> None:
        self._wake.set()

    async def run_once(self) -> int:
        """Claim and process one batch (distinct senders, concurrently). Returns how many were claimed."""
        claimed = await self._claim(self.batch)
        await asyncio.gather(*(self._process(message) for message in claimed))
        return len(claimed)

    async def _claim(self, limit: int) -> list[Claimed]:
        # The due-row check is cheap (a read), so an idle worker may poll often; a busy one skips it.
        if not self._claimed_last and not await asyncio.to_thread(self.inbox.has_due):
            return []
        self._claimed_last = False
        # Rasa swallows a failed custom action and answers anyway, so check the action server first:
        # a message taken while it is down would lose its report.
        claimed: list[Claimed] = []
        if await self.engine.ready():
            claimed = await asyncio.to_thread(self.inbox.claim, self.name, limit)
        if len(claimed) < limit:  # spare slots: what a step answers by itself (STOP, HELP), whatever waits
            claimed += await self._claim_ahead(limit - len(claimed))
        self._claimed_last = bool(claimed)
        return claimed

    async def _claim_ahead(self, limit: int) -> list[Claimed]:
        claimed: list[Claimed] = []
        for step in (step for steps in self.steps.values() for step in steps):
            claim_ahead = getattr(step, "claim_ahead", None)
            if claim_ahead is not None and len(claimed) < limit:
                claimed += await asyncio.to_thread(claim_ahead, self.inbox, self.name, limit - len(claimed))
        return claimed

    async def _process(self, message: Claimed) -> None:
        if message.attempts > self.inbox.max_attempts:
            # Claimed again and again without ever being finished or failed (its worker died or hung
            # on it): it is not tried once more.
            await self._park(message, "taken over too often: its worker never finished it", APOLOGY)
            return
        before = message.payload
        for step in self.steps.get(message.channel, []):
            try:
                outcome = await step(message)
            except PermanentStepError as exc:  # media the provider no longer has, …: never going through
                await self._park(message, f"{_name(step)}: {exc.reason}", exc.reply or APOLOGY)
                return
            except Exception as exc:  # a download that failed, a provider down: try again later
                await self._retry(message, f"{_name(step)}: {type(exc).__name__}")
                return
            if isinstance(outcome, list):  # with the notes of the steps before (a number refused: blind test 23)
                notes = [{"text": str(note)} for note in message.payload.get("notes") or []]
                await self._completions.submit((message, [*outcome, *notes]))
                return
            message = outcome
        if message.payload != before:
            await asyncio.to_thread(self.inbox.update_payload, message, self.name, message.payload)
        try:
            # In doubt, the engine is asked first: a turn it already took is not taken twice (its
            # actions open tickets, cast votes); its replies are queued as if it had just been taken.
            replies = await self.engine.turn_taken(message.sender, message.id) if message.in_doubt else None
            if replies is not None:
                log.info("inbox %s: its turn had been taken before; its replies queued, not taken again", message.id)
            else:
                replies = await self._converse(message)
        except EngineUnavailable as exc:
            # Whether or not the turn was reached, it may have been taken: the next try asks first.
            await self._retry(message, str(exc), in_doubt=True)
            return
        except Exception as exc:  # a turn that could not be sent or read (metadata that is no JSON, …)
            await self._retry(message, f"engine: {type(exc).__name__}", in_doubt=True)
            return
        notes = [{"text": str(note)} for note in message.payload.get("notes") or []]  # ports.with_note
        await self._completions.submit((message, [*replies, *notes]))

    async def _converse(self, message: Claimed) -> list[dict[str, Any]]:
        text, metadata = message.text, {"inbox_id": message.id, "channel": message.channel, **message.payload}
        if len(text) > self.max_chars:  # cut for the engine only; an action may say so
            text, metadata["truncated"] = text[:self.max_chars], True
        if message.role:  # as a step found it (Claimed.role): told the engine, never stored
            metadata["role"] = message.role
        return await self.engine.converse(message.sender, text, metadata)

    async def _retry(self, message: Claimed, reason: str, *, in_doubt: bool = False) -> None:
        """Back off; the last allowed attempt parks the message instead (`Inbox.retry_later`). A
        message in doubt stays so (a step failing on it now says nothing of the turn before)."""
        status = await asyncio.to_thread(self.inbox.retry_later, message, self.name, reason,
                                         in_doubt=in_doubt or message.in_doubt)
        log.warning("inbox %s: attempt %s failed (%s); %s", message.id, message.attempts, reason,
                    "parked" if status == PARKED else "will retry")

    async def _park(self, message: Claimed, reason: str, reply: str) -> None:
        log.warning("inbox %s: cannot go through (%s); parked", message.id, reason)
        await asyncio.to_thread(self.inbox.park, message, self.name, reason, reply=reply)

    async def _complete(self, done: list[tuple[Claimed, list[dict[str, Any]]]]) -> list[bool]:
        return await asyncio.to_thread(self.inbox.complete_many, done, self.name)

    async def run(self) -> None:
        """Keep up to `batch` messages in flight, claiming more as soon as one is finished (a slow turn
        does not hold back the others, as a batch-and-wait loop would)."""
        in_flight: set[asyncio.Task[None]] = set()

        def finished(task: asyncio.Task[None]) -> None:
            in_flight.discard(task)
            self._wake.set()

        try:
            while True:
                free = self.batch - len(in_flight)
                if free <= 0:
                    await asyncio.wait(set(in_flight), return_when=asyncio.FIRST_COMPLETED)
                    continue
                if in_flight and free < (self.batch + 1) // 2:
                    free = await self._gather(in_flight)
                self._wake.clear()
                claimed: list[Claimed] = []
                try:
                    claimed = await self._claim(free)
                except Exception:  # keep the loop alive; the rows stay claimable after their lease
                    log.exception("inbound worker pass failed")
                for message in claimed:
                    task = asyncio.create_task(self._process_safely(message))
                    in_flight.add(task)
                    task.add_done_callback(finished)
                if len(claimed) < free:
                    await pause_after_short_claim(self._wake, self.idle_seconds, empty=not claimed)
        finally:
            for task in in_flight:
                task.cancel()

    async def _gather(self, in_flight: set[asyncio.Task[None]]) -> int:
        """Wait up to GATHER_SECONDS for half the slots to be free; returns how many are."""
        deadline = asyncio.get_running_loop().time() + GATHER_SECONDS
        while in_flight and self.batch - len(in_flight) < (self.batch + 1) // 2:
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                break
            await asyncio.wait(set(in_flight), timeout=left, return_when=asyncio.FIRST_COMPLETED)
        return self.batch - len(in_flight)

    async def _process_safely(self, message: Claimed) -> None:
        try:
            await self._process(message)
        except Exception:  # held until its lease runs out, then retried; `_process` parks one taken over too often
            log.exception("inbox %s: processing failed", message.id)
        if self.on_done is not None:
            self.on_done()


def _name(step: Step) -> str:
    """A step's name for staff: its class (TwilioMedia, …), or a plain function's name."""
    return str(getattr(step, "__name__", None) or type(step).__name__)
