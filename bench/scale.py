"""Replicas measured side by side (issue 23): one engine against two engines (and two action servers), both stacks
on PostgreSQL with the atomic Redis lock store, up at the same time and loaded in turn with the same messages.

    bin/venv app python bench/scale.py [--model PATH] [--repeats 3] [--senders 40] [--messages 4]
                                       [--quick] [--out docs/benchmarks.md]

Each stack is what `bin/bot run` starts (bot/app/stack.py): ENGINE_REPLICAS engines and as many action servers,
one gateway and one worker, each stack with a database of its own (the demo data) on the local PostgreSQL server
and a Redis database of its own. A repetition gives each stack new senders (Chinese mobile numbers) who each send
--messages realistic texts (a greeting, a report, where it is, a question, thanks) through the simulator channel,
the next one once the previous is answered, as people text; the two stacks take turns, in alternating order.

- throughput: messages answered per second, from the first message stored to the last one answered;
- reply latency: from the message stored by the gateway to its replies queued by the worker (the inbox row's
  `received_at` → `processed_at`, both stamped by our processes on this machine's clock);
- failover (two engines): the same load with new senders, and engine-1 killed by PID (SIGKILL to its process
  group) once a third of the messages are answered. Senders whose home is engine-1 (crc32 % 2 == 0) must move:
  the time from the kill to the first reply to such a sender claimed after the kill (so served by engine-2), and to
  the last of them (every affected sender answered again). engine-1 is started again between repetitions;
- memory: each process group's resident set (RSS from /proc, after the throughput runs).

Reports medians of the repetitions and the 2-vs-1 ratios of that one run, with the machine's cores and load, and
replaces its block in docs/benchmarks.md. `--quick` is a smoke run (1 repetition, 8 senders × 3 messages) for the
test that keeps this script working (tests/integration/test_scale_bench.py); it writes nothing unless --out is given.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import httpx
from pydantic import SecretStr
from sqlalchemy import select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.channels import pct  # noqa: E402
from bench.engine_cost import group_memory  # noqa: E402
from bot.app.demo import load_demo  # noqa: E402
from bot.app.stack import stack_programs  # noqa: E402
from bot.common.settings import Settings, load_settings  # noqa: E402
from bot.engine.model_cache import ensure_model  # noqa: E402
from bot.engine.process import engine_ready  # noqa: E402
from bot.engine.replicas import home_index  # noqa: E402
from bot.store.db import Database  # noqa: E402
from bot.store.message_models import InboxMessage  # noqa: E402
from tests.conftest import POSTGRES_ADMIN_URL, create_postgres_database, drop_postgres_database  # noqa: E402
from tests.integration.stack import Process, free_run  # noqa: E402

START, END = "<!-- bench/scale.py:start -->", "<!-- bench/scale.py:end -->"
# What residents text, one script per sender (rotating): a report, where it is, a question, thanks.
SCRIPTS = [
    ["你好", "路灯坏了好几天了", "在阳光小区3号楼门口", "什么时候能修好", "谢谢"],
    ["小区门口井盖不见了", "幸福家园东门", "晚上很危险，请快点处理", "好的谢谢"],
    ["楼道里堆满了杂物", "建设路18号2单元", "物业不管", "谢谢你们"],
    ["垃圾好几天没人收", "河畔花园南边", "味道很大", "谢谢"],
    ["您好，请问怎么反映问题", "农贸市场门口的水管漏水了", "就在农贸市场大门", "谢谢"],
]
REDIS_DBS = {1: 11, 2: 12}
TIMEOUTS = ("20", "25")  # the worker's engine timeout, the engines' conversation lock lifetime (seconds)


@dataclass
class Run:
    """One load run's inbox rows: (sender, received, claimed, processed, status), times as UTC seconds."""
    rows: list[tuple[str, float, float, float, str]]
    kill_at: float | None = None

    @property
    def latencies_ms(self) -> list[float]:
        return [(done - received) * 1000 for _, received, _, done, _ in self.rows]

    @property
    def throughput(self) -> float:
        return len(self.rows) / (max(r[3] for r in self.rows) - min(r[1] for r in self.rows))

    @property
    def parked(self) -> int:
        return sum(status != "done" for *_, status in self.rows)

    def moves(self, engines: int, killed: int = 0) -> tuple[float, float, float]:
        """Seconds from the kill to the first, the median and the last affected sender's first turn claimed after
        it (so taken by another engine)."""
        assert self.kill_at is not None
        first: dict[str, float] = {}
        for sender, _, claimed, done, _ in sorted(self.rows, key=lambda r: r[3]):
            if home_index(sender, engines) == killed and claimed >= self.kill_at:
                first.setdefault(sender, done - self.kill_at)
        if not first:
            raise RuntimeError("no affected sender was answered after the kill: raise --senders or --messages")
        return min(first.values()), statistics.median(first.values()), max(first.values())


