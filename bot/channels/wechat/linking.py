"""A follower links their registry number once, so what WeChat cannot deliver (outside its window)
still reaches them: `绑定 13900000001` sends a one-time code to that number by template SMS, and the code
sent back within ten minutes links it (`wechat_identities`). Without template SMS, or for anyone who
prefers, their grid worker verifies the number by calling it and links it (`bin/bot wechat link`).

Codes are kept as hashes, a follower has one pending at a time, may ask for one a minute, and gets five
tries per code. Answered before the engine, as Telegram's /start is: the dialogue is not changed.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
import secrets
from datetime import timedelta

from sqlalchemy import select

from bot.channels.sms_template.templates import render
from bot.common.clock import Clock
from bot.common.phones import InvalidPhone, mask, to_e164
from bot.messaging.ports import Claimed, Replies
from bot.store.channel_models import WeChatIdentity, WeChatLinkCode
from bot.store.db import Database
from bot.store.message_models import OutboxMessage

ASK = re.compile(r"^\s*绑定\s*(?:手机|号码|手机号)?\s*[:：]?\s*(\+?[\d\s-]{11,16})\s*$")
ANSWER = re.compile(r"^\s*(?:验证码\s*[:：]?\s*)?(\d{6})\s*$")
LIFETIME = timedelta(minutes=10)
RESEND_AFTER = timedelta(minutes=1)
MAX_TRIES = 5
CODE_SENT = "验证码已发到{phone}，10分钟内回复“验证码 六位数字”完成绑定。"
ASK_WORKER = "现在不能发短信验证码。请联系您的网格员核实号码后为您绑定。"
TOO_SOON = "验证码刚发过，请稍等一分钟再试。"
NOT_A_NUMBER = "号码好像不对，请发“绑定 13900000001”这样的格式。"
LINKED = "绑定成功！以后微信收不到的消息会发到{phone}。"
WRONG = "验证码不对，请再核对一下。"
EXPIRED = "验证码已过期或错误次数太多，请重新发“绑定 手机号”。"


def _hash(address: str, code: str) -> str:
    return hashlib.sha256(f"{address}:{code}".encode()).hexdigest()


class WeChatLink:
    def __init__(self, db: Database, clock: Clock, *, sms_channel: str | None, region: str = "CN") -> None:
        self.db = db
        self.clock = clock
        self.sms_channel = sms_channel
        self.region = region

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        asked = ASK.match(message.text or "")
        if asked:
            return [{"text": await asyncio.to_thread(self._send_code, message.sender, asked.group(1))}]
        answered = ANSWER.match(message.text or "")
        if answered:
            reply = await asyncio.to_thread(self._check, message.sender, answered.group(1))
            if reply is not None:
                return [{"text": reply}]
        return message

    def _send_code(self, address: str, raw: str) -> str:
        try:
            phone = to_e164(raw.replace(" ", "").replace("-", ""), self.region)
        except InvalidPhone:
            return NOT_A_NUMBER
        if self.sms_channel is None:
            return ASK_WORKER
        now = self.clock.now()
        code = f"{secrets.randbelow(1_000_000):06d}"
        with self.db.session() as s:
            row = s.scalar(select(WeChatLinkCode).where(WeChatLinkCode.address == address))
            if row is not None and now - row.sent_at < RESEND_AFTER:
                return TOO_SOON
            if row is None:
                row = WeChatLinkCode(address=address)
                s.add(row)
            row.phone, row.code_hash, row.attempts = phone, _hash(address, code), 0
            row.sent_at, row.expires_at = now, now + LIFETIME
            params = {"code": code}
            s.add(OutboxMessage(channel=self.sms_channel, recipient=phone, kind="notification", created_at=now,
                                next_attempt_at=now, text=render("one_time_code", params),
                                payload={"template": "one_time_code", "params": params}))
        return CODE_SENT.format(phone=mask(phone))

    def _check(self, address: str, code: str) -> str | None:
        """The answer to a code; None when no code is pending (six digits meaning something else)."""
        now = self.clock.now()
        with self.db.session() as s:
            row = s.scalar(select(WeChatLinkCode).where(WeChatLinkCode.address == address))
            if row is None:
                return None
            if row.expires_at < now or row.attempts >= MAX_TRIES:
                s.delete(row)
                return EXPIRED
            if not hmac.compare_digest(row.code_hash, _hash(address, code)):
                row.attempts += 1
                return WRONG
            phone = row.phone
            s.delete(row)
            identity = s.scalar(select(WeChatIdentity).where(WeChatIdentity.address == address))
            if identity is None:
                s.add(WeChatIdentity(address=address, phone=phone, linked_at=now))
            else:
                identity.phone, identity.linked_at = phone, now
        return LINKED.format(phone=mask(phone))
