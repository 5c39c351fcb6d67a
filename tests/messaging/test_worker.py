import asyncio
import contextlib
import dataclasses
import itertools
import json
import time
from collections.abc import AsyncIterator
from typing import Literal

import httpx
import pytest
from sqlalchemy import select

from bot.common.clock import Clock, FakeClock
from bot.common.settings import Settings
from bot.engine.client import EngineClient
from bot.messaging.inbox import APOLOGY, IN_DOUBT, PARKED, Inbox
from bot.messaging.ports import Claimed, Inbound, PermanentStepError, with_note
from bot.messaging.worker import GATHER_SECONDS, MAX_CHARS, InboundWorker, pause_after_short_claim
from bot.store.db import Database
from bot.store.message_models import InboxMessage, OutboxMessage
from tests.conftest import RESIDENT
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


def echo_engine(turns: list[dict]) -> EngineClient:
    """An engine that records each turn (text and metadata) and answers it."""
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/status":
            return httpx.Response(200, json={"model_file": "m.tar.gz"})
        if request.url.path == "/health":
            return httpx.Response(200, json={"status": "ok"})
        body = json.loads(request.content)
        turns.append(body)
        return httpx.Response(200, json=[{"text": f"收到：{body['message'][:10]}"}])

    return EngineClient("http://engine", "http://actions", transport=httpx.MockTransport(handler), ready_seconds=0)


def apologies(db: Database) -> list[str]:
    with db.session() as s:
        return list(s.scalars(select(OutboxMessage.text).where(OutboxMessage.kind == "apology")))


async def test_a_sender_whose_message_always_fails_is_answered_again_within_one_backoff(db: Database):
    clock = FakeClock()
    inbox = Inbox(db, clock, max_attempts=3, backoff_seconds=10)

    async def unusable_media(message: Claimed) -> Claimed:  # fails for this one message, every time
        if message.text == "彩信":
            raise OSError("media host unreachable")
        return message

    bad, _ = inbox.store(Inbound(channel="sms", external_id="SM1", sender=RESIDENT, text="彩信"))
    report, _ = inbox.store(Inbound(channel="sms", external_id="SM2", sender=RESIDENT, text="路灯坏了"))
    turns: list[dict] = []
    client = echo_engine(turns)
    worker = InboundWorker(inbox, client, steps={"sms": [unusable_media]})
    for backoff in (10, 20):  # attempts 1 and 2 fail; the report behind the bad message waits
        assert await worker.run_once() == 1
        assert inbox.status_of(report) == "pending" and turns == []
        clock.advance(seconds=backoff)
    assert await worker.run_once() == 1  # the last allowed attempt fails: parked
    assert inbox.status_of(bad) == PARKED
    assert await worker.run_once() == 1  # no more waiting: the report goes on at once
    assert inbox.status_of(report) == "done"
    assert [t["message"] for t in turns] == ["路灯坏了"]
    assert apologies(db) == [APOLOGY]
    assert inbox.stuck()[0].last_error == "unusable_media: OSError"
    await client.aclose()


async def test_a_step_that_finds_a_message_can_never_go_through_parks_it_at_once_with_its_note(
        db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)

    async def gone_media(message: Claimed) -> Claimed:
        if message.text == "":
            raise PermanentStepError("media gone", reply="照片没能收到，请重新发送。")
        return message

    bad, _ = inbox.store(Inbound(channel="sms", external_id="MM1", sender=RESIDENT, text=""))
    report, _ = inbox.store(Inbound(channel="sms", external_id="SM2", sender=RESIDENT, text="路灯坏了"))
    turns: list[dict] = []
    client = echo_engine(turns)
    worker = InboundWorker(inbox, client, steps={"sms": [gone_media]})
    while await worker.run_once():
        pass
    assert (inbox.status_of(bad), inbox.status_of(report)) == (PARKED, "done")
    assert inbox.replies_to(bad) == ["照片没能收到，请重新发送。"]
    assert inbox.stuck()[0].last_error == "gone_media: media gone"
    assert [t["message"] for t in turns] == ["路灯坏了"]
    await client.aclose()


class BrokenTurns:
    """An engine whose client cannot send one message's turn (metadata that is no JSON: NaN)."""

    def __init__(self) -> None:
        self.answered: list[str] = []

    async def ready(self) -> bool:
        return True

    async def converse(self, sender: str, text: str, metadata: dict) -> list[dict]:
        if text == "坏":
            raise ValueError("Out of range float values are not JSON compliant")
        self.answered.append(text)
        return [{"text": "好的"}]

    async def turn_taken(self, sender: str, inbox_id: int) -> list[dict] | None:
        return None


