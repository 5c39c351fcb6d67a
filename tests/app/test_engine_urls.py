"""Workers using engines on other hosts (ENGINE_URLS, issue 23): the settings, and a worker's engine built from them
(`engine_for`) keeping each sender on one engine and moving it when that engine fails, over real HTTP to two fake
Rasa servers on two loopback addresses (127.0.0.1 and 127.0.0.2 stand for two machines)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot.app.services import engine_for
from bot.common.settings import Settings
from bot.engine.replicas import ReplicatedEngine, home_index
from bot.messaging.ports import EngineUnavailable
from tests.fakes.server import LoopbackServer
from tests.waiting import eventually

PG = "postgresql://gridbot@127.0.0.1/gridbot"
SENDERS = [f"+86139770000{n:02d}" for n in range(24)]


class FakeRasa:
    """Rasa's status and REST channel, and an action server's health, as one small server; records who talked."""

    def __init__(self) -> None:
        self.conversations: list[str] = []
        self.health_checks = 0

    def app(self) -> Starlette:
        async def status(request: Request) -> JSONResponse:
            return JSONResponse({"model_file": "models/gridbot.tar.gz"})

        async def health(request: Request) -> JSONResponse:
            self.health_checks += 1
            return JSONResponse({"status": "ok"})

        async def rest(request: Request) -> JSONResponse:
            sender = (await request.json())["sender"]
            self.conversations.append(sender)
            return JSONResponse([{"recipient_id": sender, "text": "收到"}])

        return Starlette(routes=[Route("/status", status), Route("/health", health),
                                 Route("/webhooks/rest/webhook", rest, methods=["POST"])])


def second_loopback_address() -> str | None:
    try:
        with socket.socket() as probe:
            probe.bind(("127.0.0.2", 0))
        return None
    except OSError as exc:
        return f"cannot bind 127.0.0.2 ({exc})"


class Hosts:
    """Two fake engines, each on its own address; `down(i)` stops one (connections refused), `up(i)` restarts it."""

    def __init__(self) -> None:
        self.fakes = [FakeRasa(), FakeRasa()]
        self.servers = [LoopbackServer(fake.app(), host=f"127.0.0.{i + 1}").start()
                        for i, fake in enumerate(self.fakes)]

    @property
    def urls(self) -> str:
        return ",".join(server.url for server in self.servers)

    def down(self, index: int) -> None:
        self.servers[index].stop()

    def up(self, index: int) -> None:
        old = self.servers[index]
        self.servers[index] = LoopbackServer(self.fakes[index].app(), host=f"127.0.0.{index + 1}",
                                             port=old.port).start()

    def stop(self) -> None:
        for server in self.servers:
            server.stop()


@pytest.fixture
def hosts() -> Iterator[Hosts]:
    if reason := second_loopback_address():
        pytest.skip(reason)
    two = Hosts()
    yield two
    two.stop()


def test_engine_urls_are_the_engines_a_worker_uses_with_the_action_servers_it_checks_beside_them():
    settings = Settings(_env_file=None, database_url=PG, engine_replicas=1,
                        engine_urls="http://10.0.0.5:5005, http://10.0.0.6:5005/",
                        actions_urls="http://10.0.0.5:5055,http://10.0.0.6:5055")
    assert settings.engine_replica_urls == ["http://10.0.0.5:5005", "http://10.0.0.6:5005"]
    assert [settings.actions_url_checked_for(i) for i in range(2)] == ["http://10.0.0.5:5055",
                                                                       "http://10.0.0.6:5055"]
    assert settings.actions_url_for_engine(0) == "http://127.0.0.1:5055"  # what an engine on this host calls
    unchecked = Settings(_env_file=None, database_url=PG, engine_urls="http://10.0.0.5:5005,http://10.0.0.6:5005")
    assert [unchecked.actions_url_checked_for(i) for i in range(2)] == ["", ""]
    local = Settings(_env_file=None)
    assert local.engine_replica_urls == [local.engine_url]
    assert local.actions_url_checked_for(0) == local.actions_url


def test_engine_urls_from_the_environment(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("ENGINE_URLS", "https://engine-a.internal:5005,https://engine-b.internal:5005")
    monkeypatch.setenv("DATABASE_URL", PG)
    assert Settings(_env_file=None).engine_replica_urls == ["https://engine-a.internal:5005",
                                                            "https://engine-b.internal:5005"]


@pytest.mark.parametrize("shared, refused", [
    ({"engine_urls": "http://10.0.0.5:5005,http://10.0.0.6:5005"}, "DATABASE_URL"),
    ({"engine_urls": "10.0.0.5:5005", "database_url": PG}, "ENGINE_URLS"),
    ({"actions_urls": "tcp://10.0.0.5:5055", "database_url": PG}, "ACTIONS_URLS"),
])
def test_several_engine_urls_without_postgresql_or_an_address_that_is_no_url_are_refused(shared, refused):
    with pytest.raises(ValueError, match=refused):
        Settings(_env_file=None, **shared)


async def test_a_worker_keeps_each_sender_on_one_of_two_hosts_engines_and_moves_only_a_failed_one_s_senders(
        hosts: Hosts):
    engine = engine_for(Settings(_env_file=None, database_url=PG, engine_urls=hosts.urls, actions_urls=hosts.urls))
    assert isinstance(engine, ReplicatedEngine)
    sealed = {sender: engine.replicas[0].conversation_id(sender) for sender in SENDERS}

    def served_by(sender: str) -> list[int]:
        return [i for i, fake in enumerate(hosts.fakes) if sealed[sender] in fake.conversations]

    async def turns(senders: list[str]) -> dict[str, list[int]]:
        for fake in hosts.fakes:
            fake.conversations.clear()
        for sender in senders:
            await engine.converse(sender, "路灯坏了", {})
        return {sender: served_by(sender) for sender in senders}

    try:
        assert await engine.ready()
        assert all(fake.health_checks for fake in hosts.fakes)  # each engine's action server checked beside it
        first = await turns(SENDERS * 3)
        assert first == {s: [home_index(s, 2)] for s in SENDERS}  # every turn of a sender on its one engine
        assert {i for [i] in first.values()} == {0, 1}

        hosts.down(0)
        on_a = [s for s in SENDERS if home_index(s, 2) == 0]
        with pytest.raises(EngineUnavailable):  # the failed turn takes host A out; the worker retries later
            await engine.converse(on_a[0], "路灯坏了", {})
        moved = await turns(SENDERS)
        assert moved == {s: [1] for s in SENDERS}  # A's senders on B now, B's where they were

        hosts.up(0)
        assert await engine.ready()  # A answers its check again: its senders go home
        assert await turns(SENDERS) == {s: [home_index(s, 2)] for s in SENDERS}
    finally:
        await engine.aclose()


async def test_without_actions_urls_a_worker_checks_only_the_engines_on_the_other_hosts(hosts: Hosts):
    engine = engine_for(Settings(_env_file=None, database_url=PG, engine_urls=hosts.urls))
    try:
        assert await engine.ready()
        assert [fake.health_checks for fake in hosts.fakes] == [0, 0]
        hosts.down(1)

        async def b_out_a_still_ready() -> bool:  # once the cached positive answer (0.5 s) lapses
            return await engine.ready() and not engine.is_up(1)

        await eventually(b_out_a_still_ready, timeout=5)
    finally:
        await engine.aclose()


def test_with_only_the_ports_set_the_engine_and_action_server_urls_follow_them(monkeypatch: pytest.MonkeyPatch):
    # Blind test 30: GATEWAY_PORT/ENGINE_PORT/ACTIONS_PORT set, the gateway and worker still called 5005 and 5055
    for name in ("ENGINE_URL", "ACTIONS_URL", "ENGINE_URLS", "ENGINE_REPLICAS", "ACTIONS_REPLICAS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ENGINE_PORT", "5830")
    monkeypatch.setenv("ACTIONS_PORT", "5880")
    local = Settings(_env_file=None)
    assert (local.engine_url, local.actions_url) == ("http://127.0.0.1:5830", "http://127.0.0.1:5880")
    assert local.engine_replica_urls == ["http://127.0.0.1:5830"]
    told = Settings(_env_file=None, engine_url="http://10.0.0.5:5005", actions_url="http://10.0.0.5:5055/webhook")
    assert (told.engine_url, told.actions_url) == ("http://10.0.0.5:5005", "http://10.0.0.5:5055")
