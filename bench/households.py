"""How long the 住户 counts, list and export take at the seed's size (128 grids, 11,512 households), on
SQLite and PostgreSQL.

Run in the app venv from the repository root (PostgreSQL from POSTGRES_TEST_URL or 127.0.0.1):

    bin/venv app python bench/households.py [--households 11512] [--grids 128] [--rounds 5] [--write]

Each backend gets a fresh database with the demo subdistrict, grown to `--grids` grids (new grids under
the three communities) and `--households` households in all, inserted in bulk with the demo's mix of
colours and tags (deterministic). Then, per round: the counts of the whole subdistrict (tag × colour per
grid, community and in all: `household_counts.counts`), the first page of the list, the list filtered by
a tag, and the export of every household as CSV and as .xlsx. Medians over the rounds; --write replaces
the households section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from sqlalchemy import func, insert, select  # noqa: E402

from bench.common import databases, timed, write_section  # noqa: E402
from bot.app.demo import load_demo  # noqa: E402
from bot.common.clock import FakeClock  # noqa: E402
from bot.core import household_counts, households  # noqa: E402
from bot.core.household_changes import BASIC_TAGS  # noqa: E402
from bot.core.households import HouseholdFilter  # noqa: E402
from bot.core.ticket_filter import GridScope  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.models import Household, OrgUnit  # noqa: E402

START, END = "<!-- bench/households.py:start -->", "<!-- bench/households.py:end -->"
COLUMNS = {"counts": "counts (ms)", "list": "list page (ms)", "tag": "list by tag (ms)", "csv": "csv export (ms)",
           "xlsx": "xlsx export (ms)"}


def grow(db: Database, grids: int, total: int) -> None:
    """New grids under the communities up to `grids`, then households up to `total`, in bulk."""
    rng = random.Random(21)
    with db.session() as s:
        communities = list(s.scalars(select(OrgUnit.id).where(OrgUnit.kind == "community")))
        have = s.scalar(select(func.count()).select_from(OrgUnit).where(OrgUnit.kind == "grid"))
        s.execute(insert(OrgUnit), [dict(code=f"B-G{n}", kind="grid", name=f"扩展第{n}网格", aliases=[],
                                         parent_id=communities[n % len(communities)]) for n in range(have, grids)])
    with db.session() as s:
        grid_ids = list(s.scalars(select(OrgUnit.id).where(OrgUnit.kind == "grid")))
        have = s.scalar(select(func.count()).select_from(Household))
    rows = []
    for n in range(have, total):
        colour = rng.choices(["red", "yellow", "green"], [8, 22, 70])[0]
        tags = rng.sample(BASIC_TAGS, rng.choices([0, 1, 2, 3], [50, 30, 15, 5])[0])
        rows.append(dict(code=f"B{n:06d}", unit_id=rng.choice(grid_ids), colour=colour, tags=tags,
                         address=f"扩展小区{n // 100}栋{n % 100}号"))
    with db.session() as s:
        for start in range(0, len(rows), 2000):
            s.execute(insert(Household), rows[start:start + 2000])


def bench(db: Database, args: argparse.Namespace) -> dict[str, float]:
    db.migrate()
    load_demo(db)
    grow(db, args.grids, args.households)
    clock, everything = FakeClock(), GridScope.all()

    def count() -> None:
        with db.session() as s:
            found = household_counts.counts(s, everything)
            assert found.total.total == args.households and len(found.grids) == args.grids

    def listing(wanted: HouseholdFilter) -> None:
        with db.session() as s:
            assert households.search(s, everything, wanted).rows

    def export(fmt: str) -> None:
        with db.session() as s:
            made = household_counts.export(s, clock, everything, HouseholdFilter(), fmt, actor="bench")
            assert made.count == args.households

    runs = {"counts": count, "list": lambda: listing(HouseholdFilter()),
            "tag": lambda: listing(HouseholdFilter(tag="空巢老人")), "csv": lambda: export("csv"),
            "xlsx": lambda: export("xlsx")}
    count()  # warm up
    found: dict[str, list[float]] = {}
    for _ in range(args.rounds):
        for name, run in runs.items():
            found.setdefault(name, []).append(timed(run))
    return {name: statistics.median(values) for name, values in found.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=11_512)
    parser.add_argument("--grids", type=int, default=128)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    load = os.getloadavg()[0]
    for backend, db in databases():
        results[backend] = bench(db, args)
    lines = [
        START,
        "## Households: counts, list and export (`bench/households.py`)",
        "",
        f"{args.households:,} households in {args.grids} grids (the seed's size), the demo's mix of colours and "
        f"0-3 basic tags each; medians of {args.rounds} rounds, one run, same machine ({platform.machine()}, "
        f"{os.cpu_count()} cores shared with other work; load average {load:.1f} when it started). Counts are the "
        "whole subdistrict's tag × colour per grid, community and in all (two GROUP BY statements); the list is "
        "its first page of 50 with the total; the export is every household as a registry file.",
        "",
        "| database | " + " | ".join(COLUMNS.values()) + " |",
        "|---|" + "---:|" * len(COLUMNS),
    ]
    for name, r in results.items():
        lines.append(f"| {name} | " + " | ".join(f"{r[c]:.0f}" for c in COLUMNS) + " |")
    lines.append(END)
    section = "\n".join(lines)
    print(section)
    if args.write:
        write_section(START, END, section)


if __name__ == "__main__":
    main()
