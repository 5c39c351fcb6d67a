"""ReplicatedEngine (bot/engine/replicas.py): each sender sticks to one engine replica; a failed replica's
senders, and only they, move to the next one up and come back when it recovers.

Each replica is a real EngineClient whose HTTP goes to a fake Rasa at the boundary (httpx.MockTransport).
"""

from __future__ import annotations

import zlib

import httpx
import pytest

from bot.engine.client import EngineClient
from bot.engine.replicas import ReplicatedEngine, home_index
from bot.messaging.ports import EngineUnavailable
from tests.engine.test_client import Clock, Engine

SENDERS = [f"+86139000000{n:02d}" for n in range(40)]


class Replicas:
    def __init__(self, count: int) -> None:
        self.clock = Clock()
        self.fakes = [Engine() for _ in range(count)]
        clients = [EngineClient(f"http://127.0.0.1:{5005 + i}", f"http://127.0.0.1:{5055 + i}",
                                transport=httpx.MockTransport(fake.handler), monotonic=self.clock)
                   for i, fake in enumerate(self.fakes)]
        self.engine = ReplicatedEngine(clients, recheck_seconds=5.0, clock=self.clock)

    def took_turn(self) -> list[int]:
        """The replicas whose REST channel was reached since the requests were last cleared."""
        return [i for i, fake in enumerate(self.fakes)
                if any(r.url.path == "/webhooks/rest/webhook" for r in fake.requests)]

    async def turn(self, sender: str) -> int:
        for fake in self.fakes:
            fake.requests.clear()
        await self.engine.converse(sender, "路灯坏了", {})
        [replica] = self.took_turn()
        return replica


def test_a_sender_s_home_replica_is_a_crc32_of_its_id_the_same_in_every_process():
    assert home_index("+8613900000001", 3) == zlib.crc32(b"+8613900000001") % 3
    assert {home_index(s, 3) for s in SENDERS} == {0, 1, 2}  # the senders spread over every replica


async def test_each_sender_s_turns_all_go_to_its_home_replica():
    replicas = Replicas(3)
    for sender in SENDERS:
        assert {await replicas.turn(sender) for _ in range(3)} == {home_index(sender, 3)}


async def test_a_failed_replica_s_senders_move_to_the_next_one_up_and_the_others_stay_where_they_were():
    replicas = Replicas(3)
    replicas.fakes[1].unreachable = True
    on_one = [s for s in SENDERS if home_index(s, 3) == 1]
    with pytest.raises(EngineUnavailable):
        await replicas.turn(on_one[0])  # the failure that takes replica 1 out; the worker retries the message
    for sender in SENDERS:
        home = home_index(sender, 3)
        assert await replicas.turn(sender) == (2 if home == 1 else home)


async def test_a_recovered_replica_gets_its_senders_back_after_the_recheck_time():
    replicas = Replicas(2)
    sender = next(s for s in SENDERS if home_index(s, 2) == 0)
    replicas.fakes[0].unreachable = True
    with pytest.raises(EngineUnavailable):
        await replicas.turn(sender)
    assert await replicas.turn(sender) == 1
    replicas.fakes[0].unreachable = False
    replicas.clock.now += 4.9
    assert await replicas.turn(sender) == 1
    replicas.clock.now += 0.2
    assert await replicas.turn(sender) == 0


async def test_ready_while_any_replica_is_and_a_replica_failing_its_check_loses_its_senders_at_once():
    replicas = Replicas(2)
    sender = next(s for s in SENDERS if home_index(s, 2) == 0)
    replicas.fakes[0].up = False  # answers 503 to the status check
    assert await replicas.engine.ready()
    assert await replicas.turn(sender) == 1
    replicas.fakes[1].up = False
    replicas.clock.now += 10  # the cached positive answer of replica 1 lapses too
    assert not await replicas.engine.ready()


async def test_with_every_replica_down_a_turn_is_unavailable_not_lost():
    replicas = Replicas(2)
    for fake in replicas.fakes:
        fake.unreachable = True
    for _ in range(3):
        with pytest.raises(EngineUnavailable):
            await replicas.engine.converse(SENDERS[0], "路灯坏了", {})


async def test_a_parse_goes_to_a_replica_that_is_up_and_a_failing_one_is_skipped():
    replicas = Replicas(2)
    replicas.fakes[0].unreachable = True
    await replicas.engine.parse("路灯坏了")
    assert [r.url.path for r in replicas.fakes[1].requests] == ["/model/parse"]
    assert not replicas.engine.is_up(0)
    replicas.fakes[1].unreachable = True
    with pytest.raises(EngineUnavailable):
        await replicas.engine.parse("路灯坏了")
