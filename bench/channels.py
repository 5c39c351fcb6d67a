"""Channel benchmarks: webhook acknowledgement latency and sustained inbound rate with signed
Twilio requests, and end-to-end time to the reply against a bare Rasa REST turn, measured
side by side in one run on one stack (engine, action server, gateway as real processes;
Twilio's REST API is the loopback fake, which timestamps each reply it receives).

    bin/venv app python bench/channels.py [--model PATH] [--rate 200] [--seconds 5] [--e2e 120]
                                          [--out docs/benchmarks.md]

Phases:
 1. ack, engine idle: "帮助" messages at --rate req/s (answered before the engine: it stays idle);
 2. ack, engine busy: report messages at --rate req/s, the engine working through the backlog;
 3. sustained inbound: as fast as 16 concurrent clients can post, messages acknowledged per second;
 4. end to end: --e2e messages, 8 at a time, as bare REST turns to the engine, then as signed SMS
    through the gateway until the fake Twilio holds the reply (distinct senders, same texts).
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

import httpx
from twilio.request_validator import RequestValidator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.demo import load_demo  # noqa: E402
from bot.model import ensure_model  # noqa: E402
from bot.settings import Settings, load_settings  # noqa: E402
from bot.store.db import Database  # noqa: E402
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN, FakeTwilio  # noqa: E402
from tests.integration.stack import Stack, free_port  # noqa: E402

PUBLIC = "https://grid.example.org"
FROM = "+15005550006"
TEXTS = ["路灯坏了好几天了", "小区门口井盖不见了", "楼道里堆满了杂物", "你好", "垃圾好几天没人收"]
VALIDATOR = RequestValidator(AUTH_TOKEN)


class BenchStack(Stack):
    twilio_url = ""

    def wait_until_healthy(self, timeout: float = 480.0) -> None:
        super().wait_until_healthy(timeout)

    def env(self) -> dict[str, str]:
        return {**super().env(), "PUBLIC_BASE_URL": PUBLIC, "TWILIO_ACCOUNT_SID": ACCOUNT_SID,
                "TWILIO_AUTH_TOKEN": AUTH_TOKEN, "TWILIO_FROM_NUMBER": FROM, "TWILIO_API_BASE_URL": self.twilio_url,
                "SMS_RATE_PER_SECOND": "1000", "SMS_DAILY_PARTS": "1000", "TELEGRAM_BOT_TOKEN": "",
                "LOG_LEVEL": "WARNING"}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def sms(sid: str, sender: str, body: str) -> tuple[dict[str, str], dict[str, str]]:
    params = {"MessageSid": sid, "AccountSid": ACCOUNT_SID, "From": sender, "To": FROM, "Body": body,
              "NumMedia": "0"}
    return params, {"X-Twilio-Signature": VALIDATOR.compute_signature(PUBLIC + "/channels/twilio/sms", params)}


async def open_loop(client: httpx.AsyncClient, url: str, prefix: str, body: str, rate: float,
                    seconds: float) -> list[float]:
    """Post at a fixed rate whatever the answers take; returns each acknowledgement's latency (ms)."""
    count = int(rate * seconds)
    prepared = [sms(f"{prefix}{n:06d}", f"+86137{n + hash(prefix) % 1000 * 10000:08d}", body) for n in range(count)]
    latencies: list[float] = []
    loop = asyncio.get_running_loop()
    start = loop.time()

    async def one(n: int) -> None:
        await asyncio.sleep(max(0.0, start + n / rate - loop.time()))
        params, headers = prepared[n]
        t0 = time.perf_counter()
        response = await client.post(url, data=params, headers=headers)
        latencies.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200, response.status_code

    await asyncio.gather(*(one(n) for n in range(count)))
    return latencies


async def sustained(client: httpx.AsyncClient, url: str, total: int, concurrency: int = 16) -> float:
    prepared = [sms(f"SMsus{n:06d}", f"+86136{n:08d}", "帮助") for n in range(total)]
    queue = list(range(total))
    t0 = time.perf_counter()

    async def worker() -> None:
        while queue:
            params, headers = prepared[queue.pop()]
            response = await client.post(url, data=params, headers=headers)
            assert response.status_code == 200

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return total / (time.perf_counter() - t0)


async def bare_turns(engine_url: str, count: int, concurrency: int = 8) -> tuple[list[float], float]:
    latencies: list[float] = []
    queue = list(range(count))
    async with httpx.AsyncClient(timeout=120) as client:
        t0 = time.perf_counter()

        async def worker() -> None:
            while queue:
                n = queue.pop(0)
                start = time.perf_counter()
                response = await client.post(f"{engine_url}/webhooks/rest/webhook",
                                             json={"sender": f"+86135{n:08d}", "message": TEXTS[n % len(TEXTS)],
                                                   "metadata": {"channel": "bench"}})
                assert response.status_code == 200
                latencies.append((time.perf_counter() - start) * 1000)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return latencies, count / (time.perf_counter() - t0)


