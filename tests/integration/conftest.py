from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.demo import load_demo
from bot.model import ensure_model
from bot.settings import Settings, load_settings
from bot.store.db import Database
from tests.conftest import create_postgres_database, drop_postgres_database
from tests.integration.stack import Stack, free_port


@pytest.fixture(scope="session")
def trained_model(request: pytest.FixtureRequest) -> Path:
    """The model for the current training data: reused from the cache, trained once if missing."""
    chosen = request.config.getoption("--model")
    if chosen:
        return Path(chosen).resolve()
    return ensure_model(load_settings().gridbot_cache_dir)


def _stack(tmp: Path, model: Path, database_url: str) -> Iterator[Stack]:
    engine_port, actions_port, gateway_port = free_port(), free_port(), free_port()
    settings = Settings(var_dir=tmp / "var", database_url=database_url, gateway_port=gateway_port,
                        engine_port=engine_port, actions_port=actions_port,
                        engine_url=f"http://127.0.0.1:{engine_port}", actions_url=f"http://127.0.0.1:{actions_port}",
                        simulator_wait_seconds=10, inbox_backoff_seconds=0.5, _env_file=None)
    db = Database(settings.resolved_database_url)
    db.migrate()
    load_demo(db)
    db.dispose()
    stack = Stack(settings=settings, model=model, workdir=tmp)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, trained_model: Path) -> Iterator[Stack]:
    """Engine, actions and gateway on SQLite, the embedded default."""
    tmp = tmp_path_factory.mktemp("stack-sqlite")
    yield from _stack(tmp, trained_model, f"sqlite:///{tmp / 'var' / 'gridbot.db'}")


@pytest.fixture(scope="session")
def pg_stack(tmp_path_factory: pytest.TempPathFactory, trained_model: Path, postgres_server: str) -> Iterator[Stack]:
    """The same stack with the app and Rasa's tracker store on PostgreSQL."""
    name, url = create_postgres_database(postgres_server)
    try:
        yield from _stack(tmp_path_factory.mktemp("stack-pg"), trained_model, url)
    finally:
        drop_postgres_database(postgres_server, name)
