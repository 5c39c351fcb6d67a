"""Talking to the Rasa engine over HTTP (REST channel and the parse API).

The engine never learns who it talks to: each conversation is keyed by the sender's address sealed
with the `conversations` key (bot/common/address_cipher.py), so Rasa's tracker store holds no phone
number, and the action server opens the id again (actions/runtime.py), refusing one it cannot open."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

from bot.common.address_cipher import AddressCipher, conversation_cipher
from bot.common.settings import Settings
from bot.messaging.ports import EngineUnavailable, Replies

# How long a positive readiness check is trusted. The worker asked the engine and the action server
# before every claim: two HTTP requests per message answered, a large share of its CPU under load
# (docs/benchmarks.md). A turn itself takes a second or more, during which either can fail anyway.
READY_SECONDS = 0.5


class EngineClient:
    def __init__(self, engine_url: str, actions_url: str, *, timeout: float = 30.0,
                 transport: httpx.AsyncBaseTransport | None = None, ready_seconds: float = READY_SECONDS,
                 monotonic: Callable[[], float] = time.monotonic, auth_token: str = "",
                 conversation_key: str | None = None) -> None:
        # PHONE_ENCRYPTION_KEY; without one, read from the environment as the settings are.
        key = Settings().phone_encryption_key.get_secret_value() if conversation_key is None else conversation_key
        self.conversations: AddressCipher = conversation_cipher(key)
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

    def conversation_id(self, sender: str) -> str:
        """The id the engine knows `sender`'s conversation by: opaque, stable, path-safe (base64url)."""
        return self.conversations.seal(sender)

    async def converse(self, sender: str, text: str, metadata: dict[str, Any]) -> list[dict[str, Any]]:
        """One turn through the REST channel, as the sender's conversation id; returns the bot's messages
        (addressed to `sender` again)."""
        try:
            response = await self._http.post(f"{self.engine_url}/webhooks/rest/webhook",
                                             json={"sender": self.conversation_id(sender), "message": text,
                                                   "metadata": metadata})
        except httpx.HTTPError as exc:
            self._ready_until = float("-inf")
            raise EngineUnavailable(f"engine unreachable: {type(exc).__name__}") from exc
        if response.status_code != 200:
            self._ready_until = float("-inf")
            raise EngineUnavailable(f"engine answered {response.status_code}")
        return [{**reply, "recipient_id": sender} if isinstance(reply, dict) and "recipient_id" in reply else reply
                for reply in response.json()]

    async def turn_taken(self, sender: str, inbox_id: int) -> Replies | None:
        """The replies of the turn the engine took for inbox message `inbox_id`, read from the sender's
        tracker (the HTTP API's, with the token): what the REST channel answered for the `bot` events
        after the `user` event whose metadata names the message, up to the next `user` event. None when
        the tracker holds no such event. Raises EngineUnavailable when the tracker cannot be read.

        The conversation id goes into the path as it is: Rasa's server (Sanic) does not decode the path,
        so `%2B` would name another conversation; ids are base64url, path-safe. AFTER_RESTART: a message
        in doubt is its sender's latest turn, and a conversation's whole history can be long."""
        try:
            response = await self._http.get(f"{self.engine_url}/conversations/{self.conversation_id(sender)}/tracker",
                                             params={**self._auth, "include_events": "AFTER_RESTART"})
        except httpx.HTTPError as exc:
            raise EngineUnavailable(f"engine unreachable: {type(exc).__name__}") from exc
        if response.status_code != 200:
            raise EngineUnavailable(f"engine answered {response.status_code} for a tracker")
        try:
            events = response.json().get("events") or []
        except (ValueError, AttributeError) as exc:
            raise EngineUnavailable("engine sent a tracker that is no JSON object") from exc
        return replies_of_turn(events, inbox_id, sender)

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
        """True when the action server answers; without its URL (an engine on another host whose action server
        this host cannot reach: ACTIONS_URLS unset) it is not checked from here."""
        if not self.actions_url:
            return True
        try:
            response = await self._http.get(f"{self.actions_url}/health", timeout=3)
            return response.status_code == 200
        except httpx.HTTPError:
            return False

    async def aclose(self) -> None:
        await self._http.aclose()


def replies_of_turn(events: list[dict[str, Any]], inbox_id: int, sender: str) -> Replies | None:
    """What the REST channel answered for the turn of inbox message `inbox_id` (see `turn_taken`),
    None when the events hold no `user` event for it. The latest such event counts."""
    found = None
    for index, event in enumerate(events):
        if event.get("event") == "user" and (event.get("metadata") or {}).get("inbox_id") == inbox_id:
            found = index
    if found is None:
        return None
    replies: Replies = []
    for event in events[found + 1:]:
        if event.get("event") == "user":
            break
        if event.get("event") == "bot":
            replies += _as_answered(event, sender)
    return replies


def _as_answered(event: dict[str, Any], sender: str) -> Replies:
    """One `bot` event as the REST channel answered it: Rasa's `BotUttered.message()` through
    `OutputChannel.send_response` into its `CollectingOutputChannel` (rasa/core/channels/channel.py,
    3.6): a text in parts split at blank lines, unless it carries buttons (or quick replies); then
    custom JSON, an image and an attachment, each a message of its own. Carousels (`elements`) are
    not used by gridbot's domain and are left out."""
    message = {**(event.get("data") or {}), "text": event.get("text"), **(event.get("metadata") or {})}
    if message.get("image") == message.get("attachment"):  # Rasa copies an image into `attachment`
        message["attachment"] = None
    out: list[dict[str, Any]] = []
    if message.get("quick_replies") or message.get("buttons"):
        out.append({"text": message.get("text"), "buttons": message.get("quick_replies") or message.get("buttons")})
    elif message.get("text"):
        out += [{"text": part} for part in str(message["text"]).strip().split("\n\n")]
    out += [{key: message[key]} for key in ("custom", "image", "attachment") if message.get(key)]
    return [{"recipient_id": sender, **{key: value for key, value in reply.items() if value is not None}}
            for reply in out]
