"""How fast the staff workbench renders its queue, statistics and exports: 1,000 tickets in the
signed-in staff member's scope.

Run in the app venv from the repository root:

    bin/venv app python bench/workbench.py [--tickets 1000] [--requests 40] [--postgres] [--write]

A fresh database (SQLite; PostgreSQL too with --postgres) gets the demo subdistrict and --tickets
tickets spread over its grids, categories, priorities and stages (written as rows, not through the
core: this measures reading). The gateway runs in-process; the duty officer (who sees everything)
signs in through the form, then each page is fetched --requests times over HTTP (ASGI): the queue's
default folder (100 rows shown, counts over all), a folder holding every ticket, a filtered and
searched queue, one ticket's page (which also writes its audit entry), the statistics by grid and by
month, and the CSV and .xlsx exports of a folder (POSTs with the session's CSRF token). Median and p95 in ms;
--write replaces the workbench section of docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import re
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
from sqlalchemy import select  # noqa: E402

from bench.common import backends, fresh_database, write_section  # noqa: E402
from bot.app.demo import load_demo  # noqa: E402
from bot.app.gateway import create_app  # noqa: E402
from bot.app.services import build_services  # noqa: E402
from bot.common.clock import Clock  # noqa: E402
from bot.common.settings import Settings  # noqa: E402
from bot.core.staff_accounts import set_password  # noqa: E402
from bot.core.tickets import CATEGORY_NAMES, ticket_number  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.models import OrgUnit, Person, StaffRole, Ticket, TicketEvent  # noqa: E402

START, END = "<!-- bench/workbench.py:start -->", "<!-- bench/workbench.py:end -->"
OFFICER = "+8613800000001"
PASSWORD = "bench-password"
STATUSES = ["assigned"] * 5 + ["acknowledged", "in_progress", "in_progress", "resolved", "closed"]
PRIORITIES = ["normal"] * 6 + ["medium", "medium", "high", "immediate"]
TEXTS = ["楼下路灯坏了好几天了", "垃圾桶满了没人清", "楼道里堆满杂物，有火灾隐患", "邻居装修噪音太大",
         "下水道堵了，污水漫到路上", "小区门口井盖松动", "独居老人几天没出门了", "孩子上学的路上没有斑马线"]


def fill(db: Database, n: int, clock: Clock) -> None:
    now = clock.now()
    with db.session() as s:
        grids = list(s.scalars(select(OrgUnit).where(OrgUnit.kind == "grid").order_by(OrgUnit.code)))
        workers = dict(s.execute(select(StaffRole.unit_id, StaffRole.person_id)
                                 .where(StaffRole.role == "grid_worker")).all())
        residents = list(s.scalars(select(Person).where(Person.kind == "resident").limit(200)))
        categories = list(CATEGORY_NAMES)
        for i in range(n):
            grid, reporter = grids[i % len(grids)], residents[i % len(residents)]
            created = now - timedelta(hours=i % 300)
            ticket = Ticket(text=f"{TEXTS[i % len(TEXTS)]}（{i}）", category=categories[i % len(categories)],
                            status=STATUSES[i % len(STATUSES)], priority=PRIORITIES[i % len(PRIORITIES)],
                            reporter_id=reporter.id, reporter_address=reporter.phone, reporter_channel="sms",
                            unit_id=grid.id, assignee_id=workers.get(grid.id), assignee_role="grid_worker",
                            created_at=created, ack_due_at=created + timedelta(days=1),
                            due_at=created + timedelta(days=7))
            s.add(ticket)
            s.flush()
            ticket.number = ticket_number(ticket.id)
            s.add(TicketEvent(ticket_id=ticket.id, kind="created", actor_id=reporter.id, at=created))
            s.add(TicketEvent(ticket_id=ticket.id, kind="assigned", at=created,
                              data={"assignee_id": workers.get(grid.id)}))


async def measure(settings: Settings, tickets: int, requests: int) -> dict[str, tuple[float, float, int]]:
    services = build_services(settings)
    services.db.migrate()
    load_demo(services.db)
    fill(services.db, tickets, services.clock)
    with services.db.session() as s:
        set_password(s, services.clock, OFFICER, PASSWORD, actor="bench")
    transport = httpx.ASGITransport(app=create_app(services, run_workers=False))
    found: dict[str, tuple[float, float, int]] = {}
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        form = await client.get("/staff/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        signed = await client.post("/staff/login", data={"phone": OFFICER, "password": PASSWORD, "csrf": csrf})
        assert signed.status_code == 303, signed.text
        pages = {
            "queue, default folder (100 rows of the folder, counts of all)": "/staff/",
            "queue, 办理中 (every in-progress ticket, 100 a page)": "/staff/?folder=working",
            "queue, filtered (category + grid) and searched": "/staff/?folder=pending&category=roads&grid=XF-G1&q=路灯",
            "one ticket's page (read audited)": "/staff/tickets/T1500",
            "统计 by grid (the table and both charts)": "/staff/stats?by=grid",
            "统计 by month": "/staff/stats?by=month",
            "导出 CSV of 办理中 (POST)": "POST /staff/export?folder=working&fmt=csv",
            "导出 .xlsx of 办理中 (POST)": "POST /staff/export?folder=working&fmt=xlsx",
        }
        token = re.search(r'name="csrf" value="([^"]+)"', (await client.get("/staff/")).text).group(1)
        for label, path in pages.items():
            times, size = [], 0
            for _ in range(requests):
                t0 = time.perf_counter()
                if path.startswith("POST "):
                    url, _, fmt = path.removeprefix("POST ").rpartition("&fmt=")
                    answer = await client.post(url, data={"csrf": token, "fmt": fmt})
                else:
                    answer = await client.get(path)
                times.append((time.perf_counter() - t0) * 1000)
                assert answer.status_code == 200, (path, answer.status_code)
                size = len(answer.content)
            times.sort()
            found[label] = (statistics.median(times), times[int(len(times) * 0.95) - 1], size)
    await services.aclose()
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, tuple[float, float, int]]] = {}
    for backend in backends(postgres=args.postgres):
        with fresh_database(backend) as url, tempfile.TemporaryDirectory() as tmp:
            settings = Settings(var_dir=Path(tmp), database_url=url, _env_file=None)  # type: ignore[call-arg]
            results[backend] = asyncio.run(measure(settings, args.tickets, args.requests))
    load = os.getloadavg()[0]
    lines = [START, "## Staff workbench: the queue, statistics and exports over 1,000 tickets "
                    "(`bench/workbench.py`)", "",
             f"{args.tickets} tickets in the duty officer's scope (all of them), the gateway in-process over ASGI, "
             f"{args.requests} requests per page, one run on {platform.machine()} with {os.cpu_count()} cores "
             f"(load average {load:.1f} when it finished: other work shares the machine). Times include the "
             "session look-up, the scope, the counts of all five folders, the page's query and the template.", "",
             "| page | database | median ms | p95 ms | KiB |", "|---|---|---:|---:|---:|"]
    for backend, pages in results.items():
        for label, (median, p95, size) in pages.items():
            lines.append(f"| {label} | {backend} | {median:.1f} | {p95:.1f} | {size / 1024:.0f} |")
    lines.append(END)
    section = "\n".join(lines)
    print(section)
    if args.write:
        write_section(START, END, section)

if __name__ == "__main__":
    main()