@dataclass
class ScaleStack:
    engines: int
    settings: Settings
    db: Database
    database: str
    processes: dict[str, Process] = field(default_factory=dict)

    @property
    def gateway(self) -> str:
        return f"http://127.0.0.1:{self.settings.gateway_port}"

    def ready(self) -> bool:
        for process in self.processes.values():
            if process.popen and process.popen.poll() is not None:
                raise RuntimeError(f"{process.name} exited:\n{process.tail()}")
        token = self.settings.engine_auth_token.get_secret_value()
        if not all(engine_ready(url, token) for url in self.settings.engine_replica_urls):
            return False
        try:
            return httpx.get(f"{self.gateway}/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def finished(self, ids: list[int]) -> list[int]:
        with self.db.session() as s:
            return list(s.scalars(select(InboxMessage.id).where(InboxMessage.id.in_(ids),
                                                                InboxMessage.status.in_(("done", "parked")))))

    def rows(self, ids: list[int]) -> list[tuple[str, float, float, float, str]]:
        with self.db.session() as s:
            found = s.scalars(select(InboxMessage).where(InboxMessage.id.in_(ids))).all()
            return [(m.sender, m.received_at.timestamp(), m.claimed_at.timestamp() if m.claimed_at else 0.0,
                     (m.processed_at or m.received_at).timestamp(), m.status) for m in found]

    def memory(self) -> dict[str, list[int]]:
        """RSS in KiB of each process group, by kind (engine, actions, gateway, worker)."""
        kinds: dict[str, list[int]] = {}
        for name, process in self.processes.items():
            if process.popen and process.popen.poll() is None:
                kinds.setdefault(name.split("-")[0], []).append(group_memory(process.popen.pid)[0])
        return kinds

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            process.wait_or_kill()
        self.db.dispose()
        drop_postgres_database(POSTGRES_ADMIN_URL, self.database)


def new_stack(engines: int, model: Path, workdir: Path) -> ScaleStack:
    database, url = create_postgres_database(POSTGRES_ADMIN_URL)
    engine_port, actions_port, gateway_port = free_run(engines), free_run(engines), free_run(1)
    settings = Settings(_env_file=None, var_dir=workdir / "var", database_url=url, engine_port=engine_port,
                        actions_port=actions_port, gateway_port=gateway_port,
                        engine_url=f"http://127.0.0.1:{engine_port}", actions_url=f"http://127.0.0.1:{actions_port}",
                        engine_replicas=engines, actions_replicas=engines,
                        lock_store_url=f"redis://127.0.0.1:6379/{REDIS_DBS[engines]}",
                        engine_auth_token=SecretStr(secrets.token_urlsafe(16)),
                        actions_auth_token=SecretStr(secrets.token_urlsafe(16)))
    db = Database(settings.resolved_database_url)
    try:
        db.migrate()
        load_demo(db)
        workdir.mkdir(parents=True, exist_ok=True)
    except BaseException:
        db.dispose()
        drop_postgres_database(POSTGRES_ADMIN_URL, database)
        raise
    env = {**os.environ, "VAR_DIR": str(settings.var_dir), "DATABASE_URL": url, "GATEWAY_HOST": "127.0.0.1",
           "GATEWAY_PORT": str(gateway_port), "ENGINE_PORT": str(engine_port), "ENGINE_URL": settings.engine_url,
           "ACTIONS_PORT": str(actions_port), "ACTIONS_URL": settings.actions_url, "ENGINE_REPLICAS": str(engines),
           "ACTIONS_REPLICAS": str(engines), "GATEWAY_REPLICAS": "1", "WORKER_REPLICAS": "1",
           "LOCK_STORE_URL": settings.lock_store_url, "ENGINE_URLS": "", "ACTIONS_URLS": "",
           "ENGINE_AUTH_TOKEN": settings.engine_auth_token.get_secret_value(),
           "ACTIONS_AUTH_TOKEN": settings.actions_auth_token.get_secret_value(),
           "PHONE_ENCRYPTION_KEY": settings.phone_encryption_key.get_secret_value(),
           "SIMULATOR_WAIT_SECONDS": "0", "INBOX_BACKOFF_SECONDS": "0.5", "ENGINE_TIMEOUT_SECONDS": TIMEOUTS[0],
           "TICKET_LOCK_LIFETIME": TIMEOUTS[1], "PRIVACY_NOTICE": "false", "LOG_LEVEL": "WARNING",
           "PYTHONUNBUFFERED": "1"}
    stack = ScaleStack(engines, settings, db, database)
    stack.processes = {p.name: Process(p.name, list(p.command), dict(p.env), workdir / f"{p.name}.log")
                       for p in stack_programs(settings, model, env)}
    for process in stack.processes.values():
        process.start()
    return stack


async def wait_until(check: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not await asyncio.to_thread(check):  # type: ignore[arg-type]
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} not within {timeout:.0f} s")
        await asyncio.sleep(0.5)


def senders(stack: ScaleStack, tag: int, count: int) -> list[str]:
    """`count` new mobile numbers for one run (tag: 0–99, distinct per run of a stack)."""
    return [f"+86137{stack.engines}{tag:02d}{n:05d}" for n in range(count)]


async def load(stack: ScaleStack, numbers: list[str], messages: int, *, kill: str | None = None,
               timeout: float = 1200.0) -> Run:
    """Each sender texts its script, the next message once the previous is answered. With `kill`, that process
    is killed once a third of the messages are answered."""
    done: dict[int, asyncio.Event] = {}
    total = len(numbers) * messages
    kill_at: list[float] = []
    async with httpx.AsyncClient(timeout=30) as client:

        async def watch() -> None:
            answered = 0
            while True:
                waiting = [i for i, event in done.items() if not event.is_set()]
                for i in await asyncio.to_thread(stack.finished, waiting) if waiting else []:
                    done[i].set()
                    answered += 1
                if kill and not kill_at and answered * 3 >= total:
                    kill_at.append(datetime.now(UTC).timestamp())
                    await asyncio.to_thread(stack.processes[kill].kill)
                await asyncio.sleep(0.05)

        async def one(n: int, number: str) -> None:
            script = SCRIPTS[n % len(SCRIPTS)]
            for k in range(messages):
                response = await client.post(f"{stack.gateway}/channels/simulator",
                                             json={"from": number, "text": script[k % len(script)]})
                if response.status_code not in (200, 202) or response.json().get("message_id") is None:
                    raise RuntimeError(f"the gateway answered {response.status_code}: {response.text[:200]}")
                event = done.setdefault(response.json()["message_id"], asyncio.Event())
                await event.wait()

        watcher = asyncio.create_task(watch())
        try:
            await asyncio.wait_for(asyncio.gather(*(one(n, s) for n, s in enumerate(numbers))), timeout)
        finally:
            watcher.cancel()
    return Run(await asyncio.to_thread(stack.rows, list(done)), kill_at[0] if kill_at else None)


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), "unknown CPU")
    memory = int(Path("/proc/meminfo").read_text().split()[1]) / 1024 / 1024
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB"


