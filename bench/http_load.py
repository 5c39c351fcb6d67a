"""A light HTTP load client for the benchmarks, and the servers it is measured against.

The client writes pre-serialised HTTP/1.1 requests on keep-alive connections (one request per
connection at a time) and reads the answers with asyncio streams: about 0.3 ms of CPU per request
here, against ~5 ms for an httpx client, which on 2 shared cores could not itself offer 200 req/s.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode


def post_form(host: str, port: int, path: str, params: dict[str, str], headers: dict[str, str]) -> bytes:
    """A complete form-encoded POST, ready to write."""
    body = urlencode(params).encode()
    head = [f"POST {path} HTTP/1.1", f"Host: {host}:{port}", "Content-Type: application/x-www-form-urlencoded",
            f"Content-Length: {len(body)}", *(f"{k}: {v}" for k, v in headers.items())]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def read_status(reader: asyncio.StreamReader) -> int:
    """Read one response (with a Content-Length, as our servers send); returns its status."""
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("latin-1").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    if length:
        await reader.readexactly(length)
    return status


@dataclass
class Result:
    latencies_ms: list[float] = field(default_factory=list)  # from the scheduled send time
    lag_ms: list[float] = field(default_factory=list)  # how late the client wrote each request
    statuses: list[int] = field(default_factory=list)


async def open_loop(host: str, port: int, requests: list[bytes], rate: float, connections: int = 64) -> Result:
    """Send requests[n] at start + n/rate, whatever the answers take (on the first free connection)."""
    pool: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = asyncio.Queue()
    for _ in range(connections):
        pool.put_nowait(await asyncio.open_connection(host, port))
    loop = asyncio.get_running_loop()
    result = Result()
    start = loop.time() + 0.05

    async def one(n: int) -> None:
        due = start + n / rate
        if (wait := due - loop.time()) > 0:
            await asyncio.sleep(wait)
        reader, writer = await pool.get()
        written = loop.time()
        writer.write(requests[n])
        status = await read_status(reader)
        result.latencies_ms.append((loop.time() - due) * 1000)
        result.lag_ms.append((written - due) * 1000)
        result.statuses.append(status)
        pool.put_nowait((reader, writer))

    try:
        await asyncio.gather(*(one(n) for n in range(len(requests))))
    finally:
        while not pool.empty():
            pool.get_nowait()[1].close()
    return result


async def closed_loop(host: str, port: int, requests: list[bytes], connections: int = 16) -> tuple[float, Result]:
    """Each connection posts its next request as soon as the previous one is answered; returns req/s."""
    pending = list(reversed(requests))
    result = Result()

    async def client() -> None:
        reader, writer = await asyncio.open_connection(host, port)
        try:
            while pending:
                writer.write(pending.pop())
                result.statuses.append(await read_status(reader))
        finally:
            writer.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    return len(requests) / (time.perf_counter() - t0), result


async def _do_nothing(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    while (await receive()).get("more_body"):
        pass
    body = b'<?xml version="1.0" encoding="UTF-8"?><Response />'
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/xml"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


def _serve(app_factory: str, port: int) -> None:
    import uvicorn

    app = _do_nothing if app_factory == "nothing" else _remote_twilio_app()
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False,
                lifespan="off" if app_factory == "nothing" else "auto")


def _remote_twilio_app() -> Any:
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    from tests.fakes.twilio import FakeTwilio

    fake = FakeTwilio()
    app = fake.app()

    async def sent(request: Request) -> JSONResponse:
        return JSONResponse(fake.sent[int(request.query_params.get("since", 0)):])

    app.router.routes.append(Route("/bench/sent", sent))
    return app


class ServerProcess:
    """A loopback server in a child process: "nothing" (answers every request with empty TwiML) or
    "twilio" (the fake Twilio REST API, plus GET /bench/sent?since=N listing what it received;
    its `at` stamps are time.monotonic(), which is system-wide on Linux)."""

    def __init__(self, kind: str) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = int(sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self.kind = kind
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> ServerProcess:
        root = str(Path(__file__).resolve().parent.parent)
        code = f"import sys; sys.path.insert(0, {root!r}); from bench.http_load import _serve; " \
               f"_serve({self.kind!r}, {self.port})"
        self._process = subprocess.Popen([sys.executable, "-c", code])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("loopback server did not start")

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            self._process.wait(timeout=10)
