"""Tencent Cloud SMS's pushes: replies (上行, one JSON object) and delivery receipts (a JSON array),
behind a URL secret (`?token=`; Tencent signs neither). Each may come twice: a reply is one inbox message
(keyed on number, time and text), a receipt marks its message again harmlessly. Both are answered
`{"result": 0, "errmsg": "OK"}` at once (`sms_template/pushes.py` does the rest)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter

from bot.channels.sms_template import pushes
from bot.channels.tencent_sms.channel import CHANNEL
from bot.common.phones import InvalidPhone, to_e164
from bot.messaging.ports import Inbound, Receiver

REPLY_PATH = "/channels/tencent_sms/reply"
REPORT_PATH = "/channels/tencent_sms/report"


def reply_inbound(item: dict[str, Any]) -> Inbound | None:
    try:
        sender = to_e164(f"+{item.get('nationcode') or '86'}{item.get('mobile') or ''}", "CN")
    except InvalidPhone:
        return None
    text = str(item.get("text") or "")
    key = hashlib.sha256(f"{sender}\n{item.get('time')}\n{text}".encode()).hexdigest()[:40]
    return Inbound(CHANNEL, f"up:{key}", sender, text=text, payload={"extend": str(item.get("extend") or "")[:20]})


def receipt(item: dict[str, Any]) -> tuple[str, str] | None:
    if not item.get("sid"):
        return None
    return str(item["sid"]), "delivered" if item.get("report_status") == "SUCCESS" else "failed"


PROVIDER = pushes.Provider(CHANNEL, REPLY_PATH, REPORT_PATH,
                           answer=lambda code, message: {"result": code, "errmsg": message},
                           reply=reply_inbound, receipt=receipt)


def router(token: str, intake: Receiver, record_delivery: Callable[[str, str], bool]) -> APIRouter:
    return pushes.router(PROVIDER, token, intake, record_delivery)