async def gateway_turns(gateway_url: str, twilio: FakeTwilio, count: int, concurrency: int = 8
                        ) -> tuple[list[float], float]:
    """Same texts as signed SMS; a message's time is from its post to its first reply at the fake."""
    posted: dict[str, float] = {}
    queue = list(range(count))
    async with httpx.AsyncClient(timeout=30) as client:
        t0 = time.perf_counter()

        async def worker() -> None:
            while queue:
                n = queue.pop(0)
                sender = f"+86134{n:08d}"
                params, headers = sms(f"SMe2e{n:06d}", sender, TEXTS[n % len(TEXTS)])
                posted[sender] = time.monotonic()
                response = await client.post(f"{gateway_url}/channels/twilio/sms", data=params, headers=headers)
                assert response.status_code == 200
                while not any(m["To"] == sender for m in twilio.sent):  # closed loop, like the bare turn
                    await asyncio.sleep(0.005)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - t0
    first: dict[str, float] = {}
    for message in twilio.sent:
        first.setdefault(message["To"], float(message["at"]))
    latencies = [(first[s] - t) * 1000 for s, t in posted.items()]
    return latencies, count / elapsed


async def wait_drained(db: Database, timeout: float = 600) -> None:
    from sqlalchemy import func, select

    from bot.store.models import InboxMessage, OutboxMessage

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with db.session() as s:
            busy = s.scalar(select(func.count()).select_from(InboxMessage)
                            .where(InboxMessage.status.in_(("pending", "processing"))))
            busy += s.scalar(select(func.count()).select_from(OutboxMessage)
                             .where(OutboxMessage.status.in_(("pending", "sending"))))
        if not busy:
            return
        await asyncio.sleep(0.5)
    raise RuntimeError("backlog not drained")


async def run(args: argparse.Namespace) -> str:
    model = Path(args.model) if args.model else ensure_model(load_settings().gridbot_cache_dir)
    twilio = FakeTwilio().start()
    tmp = Path(tempfile.mkdtemp(prefix="bench-channels-"))
    ports = [free_port() for _ in range(3)]
    settings = Settings(var_dir=tmp / "var", database_url=f"sqlite:///{tmp / 'var' / 'gridbot.db'}",
                        engine_port=ports[0], actions_port=ports[1], gateway_port=ports[2],
                        engine_url=f"http://127.0.0.1:{ports[0]}", actions_url=f"http://127.0.0.1:{ports[1]}",
                        _env_file=None)
    db = Database(settings.resolved_database_url)
    db.migrate()
    load_demo(db)
    stack = BenchStack(settings=settings, model=model, workdir=tmp)
    stack.twilio_url = twilio.url
    stack.start()
    url = f"{stack.gateway_url}/channels/twilio/sms"
    try:
        async with httpx.AsyncClient(timeout=30, limits=httpx.Limits(max_connections=64)) as client:
            await open_loop(client, url, "SMwarm", "帮助", 50, 1)  # warm-up, not reported
            await wait_drained(db)
            idle = await open_loop(client, url, "SMidle", "帮助", args.rate, args.seconds)
            await wait_drained(db)
            busy = await open_loop(client, url, "SMbusy", "路灯坏了好几天了", args.rate, args.seconds)
            await wait_drained(db)
            rate = await sustained(client, url, int(args.rate * args.seconds))
            await wait_drained(db)
        bare, bare_tput = await bare_turns(settings.engine_url, args.e2e)
        gw, gw_tput = await gateway_turns(stack.gateway_url, twilio, args.e2e)
    finally:
        stack.stop()
        twilio.stop()
        db.dispose()
    n = int(args.rate * args.seconds)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        "## Channels (bench/channels.py)",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on this machine (2 cores, shared), SQLite, "
        f"model `{model.name}`; signed Twilio webhooks, fake Twilio REST API on loopback; load average at the "
        f"end {load} (other engineers' trainings and tests share the cores).",
        "",
        "| measure | p50 | p95 | target |",
        "|---|---|---|---|",
        f"| ack latency, engine idle, {args.rate:.0f} req/s × {n} | {statistics.median(idle):.1f} ms | "
        f"{pct(idle, 0.95):.1f} ms | p95 ≤ 10 ms |",
        f"| ack latency, engine working through the backlog, {args.rate:.0f} req/s × {n} | "
        f"{statistics.median(busy):.1f} ms | {pct(busy, 0.95):.1f} ms | p95 ≤ 50 ms |",
        f"| bare Rasa REST turn, {args.e2e} messages, 8 at a time | {statistics.median(bare):.0f} ms | "
        f"{pct(bare, 0.95):.0f} ms | (floor) |",
        f"| SMS in → reply at Twilio, same messages | {statistics.median(gw):.0f} ms | {pct(gw, 0.95):.0f} ms | "
        f"p95 ≤ 1.5 × bare ({pct(gw, 0.95) / pct(bare, 0.95):.2f} ×) |",
        "",
        f"- Sustained inbound, 16 clients: {rate:.0f} signed messages acknowledged per second.",
        f"- End-to-end throughput: bare {bare_tput:.2f} msg/s, through the gateway {gw_tput:.2f} msg/s "
        f"({gw_tput / bare_tput:.2f} × bare; target ≥ 0.8 ×).",
        "",
    ]
    return "\n".join(lines)


def write_section(path: Path, section: str) -> None:
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    start = text.find("## Channels (bench/channels.py)")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + (text[end + 1:] if end >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--model")
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--e2e", type=int, default=120)
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"))
    args = parser.parse_args()
    section = asyncio.run(run(args))
    print(section)
    if args.out:
        write_section(Path(args.out), section)


if __name__ == "__main__":
    main()
