"""Queueing messages to people. The outbox sends them; the core only writes rows."""

from __future__ import annotations

from sqlalchemy.orm import Session, object_session

from bot.core import channel_choice, registry
from bot.store.message_models import OutboxMessage
from bot.store.models import Person


def address_of(person: Person) -> tuple[str, str] | None:
    """(channel, address) where this person gets messages, or None if unreachable. With fallback channels,
    the first of their channels they have an address on (`channel_choice`)."""
    session = object_session(person)
    if person.fallback_channels and session is not None:
        found = channel_choice.routes(session, person)
        if found:
            return found[0]
    if person.preferred_channel == "wechat":  # a follower who linked this number and wrote from WeChat last
        session = object_session(person)
        follower = registry.wechat_address_of(session, person) if session is not None else None
        if follower is not None:
            return "wechat", follower
    if person.preferred_channel == "telegram" and person.telegram_user_id:
        return "telegram", f"tg:{person.telegram_user_id}"
    if person.phone:
        # Channels addressed by the number: the simulator, template SMS (mainland China), WeCom (staff; the
        # channel finds the member by number) or SMS (Twilio).
        own = ("simulator", "aliyun_sms", "tencent_sms", "wecom")
        channel = person.preferred_channel if person.preferred_channel in own else "sms"
        return channel, person.phone
    return None


def notify(session: Session, person: Person, text: str, *, ticket_id: int | None = None) -> OutboxMessage | None:
    """Queue a notification to a person on their channel."""
    target = address_of(person)
    if target is None:
        return None
    channel, address = target
    row = OutboxMessage(channel=channel, recipient=address, text=text, kind="notification", ticket_id=ticket_id)
    session.add(row)
    return row


def notify_address(session: Session, channel: str, address: str, text: str, *,
                   ticket_id: int | None = None) -> OutboxMessage:
    """Queue a notification to a conversation key (someone who may not be in the registry)."""
    row = OutboxMessage(channel=channel, recipient=address, text=text, kind="notification", ticket_id=ticket_id)
    session.add(row)
    return row
