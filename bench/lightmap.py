"""How fast the 亮灯图 renders for the duty officer on a registry the size of the seed's resettlement area:
128 grids, 11,512 households, ~600 tickets and this month's visit lists (`bin/bot demo --size seed`).

Run in the app venv from the repository root:

    bin/venv app python bench/lightmap.py [--requests 40] [--postgres] [--write]

A fresh database (SQLite; PostgreSQL too with --postgres) gets the seed demo. The gateway runs in-process;
the duty officer (who sees every grid) signs in through the form, then /staff/map (every grid lit, every
household's dot) and one grid's page are fetched --requests times over HTTP (ASGI) after two warm-up
requests, the gateway started as uvicorn starts it (its lifespan); the grid-lights query alone
(`grid_lights.light_map`: the grids and their grouped figures) and the households' dots alone are timed
the same number of times in the same process. Median and p95 in ms against a
target of 500 ms for the page; --write replaces the 亮灯图 section of docs/benchmarks.md (or appends it).
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
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from bench.common import backends, fresh_database, write_section  # noqa: E402
from bot.app.demo_seed import DUTY_OFFICER, SEED, load_seed  # noqa: E402
from bot.app.gateway import create_app  # noqa: E402
from bot.app.services import build_services  # noqa: E402
from bot.common.settings import Settings  # noqa: E402
from bot.core import registry  # noqa: E402
from bot.core.grid_lights import LightRules, light_map  # noqa: E402
from bot.core.household_spots import household_dots  # noqa: E402
from bot.core.scopes import scope_of  # noqa: E402
from bot.core.staff_accounts import set_password  # noqa: E402

START, END = "<!-- bench/lightmap.py:start -->", "<!-- bench/lightmap.py:end -->"
PASSWORD = "bench-password"
TARGET_MS = 500
MAP = "/staff/map (128 grids lit, 11,512 dots)"


def summary(times: list[float]) -> tuple[float, float]:
    times = sorted(times)
    return statistics.median(times), times[max(0, int(len(times) * 0.95) - 1)]


def timed(call: Callable[[], object], n: int) -> list[float]:
    found = []
    for _ in range(n):
        t0 = time.perf_counter()
        call()
        found.append((time.perf_counter() - t0) * 1000)
    return found


async def measure(settings: Settings, requests: int) -> tuple[dict[str, tuple[float, float, int]], str]:
    services = build_services(settings)
    services.db.migrate()
    t0 = time.perf_counter()
    made = load_seed(services.db, services.clock.now())
    made += f" (generated in {time.perf_counter() - t0:.0f} s)"
    with services.db.session() as s:
        set_password(s, services.clock, DUTY_OFFICER, PASSWORD, actor="bench")
    found: dict[str, tuple[float, float, int]] = {}
    rules = LightRules.from_settings(settings)
    gateway = create_app(services, run_workers=False)
    transport = httpx.ASGITransport(app=gateway)
    # The gateway's start-up as uvicorn runs it (ASGITransport does not): among other things it freezes the
    # start-up objects out of the garbage collector's full passes (bot/app/gc_pauses.py).
    async with gateway.router.lifespan_context(gateway), \
            httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
        with services.db.session() as s:
            scope = scope_of(s, registry.person_by_address(s, DUTY_OFFICER))
            lit = light_map(s, scope, services.clock.now(), rules)
            polygons = {grid.unit_id: grid.polygon for grid in lit.grids}
            lights = timed(lambda: light_map(s, scope, services.clock.now(), rules), requests)
            dots = timed(lambda: household_dots(s, polygons), requests)
        found["grid lights alone (`light_map`: 128 grids, grouped figures)"] = (*summary(lights), 0)
        found["household dots alone (11,512 rows)"] = (*summary(dots), 0)
        form = await client.get("/staff/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text).group(1)
        signed = await client.post("/staff/login", data={"phone": DUTY_OFFICER, "password": PASSWORD, "csrf": csrf})
        assert signed.status_code == 303, signed.text
        pages = {MAP: "/staff/map",
                 "/staff/grids/JH01-G01 (one grid's page)": "/staff/grids/JH01-G01"}
        for label, path in pages.items():
            times, size = [], 0
            for n in range(requests + 2):
                t0 = time.perf_counter()
                answer = await client.get(path)
                if n >= 2:  # two warm-up requests
                    times.append((time.perf_counter() - t0) * 1000)
                assert answer.status_code == 200, (path, answer.status_code)
                size = len(answer.content)
            found[label] = (*summary(times), size)
            if path == "/staff/map":  # what was timed is the whole map
                assert answer.text.count('class="grid light-') == SEED.grids, "not every grid drawn"
                assert answer.text.count("h0") >= SEED.households, "not every household's dot drawn"
    await services.aclose()
    return found, made


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, tuple[float, float, int]]] = {}
    made = ""
    for backend in backends(postgres=args.postgres):
        with fresh_database(backend) as url, tempfile.TemporaryDirectory() as tmp:
            settings = Settings(var_dir=Path(tmp), database_url=url, _env_file=None)  # type: ignore[call-arg]
            results[backend], seeded = asyncio.run(measure(settings, args.requests))
            made = made or seeded  # the first backend's (SQLite's) account of the seed
    load = os.getloadavg()[0]
    lines = [START, f"## 亮灯图 at the seed's size: {SEED.grids} grids, {SEED.households:,} households "
                    "(`bench/lightmap.py`)", "",
             f"The seed demo ({made}), the duty officer (every grid in scope), the gateway in-process over ASGI, "
             f"{args.requests} requests per page after two warm-ups, one run on {platform.machine()} with "
             f"{os.cpu_count()} cores (load average {load:.1f} when it finished: other work shares the machine). "
             "A page's time includes the session look-up, the scope, the grouped figures, the households' dots, "
             f"the SVG and the template. Target for /staff/map: < {TARGET_MS} ms.", "",
             "| measure | database | median ms | p95 ms | KiB |", "|---|---|---:|---:|---:|"]
    for backend, measures in results.items():
        for label, (median, p95, size) in measures.items():
            lines.append(f"| {label} | {backend} | {median:.1f} | {p95:.1f} | {size / 1024:.0f} |"
                         if size else f"| {label} | {backend} | {median:.1f} | {p95:.1f} | |")
    verdicts = [f"{backend} {measures[MAP][0]:.0f} ms" for backend, measures in results.items()]
    met = all(measures[MAP][0] < TARGET_MS for measures in results.values())
    lines += ["", f"Median of /staff/map: {', '.join(verdicts)}: the {TARGET_MS} ms target is "
                  f"{'met' if met else 'NOT met'} in this run.", END]
    section = "\n".join(lines)
    print(section)
    if args.write:
        write_section(START, END, section)


if __name__ == "__main__":
    main()
