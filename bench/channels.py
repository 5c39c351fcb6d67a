"""Channel benchmarks: webhook acknowledgement latency and sustained inbound rate with signed
Twilio requests, and end-to-end time to the reply against a bare Rasa REST turn, measured
side by side in one run on one stack (engine, action server, gateway and worker as real
processes; Twilio's REST API is the loopback fake, in a process of its own, which timestamps
each reply it receives).

    bin/venv app python bench/channels.py [--model PATH] [--rate 200] [--seconds 5] [--e2e 120]
                                          [--postgres] [--out docs/benchmarks.md]

The load client is light on purpose: every request is signed and serialised before the clock
starts and written as raw HTTP/1.1 on 64 keep-alive connections, one request per connection at a
time. (An httpx client cannot offer 200 req/s on these 2 cores: against an endpoint that does
nothing it took 5.5 ms of CPU per request and its p95 was 15 s, so it measured itself.) Each
acknowledgement's latency is taken from the moment the request was *scheduled* to go out, so a
client falling behind counts against the result rather than hiding a queue; the same client
against a do-nothing endpoint at the same rate is reported as the measuring floor.

Phases:
 0. floor: the same open loop against a do-nothing ASGI app (uvicorn, like the gateway);
 1. ack, engine idle: "帮助" messages at --rate req/s (answered before the engine: it stays idle);
 2. ack, engine busy: report messages at --rate req/s, the engine working through the backlog;
    during 1 and 2 the client also posts to the do-nothing app at a quarter of the rate: the floor
    under the same load (the client and every process wait for the two cores then);
 3. sustained inbound: 16 connections posting back to back, messages acknowledged per second;
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

from bench.http_load import ServerProcess, closed_loop, open_loop, post_form  # noqa: E402
from bot.app.demo import load_demo  # noqa: E402
from bot.common.address_cipher import conversation_cipher  # noqa: E402
from bot.common.settings import Settings, load_settings  # noqa: E402
from bot.engine.model_cache import ensure_model  # noqa: E402
from bot.store.db import Database  # noqa: E402
from tests.fakes.twilio import ACCOUNT_SID, AUTH_TOKEN  # noqa: E402
from tests.integration.stack import Stack, free_port  # noqa: E402

PUBLIC = "https://grid.example.org"
FROM = "+15005550006"
SMS_PATH = "/channels/twilio/sms"
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
    return params, {"X-Twilio-Signature": VALIDATOR.compute_signature(PUBLIC + SMS_PATH, params)}


def signed_requests(port: int, prefix: str, body: str, count: int, sender_prefix: str = "+86137") -> list[bytes]:
    """`count` signed inbound SMS, serialised before the clock starts; distinct senders and sids."""
    return [post_form("127.0.0.1", port, SMS_PATH, *sms(f"{prefix}{n:06d}", f"{sender_prefix}{n:08d}", body))
            for n in range(count)]


async def acks(port: int, prefix: str, body: str, rate: float, seconds: float) -> tuple[list[float], list[float]]:
    """Open loop at `rate`; every request must be acknowledged with 200. Returns (latencies, client lag)."""
    result = await open_loop("127.0.0.1", port, signed_requests(port, prefix, body, int(rate * seconds)), rate)
    assert set(result.statuses) == {200}, sorted(set(result.statuses))
    return result.latencies_ms, result.lag_ms


async def acks_with_probe(port: int, probe_port: int, prefix: str, body: str, rate: float, seconds: float
                          ) -> tuple[list[float], list[float], list[float]]:
    """`acks`, while the same client also posts to the do-nothing endpoint at a quarter of the rate.
    That endpoint's latencies are the measuring floor under the same load: what any process on the
    machine, the client included, waits for the CPU meanwhile. Returns (latencies, client lag, probe)."""
    (latencies, lag), probe = await asyncio.gather(
        acks(port, prefix, body, rate, seconds),
        open_loop("127.0.0.1", probe_port, signed_requests(probe_port, f"{prefix}p", body, int(rate * seconds / 4)),
                  rate / 4))
    return latencies, lag, probe.latencies_ms


async def bare_turns(engine_url: str, count: int, concurrency: int = 8, *,
                     phone_key: str = "") -> tuple[list[float], float]:
    """Turns straight to the engine, each as its sender's conversation id (the action server refuses a bare number)."""
    conversations = conversation_cipher(phone_key or load_settings().phone_encryption_key.get_secret_value())
    latencies: list[float] = []
    queue = list(range(count))
    async with httpx.AsyncClient(timeout=120) as client:
        t0 = time.perf_counter()

        async def worker() -> None:
            while queue:
                n = queue.pop(0)
                start = time.perf_counter()
                response = await client.post(f"{engine_url}/webhooks/rest/webhook",
                                             json={"sender": conversations.seal(f"+86135{n:08d}"),
                                                   "message": TEXTS[n % len(TEXTS)], "metadata": {"channel": "bench"}})
                assert response.status_code == 200
                latencies.append((time.perf_counter() - start) * 1000)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return latencies, count / (time.perf_counter() - t0)


