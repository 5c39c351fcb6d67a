"""stack_programs (bot/app/stack.py): what `bin/bot run` starts, one of each or replicas on their own ports."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.app.stack import stack_programs
from bot.common.settings import Settings
from bot.engine.process import lock_store_environment

MODEL = Path("/tmp/model.tar.gz")
PG = "postgresql://gridbot@127.0.0.1/gridbot"


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_by_default_one_engine_one_action_server_one_gateway_and_one_worker_share_an_in_memory_lock():
    programs = stack_programs(Settings(_env_file=None), MODEL, {"ENGINE_AUTH_TOKEN": "t"})
    assert [p.name for p in programs] == ["engine", "actions", "gateway", "worker"]
    assert {p.env["GRIDBOT_LOCK_STORE"] for p in programs} == {"in_memory"}
    assert all(p.env["ENGINE_AUTH_TOKEN"] == "t" for p in programs)


def test_replicas_each_listen_on_their_own_port_and_the_engines_share_the_atomic_redis_lock_store():
    settings = Settings(_env_file=None, database_url=PG, lock_store_url="redis://127.0.0.1:6379/3",
                        engine_replicas=2, actions_replicas=2, gateway_replicas=2, worker_replicas=2)
    programs = {p.name: p for p in stack_programs(settings, MODEL, {})}
    assert sorted(programs) == ["actions-1", "actions-2", "engine-1", "engine-2", "gateway-1", "gateway-2",
                                "worker-1", "worker-2"]
    assert [option(list(programs[f"engine-{n}"].command), "--port") for n in (1, 2)] == ["5005", "5006"]
    assert [programs[f"engine-{n}"].env["GRIDBOT_ACTION_ENDPOINT"] for n in (1, 2)] == [
        "http://127.0.0.1:5055/webhook", "http://127.0.0.1:5056/webhook"]
    assert [programs[f"actions-{n}"].env["ACTIONS_PORT"] for n in (1, 2)] == ["5055", "5056"]
    assert [programs[f"gateway-{n}"].env["GATEWAY_PORT"] for n in (1, 2)] == ["8000", "8001"]
    assert {p.env["GRIDBOT_LOCK_STORE"] for p in programs.values()} == {"engine_ext.lock_store.AtomicRedisLockStore"}
    assert programs["engine-2"].env["GRIDBOT_LOCK_STORE_DB"] == "3"
    assert settings.engine_replica_urls == ["http://127.0.0.1:5005", "http://127.0.0.1:5006"]


@pytest.mark.parametrize("missing, shared", [("DATABASE_URL", {"lock_store_url": "redis://127.0.0.1:6379/1"}),
                                             ("LOCK_STORE_URL", {"database_url": PG})])
def test_more_than_one_engine_without_shared_state_is_refused_and_says_what_is_missing(missing, shared):
    with pytest.raises(ValueError, match=missing):
        Settings(_env_file=None, engine_replicas=2, **shared)


def test_a_lock_store_url_that_is_not_redis_is_refused():
    with pytest.raises(ValueError, match="redis://"):
        lock_store_environment("memcached://127.0.0.1:11211")
