"""Talking to the Rasa engine over HTTP (REST channel and the parse API)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from bot.messaging.ports import EngineUnavailable

# How long a positive readiness check is trusted. The worker asked the engine and the action server
# before every claim: two HTTP requests per message answered, a large share of its CPU under load
# (docs/benchmarks.md). A turn itself takes a second or more, during which either can fail anyway.
READY_SECONDS = 0.5



class EngineClient:
    def __init__(self, engine_url: str, actions_url: str, *, timeout: float = 30.0,
                 transport: httpx.AsyncBaseTransport | None = None, ready_seconds: float = READY_SECONDS,
                 monotonic: Callable[[], float] = time.monotonic, auth_token: str = "") -> None:
        self.engine_url = engine_url.rstrip("/")
        self._auth = {"token": auth_token} if auth_token else {}  # the HTTP API's; the REST channel needs none
        self.actions_url = actions_url.rstrip("/")
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)
        self.ready_seconds = ready_seconds
        self._monotonic = monotonic
        self._ready_until = float("-inf")

    async def ready(self) -> bool:
        """Whether the engine (with a model) and the action server both answer. A positive answer is
        kept for `ready_seconds`, unless a turn fails meanwhile; a negative one is never kept."""
        if self._monotonic() < self._ready_until:
            return True
        if await self.engine_ready() and await self.actions_ready():
            self._ready_until = self._monotonic() + self.ready_seconds
            return True
        return False

    async def converse(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        """One turn through the REST channel; returns the bot's messages."""
        try:
            response = await self._http.post(f"{self.engine_url}/webhooks/rest/webhook",
                                             json={"sender": sender, "message": text, "metadata": metadata})
        except httpx.HTTPError as exc:
            self._ready_until = float("-inf")
            raise EngineUnavailable(f"engine unreachable: {type(exc).__name__}") from exc
        if response.status_code != 200:
            self._ready_until = float("-inf")
            raise EngineUnavailable(f"engine answered {response.status_code}")
        return list(response.json())

    async def parse(self, text: str) -> dict[str, Any]:
        try:
            response = await self._http.post(f"{self.engine_url}/model/parse", json={"text": text}, params=self._auth)
        except httpx.HTTPError as exc:
            raise EngineUnavailable(f"engine unreachable: {type(exc).__name__}") from exc
        if response.status_code != 200:
            raise EngineUnavailable(f"engine answered {response.status_code}")
        return dict(response.json())

    async def engine_ready(self) -> bool:
        """True when the engine answers and has a model loaded."""
        try:
            response = await self._http.get(f"{self.engine_url}/status", params=self._auth, timeout=3)
            return response.status_code == 200 and bool(response.json().get("model_file"))
        except (httpx.HTTPError, ValueError):
            return False

    async def actions_ready(self) -> bool:
        try:
            response = await self._http.get(f"{self.actions_url}/health", timeout=3)
            return response.status_code == 200
        except httpx.HTTPError:
            return False

    async def aclose(self) -> None:
        await self._http.aclose()
