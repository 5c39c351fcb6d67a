"""Tickets per second for routing (locating a report's grid) and creation (open, assign, notify,
schedule timers, each in its own transaction), on SQLite and PostgreSQL side by side.

Run in the app venv from the repository root (PostgreSQL from POSTGRES_TEST_URL or 127.0.0.1):

    bin/venv app python bench/tickets.py [--route 600] [--create 200] [--rounds 5] [--write]

Each backend gets a fresh database with the demo subdistrict. Routing mixes the three ways a
report is placed (a point in a polygon, a named place, the reporter's home grid); creation uses
residents' reports of varied categories. Medians over the rounds; --write replaces the tickets
section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import select  # noqa: E402

from bench.common import databases, write_section  # noqa: E402
from bot.app.demo import load_demo  # noqa: E402
from bot.common.clock import FakeClock  # noqa: E402
from bot.core import registry, reports  # noqa: E402
from bot.core.places import locate  # noqa: E402
from bot.core.routing_rules import DEFAULT_PATH, load_rules  # noqa: E402
from bot.core.tickets import CATEGORY_NAMES, Report  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.models import Person  # noqa: E402

START, END = "<!-- bench/tickets.py:start -->", "<!-- bench/tickets.py:end -->"
PLACES = ["阳光小区", "幸福家园", "建设路", "中心小学", "安居苑二期", "卫生院", "农贸市场", "河畔花园", "文化广场",
          "石桥村三组"]


def route_rate(db: Database, n: int) -> float:
    with db.session() as s:
        residents = list(s.scalars(select(Person).where(Person.kind == "resident").limit(50)))
        t0 = time.perf_counter()
        for i in range(n):
            way = i % 3
            if way == 0:
                row, col = i % 3, (i // 3) % 4  # the demo's community grids are 0.005° squares
                lat = 25.4 + row * 0.005 + (i % 7) * 0.0006 + 0.0001
                lon = 103.3 + col * 0.005 + (i % 5) * 0.0009 + 0.0001
                where = locate(s, reporter=None, text="这里有问题", lat=lat, lon=lon)
            elif way == 1:
                where = locate(s, reporter=None, text=f"{PLACES[i % len(PLACES)]}门口的灯坏了")
            else:
                where = locate(s, reporter=residents[i % len(residents)], text="我家楼下路灯坏了")
            assert where is not None
        return n / (time.perf_counter() - t0)


def create_rate(db: Database, n: int, clock: FakeClock, offset: int) -> float:
    rules = load_rules(DEFAULT_PATH)
    categories = [c for c in CATEGORY_NAMES if c != "other"]
    with db.session() as s:
        phones = list(s.scalars(select(Person.phone).where(Person.kind == "resident").limit(300)))
    t0 = time.perf_counter()
    for i in range(n):
        with db.session() as s:
            report = Report(text=f"第{offset + i}号问题", category=categories[i % len(categories)],
                            reporter_address=phones[i % len(phones)], channel="sms")
            opened = reports.submit(s, clock, report, rules)
            assert opened.created
        clock.advance(seconds=1)
    return n / (time.perf_counter() - t0)


def bench(db: Database, args: argparse.Namespace) -> dict[str, float]:
    db.migrate()
    load_demo(db)
    with db.session() as s:  # warm up
        registry.person_by_address(s, "+8613900000001")
    clock = FakeClock()
    routes, creates = [], []
    for r in range(args.rounds):
        routes.append(route_rate(db, args.route))
        creates.append(create_rate(db, args.create, clock, r * args.create))
        clock.advance(days=10)  # older tickets stop being duplicate candidates, as in real life
    return {"route": statistics.median(routes), "create": statistics.median(creates)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--route", type=int, default=600)
    parser.add_argument("--create", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    load = os.getloadavg()[0]
    for backend, db in databases():
        results[backend] = bench(db, args)
    lines = [
        START,
        "## Tickets: routing and creation (`bench/tickets.py`)",
        "",
        f"Medians of {args.rounds} rounds, one run, same machine ({platform.machine()}, {os.cpu_count()} cores shared "
        f"with other work; load average {load:.1f} when it started), demo subdistrict. "
        f"Routing: {args.route} look-ups per round, mixing a point in a "
        f"polygon, a named place and the home grid, in one session. Creation: {args.create} reports per round, "
        "each its own transaction (locate, duplicate check, routing table, assignment, notification rows, "
        "timers, points).",
        "",
        "| database | routing (tickets/s) | creation (tickets/s) |",
        "|---|---:|---:|",
    ]
    for name, r in results.items():
        lines.append(f"| {name} | {r['route']:.0f} | {r['create']:.0f} |")
    if "PostgreSQL" in results:
        s, p = results["SQLite"], results["PostgreSQL"]
        lines += ["", f"PostgreSQL / SQLite: routing ×{p['route'] / s['route']:.2f}, "
                      f"creation ×{p['create'] / s['create']:.2f}."]
    lines.append(END)
    section = "\n".join(lines)
    print(section)
    if args.write:
        write_section(START, END, section)

if __name__ == "__main__":
    main()
