"""How long the workbench's statistics and exports take over many tickets, on SQLite and PostgreSQL.

Run in the app venv from the repository root (PostgreSQL from POSTGRES_TEST_URL or 127.0.0.1):

    bin/venv app python bench/stats.py [--tickets 10000] [--rounds 5] [--write]

Each backend gets a fresh database with the demo subdistrict and `--tickets` tickets spread over
180 days, the demo's 13 grids and the 11 categories, with the events a real history leaves
(assigned, acknowledged, resolved, rated, reopened), inserted in bulk. Then, per round: a statistics
table by grid, community, category and month (each with its total), and the whole list exported as
CSV and as .xlsx. Medians over the rounds; --write replaces the stats section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import insert, select  # noqa: E402

from bench.common import databases, timed, write_section  # noqa: E402
from bot.app.demo import load_demo  # noqa: E402
from bot.common.clock import FakeClock  # noqa: E402
from bot.core import exports, stats  # noqa: E402
from bot.core.ticket_filter import GridScope, TicketFilter  # noqa: E402
from bot.core.tickets import CATEGORY_NAMES  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.models import OrgUnit, Person, Ticket, TicketEvent  # noqa: E402

START, END = "<!-- bench/stats.py:start -->", "<!-- bench/stats.py:end -->"
NOW = datetime(2026, 12, 1, tzinfo=UTC)


def fill(db: Database, n: int) -> None:
    """n tickets of the last 180 days with their events, in bulk (deterministic)."""
    rng = random.Random(20)
    with db.session() as s:
        grids = list(s.scalars(select(OrgUnit.id).where(OrgUnit.kind == "grid")))
        people = [(pid, phone) for pid, phone in s.execute(select(Person.id, Person.phone)
                                                            .where(Person.kind == "resident"))]
        workers = list(s.scalars(select(Person.id).where(Person.kind == "staff")))
    categories = list(CATEGORY_NAMES)
    tickets, events = [], []
    for i in range(n):
        tid = 100_000 + i
        created = NOW - timedelta(days=180) + timedelta(days=180) * i / n
        priority = rng.choices(["immediate", "high", "normal"], [1, 5, 94])[0]
        ack_due = created + timedelta(hours=1 if priority != "normal" else 24)
        due = created + timedelta(days=rng.choice([3, 7, 10]))
        reporter_id, phone = rng.choice(people)
        row = dict(id=tid, number=f"B{tid}", status="assigned", priority=priority, category=rng.choice(categories),
                   text=f"第{i}号问题", place_text="", reporter_id=reporter_id, reporter_address=phone,
                   reporter_channel=rng.choice(["sms", "sms", "telegram", "simulator"]), unit_id=rng.choice(grids),
                   assignee_id=rng.choice(workers), assignee_role="grid_worker", created_at=created,
                   ack_due_at=ack_due, due_at=due, severity="minor", escalation_level=0, urge_count=0)
        events += [dict(ticket_id=tid, kind="created", at=created, note="", data={}),
                   dict(ticket_id=tid, kind="assigned", at=created, note="", data={})]
        fate = rng.random()
        if fate < 0.03:
            row["status"] = "cancelled"
        elif fate > 0.05:
            acked = created + timedelta(hours=rng.expovariate(1 / 10))
            row.update(status="acknowledged", acknowledged_at=acked)
            events.append(dict(ticket_id=tid, kind="acknowledged", at=acked, note="", data={}))
            if fate > 0.15:
                resolved = acked + timedelta(hours=rng.expovariate(1 / 60))
                row.update(status="resolved", resolved_at=resolved, resolution_note="已办结")
                events.append(dict(ticket_id=tid, kind="resolved", at=resolved, note="", data={}))
                if fate > 0.25:
                    score = rng.choices([1, 2, 3], [80, 15, 5])[0]
                    rated = resolved + timedelta(hours=5)
                    events.append(dict(ticket_id=tid, kind="rated", at=rated, note="", data={"score": score}))
                    if score == 3:
                        row.update(status="reopened", resolved_at=None)
                        events.append(dict(ticket_id=tid, kind="reopened", at=rated, note="", data={}))
                    else:
                        row.update(status="closed", rating=score, closed_at=rated)
        tickets.append(row)
    with db.session() as s:
        for start in range(0, n, 2000):
            s.execute(insert(Ticket), tickets[start:start + 2000])
        for start in range(0, len(events), 5000):
            s.execute(insert(TicketEvent), events[start:start + 5000])


def bench(db: Database, args: argparse.Namespace) -> dict[str, float]:
    db.migrate()
    load_demo(db)
    fill(db, args.tickets)
    clock = FakeClock(NOW)
    everything, wanted = GridScope.all(), TicketFilter()
    found: dict[str, list[float]] = {}

    def report(by: str) -> None:
        with db.session() as s:
            table = stats.report(s, everything, wanted, NOW, by)
            assert table.total.tickets == args.tickets

    def export(fmt: str) -> None:
        with db.session() as s:
            made = exports.export(s, clock, everything, wanted, fmt, personal=False, actor="bench")
            assert made.count == args.tickets

    report("grid")  # warm up
    for _ in range(args.rounds):
        for by in stats.GROUPINGS:
            found.setdefault(by, []).append(timed(lambda by=by: report(by)))
        for fmt in ("csv", "xlsx"):
            found.setdefault(fmt, []).append(timed(lambda fmt=fmt: export(fmt)))
    return {name: statistics.median(values) for name, values in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    load = os.getloadavg()[0]
    for backend, db in databases():
        results[backend] = bench(db, args)
    columns = [*stats.GROUPINGS, "csv", "xlsx"]
    lines = [
        START,
        "## Statistics and exports (`bench/stats.py`)",
        "",
        f"{args.tickets:,} tickets over 180 days, 13 grids, 11 categories, with their events; medians of "
        f"{args.rounds} rounds, one run, same machine ({platform.machine()}, {os.cpu_count()} cores shared with "
        f"other work; load average {load:.1f} when it started). A statistics table is `stats.report` by that "
        "grouping with its total (three GROUP BY statements each, and the medians over one column in Python); an "
        "export is every ticket of the scope as a file (`exports.export`, no personal fields).",
        "",
        "| database | " + " | ".join(f"by {c} (ms)" if c in stats.GROUPINGS else f"{c} export (ms)"
                                   for c in columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for name, r in results.items():
        lines.append(f"| {name} | " + " | ".join(f"{r[c]:.0f}" for c in columns) + " |")
    lines.append(END)
    section = "\n".join(lines)
    print(section)
    if args.write:
        write_section(START, END, section)

if __name__ == "__main__":
    main()