async def gateway_turns(gateway_url: str, twilio_url: str, count: int, concurrency: int = 8
                        ) -> tuple[list[float], float]:
    """Same texts as signed SMS; a message's time is from its post to its first reply at the fake."""
    posted: dict[str, float] = {}
    first: dict[str, float] = {}
    replied: dict[str, asyncio.Event] = {}
    queue = list(range(count))
    async with httpx.AsyncClient(timeout=30) as client:

        async def watch() -> None:  # what the fake Twilio received, every 10 ms
            seen = 0
            while True:
                new = (await client.get(f"{twilio_url}/bench/sent", params={"since": seen})).json()
                seen += len(new)
                for message in new:
                    if message["To"] not in first:
                        first[message["To"]] = float(message["at"])
                        replied.setdefault(message["To"], asyncio.Event()).set()
                await asyncio.sleep(0.01)

        async def worker() -> None:
            while queue:
                n = queue.pop(0)
                sender = f"+86134{n:08d}"
                params, headers = sms(f"SMe2e{n:06d}", sender, TEXTS[n % len(TEXTS)])
                posted[sender] = time.monotonic()
                response = await client.post(f"{gateway_url}{SMS_PATH}", data=params, headers=headers)
                assert response.status_code == 200
                await replied.setdefault(sender, asyncio.Event()).wait()  # closed loop, like the bare turn

        watcher = asyncio.create_task(watch())
        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - t0
        watcher.cancel()
    latencies = [(first[s] - t) * 1000 for s, t in posted.items()]
    return latencies, count / elapsed


async def wait_drained(db: Database, timeout: float = 600) -> None:
    from sqlalchemy import func, select

    from bot.store.message_models import InboxMessage, OutboxMessage

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


def database_url(args: argparse.Namespace, tmp: Path) -> tuple[str, str | None]:
    """SQLite in a scratch folder, or a fresh PostgreSQL database (returned by name, to drop)."""
    if not args.postgres:
        return f"sqlite:///{tmp / 'var' / 'gridbot.db'}", None
    from tests.conftest import POSTGRES_ADMIN_URL, create_postgres_database

    name, url = create_postgres_database(POSTGRES_ADMIN_URL)
    return url, name


