"""How fast ballots are recorded, and what the one-ballot-each guarantee costs under contention.

Run in the app venv from the repository root (PostgreSQL from POSTGRES_TEST_URL or 127.0.0.1):

    bin/venv app python bench/council_ballots.py [--voters 200] [--rounds 5]

On a fresh SQLite file and a fresh PostgreSQL database (demo data + extra villagers), each round
opens a topic and measures, side by side: N ballots one after another (one transaction each),
N simultaneous ballots from N voters, and N simultaneous ballots from one voter (all but one
become changes of the same row). It prints medians over the rounds and checks the ballot count.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import func, select  # noqa: E402

from bot.app.demo import load_demo  # noqa: E402
from bot.common.clock import FakeClock  # noqa: E402
from bot.core import council  # noqa: E402
from bot.core.council_ballots import cast  # noqa: E402
from bot.store.council_models import Ballot  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.models import OrgUnit, Person  # noqa: E402
from tests.conftest import create_postgres_database, drop_postgres_database  # noqa: E402

ADMIN = os.environ.get("POSTGRES_TEST_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def _setup(db: Database, voters: int) -> list[int]:
    db.migrate()
    load_demo(db)
    with db.session() as s:
        gid = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "SQ-V1"))
        people = [Person(name=f"村民{n}", phone=f"+86135{90_000 + n:08d}", kind="resident", villager_group_id=gid)
                  for n in range(voters)]
        s.add_all(people)
        s.flush()
        return [p.id for p in people]


def _topic(db: Database, clock: FakeClock) -> int:
    with db.session() as s:
        gid = s.scalar(select(OrgUnit.id).where(OrgUnit.code == "SQ-V1"))
        topic = council.create_topic(s, clock, title="基准", electorate=council.electorate_of(groups=[gid]))
        council.approve(s, clock, topic.id)
        council.open_topic(s, clock, topic.id, clock.now().replace(year=2030))
        return topic.id


def _one(db: Database, clock: FakeClock, topic_id: int, person_id: int, option: int) -> str:
    with db.session() as s:
        return cast(s, clock, topic_id, s.get(Person, person_id), option).status


def _simultaneous(db: Database, clock: FakeClock, jobs: list[tuple[int, int, int]]) -> float:
    barrier = threading.Barrier(len(jobs) + 1)

    def run(job: tuple[int, int, int]) -> str:
        barrier.wait()
        return _one(db, clock, *job)

    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        futures = [pool.submit(run, job) for job in jobs]
        barrier.wait()
        start = time.perf_counter()
        for f in futures:
            f.result()
        return time.perf_counter() - start


def measure(db: Database, voters: list[int], rounds: int) -> dict[str, float]:
    clock = FakeClock()
    sequential, many, same = [], [], []
    for _ in range(rounds):
        topic_id = _topic(db, clock)
        start = time.perf_counter()
        for pid in voters:
            _one(db, clock, topic_id, pid, 1)
        sequential.append(time.perf_counter() - start)
        topic_id = _topic(db, clock)
        many.append(_simultaneous(db, clock, [(topic_id, pid, 2) for pid in voters]))
        topic_id = _topic(db, clock)
        same.append(_simultaneous(db, clock, [(topic_id, voters[0], n % 3 + 1) for n in range(len(voters))]))
        with db.session() as s:
            assert s.scalar(select(func.count()).select_from(Ballot).where(Ballot.topic_id == topic_id)) == 1
    n = len(voters)
    return {"sequential ms/ballot": 1000 * statistics.median(sequential) / n,
            "N voters at once, s": statistics.median(many),
            "1 voter N times at once, s": statistics.median(same)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--voters", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        results["SQLite"] = measure(db, _setup(db, args.voters), args.rounds)
        db.dispose()
    name, url = create_postgres_database(ADMIN)
    try:
        db = Database(url)
        results["PostgreSQL"] = measure(db, _setup(db, args.voters), args.rounds)
        db.dispose()
    finally:
        drop_postgres_database(ADMIN, name)
    keys = list(next(iter(results.values())))
    print(f"N = {args.voters}, medians of {args.rounds} rounds")
    print("| measure | " + " | ".join(results) + " | PostgreSQL / SQLite |")
    print("|---|" + "---|" * (len(results) + 1))
    for key in keys:
        row = [results[db_name][key] for db_name in results]
        print(f"| {key} | " + " | ".join(f"{v:.3f}" for v in row) + f" | {row[1] / row[0]:.2f} |")


if __name__ == "__main__":
    main()
