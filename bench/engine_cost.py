"""What a turn and the running stack cost: bare Rasa REST turns per second and their latency, and the
resident memory of the engine and of the whole stack (engine, action server, gateway, worker).

    bin/venv app python bench/engine_cost.py --model PATH [--turns 160] [--alone 40] [--label NAME]

One stack (SQLite, the demo data) is started with the model; after a warm-up of 24 turns, --turns
bare REST turns go to the engine 8 at a time (as `bench/channels.py`'s bare turn: the same five
texts, distinct senders), then --alone turns one at a time (a turn's own cost without waiting behind
others; these senders have had a turn or two already), then each process group's memory is read from
/proc: RSS summed over the group's processes, and PSS (shared pages split between the processes that
map them, so the stack's sum does not count a library twice). Prints one Markdown table row per
measure. To compare two trees (the engine loads the tree's own engine_ext and endpoints.yml), with the
same model or each its own, run the script from each tree, one after the other.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.channels import bare_turns, pct  # noqa: E402
from bot.app.demo import load_demo  # noqa: E402
from bot.common.settings import Settings  # noqa: E402
from bot.store.db import Database  # noqa: E402
from tests.integration.stack import Stack, free_port  # noqa: E402


def group_memory(pgid: int) -> tuple[int, int]:
    """(RSS, PSS) in KiB summed over the processes of a process group."""
    rss = pss = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.getpgid(int(entry.name)) != pgid:
                continue
            for line in (entry / "smaps_rollup").read_text().splitlines():
                name, _, value = line.partition(":")
                if name == "Rss":
                    rss += int(value.split()[0])
                elif name == "Pss":
                    pss += int(value.split()[0])
        except (OSError, ProcessLookupError, ValueError):
            continue  # gone meanwhile, or not ours to read
    return rss, pss


def mib(kib: int) -> str:
    return f"{kib / 1024:.0f} MiB"


async def measure(model: Path, turns: int, alone: int, label: str) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-engine-cost-"))
    ports = [free_port() for _ in range(3)]
    settings = Settings(var_dir=tmp / "var", database_url=f"sqlite:///{tmp / 'bench.db'}",
                        engine_port=ports[0], actions_port=ports[1], gateway_port=ports[2],
                        engine_url=f"http://127.0.0.1:{ports[0]}", actions_url=f"http://127.0.0.1:{ports[1]}",
                        _env_file=None)
    db = Database(settings.resolved_database_url)
    db.migrate()
    load_demo(db)
    stack = Stack(settings=settings, model=model, workdir=tmp)
    started = time.monotonic()
    stack.start(timeout=900)
    healthy = time.monotonic() - started
    load_before = os.getloadavg()[0]
    try:
        await bare_turns(settings.engine_url, 24)  # warm-up, not reported
        latencies, throughput = await bare_turns(settings.engine_url, turns)
        single, single_throughput = await bare_turns(settings.engine_url, alone, concurrency=1)
        load_end = os.getloadavg()[0]
        memory = {name: group_memory(p.popen.pid) for name, p in stack.processes.items() if p.popen}
    finally:
        stack.stop()
        db.dispose()
    engine_rss, engine_pss = memory["engine"]
    print(f"| {label} | stack start → healthy | {healthy:.0f} s |")
    print(f"| {label} | bare turns, {turns} at 8 at a time | {throughput:.2f} msg/s |")
    print(f"| {label} | bare turn p50 / p95 | {statistics.median(latencies):.0f} / {pct(latencies, 0.95):.0f} ms |")
    print(f"| {label} | bare turns, {alone} one at a time | {single_throughput:.2f} msg/s |")
    print(f"| {label} | bare turn alone p50 / p95 | {statistics.median(single):.0f} / {pct(single, 0.95):.0f} ms |")
    print(f"| {label} | engine RSS / PSS after the turns | {mib(engine_rss)} / {mib(engine_pss)} |")
    print(f"| {label} | whole stack RSS / PSS ({', '.join(memory)}) | {mib(sum(r for r, _ in memory.values()))} / "
          f"{mib(sum(p for _, p in memory.values()))} |")
    print(f"| {label} | load average (1 min) at the start / end of the turns | {load_before:.1f} / "
          f"{load_end:.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, type=Path)
    parser.add_argument("--turns", type=int, default=160)
    parser.add_argument("--alone", type=int, default=40, help="turns sent one at a time after the others")
    parser.add_argument("--label", default="model")
    args = parser.parse_args()
    asyncio.run(measure(args.model.resolve(), args.turns, args.alone, args.label))


if __name__ == "__main__":
    main()
