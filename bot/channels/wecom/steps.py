"""The WeCom step: a member's message goes on as the staff member they are, under their registry number,
so `收到 T1023` works exactly as it does by SMS and the conversation is the one their SMS has. A member not
linked yet is linked by the mobile number WeCom holds for them, when it is a staff member's in the registry
(the app needs the right to read members' mobiles); else they are told to ask for a link."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from sqlalchemy import select

from bot.channels.wecom.callback import PREFIX
from bot.channels.wecom.client import WeComApi
from bot.common.clock import Clock
from bot.common.phones import InvalidPhone, to_e164
from bot.core import registry
from bot.messaging.ports import Claimed, Replies
from bot.store.channel_models import WeComMember
from bot.store.db import Database

NOT_LINKED = "您的企业微信还没有绑定网格通的工作人员号码，请联系管理员绑定后再试。"


class WeComSteps:
    def __init__(self, api: WeComApi, db: Database, clock: Clock) -> None:
        self.api = api
        self.db = db
        self.clock = clock

    async def __call__(self, message: Claimed) -> Claimed | Replies:
        if not message.sender.startswith(PREFIX):
            return message  # already the member's number (a step run again)
        userid = message.sender[len(PREFIX):]
        phone = await asyncio.to_thread(self._linked, userid)
        if phone is None:
            phone = await self._link(userid)
        if phone is None:
            return [{"text": NOT_LINKED}]
        return replace(message, sender=phone, payload={**message.payload, "wecom_userid": userid})

    def _linked(self, userid: str) -> str | None:
        with self.db.session() as s:
            return s.scalar(select(WeComMember.phone).where(WeComMember.userid == userid))

    async def _link(self, userid: str) -> str | None:
        mobile = await asyncio.to_thread(self.api.mobile_of, userid)
        try:
            phone = to_e164(mobile, "CN")
        except InvalidPhone:
            return None
        return await asyncio.to_thread(self._keep, userid, phone)

    def _keep(self, userid: str, phone: str) -> str | None:
        with self.db.session() as s:
            person = registry.person_by_address(s, phone)
            if person is None or not registry.roles_of(s, person.id):
                return None  # only staff act by WeCom
            s.add(WeComMember(userid=userid, phone=phone, linked_at=self.clock.now()))
        return phone