def load_average() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


async def measure(args: argparse.Namespace) -> str:
    model = Path(args.model).resolve() if args.model else ensure_model(load_settings().gridbot_cache_dir)
    tmp = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    began, load_at_start = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), load_average()
    stacks: dict[int, ScaleStack] = {}
    try:
        for engines in (1, 2):
            stacks[engines] = new_stack(engines, model, tmp / f"engines-{engines}")
        for stack in stacks.values():
            await wait_until(stack.ready, 900, f"the {stack.engines}-engine stack")
        for stack in stacks.values():  # warm-up, not reported: every engine has taken turns
            await load(stack, senders(stack, 99, 4 * stack.engines), 1)
        runs: dict[int, list[Run]] = {1: [], 2: []}
        for rep in range(args.repeats):
            for engines in ((1, 2) if rep % 2 == 0 else (2, 1)):
                runs[engines].append(await load(stacks[engines], senders(stacks[engines], rep, args.senders),
                                                args.messages))
                print(f"repetition {rep + 1}, {engines} engine(s): {runs[engines][-1].throughput:.2f} msg/s",
                      flush=True)
        memory = {engines: stack.memory() for engines, stack in stacks.items()}
        failovers: list[Run] = []
        for rep in range(args.repeats):
            two = stacks[2]
            failovers.append(await load(two, senders(two, 50 + rep, args.senders), args.messages, kill="engine-1"))
            print(f"failover {rep + 1}: first affected sender answered {failovers[-1].moves(2)[0]:.2f} s after "
                  "the kill", flush=True)
            if rep + 1 < args.repeats:
                two.processes["engine-1"].start()
                await wait_until(two.ready, 900, "engine-1 back")
                await asyncio.sleep(6)  # the worker's recheck (5 s): engine-1's senders are back home
    finally:
        for stack in stacks.values():
            stack.stop()
    return report(args, model, runs, failovers, memory, began, load_at_start)


