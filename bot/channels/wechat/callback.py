"""A WeChat Official Account callback as the inbox stores it.

Signatures (`signature` over token, timestamp and nonce; in safe mode `msg_signature` over those and the
Encrypt field) are computed with wechatpy's signer and compared in constant time (wechatpy's own checks
use `!=`); a timestamp further than `MAX_SKEW` from now is refused (a replayed request). The body is
capped before it is parsed. What comes in becomes an `Inbound` on channel "wechat" from `wx:<openid>`,
deduplicated on MsgId (events, which have none, on FromUserName + CreateTime): WeChat tries three times.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.etree import ElementTree

from wechatpy import parse_message
from wechatpy.crypto import WeChatCrypto
from wechatpy.events import ClickEvent, LocationEvent, SubscribeEvent, SubscribeScanEvent, UnsubscribeEvent
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.messages import ImageMessage, LocationMessage, TextMessage, VoiceMessage
from wechatpy.utils import WeChatSigner

from bot.messaging.ports import Inbound

CHANNEL = "wechat"
PREFIX = "wx:"
MAX_BODY_BYTES = 64 * 1024
MAX_SKEW_SECONDS = 300
# The menu's buttons (自定义菜单, `bin/bot wechat menu`): a click reads as what a resident would type.
MENU = {"REPORT": "我要反映问题", "STATUS": "查一下我的报事进度", "VOTE": "议事投票", "POINTS": "我的积分"}
BUTTONS = {"REPORT": "反映问题", "STATUS": "查询进度", "VOTE": "议事投票", "POINTS": "我的积分"}


def menu() -> dict[str, Any]:
    """The account's custom menu (自定义菜单): one CLICK button per entry of MENU."""
    return {"button": [{"type": "click", "name": name, "key": key} for key, name in BUTTONS.items()]}


class Refused(Exception):
    """A request that is not WeChat's (bad signature, stale, not XML we can read): 4xx, nothing stored."""

    def __init__(self, reason: str, status: int = 403) -> None:
        super().__init__(reason)
        self.status = status


@dataclass(frozen=True)
class Query:
    """The query string WeChat signs a callback with."""

    signature: str = ""
    timestamp: str = ""
    nonce: str = ""
    encrypt_type: str = ""
    msg_signature: str = ""
    echostr: str = ""

    @classmethod
    def of(cls, params: Any) -> Query:
        return cls(**{name: str(params.get(name, "")) for name in cls.__dataclass_fields__})


def _signed(*parts: str) -> str:
    signer = WeChatSigner()
    signer.add_data(*parts)
    return str(signer.signature)


def signature_matches(token: str, given: str, *parts: str) -> bool:
    """Whether `given` is WeChat's sha1 over the token and `parts`, compared in constant time."""
    if not token or not given:
        return False
    return hmac.compare_digest(_signed(token, *parts).encode(), given.encode())


def check_fresh(timestamp: str, now: datetime) -> None:
    try:
        sent = int(timestamp)
    except ValueError as exc:
        raise Refused("no timestamp") from exc
    if abs(now.timestamp() - sent) > MAX_SKEW_SECONDS:
        raise Refused("timestamp out of range")


def verify_url(token: str, query: Query, now: datetime) -> str:
    """The server-URL check (GET): the echostr to send back, or Refused."""
    check_fresh(query.timestamp, now)
    if not signature_matches(token, query.signature, query.timestamp, query.nonce):
        raise Refused("bad signature")
    return query.echostr


def open_body(token: str, crypto: WeChatCrypto | None, query: Query, body: bytes, now: datetime) -> str:
    """The message XML of a POST: the signature checked, decrypted in safe mode."""
    if len(body) > MAX_BODY_BYTES:
        raise Refused("body too large", status=413)
    check_fresh(query.timestamp, now)
    if not signature_matches(token, query.signature, query.timestamp, query.nonce):
        raise Refused("bad signature")
    if query.encrypt_type != "aes":
        if crypto is not None:
            raise Refused("plain message to an account in safe mode")
        return body.decode("utf-8", "replace")
    if crypto is None:
        raise Refused("encrypted message without WECHAT_ENCODING_AES_KEY", status=400)
    encrypted = _encrypt_field(body)
    if not signature_matches(token, query.msg_signature, query.timestamp, query.nonce, encrypted):
        raise Refused("bad msg_signature")
    try:
        return str(crypto.decrypt_message({"Encrypt": encrypted}, query.msg_signature, query.timestamp, query.nonce))
    except (InvalidSignatureException, InvalidAppIdException) as exc:
        raise Refused(f"cannot decrypt: {type(exc).__name__}") from exc
    except Exception as exc:  # corrupt base64, padding, XML: not WeChat's
        raise Refused(f"cannot decrypt: {type(exc).__name__}", status=400) from exc


def _encrypt_field(body: bytes) -> str:
    """The Encrypt element (expat resolves no external entity; the body is capped before)."""
    try:
        found = ElementTree.fromstring(body).findtext("Encrypt")
    except ElementTree.ParseError as exc:
        raise Refused("not XML", status=400) from exc
    if not found:
        raise Refused("no Encrypt field", status=400)
    return found


def to_inbound(xml: str) -> Inbound | None:
    """The message as the inbox stores it; None for what gridbot does not use (answered `success`)."""
    try:
        message = parse_message(xml)
    except Exception as exc:
        raise Refused(f"not a WeChat message: {type(exc).__name__}", status=400) from exc
    if message is None or not message.source:
        raise Refused("not a WeChat message", status=400)
    sender = PREFIX + str(message.source)
    msg_id = f"m:{message.id}"
    payload: dict[str, Any] = {}
    if isinstance(message, TextMessage):
        return Inbound(CHANNEL, msg_id, sender, text=str(message.content or ""))
    if isinstance(message, ImageMessage):
        payload["wechat_media"] = {"kind": "image", "media_id": str(message.media_id)}
        return Inbound(CHANNEL, msg_id, sender, payload=payload)
    if isinstance(message, VoiceMessage):
        payload["wechat_media"] = {"kind": "voice", "media_id": str(message.media_id),
                                   "format": str(message.format or "")}
        return Inbound(CHANNEL, msg_id, sender, text=str(message.recognition or "").strip(), payload=payload)
    if isinstance(message, LocationMessage):
        point = _point(message.location_x, message.location_y)
        if point is None:
            return None
        payload.update(lat=point[0], lon=point[1], wechat_label=str(message.label or "")[:256])
        return Inbound(CHANNEL, msg_id, sender, payload=payload)
    event_id = f"e:{message.source}:{message.time}"
    if isinstance(message, SubscribeEvent | SubscribeScanEvent):
        return Inbound(CHANNEL, event_id, sender, payload={"wechat_event": "subscribe"})
    if isinstance(message, UnsubscribeEvent):
        return Inbound(CHANNEL, event_id, sender, payload={"wechat_event": "unsubscribe"})
    if isinstance(message, ClickEvent):
        text = MENU.get(str(message.key or ""))
        return Inbound(CHANNEL, event_id, sender, text=text) if text else None
    if isinstance(message, LocationEvent):  # reported in the background while the account is open
        point = _point(message.latitude, message.longitude)
        if point is None:
            return None
        payload.update(lat=point[0], lon=point[1], wechat_event="location")
        return Inbound(CHANNEL, event_id, sender, payload=payload)
    return None


def _point(lat: Any, lon: Any) -> tuple[float, float] | None:
    try:
        point = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):  # NaN fails both
        return None
    return point
