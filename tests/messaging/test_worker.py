import asyncio
import contextlib
import itertools
import json
import time
from collections.abc import AsyncIterator
from typing import Literal

import httpx
import pytest

from bot.common.clock import Clock
from bot.engine.client import EngineClient
from bot.messaging.inbox import Inbox
from bot.messaging.ports import Claimed, Inbound, with_note
from bot.messaging.worker import GATHER_SECONDS, InboundWorker, pause_after_short_claim
from bot.store.db import Database
from tests.waiting import eventually


def engine(slow_text: str, finished: list[str]) -> EngineClient:
    async def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/status":
            return httpx.Response(200, json={"model_file": "m.tar.gz"})
        if request.url.path == "/health":
            return httpx.Response(200, json={"status": "ok"})
        body = json.loads(request.content)
        await asyncio.sleep(1.5 if body["message"] == slow_text else 0.01)
        finished.append(body["message"])
        return httpx.Response(200, json=[{"text": "好的"}])

    return EngineClient("http://engine", "http://actions", transport=httpx.MockTransport(handler))


@contextlib.asynccontextmanager
async def running(worker: InboundWorker, client: EngineClient) -> AsyncIterator[None]:
    """The worker's loop for the duration of the block; then it is cancelled and the client closed."""
    task = asyncio.create_task(worker.run())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        await client.aclose()


async def test_a_slow_turn_does_not_hold_back_the_other_senders(db: Database):
    inbox = Inbox(db, Clock())
    inbox.store(Inbound(channel="sms", external_id="slow", sender="+8613900000001", text="慢"))
    for n in range(20):
        inbox.store(Inbound(channel="sms", external_id=f"fast{n}", sender=f"+86139100000{n:02d}", text=f"快{n}"))
    finished: list[str] = []
    client = engine("慢", finished)
    worker = InboundWorker(inbox, client, batch=4, idle_seconds=0.05)
    async with running(worker, client):
        await eventually(lambda: "慢" in finished)
    # While the slow turn ran, the other three slots kept working through all 20 fast messages.
    assert finished.index("慢") == 20
    assert sorted(finished[:20]) == sorted(f"快{n}" for n in range(20))


async def test_an_idle_worker_polls_the_database_without_asking_the_engine_and_wakes_the_dispatcher_after_a_turn(
        db: Database):
    asked: list[str] = []
    woken: list[bool] = []

    async def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        if request.url.path == "/status":
            return httpx.Response(200, json={"model_file": "m.tar.gz"})
        if request.url.path == "/health":
            return httpx.Response(200, json={"status": "ok"})
        return httpx.Response(200, json=[{"text": "好的"}])

    inbox = Inbox(db, Clock())
    polls: list[bool] = []
    has_due = inbox.has_due

    def counting_has_due() -> bool:
        polls.append(True)
        return has_due()

    inbox.has_due = counting_has_due  # type: ignore[method-assign]
    client = EngineClient("http://engine", "http://actions", transport=httpx.MockTransport(handler))
    worker = InboundWorker(inbox, client, idle_seconds=0.01, on_done=lambda: woken.append(True))
    async with running(worker, client):
        await eventually(lambda: len(polls) >= 20)
        assert asked == []  # twenty idle polls, no readiness checks
        message_id, _ = inbox.store(Inbound(channel="sms", external_id="SM1", sender="+8613900000001", text="你好"))
        await eventually(lambda: bool(woken) and inbox.status_of(message_id) == "done")
    assert inbox.status_of(message_id) == "done"
    assert woken == [True]
    assert "/webhooks/rest/webhook" in asked


async def test_after_a_claim_that_comes_back_short_the_worker_waits_before_claiming_again(db: Database):
    inbox = Inbox(db, Clock())
    claims: list[tuple[float, int, int]] = []  # (started, asked for, got)
    claim = inbox.claim

    def recording_claim(worker: str, limit: int = 8) -> list:
        started = time.monotonic()
        got = claim(worker, limit)
        claims.append((started, limit, len(got)))
        return got

    inbox.claim = recording_claim  # type: ignore[method-assign]
    finished: list[str] = []
    client = engine("never", finished)
    worker = InboundWorker(inbox, client, batch=4, idle_seconds=0.05)
    async with running(worker, client):
        for n in range(12):  # one at a time, as SMS arrive: each claim finds fewer than it asked for
            inbox.store(Inbound(channel="sms", external_id=f"SM{n}", sender=f"+86139200000{n:02d}", text=f"第{n}条"))
            await asyncio.sleep(0.005)
        await eventually(lambda: len(finished) == 12)
    assert sorted(finished) == sorted(f"第{n}条" for n in range(12))
    short = [(started, following) for (started, asked, got), (following, _, _) in itertools.pairwise(claims)
             if got < asked]
    assert short, "no claim came back short"
    # Sleeps only get longer under load, so this bound holds on a busy machine too.
    assert all(following - started >= GATHER_SECONDS for started, following in short)


async def test_messages_finished_together_are_completed_in_one_transaction(db: Database):
    inbox = Inbox(db, Clock())
    ids = [inbox.store(Inbound(channel="sms", external_id=f"SM{n}", sender=f"+86139300000{n:02d}", text="帮助"))[0]
           for n in range(6)]
    batches: list[int] = []
    complete_many = inbox.complete_many

    def recording_complete_many(done: list, worker: str) -> list[bool]:
        batches.append(len(done))
        return complete_many(done, worker)

    inbox.complete_many = recording_complete_many  # type: ignore[method-assign]

    async def answer_help(message: Claimed) -> list[dict[str, str]]:  # answered without the engine, like 帮助
        return [{"text": "网格通：有事请说。"}]

    finished: list[str] = []
    client = engine("never", finished)
    worker = InboundWorker(inbox, client, batch=8, idle_seconds=0.05, steps={"sms": [answer_help]})
    async with running(worker, client):
        await eventually(lambda: all(inbox.status_of(i) == "done" for i in ids))
    assert [inbox.replies_to(i) for i in ids] == [["网格通：有事请说。"]] * 6
    assert batches == [6]  # claimed together, answered together: one transaction, not six
    assert finished == []


async def test_a_note_a_step_adds_goes_to_the_sender_after_the_engines_replies(db: Database):
    inbox = Inbox(db, Clock())
    message_id, _ = inbox.store(Inbound(channel="sms", external_id="MM1", sender="+8613900000001", text="路灯坏了"))

    async def skip_an_attachment(message: Claimed) -> Claimed:
        return with_note(with_note(message, "附件未保存。"), "附件未保存。")  # a retried step adds it once

    finished: list[str] = []
    client = engine("never", finished)
    worker = InboundWorker(inbox, client, idle_seconds=0.05, steps={"sms": [skip_an_attachment]})
    async with running(worker, client):
        await eventually(lambda: inbox.status_of(message_id) == "done")
    assert finished == ["路灯坏了"]
    assert inbox.replies_to(message_id) == ["好的", "附件未保存。"]


class WatchedEvent(asyncio.Event):
    """An event that tells whether anyone has begun waiting on it."""

    awaited = False

    async def wait(self) -> Literal[True]:
        self.awaited = True
        return await super().wait()


async def test_a_pausing_worker_stops_when_cancelled_even_as_it_is_woken():
    wake = WatchedEvent()
    pause = asyncio.create_task(pause_after_short_claim(wake, 5.0, empty=True))
    await eventually(lambda: wake.awaited)  # past the gathering sleep: now waiting to be woken
    wake.set()
    pause.cancel()  # in the same turn of the loop (the worker's last message finishing as it is stopped)
    with pytest.raises(asyncio.CancelledError):
        await pause
