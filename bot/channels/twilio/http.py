"""twilio's REST client, sending on the dispatcher's event loop over aiohttp.

twilio's default client is requests in a worker thread: several times the CPU per SMS of this
one, and a thread hop each way (docs/benchmarks.md). twilio's own async client (also aiohttp,
which twilio requires) never passes its timeout to aiohttp, so a hung connection would hang the
dispatcher; this one has a timeout, does not retry (the outbox does) and logs nothing (a request
carries the recipient and the text).
"""

from __future__ import annotations

import asyncio
import logging
import os
import ssl
from urllib.parse import urlsplit
from urllib.request import getproxies, proxy_bypass

import aiohttp
from twilio.http import AsyncHttpClient
from twilio.http.response import Response

log = logging.getLogger(__name__)


class AiohttpClient(AsyncHttpClient):
    """An `AsyncHttpClient` for `twilio.rest.Client`: pooled connections, a total timeout per
    request, and the environment's proxy (HTTPS_PROXY, NO_PROXY) and requests' CA-bundle variables
    honoured, as twilio's requests-based client does. They are read once, for `base_url`: reading
    them per request (aiohttp's `trust_env`) cost more CPU per SMS than the rest of the send."""

    def __init__(self, base_url: str, timeout: float) -> None:
        super().__init__(log, True, timeout)
        self.proxy = environ_proxy(base_url)
        self._session: aiohttp.ClientSession | None = None
        self._loop: asyncio.AbstractEventLoop | None = None

    async def request(self, method: str, uri: str, params: dict[str, object] | None = None,
                      data: dict[str, object] | None = None, headers: dict[str, str] | None = None,
                      auth: tuple[str, str] | None = None, timeout: float | None = None,
                      allow_redirects: bool = False) -> Response:
        session = self._session_on_this_loop()
        if auth:
            headers = {**(headers or {}), "Authorization": aiohttp.encode_basic_auth(*auth)}
        async with session.request(method.upper(), uri, params=params, data=data, headers=headers,
                                   allow_redirects=allow_redirects, proxy=self.proxy,
                                   timeout=aiohttp.ClientTimeout(total=timeout or self.timeout)) as response:
            return Response(response.status, await response.text(), response.headers)

    def _session_on_this_loop(self) -> aiohttp.ClientSession:
        """A session belongs to the event loop it was made on; one is made on first use."""
        loop = asyncio.get_running_loop()
        if self._session is None or self._session.closed or self._loop is not loop:
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=_ssl_context()))
            self._loop = loop
        return self._session

    async def aclose(self) -> None:
        if self._session is not None and self._loop is asyncio.get_running_loop():
            await self._session.close()
        self._session = None


def environ_proxy(url: str) -> str | None:
    """The proxy the environment names for `url`'s scheme, unless NO_PROXY exempts its host."""
    parts = urlsplit(url)
    if proxy_bypass(parts.hostname or ""):
        return None
    return getproxies().get(parts.scheme)


def _ssl_context() -> ssl.SSLContext:
    bundle = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE")
    return ssl.create_default_context(cafile=bundle or None)
