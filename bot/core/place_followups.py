"""A place said right after one's own report, open or just closed (就是5栋后面那个垃圾站 six minutes after 周明's
办结 of 垃圾站一年到头都臭): where the report is, a detail of it for its holder, never "请问在哪点？" nor a new
ticket (blind test 35, E2). The words name a place and nothing the report does not: no problem of their own, no
question, no danger."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import place_parts, triage, trouble_effects
from bot.core.emergencies import reads_as_place
from bot.core.other_problem import things_in
from bot.store.models import Ticket

PLACE_DETAIL_CHARS = 24  # 我说的是971栋背后那个垃圾站: a place with the report's thing; longer says more
# A question or a fault of its own is no place of the report (垃圾站在哪点, 971栋的路灯也不亮).
_ASKS = re.compile(r"[？?]|吗|哪点|哪里|哪儿|啥子|什么|咋个|怎么|好久|几时|没得人|有没得|有没有|是不是")
_FAULT = re.compile(r"坏|烂|破|断|漏|堵|臭|吵|倒了|塌|不亮|不响|不通|没得水|没有水|停水|停电|冒|着火|满了|翻|管|事")
# Where by a building or a spot (970栋后面, 西门外头, 旁边那点), never a place word in passing (路过, 那个事).
_LOCATOR = re.compile(r"\d+\s*(?:栋|幢|号楼|单元|号)|后面|背后|后头|前面|前头|旁边|边上|对面|门口|大门|"
                      r"[东南西北后侧]门|路口|拐角|转角|那点|这点|那儿|这儿|里头|外头")


def names_its_place(session: Session, report: str, text: str) -> bool:
    """Whether `text` is only where the report `report` is (就是5栋后面那个垃圾站, 垃圾站在972栋旁边那点): a place,
    with no thing the report does not name, no fault, question or danger of its own."""
    said = " ".join(text.split())
    if not said or len(said) > PLACE_DETAIL_CHARS or _ASKS.search(said) or _FAULT.search(said) \
            or triage.has_danger(said):
        return False
    if things_in(said) - things_in(report or "") or trouble_effects.another_source(report or "", said):
        return False  # 5栋门口的路灯, 小区门口在挖路施工 (after a lamp out): another thing, another trouble
    return _LOCATOR.search(said) is not None and (place_parts.names_place(said) or reads_as_place(session, said))


def just_closed(ticket: Ticket, clock: Clock, window: timedelta) -> bool:
    """Whether `ticket` was resolved within `window` (its reporter may still be telling where it was)."""
    return ticket.status == "resolved" and ticket.resolved_at is not None \
        and clock.now() - ticket.resolved_at <= window
