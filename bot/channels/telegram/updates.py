"""A Telegram update as the inbox stores it. Stored before anything answers it; the key is
the update_id, so a re-delivered update is one message."""

from __future__ import annotations

from typing import Any

from bot.messaging.ports import Inbound, Receiver


def parse_update(update: dict[str, Any]) -> Inbound | None:
    """The parts of an update gridbot uses, or None for kinds it ignores (edits, channel posts…)."""
    update_id = update.get("update_id")
    if update_id is None:
        return None
    external_id = str(update_id)
    callback = update.get("callback_query")
    if callback:
        sender = f"tg:{callback['from']['id']}"
        return Inbound(channel="telegram", external_id=external_id, sender=sender,
                       text="", payload={"callback": {"id": callback["id"], "data": callback.get("data") or ""}})
    message = update.get("message")
    if not message or "from" not in message:
        return None
    sender = f"tg:{message['from']['id']}"
    payload: dict[str, Any] = {}
    if message.get("photo"):
        largest = max(message["photo"], key=lambda p: (p.get("width", 0) * p.get("height", 0), p.get("file_size", 0)))
        payload["telegram_photo"] = {k: largest[k] for k in ("file_id", "file_unique_id", "file_size") if k in largest}
    if message.get("location"):
        payload["lat"] = float(message["location"]["latitude"])
        payload["lon"] = float(message["location"]["longitude"])
    if message.get("contact"):
        contact = message["contact"]
        payload["contact"] = {"phone_number": contact.get("phone_number", ""), "user_id": contact.get("user_id")}
    text = (message.get("text") or message.get("caption") or "").strip()
    if not text and not payload:
        return None
    return Inbound(channel="telegram", external_id=external_id, sender=sender, text=text, payload=payload)


async def store_update(intake: Receiver, update: dict[str, Any]) -> tuple[int | None, bool]:
    """Store one update; (inbox id, created). An ignored kind gives (None, False)."""
    inbound = parse_update(update)
    if inbound is None:
        return None, False
    return await intake.store(inbound)
