"""A message asking after two of the sender's tickets at once (树枝锯了没得 信报箱那个呢, blind test 31, A-B187 got only
the 信报箱 one's state): each clause that asks and names one of their tickets is read on its own
(bot/core/ticket_questions.py), and each ticket so named is answered, one SMS part each."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import ticket_questions
from bot.core.ticket_questions import Asked

_CLAUSES = re.compile(r"[\s，,。.!！?？；;、]+")


def asked_each(session: Session, clock: Clock, address: str, text: str, window: timedelta) -> list[Asked]:
    """The tickets the clauses of a question name, in order, when they are two or more; else [] (one question, read
    whole as before)."""
    found: list[Asked] = []
    for clause in _CLAUSES.split(text or ""):
        if not clause or ticket_questions.kind_of(clause) is None:
            continue
        asked = ticket_questions.asked_about(session, clock, address, clause, window, named=True)
        if asked is not None and all(a.ticket.id != asked.ticket.id for a in found):
            found.append(asked)
    return found if len(found) > 1 else []


def answers(session: Session, asked: list[Asked]) -> list[str]:
    """Each ticket's answer, one SMS part each."""
    return [ticket_questions.answer(session, a) for a in asked]
