"""What every channel provides: parsing inbound requests is the channel's own route; sending
goes through `send()`, which raises `SendError` saying whether trying again could help.
Retries live in one place, the outbox dispatcher."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import datetime
from typing import Any


class SendError(Exception):
    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class Channel(ABC):
    name: str

    @abstractmethod
    async def send(self, recipient: str, text: str, payload: dict[str, Any]) -> str | None:
        """Deliver one message; return the provider's id for it, if any."""

    async def find_sent(self, recipient: str, text: str, since: datetime) -> str | None:
        """The provider's id for a message with this text sent to `recipient` since `since`, if it
        holds one: asked before a message whose send was in doubt (a crash) is sent again. A channel
        whose provider cannot be asked says None, and the message is sent again. Raises `SendError`
        when the provider could not answer."""
        return None

    async def aclose(self) -> None:  # pragma: no cover - default has nothing to close
        return None
