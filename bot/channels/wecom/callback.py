"""A WeCom (企业微信) app callback: always encrypted. The URL check (GET) must answer within a second
with the decrypted echostr; messages (POST) are stored before `success`, deduplicated on MsgId (WeCom
tries three times). `msg_signature` is compared in constant time before wechatpy decrypts anything;
a timestamp far from now is refused. A member's text becomes an `Inbound` from `wc:<userid>`."""

from __future__ import annotations

from datetime import datetime
from xml.etree import ElementTree

from wechatpy.enterprise import parse_message
from wechatpy.enterprise.crypto import WeChatCrypto
from wechatpy.messages import TextMessage

from bot.channels.wechat.callback import Query, Refused, check_fresh, signature_matches
from bot.messaging.ports import Inbound

CHANNEL = "wecom"
PREFIX = "wc:"
MAX_BODY_BYTES = 64 * 1024


def verify_url(crypto: WeChatCrypto, token: str, query: Query, now: datetime) -> str:
    """The decrypted echostr for WeCom's URL check, or Refused."""
    check_fresh(query.timestamp, now)
    if not signature_matches(token, query.msg_signature, query.timestamp, query.nonce, query.echostr):
        raise Refused("bad msg_signature")
    try:
        return str(crypto.check_signature(query.msg_signature, query.timestamp, query.nonce, query.echostr))
    except Exception as exc:
        raise Refused(f"cannot decrypt echostr: {type(exc).__name__}", status=400) from exc


def open_body(crypto: WeChatCrypto, token: str, query: Query, body: bytes, now: datetime) -> str:
    if len(body) > MAX_BODY_BYTES:
        raise Refused("body too large", status=413)
    check_fresh(query.timestamp, now)
    try:
        encrypted = ElementTree.fromstring(body).findtext("Encrypt") or ""
    except ElementTree.ParseError as exc:
        raise Refused("not XML", status=400) from exc
    if not encrypted or not signature_matches(token, query.msg_signature, query.timestamp, query.nonce, encrypted):
        raise Refused("bad msg_signature")
    try:
        return str(crypto.decrypt_message({"Encrypt": encrypted}, query.msg_signature, query.timestamp, query.nonce))
    except Exception as exc:
        raise Refused(f"cannot decrypt: {type(exc).__name__}", status=400) from exc


def to_inbound(xml: str) -> Inbound | None:
    """A member's text message; None for anything else (events, pictures: staff act by text)."""
    try:
        message = parse_message(xml)
    except Exception as exc:
        raise Refused(f"not a WeCom message: {type(exc).__name__}", status=400) from exc
    if message is None or not message.source:
        raise Refused("not a WeCom message", status=400)
    if not isinstance(message, TextMessage):
        return None
    return Inbound(CHANNEL, f"m:{message.id}", PREFIX + str(message.source), text=str(message.content or ""))