async def test_a_turn_that_cannot_even_be_sent_is_retried_and_then_parked_not_left_claimed(db: Database,
                                                                                         clock: FakeClock):
    inbox = Inbox(db, clock, max_attempts=1)
    bad, _ = inbox.store(Inbound(channel="simulator", external_id="1", sender=RESIDENT, text="坏"))
    report, _ = inbox.store(Inbound(channel="simulator", external_id="2", sender=RESIDENT, text="路灯坏了"))
    engine = BrokenTurns()
    worker = InboundWorker(inbox, engine)
    while await worker.run_once():
        pass
    assert (inbox.status_of(bad), inbox.status_of(report)) == (PARKED, "done")
    # A turn that failed may have been taken: were it put back, the engine would be asked first.
    assert inbox.stuck()[0].last_error == f"{IN_DOUBT}; engine: ValueError"
    assert engine.answered == ["路灯坏了"]


async def test_a_message_its_workers_never_finish_is_parked_when_taken_over_once_too_often(db: Database,
                                                                                         clock: FakeClock):
    inbox = Inbox(db, clock, max_attempts=2, lease_seconds=60)
    bad, _ = inbox.store(Inbound(channel="simulator", external_id="1", sender=RESIDENT, text="撑爆引擎"))
    for crashed in ("w1", "w2"):  # each worker died (or hung) on it; the lease ran out
        inbox.claim(crashed)
        clock.advance(seconds=61)
    engine = BrokenTurns()
    assert await InboundWorker(inbox, engine).run_once() == 1
    assert inbox.status_of(bad) == PARKED and engine.answered == []
    assert apologies(db) == [APOLOGY]


async def test_the_engine_gets_at_most_max_chars_of_a_huge_text_and_is_told_while_the_inbox_keeps_it_all(
        db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    huge = "路灯坏了" * 425_000  # 1.7 million characters
    message_id, _ = inbox.store(Inbound(channel="telegram", external_id="1", sender="tg:1", text=huge))
    short, _ = inbox.store(Inbound(channel="telegram", external_id="2", sender="tg:2", text="路灯坏了"))
    turns: list[dict] = []
    client = echo_engine(turns)
    assert await InboundWorker(inbox, client, max_chars=1000).run_once() == 2
    by_sender = {client.conversations.open(t["sender"]): t for t in turns}
    assert by_sender["tg:1"]["message"] == huge[:1000] and by_sender["tg:1"]["metadata"]["truncated"] is True
    assert by_sender["tg:2"]["message"] == "路灯坏了" and "truncated" not in by_sender["tg:2"]["metadata"]
    assert inbox.status_of(message_id) == inbox.status_of(short) == "done"
    with db.session() as s:
        assert s.scalar(select(InboxMessage.text).where(InboxMessage.id == message_id)) == huge
    await client.aclose()


def test_by_default_the_engine_gets_at_most_a_thousand_characters():
    assert Settings(_env_file=None).inbound_max_chars == MAX_CHARS == 1000  # type: ignore[call-arg]


async def test_the_engine_is_told_the_role_a_step_found_with_the_turn_and_nothing_without_one(
        db: Database, clock: FakeClock):
    inbox = Inbox(db, clock)
    inbox.store(Inbound(channel="sms", external_id="r1", sender="+86139777960", text="收到 好的"))
    inbox.store(Inbound(channel="sms", external_id="s1", sender="+86139777961", text="收到 T1042"))
    staff = {"+86139777961"}

    async def desk(message: Claimed) -> Claimed:  # the app's staff desk looks the sender up (bot/app/steps.py)
        return dataclasses.replace(message, role="staff" if message.sender in staff else "resident")

    turns: list[dict] = []
    client = echo_engine(turns)
    assert await InboundWorker(inbox, client, steps={"sms": [desk]}).run_once() == 2
    roles = {client.conversations.open(t["sender"]): t["metadata"].get("role") for t in turns}
    assert roles == {"+86139777960": "resident", "+86139777961": "staff"}
    with db.session() as s:  # never stored: a retry runs the steps again
        assert all("role" not in (p or {}) for p in s.scalars(select(InboxMessage.payload)))

    inbox.store(Inbound(channel="sms", external_id="r2", sender="+86139777962", text="收到"))
    assert await InboundWorker(inbox, client).run_once() == 1
    assert "role" not in turns[-1]["metadata"]
    await client.aclose()
