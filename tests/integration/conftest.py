from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from bot.common.settings import Settings, load_settings
from bot.engine.model_cache import ensure_model
from tests.conftest import PostgresTemplates, SqliteTemplates, drop_postgres_database, postgres_unavailable
from tests.integration.stack import Stack, free_port

# Loading the model takes 20–90 s per engine (minutes on busy shared cores): wait long before giving up.
START_TIMEOUT = 480.0


@pytest.fixture(scope="session")
def trained_model(request: pytest.FixtureRequest) -> Path:
    """The model for the current training data: reused from the cache, trained once if missing."""
    chosen = request.config.getoption("--model")
    if chosen:
        return Path(chosen).resolve()
    return ensure_model(load_settings().gridbot_cache_dir)


def _new_stack(tmp: Path, model: Path, database_url: str) -> Stack:
    """A stack on `database_url`, which already holds the demo (a copy of the demo template)."""
    engine_port, actions_port, gateway_port = free_port(), free_port(), free_port()
    settings = Settings(var_dir=tmp / "var", database_url=database_url, gateway_port=gateway_port,
                        engine_port=engine_port, actions_port=actions_port,
                        engine_url=f"http://127.0.0.1:{engine_port}", actions_url=f"http://127.0.0.1:{actions_port}",
                        simulator_wait_seconds=10, inbox_backoff_seconds=0.5,
                        engine_auth_token=SecretStr(secrets.token_urlsafe(16)),
                        actions_auth_token=SecretStr(secrets.token_urlsafe(16)), _env_file=None)
    return Stack(settings=settings, model=model, workdir=tmp)


@pytest.fixture(scope="session")
def launched_pg_stack(tmp_path_factory: pytest.TempPathFactory, trained_model: Path, postgres_server: str,
                      postgres_templates: PostgresTemplates) -> Iterator[Stack]:
    """The PostgreSQL stack's processes, started but not waited for."""
    name, url = postgres_templates.copy("demo")
    stack = _new_stack(tmp_path_factory.mktemp("stack-pg"), trained_model, url)
    try:
        stack.launch()
        yield stack
    finally:
        stack.stop()
        drop_postgres_database(postgres_server, name)


@pytest.fixture(scope="session")
def stack(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, trained_model: Path,
          sqlite_templates: SqliteTemplates) -> Iterator[Stack]:
    """Engine, actions and gateway on SQLite, the embedded default."""
    tmp = tmp_path_factory.mktemp("stack-sqlite")
    stack = _new_stack(tmp, trained_model, sqlite_templates.copy("demo", tmp / "var" / "gridbot.db"))
    try:
        stack.launch()
        if postgres_unavailable() is None and any("pg_stack" in getattr(item, "fixturenames", ())
                                                 for item in request.session.items):
            request.getfixturevalue("launched_pg_stack")  # its engine loads while this one does
        stack.wait_until_healthy(START_TIMEOUT)
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="session")
def pg_stack(launched_pg_stack: Stack) -> Stack:
    """The same stack with the app and Rasa's tracker store on PostgreSQL."""
    launched_pg_stack.wait_until_healthy(START_TIMEOUT)
    return launched_pg_stack


@pytest.fixture(params=["stack", pytest.param("pg_stack", marks=pytest.mark.postgres)])
def running(request: pytest.FixtureRequest) -> Stack:
    """The conversation tests' stack: each runs on SQLite and on PostgreSQL."""
    return request.getfixturevalue(request.param)
