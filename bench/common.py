"""What the database benchmarks share: a fresh database on each backend, a call timed, and their section
of docs/benchmarks.md replaced in place."""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.store.db import Database  # noqa: E402

BENCHMARKS = REPO / "docs" / "benchmarks.md"


@contextmanager
def fresh_database(backend: str) -> Iterator[str]:
    """The URL of an empty database on `backend` ("SQLite" or "PostgreSQL"), removed afterwards."""
    if backend == "SQLite":
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{Path(tmp) / 'bench.db'}"
        return
    from tests.conftest import POSTGRES_ADMIN_URL, create_postgres_database, drop_postgres_database

    name, url = create_postgres_database(POSTGRES_ADMIN_URL)
    try:
        yield url
    finally:
        drop_postgres_database(POSTGRES_ADMIN_URL, name)


def backends(postgres: bool = True) -> list[str]:
    """SQLite, and PostgreSQL when asked for and reachable."""
    from tests.conftest import postgres_unavailable

    return ["SQLite", *(["PostgreSQL"] if postgres and not postgres_unavailable() else [])]


def databases(postgres: bool = True) -> Iterator[tuple[str, Database]]:
    """Each backend's name and a fresh, empty database on it, disposed of and removed after its turn."""
    for backend in backends(postgres):
        with fresh_database(backend) as url:
            db = Database(url)
            try:
                yield backend, db
            finally:
                db.dispose()


def timed(fn: Callable[[], object]) -> float:
    """How long one call takes, in ms."""
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1000


def write_section(start: str, end: str, section: str) -> None:
    """Replace the text between the markers in docs/benchmarks.md (or append the section)."""
    text = BENCHMARKS.read_text(encoding="utf-8") if BENCHMARKS.exists() else "# Benchmarks\n"
    if start in text and end in text:
        text = text[:text.index(start)] + section + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    BENCHMARKS.write_text(text, encoding="utf-8")
