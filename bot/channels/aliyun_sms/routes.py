"""Aliyun's HTTP pushes: delivery receipts (SmsReport) and replies (SmsUp, 上行).

Both come as a JSON array behind a URL secret (ALIYUN_SMS_CALLBACK_TOKEN), may come twice, and want
`{"code": 0}` within about 700 ms (`sms_template/pushes.py` does the rest). A reply reads like any SMS: the
dialogue takes "1" after a vote notice as a ballot.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter

from bot.channels.aliyun_sms.channel import CHANNEL
from bot.channels.sms_template import pushes
from bot.common.phones import InvalidPhone, to_e164
from bot.messaging.ports import Inbound, Receiver

REPORT_PATH = "/channels/aliyun_sms/report"
REPLY_PATH = "/channels/aliyun_sms/reply"


def reply_inbound(item: dict[str, Any]) -> Inbound | None:
    """A reply as the inbox stores it, from +86 numbers; None for what is not one."""
    try:
        sender = to_e164(str(item.get("phone_number") or ""), "CN")
    except InvalidPhone:
        return None
    content = str(item.get("content") or "")
    sequence = str(item.get("sequence_id") or "")
    key = sequence or hashlib.sha256(f"{sender}\n{item.get('send_time')}\n{content}".encode()).hexdigest()[:40]
    return Inbound(CHANNEL, f"up:{key}", sender, text=content,
                   payload={"dest_code": str(item.get("dest_code") or "")[:20]})


def receipt(item: dict[str, Any]) -> tuple[str, str] | None:
    biz_id = str(item.get("biz_id") or "")
    if not biz_id:
        return None
    return biz_id, "delivered" if str(item.get("success")).lower() in ("true", "1") else "failed"


PROVIDER = pushes.Provider(CHANNEL, REPLY_PATH, REPORT_PATH,
                           answer=lambda code, message: {"code": code, "msg": "成功" if code == 0 else message},
                           reply=reply_inbound, receipt=receipt)


def router(token: str, intake: Receiver, record_delivery: Callable[[str, str], bool]) -> APIRouter:
    return pushes.router(PROVIDER, token, intake, record_delivery)
