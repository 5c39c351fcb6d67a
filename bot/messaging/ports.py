"""Messaging's ports: what the adapters around it (channels, the engine) and messaging exchange.

Channels import these and nothing else of messaging; messaging imports no channel and no engine.
- Inbound side: a channel parses a request into an `Inbound` and hands it to a `Receiver`
  (`bot.messaging.intake.Intake`), which stores it before the channel answers.
- Worker side: the inbound worker claims a stored message as a `Claimed`, runs the channel's
  `Step`s over it (each may answer it, `Replies`, or pass it on, changed, perhaps with a note for
  the sender: `with_note`), then asks the `Engine`. A step that finds the message can never go
  through raises `PermanentStepError`: it is parked.
- Outbound side: the dispatcher sends through a `Channel`, which raises `SendError` saying whether
  trying again could help. Retries live in one place, the dispatcher.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Protocol

Replies = list[dict[str, Any]]


@dataclass(frozen=True)
class Inbound:
    """A message as a channel parsed it, before it is stored."""

    channel: str
    external_id: str
    sender: str
    text: str = ""
    payload: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Claimed:
    """A stored inbound message a worker has claimed."""

    id: int
    channel: str
    sender: str
    text: str
    payload: dict[str, Any]
    attempts: int
    # Taken over from a worker whose claim ran out, or retried after a turn that failed: the engine may
    # have taken its turn already, so it is asked (`Engine.turn_taken`) before the turn is taken again.
    in_doubt: bool = False
    # The sender's role ("staff", "resident") as a step found it (the app's staff desk, which looks the sender up
    # anyway), told the engine with the turn: the classifier drops the intents only staff mean for anyone else
    # (engine_ext/roles.py). Never stored: a retry runs the steps again. None: no role is told.
    role: str | None = None


class Receiver(Protocol):
    async def store(self, message: Inbound) -> tuple[int | None, bool]:
        """Persist a message; (inbox id, created) once it is committed. A repeat is not stored again.
        The id is None when the database could not be reached and the message is kept in the gateway's
        spool instead (durably: answer the provider as usual); it reaches the inbox when the database is back."""
        ...


class Step(Protocol):
    """A channel's work on a claimed message before the engine: answer it (Replies) or pass it on."""

    async def __call__(self, message: Claimed) -> Claimed | Replies: ...


def with_payload(message: Claimed, **changes: Any) -> Claimed:
    return replace(message, payload={**message.payload, **changes})


def with_note(message: Claimed, text: str) -> Claimed:
    """The message passed on with a short note for its sender, sent after the engine's replies (an
    attachment that was not kept). A step run again on a retry does not add the same note twice."""
    notes = [str(note) for note in message.payload.get("notes") or []]
    return with_payload(message, notes=notes if text in notes else [*notes, text])


class PermanentStepError(Exception):
    """A step found that the message can never go through, however often it is tried (media the
    provider no longer has, an address that is no URL): the worker parks it at once, `reason` kept
    for staff (no message text in it), and the sender hears `reply` (a short note), or the apology."""

    def __init__(self, reason: str, *, reply: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.reply = reply


class EngineUnavailable(Exception):
    """The engine (or the action server behind it) could not take the message; try again later."""


class Engine(Protocol):
    """The conversation engine the inbound worker hands messages to (`bot.engine.client.EngineClient`)."""

    async def ready(self) -> bool:
        """Whether a turn can be taken now (the engine and what it calls are up)."""
        ...

    async def converse(self, sender: str, text: str, metadata: dict[str, Any]) -> Replies:
        """One turn; the bot's messages. Raises EngineUnavailable when it cannot be taken now."""
        ...

    async def turn_taken(self, sender: str, inbox_id: int) -> Replies | None:
        """The bot's messages of the turn the engine took for inbox message `inbox_id`, if it took one
        (a worker died during or after it); None when it holds no such turn. Raises EngineUnavailable
        when it cannot tell."""
        ...


class SendError(Exception):
    def __init__(self, message: str, *, permanent: bool) -> None:
        super().__init__(message)
        self.permanent = permanent


class Channel(ABC):
    """What every channel provides for sending. Parsing inbound requests is the channel's own route."""

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
