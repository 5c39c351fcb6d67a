"""Which channel a message to a person goes by: their preferred channel, then their fallbacks in order
(`Person.fallback_channels`, set by a registry import's 渠道 column).

A channel counts when the person has an address on it: a WeChat follower who linked their number, a
linked Telegram account, or the number itself for the channels addressed by number (the simulator,
SMS, template SMS, WeCom). The core picks the first such channel when it queues a message; the app
moves a message on to the next one that is configured when its channel is not, or when it failed
for good there (`bot.app.rerouting`). A person with no fallbacks is reached as before.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.orm import Session

from bot.core import registry
from bot.store.models import Person

BY_NUMBER = ("simulator", "sms", "aliyun_sms", "tencent_sms", "wecom")
KNOWN = ("wechat", "telegram", *BY_NUMBER)
NAMES = {"wechat": "wechat", "微信": "wechat", "公众号": "wechat", "telegram": "telegram", "sms": "sms",
         "短信": "sms", "aliyun_sms": "aliyun_sms", "阿里云短信": "aliyun_sms", "tencent_sms": "tencent_sms",
         "腾讯云短信": "tencent_sms", "wecom": "wecom", "企业微信": "wecom", "simulator": "simulator"}


def order_of(person: Person) -> list[str]:
    """The person's channels in the order to try them, each once."""
    return list(dict.fromkeys([person.preferred_channel, *(person.fallback_channels or [])]))


def address_on(session: Session, person: Person, channel: str) -> str | None:
    """The person's address on a channel, or None when they have none there."""
    if channel == "wechat":
        return registry.wechat_address_of(session, person)
    if channel == "telegram":
        return f"tg:{person.telegram_user_id}" if person.telegram_user_id else None
    if channel in BY_NUMBER:
        return person.phone or None
    return None


def routes(session: Session, person: Person, *, configured: Collection[str] | None = None,
           after: str | None = None) -> list[tuple[str, str]]:
    """(channel, address) in the person's order that they have an address on (and, if given, that are
    configured), starting after channel `after` when given."""
    order = order_of(person)
    if after is not None:
        order = order[order.index(after) + 1:] if after in order else []
    found = []
    for channel in order:
        if configured is not None and channel not in configured:
            continue
        address = address_on(session, person, channel)
        if address is not None:
            found.append((channel, address))
    return found


def parse_channels(text: str) -> list[str] | None:
    """"微信,短信" → ["wechat", "sms"]; None when a name is unknown."""
    names = [part.strip().lower() for part in text.replace("，", ",").replace("、", ",").replace(";", ",")
             .split(",") if part.strip()]
    found = [NAMES.get(name) for name in names]
    if any(channel is None for channel in found):
        return None
    return list(dict.fromkeys(str(channel) for channel in found))
