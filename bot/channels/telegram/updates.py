"""A Telegram update as the inbox stores it. Stored before anything answers it; the key is
the update_id, so a re-delivered update is one message.

What the edge takes, and what it does with the rest (the webhook and long polling alike):
- Not an update at all: a body over MAX_UPDATE_BYTES (413), nested deeper than MAX_DEPTH, not
  JSON, not an object, or without an integer update_id (400). Telegram never sends these, so a
  clear 4xx is right; the size and the depth are checked before json.loads, which would otherwise
  read any size and raise RecursionError (a 500) on deep nesting.
- An update whose parts gridbot reads have the wrong shape (`from` not a user, photo sizes not
  objects, a location without longitude, a pressed button without `from`) or break Telegram's own
  limits (text over 4096 characters, a caption over 1024, callback_data over 64 bytes): 200 and
  ignored, nothing stored, logged at INFO with its update_id and the fields at fault, never their
  values. Telegram sends a webhook update again after any non-2xx answer, for as long as it keeps
  it (up to a day), and the same bytes would fail the same way each time; long polling would have
  to skip it anyway to move its offset. Either way it is refused for good, once.
- Kinds gridbot does not use (edits, channel posts…) and messages with nothing it uses: 200 and
  ignored, as always.
Only the fields gridbot reads are checked (`UpdateShape`); the rest of an update may be anything.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from bot.messaging.ports import Inbound, Receiver

log = logging.getLogger(__name__)

# A real update is a few KB: a message of 4096 characters is 12 KB of UTF-8, and the message it
# answers comes with it. A real update nests about ten levels (a button's keyboard in a message).
MAX_UPDATE_BYTES = 64 * 1024
MAX_DEPTH = 32
TEXT_LIMIT, CAPTION_LIMIT, CALLBACK_DATA_BYTES = 4096, 1024, 64

Id = Annotated[int, Field(ge=0, lt=2**63)]
FileId = Annotated[str, Field(min_length=1, max_length=256)]


class NotAnUpdate(ValueError):
    """A body that cannot be a Telegram update; `status` is the webhook's answer."""

    def __init__(self, reason: str, status: int = 400) -> None:
        super().__init__(reason)
        self.status = status


class _Shape(BaseModel):
    model_config = ConfigDict(extra="ignore", strict=True, frozen=True)


class User(_Shape):
    id: Annotated[int, Field(gt=0, lt=2**63)]


class PhotoSize(_Shape):
    file_id: FileId
    file_unique_id: FileId
    width: Id = 0
    height: Id = 0
    file_size: Id | None = None


class Location(_Shape):
    latitude: Annotated[float, Field(ge=-90, le=90, allow_inf_nan=False)]
    longitude: Annotated[float, Field(ge=-180, le=180, allow_inf_nan=False)]


class Contact(_Shape):
    phone_number: Annotated[str, Field(max_length=64)] = ""
    user_id: Id | None = None


class Message(_Shape):
    sender: User | None = Field(default=None, alias="from")
    text: Annotated[str, Field(max_length=TEXT_LIMIT)] | None = None
    caption: Annotated[str, Field(max_length=CAPTION_LIMIT)] | None = None
    photo: list[PhotoSize] | None = None
    location: Location | None = None
    contact: Contact | None = None


class CallbackQuery(_Shape):
    id: Annotated[str, Field(min_length=1, max_length=256)]
    sender: User = Field(alias="from")
    data: str | None = None

    @field_validator("data")
    @classmethod
    def _within_telegrams_limit(cls, value: str | None) -> str | None:
        if value is not None and len(value.encode()) > CALLBACK_DATA_BYTES:
            raise ValueError(f"callback_data over {CALLBACK_DATA_BYTES} bytes")
        return value


class UpdateShape(_Shape):
    update_id: Id
    message: Message | None = None
    callback_query: CallbackQuery | None = None


def decode_update(body: bytes) -> dict[str, Any]:
    """The update in a webhook's body; NotAnUpdate when the body cannot be one."""
    if len(body) > MAX_UPDATE_BYTES:
        raise NotAnUpdate(f"body over {MAX_UPDATE_BYTES} bytes", status=413)
    if _deeper_than(body, MAX_DEPTH):
        raise NotAnUpdate(f"nested deeper than {MAX_DEPTH}")
    try:
        update = json.loads(body, parse_constant=_no_constant)
    except (ValueError, RecursionError) as exc:
        raise NotAnUpdate("not JSON") from exc
    if update_id_of(update) is None:
        raise NotAnUpdate("no update_id")
    return update


def update_id_of(update: Any) -> int | None:
    """The update's id when it is an object with a plausible integer update_id."""
    if not isinstance(update, dict):
        return None
    value = update.get("update_id")
    return value if type(value) is int and 0 <= value < 2**63 else None


def parse_update(update: Any) -> Inbound | None:
    """The parts of an update gridbot uses, or None for kinds it ignores (edits, channel posts…) and
    for an update whose parts have the wrong shape or are over Telegram's limits."""
    try:
        shape = UpdateShape.model_validate(update)
    except ValidationError as exc:
        faults = sorted({".".join(map(str, e["loc"])) + ":" + e["type"] for e in exc.errors()})
        log.info("telegram update %s ignored: %s", update_id_of(update), ", ".join(faults[:5]))
        return None
    external_id = str(shape.update_id)
    callback = shape.callback_query
    if callback is not None:
        return Inbound(channel="telegram", external_id=external_id, sender=f"tg:{callback.sender.id}",
                       text="", payload={"callback": {"id": callback.id, "data": callback.data or ""}})
    message = shape.message
    if message is None or message.sender is None:
        return None
    payload: dict[str, Any] = {}
    if message.photo:
        largest = max(message.photo, key=lambda p: (p.width * p.height, p.file_size or 0))
        payload["telegram_photo"] = largest.model_dump(include={"file_id", "file_unique_id", "file_size"},
                                                       exclude_none=True)
    if message.location is not None:
        payload["lat"], payload["lon"] = message.location.latitude, message.location.longitude
    if message.contact is not None:
        payload["contact"] = {"phone_number": message.contact.phone_number, "user_id": message.contact.user_id}
    text = (message.text or message.caption or "").strip()
    if not text and not payload:
        return None
    return Inbound(channel="telegram", external_id=external_id, sender=f"tg:{message.sender.id}", text=text,
                   payload=payload)


async def store_update(intake: Receiver, update: Any) -> tuple[int | None, bool]:
    """Store one update; (inbox id, created). An ignored kind gives (None, False)."""
    inbound = parse_update(update)
    if inbound is None:
        return None, False
    return await intake.store(inbound)


_STRUCTURE = re.compile(rb'[\[\]{}"\\]')


def _deeper_than(body: bytes, limit: int) -> bool:
    """Whether arrays and objects nest deeper than `limit` (brackets inside strings do not count);
    one pass over the bytes that matter, before any parsing."""
    depth, in_string, at = 0, False, 0
    while (found := _STRUCTURE.search(body, at)) is not None:
        char, at = body[found.start()], found.end()
        if in_string:
            if char == 0x5C:  # backslash: the next byte is escaped
                at += 1
            elif char == 0x22:
                in_string = False
        elif char == 0x22:
            in_string = True
        elif char in (0x5B, 0x7B):
            depth += 1
            if depth > limit:
                return True
        elif char in (0x5D, 0x7D):
            depth -= 1
    return False


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")