async def run(args: argparse.Namespace) -> str:
    model = Path(args.model) if args.model else ensure_model(load_settings().gridbot_cache_dir)
    twilio = ServerProcess("twilio").start()
    floor_server = ServerProcess("nothing").start()
    tmp = Path(tempfile.mkdtemp(prefix="bench-channels-"))
    ports = [free_port() for _ in range(3)]
    url, pg_name = database_url(args, tmp)
    settings = Settings(var_dir=tmp / "var", database_url=url,
                        engine_port=ports[0], actions_port=ports[1], gateway_port=ports[2],
                        engine_url=f"http://127.0.0.1:{ports[0]}", actions_url=f"http://127.0.0.1:{ports[1]}",
                        _env_file=None)
    db = Database(settings.resolved_database_url)
    db.migrate()
    load_demo(db)
    stack = BenchStack(settings=settings, model=model, workdir=tmp)
    stack.twilio_url = twilio.url
    stack.start()
    port = settings.gateway_port
    try:
        floor, floor_lag = await acks(floor_server.port, "SMfloor", "帮助", args.rate, args.seconds)
        await acks(port, "SMwarm", "帮助", 50, 1)  # warm-up, not reported
        await wait_drained(db)
        idle, idle_lag, idle_probe = await acks_with_probe(port, floor_server.port, "SMidle", "帮助", args.rate,
                                                           args.seconds)
        drain_started = time.monotonic()
        await wait_drained(db)
        idle_drain = time.monotonic() - drain_started
        busy, busy_lag, busy_probe = await acks_with_probe(port, floor_server.port, "SMbusy", "路灯坏了好几天了",
                                                           args.rate, args.seconds)
        floor_server.stop()
        await wait_drained(db)
        total = int(args.rate * args.seconds)
        rate, result = await closed_loop("127.0.0.1", port, signed_requests(port, "SMsus", "帮助", total, "+86136"))
        assert set(result.statuses) == {200}
        await wait_drained(db)
        bare, bare_tput = await bare_turns(settings.engine_url, args.e2e,
                                           phone_key=settings.phone_encryption_key.get_secret_value())
        gw, gw_tput = await gateway_turns(stack.gateway_url, twilio.url, args.e2e)
        lost = await count_lost(db, expected=50 + 3 * int(args.rate * args.seconds) + args.e2e)
    finally:
        stack.stop()
        twilio.stop()
        floor_server.stop()
        db.dispose()
        if pg_name:
            from tests.conftest import POSTGRES_ADMIN_URL, drop_postgres_database

            drop_postgres_database(POSTGRES_ADMIN_URL, pg_name)
    n = int(args.rate * args.seconds)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())

    def ack_row(label: str, values: list[float], lag: list[float] | None, target: str) -> str:
        lag_cell = f"{pct(lag, 0.95):.1f} ms" if lag else "—"
        return (f"| {label} | {statistics.median(values):.1f} ms | "
                f"{pct(values, 0.95):.1f} ms | {pct(values, 0.99):.1f} ms | {lag_cell} | {target} |")

    at = f"{args.rate:.0f} req/s × {n}"
    probed = f"{args.rate / 4:.0f} req/s × {len(idle_probe)}"

    kind = "PostgreSQL" if args.postgres else "SQLite"
    lines = [
        f"### {kind}, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        f"Model `{model.name}`; gateway and worker as separate processes; signed Twilio webhooks from the raw "
        f"HTTP/1.1 client (latency from each request's scheduled time); fake Twilio REST API in its own process. "
        f"Load average at the end: {load}.",
        "",
        "| acknowledgement | p50 | p95 | p99 | client lag p95 | target |",
        "|---|---|---|---|---|---|",
        ack_row(f"floor: same client, do-nothing endpoint, {at}", floor, floor_lag, "(measuring floor)"),
        ack_row(f"engine idle (帮助), {at}", idle, idle_lag, "p95 ≤ 10 ms"),
        ack_row(f"… meanwhile the do-nothing endpoint, {probed}", idle_probe, None, "(floor under this load)"),
        ack_row(f"engine working through the backlog, {at}", busy, busy_lag, "p95 ≤ 50 ms"),
        ack_row(f"… meanwhile the do-nothing endpoint, {probed}", busy_probe, None, "(floor under this load)"),
        "",
        "| end to end | p50 | p95 | target |",
        "|---|---|---|---|",
        f"| bare Rasa REST turn, {args.e2e} messages, 8 at a time | {statistics.median(bare):.0f} ms | "
        f"{pct(bare, 0.95):.0f} ms | (floor) |",
        f"| SMS in → reply at Twilio, same messages | {statistics.median(gw):.0f} ms | {pct(gw, 0.95):.0f} ms | "
        f"p95 ≤ 1.5 × bare ({pct(gw, 0.95) / pct(bare, 0.95):.2f} ×) |",
        "",
        f"- Sustained inbound, 16 connections back to back: {rate:.0f} signed messages acknowledged per second.",
        f"- The worker had answered the idle phase's {n} 帮助 {idle_drain:.1f} s after the last acknowledgement "
        f"(polled every 0.5 s).",
        f"- End-to-end throughput: bare {bare_tput:.2f} msg/s, through the gateway {gw_tput:.2f} msg/s "
        f"({gw_tput / bare_tput:.2f} × bare; target ≥ 0.8 ×).",
        f"- Lost: {lost} (every acknowledged message stored once and processed; target 0).",
        "",
    ]
    return "\n".join(lines)


async def count_lost(db: Database, expected: int) -> int:
    """Acknowledged messages not stored or not processed (every phase's sids are distinct)."""
    from sqlalchemy import func, select

    from bot.store.message_models import InboxMessage

    await wait_drained(db)
    with db.session() as s:
        done = s.scalar(select(func.count()).select_from(InboxMessage).where(InboxMessage.status == "done"))
    return expected - int(done or 0)


def write_section(path: Path, block: str, kind: str) -> None:
    """Put `block` in the channels section of the file, in place of the previous run on the same database."""
    header = "## Channels (bench/channels.py)"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    start = text.find(header)
    if start < 0:
        text, start = text.rstrip("\n") + "\n\n" + header + "\n\n", len(text.rstrip("\n")) + 2
    end = text.find("\n## ", start + 1)
    end = len(text) if end < 0 else end + 1
    section = text[start:end]
    old = section.find(f"### {kind},")
    if old >= 0:
        stop = section.find("\n### ", old + 1)
        section = section[:old] + block.rstrip("\n") + "\n" + (section[stop:] if stop >= 0 else "")
    else:
        section = section.rstrip("\n") + "\n\n" + block
    text = text[:start] + section.rstrip("\n") + "\n" + ("\n" + text[end:] if end < len(text) else "")
    path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--model")
    parser.add_argument("--rate", type=float, default=200)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--e2e", type=int, default=120)
    parser.add_argument("--postgres", action="store_true",
                        help="a fresh database on the PostgreSQL server the tests use (POSTGRES_TEST_URL)")
    parser.add_argument("--out", default=str(ROOT / "docs" / "benchmarks.md"), help="'' to only print")
    args = parser.parse_args()
    section = asyncio.run(run(args))
    print(section)
    if args.out:
        write_section(Path(args.out), section, "PostgreSQL" if args.postgres else "SQLite")


if __name__ == "__main__":
    main()
