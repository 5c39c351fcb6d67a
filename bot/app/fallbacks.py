"""What happens to a WeChat message that cannot go out by WeChat (the follower's 48-hour window is
closed, or its five replies are used up): the person is reached another way, once a day at most.

1. A follower who linked a phone number gets a template SMS, when one is configured: "please contact
   your grid worker", with the worker's name and number (a template SMS cannot carry free text).
2. Else a follower with a number gets a call: a call-back task for their grid worker (the duty officer
   when nobody can place it), whose notice has the number to call and what the message was about.
3. A follower with no number cannot be reached until they write again; the message stays dead.

A person with fallback channels in the registry is left to them instead (`bot.app.rerouting`).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.phones import mask, national
from bot.core import questions, registry, reports
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import Report
from bot.store.channel_models import WeChatIdentity
from bot.store.db import Database
from bot.store.message_models import OutboxMessage
from bot.store.models import Person, Ticket

ONCE_PER = timedelta(hours=24)
KIND = "fallback"  # the template SMS a fallback queued (at most one a day per person)
TASK_PREFIX = "回电：微信消息未送达，"
TASK_TEXT_CHARS = 40


class WeChatFallback:
    def __init__(self, db: Database, clock: Clock, rules: RoutingRules, *, sms_channel: str | None = None) -> None:
        self.db = db
        self.clock = clock
        self.rules = rules
        self.sms_channel = sms_channel

    async def __call__(self, recipient: str, text: str, payload: dict[str, Any]) -> str:
        return await asyncio.to_thread(self._fall_back, recipient, text)

    def _fall_back(self, recipient: str, text: str) -> str:
        with self.db.session() as s:
            phone = s.scalar(select(WeChatIdentity.phone).where(WeChatIdentity.address == recipient))
            if not phone:
                return "no phone number linked: nobody else can reach them"
            if self._recent(s, recipient, phone):
                return f"{mask(phone)} was reached another way in the last 24 h"
            person = registry.person_by_address(s, phone)
            if person is not None and person.fallback_channels:
                return "left to the person's next channel"
            worker = questions.grid_worker_of(s, person)
            if self.sms_channel is not None and worker is not None:
                return self._sms(s, phone, worker)
            return self._task(s, recipient, phone, text)

    def _recent(self, s: Session, recipient: str, phone: str) -> bool:
        since = self.clock.now() - ONCE_PER
        texted = s.scalar(select(OutboxMessage.id).where(
            OutboxMessage.recipient == phone, OutboxMessage.kind == KIND, OutboxMessage.created_at >= since).limit(1))
        called = s.scalar(select(Ticket.id).where(
            Ticket.reporter_address == recipient, Ticket.text.startswith(TASK_PREFIX),
            Ticket.created_at >= since).limit(1))
        return texted is not None or called is not None

    def _sms(self, s: Session, phone: str, worker: Person) -> str:
        from bot.channels.sms_template.templates import render

        params = {"name": worker.name, "phone": national(worker.phone)}
        now = self.clock.now()
        row = OutboxMessage(channel=str(self.sms_channel), recipient=phone, kind=KIND, created_at=now,
                            next_attempt_at=now, text=render("contact_grid_worker", params),
                            payload={"template": "contact_grid_worker", "params": params})
        s.add(row)
        s.flush()
        return f"template SMS to {mask(phone)} queued (outbox {row.id})"

    def _task(self, s: Session, recipient: str, phone: str, text: str) -> str:
        """The follower stays the task's reporter (their linked number places it in their home grid)."""
        about = text.strip().replace("\n", " ")[:TASK_TEXT_CHARS]
        report = Report(text=f"{TASK_PREFIX}{about}", category="other", reporter_address=recipient, channel="wechat",
                        earns_points=False)
        opened = reports.submit(s, self.clock, report, self.rules)
        questions.tell_number_to_call(s, opened, phone, "是微信消息未送达的居民")
        return f"call-back task {opened.ticket.number} for the grid worker"
