"""A TCP proxy on a loopback port in front of a real server (the test PostgreSQL), which a test can cut
and restore: while cut, the port refuses connections and every open connection is reset, which is what
clients see of a server that stopped. Other tests share the server, so it is never stopped itself."""

from __future__ import annotations

import asyncio
import contextlib
import threading

from sqlalchemy.engine import make_url

from tests.fakes.server import free_port


class TcpProxy:
    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: asyncio.Server | None = None
        self._open: set[asyncio.StreamWriter] = set()

    @classmethod
    def before(cls, url: str) -> TcpProxy:
        """A started proxy in front of the server of a database URL."""
        parsed = make_url(url)
        return cls(parsed.host or "127.0.0.1", parsed.port or 5432).start()

    def url_of(self, url: str) -> str:
        """The database URL through this proxy."""
        return make_url(url).set(host="127.0.0.1", port=self.port).render_as_string(hide_password=False)

    def start(self) -> TcpProxy:
        self._thread.start()
        self.restore()
        return self

    def cut(self) -> None:
        """Stop listening and reset every connection."""
        self._run(self._cut())

    def restore(self) -> None:
        """Listen again on the same port."""
        self._run(self._listen())

    def stop(self) -> None:
        self.cut()
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)

    def _run(self, coroutine: object) -> None:
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=10)  # type: ignore[arg-type]

    async def _listen(self) -> None:
        if self._server is None:
            self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port, reuse_address=True)

    async def _cut(self) -> None:
        server, self._server = self._server, None
        if server is not None:
            server.close()  # no new connections
        for writer in list(self._open):
            writer.transport.abort()
        self._open.clear()
        if server is not None:
            await server.wait_closed()

    async def _serve(self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter) -> None:
        try:
            server_reader, server_writer = await asyncio.open_connection(*self.target)
        except OSError:
            client_writer.transport.abort()
            return
        self._open.update((client_writer, server_writer))
        await asyncio.gather(_pipe(client_reader, server_writer), _pipe(server_reader, client_writer))
        for writer in (client_writer, server_writer):
            self._open.discard(writer)
            writer.transport.abort()


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(OSError, asyncio.IncompleteReadError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    with contextlib.suppress(OSError):
        writer.write_eof()
