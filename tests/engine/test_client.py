import httpx
import pytest

from bot.engine.client import EngineClient
from bot.messaging.ports import EngineUnavailable


class Engine:
    """Rasa's status and REST channel and the action server's health, at the HTTP boundary."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.up = True

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.asked.append(request.url.path)
        if not self.up:
            return httpx.Response(503)
        if request.url.path == "/status":
            return httpx.Response(200, json={"model_file": "models/test.tar.gz"})
        return httpx.Response(200, json={"status": "ok"} if request.url.path == "/health" else [])


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def engine() -> Engine:
    return Engine()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def client(engine: Engine, clock: Clock):
    built = EngineClient("http://engine", "http://actions", transport=httpx.MockTransport(engine.handler),
                         ready_seconds=0.5, monotonic=clock)
    yield built
    await built.aclose()


async def test_it_trusts_a_positive_readiness_check_for_a_moment(client, engine, clock):
    assert await client.ready()
    assert engine.asked == ["/status", "/health"]
    clock.now += 0.4
    assert await client.ready()
    assert engine.asked == ["/status", "/health"]  # not asked again
    clock.now += 0.2
    assert await client.ready()
    assert engine.asked == ["/status", "/health"] * 2


async def test_it_never_keeps_a_negative_answer(client, engine):
    engine.up = False
    assert not await client.ready()
    engine.up = True
    assert await client.ready()
    assert engine.asked == ["/status", "/status", "/health"]


async def test_a_failed_turn_makes_it_ask_again(client, engine):
    assert await client.ready()
    engine.up = False
    with pytest.raises(EngineUnavailable):
        await client.converse("+8613900000001", "你好", {})
    assert not await client.ready()
    assert engine.asked[-1] == "/status"

