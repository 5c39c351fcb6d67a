"""Talking to the Rasa engine over HTTP (REST channel and the parse API)."""

from __future__ import annotations

from typing import Any

import httpx


class EngineUnavailable(Exception):
    """The engine (or the action server behind it) could not take the message; try again later."""


class EngineClient:
    def __init__(self, engine_url: str, actions_url: str, *, timeout: float = 30.0,
                 transport: httpx.AsyncBaseTransport | None = None) -> None:
        self.engine_url = engine_url.rstrip("/")
        self.actions_url = actions_url.rstrip("/")
        self._http = httpx.AsyncClient(timeout=timeout, transport=transport)

    async def converse(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        """One turn through the REST channel; returns the bot's messages."""
        try:
            response = await self._http.post(f"{self.engine_url}/webhooks/rest/webhook",
                                             json={"sender": sender, "message": text, "metadata": metadata})
        except httpx.HTTPError as exc:
            raise EngineUnavailable(f"engine unreachable: {type(exc).__name__}") from exc
        if response.status_code != 200:
            raise EngineUnavailable(f"engine answered {response.status_code}")
        return list(response.json())

    async def parse(self, text: str) -> dict[str, Any]:
        try:
            response = await self._http.post(f"{self.engine_url}/model/parse", json={"text": text})
        except httpx.HTTPError as exc:
            raise EngineUnavailable(f"engine unreachable: {type(exc).__name__}") from exc
        if response.status_code != 200:
            raise EngineUnavailable(f"engine answered {response.status_code}")
        return dict(response.json())

    async def engine_ready(self) -> bool:
        """True when the engine answers and has a model loaded."""
        try:
            response = await self._http.get(f"{self.engine_url}/status", timeout=3)
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
