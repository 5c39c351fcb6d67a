"""How fast the worker board (亮灯, /staff/board) is for 128 grid workers and 11,512 households, the size
of the seed's resettlement area, on SQLite and PostgreSQL.

Run in the app venv from the repository root (PostgreSQL from POSTGRES_TEST_URL or 127.0.0.1):

    bin/venv app python bench/worker_board.py [--tickets 20000] [--rounds 20] [--write]

Each backend gets a fresh database with the demo subdistrict grown to 128 grids (a grid worker each),
11,512 households, one visit task for every third household this month (a third of them done), the
lights of the six months before, and --tickets tickets over 180 days held by the grid workers, with
their events (written as rows: this measures reading). Timed per round: `worker_board.board` for all
128 workers (every figure one grouped query), and the page over HTTP (ASGI) for the duty officer,
signed in through the form. Medians and p95 in ms; --write replaces the section in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402

from bench.common import backends, fresh_database, write_section  # noqa: E402
from bot.app.demo import load_demo  # noqa: E402
from bot.app.gateway import create_app  # noqa: E402
from bot.app.services import build_services  # noqa: E402
from bot.common.clock import FakeClock  # noqa: E402
from bot.common.settings import Settings  # noqa: E402
from bot.core import worker_board  # noqa: E402
from bot.core.monthly import month_of, previous_month  # noqa: E402
from bot.core.staff_accounts import set_password  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.household_models import VisitTask, WorkerMonthLight  # noqa: E402
from bot.store.models import Household, OrgUnit, Person, StaffRole, Ticket, TicketEvent  # noqa: E402

START, END = "<!-- bench/worker_board.py:start -->", "<!-- bench/worker_board.py:end -->"
NOW = datetime(2026, 11, 20, 4, 0, tzinfo=UTC)
GRIDS, HOUSEHOLDS = 128, 11_512
OFFICER, PASSWORD = "+8613800000001", "bench-password"


def grow(db: Database) -> list[tuple[int, int]]:
    """The demo grown to GRIDS grids with a grid worker each and HOUSEHOLDS households; (grid, worker) pairs."""
    with db.session() as s:
        communities = list(s.scalars(select(OrgUnit).where(OrgUnit.kind == "community").order_by(OrgUnit.id)))
        have = s.scalar(select(OrgUnit.id).where(OrgUnit.kind == "grid").limit(1)) is not None
        assert have
        for n in range(GRIDS - len(list(s.scalars(select(OrgUnit.id).where(OrgUnit.kind == "grid"))))):
            parent = communities[n % len(communities)]
            grid = OrgUnit(code=f"BX-G{n}", kind="grid", name=f"{parent.name}扩{n}网格", parent_id=parent.id,
                           aliases=[])
            worker = Person(name=f"网格员{n}", phone=f"+86137100{n:05d}", kind="staff")
            s.add_all([grid, worker])
            s.flush()
            s.add(StaffRole(person_id=worker.id, role="grid_worker", unit_id=grid.id))
        pairs = [(unit, person) for unit, person in s.execute(
            select(StaffRole.unit_id, StaffRole.person_id).where(StaffRole.role == "grid_worker"))]
        have_households = len(list(s.scalars(select(Household.id))))
        rows = [dict(code=f"BH{i:05d}", unit_id=pairs[i % len(pairs)][0], address=f"扩建小区{i}号",
                     colour=("red", "yellow", "green", "green")[i % 4], tags=[])
                for i in range(HOUSEHOLDS - have_households)]
        s.execute(insert(Household), rows)
    assert len(pairs) == GRIDS
    return pairs


def fill(db: Database, pairs: list[tuple[int, int]], n: int) -> None:
    rng = random.Random(21)
    month = month_of(NOW)
    worker_of = dict(pairs)
    with db.session() as s:
        reporters = [(pid, phone) for pid, phone in s.execute(select(Person.id, Person.phone)
                                                               .where(Person.kind == "resident"))]
        households = list(s.execute(select(Household.id, Household.unit_id)))
    tasks = [dict(month=month, household_id=hid, unit_id=unit, worker_id=worker_of[unit], reason="red",
                  due_at=NOW + timedelta(days=10), status="done" if i % 9 == 0 else "open")
             for i, (hid, unit) in enumerate(households) if i % 3 == 0]
    lights, past = [], month
    for _ in range(6):
        past = previous_month(past)
        lights += [dict(person_id=w, unit_id=g, month=past, light=rng.choice(["red", "yellow", "green"]),
                        open_count=0, overdue_count=0) for g, w in pairs]
    tickets, events = [], []
    for i in range(n):
        tid = 200_000 + i
        unit, worker = rng.choice(pairs)
        created = NOW - timedelta(days=180) * (1 - i / n)
        reporter, phone = rng.choice(reporters)
        row = dict(id=tid, number=f"W{tid}", status="assigned", priority="normal", category="roads", text="问题",
                   place_text="", reporter_id=reporter, reporter_address=phone, reporter_channel="sms", unit_id=unit,
                   assignee_id=worker, assignee_role="grid_worker", created_at=created,
                   ack_due_at=created + timedelta(hours=24), due_at=created + timedelta(days=7), severity="minor",
                   escalation_level=0, urge_count=0)
        events.append(dict(ticket_id=tid, kind="created", at=created, note="", data={}))
        if rng.random() > 0.1:
            acked = created + timedelta(hours=rng.expovariate(1 / 12))
            resolved = acked + timedelta(hours=rng.expovariate(1 / 80))
            row.update(status="closed", acknowledged_at=acked, resolved_at=resolved, closed_at=resolved)
            events.append(dict(ticket_id=tid, kind="resolved", at=resolved, note="", data={}))
            if rng.random() > 0.3:
                events.append(dict(ticket_id=tid, kind="rated", at=resolved, note="",
                                   data={"score": rng.choices([1, 2, 3], [80, 15, 5])[0]}))
        tickets.append(row)
    with db.session() as s:
        for table, rows in ((Ticket, tickets), (TicketEvent, events), (VisitTask, tasks), (WorkerMonthLight, lights)):
            for start in range(0, len(rows), 2000):
                s.execute(insert(table), rows[start:start + 2000])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def page_times(settings: Settings, clock: FakeClock, rounds: int) -> tuple[list[float], int]:
    services = build_services(settings, clock)
    with services.db.session() as s:
        set_password(s, clock, OFFICER, PASSWORD, actor="bench")
    times, size = [], 0
    transport = httpx.ASGITransport(app=create_app(services, run_workers=False))
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        form = await client.get("/staff/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        signed = await client.post("/staff/login", data={"phone": OFFICER, "password": PASSWORD, "csrf": csrf})
        assert signed.status_code == 303, signed.text
        await client.get("/staff/board")  # warm up
        for _ in range(rounds):
            t0 = time.perf_counter()
            answer = await client.get("/staff/board")
            times.append((time.perf_counter() - t0) * 1000)
            assert answer.status_code == 200 and answer.text.count('<tr class="worker"') == GRIDS
            size = len(answer.content)
    await services.aclose()
    return times, size


def bench(url: str, tmp: Path, args: argparse.Namespace) -> dict[str, tuple[float, float]]:
    db = Database(url)
    db.migrate()
    load_demo(db)
    fill(db, grow(db), args.tickets)
    thresholds = worker_board.Thresholds()
    core = []
    for _ in range(args.rounds + 1):
        t0 = time.perf_counter()
        with db.session() as s:
            found = worker_board.board(s, month_of(NOW), NOW, thresholds)
        core.append((time.perf_counter() - t0) * 1000)
        assert len(found.rows) == GRIDS
    db.dispose()
    settings = Settings(var_dir=tmp / "var", database_url=url, _env_file=None)  # type: ignore[call-arg]
    page, size = asyncio.run(page_times(settings, FakeClock(NOW), args.rounds))
    core = core[1:]
    return {"core": (statistics.median(core), percentile(core, 0.95)),
            "page": (statistics.median(page), percentile(page, 0.95)), "KiB": (size / 1024, 0)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, tuple[float, float]]] = {}
    for backend in backends():
        with fresh_database(backend) as url, tempfile.TemporaryDirectory() as tmp:
            results[backend] = bench(url, Path(tmp), args)
    load = os.getloadavg()[0]
    lines = [START, "## The worker board: 128 grid workers (`bench/worker_board.py`)", "",
             f"{GRIDS} grids with a grid worker each, {HOUSEHOLDS:,} households (a visit task this month for every "
             f"third), {args.tickets:,} tickets over 180 days held by the workers with their events, six months of "
             f"kept lights; {args.rounds} rounds, one run on {platform.machine()} with {os.cpu_count()} cores "
             f"(load average {load:.1f} at the end: other work shares the machine). `board` is the core for all "
             "workers (the statistics' three grouped statements, the visits, open and overdue, the red runs); "
             "the page is `/staff/board` for the duty officer over ASGI, session and template included.", "",
             "| database | board, core (median / p95 ms) | page (median / p95 ms) | page KiB |", "|---|---:|---:|---:|"]
    for name, r in results.items():
        lines.append(f"| {name} | {r['core'][0]:.0f} / {r['core'][1]:.0f} | {r['page'][0]:.0f} / {r['page'][1]:.0f} "
                     f"| {r['KiB'][0]:.0f} |")
    lines.append(END)
    section = "\n".join(lines)
    print(section)
    if args.write:
        write_section(START, END, section)


if __name__ == "__main__":
    main()