def report(args: argparse.Namespace, model: Path, runs: dict[int, list[Run]], failovers: list[Run],
           memory: dict[int, dict[str, list[int]]], began: str, load_at_start: str) -> str:
    med = statistics.median

    def figures(engines: int) -> dict[str, float]:
        return {"throughput": med(r.throughput for r in runs[engines]),
                "p50": med(statistics.median(r.latencies_ms) for r in runs[engines]),
                "p95": med(pct(r.latencies_ms, 0.95) for r in runs[engines])}

    one, two = figures(1), figures(2)
    each = {e: ", ".join(f"{r.throughput:.2f}" for r in runs[e]) for e in (1, 2)}
    moves = [f.moves(2) for f in failovers]
    mib = {e: {kind: [kib / 1024 for kib in values] for kind, values in memory[e].items()} for e in (1, 2)}
    names = {"engine": "engine (each)", "actions": "action server (each)", "gateway": "gateway", "worker": "worker"}
    messages = args.senders * args.messages
    lines = [
        START,
        "## Replicas: one engine against two (`bench/scale.py`)",
        "",
        f"{began}, {machine()}; load average {load_at_start} at the start and {load_average()} at the end. "
        f"Model `{model.name}`. Both stacks up side by side, each as `bin/bot run` starts it with one gateway and "
        f"one worker, on PostgreSQL (a database each) and the atomic Redis lock store; the 2-engine stack has 2 "
        f"action servers. A repetition: {args.senders} new senders each text {args.messages} messages (a report, "
        f"where, a question, thanks) through the simulator channel, the next once the previous is answered: "
        f"{messages} messages per stack, the stacks taking turns. Medians of {args.repeats} repetitions.",
        "",
        "| measure | 1 engine | 2 engines | 2 / 1 |",
        "|---|---:|---:|---:|",
        f"| throughput, messages answered per second | {one['throughput']:.2f} | {two['throughput']:.2f} | "
        f"{two['throughput'] / one['throughput']:.2f} × |",
        f"| reply latency p50 (stored → replies queued) | {one['p50']:.0f} ms | {two['p50']:.0f} ms | "
        f"{two['p50'] / one['p50']:.2f} × |",
        f"| reply latency p95 | {one['p95']:.0f} ms | {two['p95']:.0f} ms | {two['p95'] / one['p95']:.2f} × |",
        f"| not answered (parked), all repetitions | {sum(r.parked for r in runs[1])} | "
        f"{sum(r.parked for r in runs[2])} | |",
        f"| throughput in each repetition | {each[1]} | {each[2]} | |",
        "",
        f"Failover, 2 engines, the same load with new senders, engine-1 killed by PID (SIGKILL) once a third of the "
        f"messages were answered, {len(failovers)} time(s); ENGINE_TIMEOUT_SECONDS={TIMEOUTS[0]}, "
        f"TICKET_LOCK_LIFETIME={TIMEOUTS[1]}:",
        "",
        "| failover | median | each run |",
        "|---|---:|---|",
        f"| kill → first reply by engine-2 to a sender of engine-1 | {med(m[0] for m in moves):.2f} s | "
        f"{', '.join(f'{m[0]:.2f}' for m in moves)} s |",
        f"| kill → half the senders of engine-1 answered again | {med(m[1] for m in moves):.2f} s | "
        f"{', '.join(f'{m[1]:.2f}' for m in moves)} s |",
        f"| kill → every sender of engine-1 answered again | {med(m[2] for m in moves):.2f} s | "
        f"{', '.join(f'{m[2]:.2f}' for m in moves)} s |",
        f"| throughput of the run with the kill | {med(f.throughput for f in failovers):.2f} msg/s | "
        f"{', '.join(f'{f.throughput:.2f}' for f in failovers)} |",
        f"| not answered (parked) | {sum(f.parked for f in failovers)} of {len(failovers) * messages} | |",
        "",
        "| resident memory (RSS, after the throughput runs) | 1-engine stack | 2-engine stack |",
        "|---|---:|---:|",
        *(f"| {label} | {' / '.join(f'{v:.0f}' for v in mib[1].get(kind, []))} MiB | "
          f"{' / '.join(f'{v:.0f}' for v in mib[2].get(kind, []))} MiB |" for kind, label in names.items()),
        f"| whole stack | {sum(sum(v) for v in mib[1].values()):.0f} MiB | "
        f"{sum(sum(v) for v in mib[2].values()):.0f} MiB |",
        END,
    ]
    return "\n".join(lines) + "\n"


def write_block(path: Path, block: str) -> None:
    text = path.read_text(encoding="utf-8")
    if START in text and END in text:
        text = text[:text.index(START)] + block.rstrip("\n") + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--model")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--senders", type=int, default=40)
    parser.add_argument("--messages", type=int, default=4)
    parser.add_argument("--quick", action="store_true", help="a smoke run: 1 repetition, 8 senders × 3 messages")
    parser.add_argument("--out", default=None, help="the file to write (default docs/benchmarks.md; '' to only "
                                                    "print; --quick only prints unless given)")
    args = parser.parse_args()
    if args.quick:
        args.repeats, args.senders, args.messages = 1, 8, 3
    out = args.out if args.out is not None else ("" if args.quick else str(ROOT / "docs" / "benchmarks.md"))
    block = asyncio.run(measure(args))
    print(block)
    if out:
        write_block(Path(out), block)


if __name__ == "__main__":
    main()
