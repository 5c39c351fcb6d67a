"""What the sender said alone just before and the bot held for the report that follows: a place ("已记下地点：…",
`held_place`), who the problem is about ("楼上那家怎么了？", `held_who`), and the reply that holds a place.
Split from bot/core/followups.py, which reads what comes after a report."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import (
    advice_asked,
    after_advice,
    after_report,
    answers,
    chatter,
    fraud_calls,
    openers,
    place_answers,
    triage,
)
from bot.core.emergencies import spoken_place
from bot.core.followups import PLACE_ALONE_MAX, PLACE_HELD, PLACE_HELD_MARK, fit, only_asks, place_only, sent_alone
from bot.core.places import match_place
from bot.store.message_models import InboxMessage, OutboxMessage
from bot.store.models import Ticket


def held_place(session: Session, channel: str, sender: str, before_id: int, since: datetime) -> str | None:
    """A place the sender sent alone and the bot held ("已记下地点：…") before message `before_id`, with only
    media or questions since: the place itself, not the words around it (blind test 7, #8)."""
    said = _answered_with(session, channel, sender, before_id, since, PLACE_HELD_MARK)
    # 我是阳光小区的 我们那个 held 阳光小区 (blind test 8, #1)
    return spoken_place(chatter.introduced_place(said) or said) if said is not None else None


def held_who(session: Session, channel: str, sender: str, before_id: int, since: datetime) -> str | None:
    """Who alone (我们楼上那家), said just before message `before_id` and asked about ("楼上那家怎么了？"), with only
    media or questions since: the words the report that follows begins with (blind test 9, #40)."""
    said = _answered_with(session, channel, sender, before_id, since, openers.WHO_ASKED_MARK)
    return " ".join(said.split()) if said is not None and openers.names_only_who(said) else None


def _answered_with(session: Session, channel: str, sender: str, before_id: int, since: datetime,
                   mark: str) -> str | None:
    """The sender's latest words before message `before_id` (media alone and questions skipped) when the bot's
    reply to them carried `mark`, else None."""
    rows = session.execute(select(InboxMessage.id, InboxMessage.text).where(
        InboxMessage.channel == channel, InboxMessage.sender == sender, InboxMessage.id < before_id,
        InboxMessage.received_at >= since).order_by(InboxMessage.id.desc()).limit(20)).all()
    for row in rows:  # 我住河畔花园的 有点事想问下 asks, and its place was held all the same (blind test 25)
        replied = session.scalar(select(OutboxMessage.id).where(OutboxMessage.reply_to_id == row.id,
                                                                OutboxMessage.text.contains(mark)))
        if replied is not None or not (sent_alone(row.text) or only_asks(row.text)):
            return row.text if replied is not None else None
    return None


def held_place_reply(text: str) -> str:
    """"已记下地点：3栋门口。请再说说…": the reply to a place sent alone, within one SMS part; the place as
    `held_place` keeps it for the report (安居苑5栋 of "我在安居苑5栋这边"), words at us before it left out."""
    return PLACE_HELD.format(place=fit(spoken_place(place_answers.without_asides(text)), PLACE_ALONE_MAX))


# A place said alone right after the advice for a fever or a bite (blind test 31, A10-2a: "安居苑的" after the fever
# advice was asked "请再说说是什么问题"): nobody comes for those, the advice stands; the place held all the same. After
# a question answered with no hurt in it (a bill, gas money, a child bullied: blind test 33, A94 was asked "请再说说
# 是什么问题"), the answer stands.
PLACE_AFTER_ADVICE = "已记下地点：{place}。刚才说的情况请尽快去医院，不用等人上门；还有别的事请直接说。"
# Just after money lost to a scam (我在河畔花园, blind test 33, A22): the police, not a grid worker, go after it.
PLACE_AFTER_LOSS = "已记下地点：{place}。被骗的钱要马上打110报警，不用等网格员上门；也可打96110问。"
PLACE_AFTER_ANSWER = "已记下地点：{place}。按刚才说的办就行；要网格员帮忙或还有别的事，请直接说。"


def place_reply(text: str, before: str) -> str:
    """The reply to a place sent alone: held for the next report, or, just after advice (`before`, the sender's
    message just before: a fever, a bite, a fall, a bill, gas money), the advice stands and nobody is asked what the
    problem is; just after money lost to a scam, 110."""
    place = fit(spoken_place(place_answers.without_asides(text)), PLACE_ALONE_MAX)
    if fraud_calls.money_lost(before):
        return PLACE_AFTER_LOSS.format(place=place)
    given = after_advice.kind(before) or ("medical" if advice_asked.bite_advice(before) else None)
    if given is None:
        return held_place_reply(text)
    return (PLACE_AFTER_ADVICE if given == "medical" else PLACE_AFTER_ANSWER).format(place=place)


# A building of it said along (阳光小区5栋, 河畔花园2栋1单元): still the place alone.
_BUILDING = re.compile(r"(?:\d+|[一二三四五六七八九十]+)\s*(?:栋|幢|号楼)(?:\s*\d+\s*单元)?(?:\s*\d+\s*(?:号|室))?")


def known_place_alone(session: Session, text: str) -> bool:
    """A place the registry knows said alone (安居苑的, 阳光小区5栋), whatever the classifier guessed: held for the
    report that follows, never a ticket of its own (blind test 28, B61: "安居苑的" was filed as a fire-safety
    ticket, and the drain that followed was asked where)."""
    if not place_only(session, text):
        return False
    said = spoken_place(" ".join(text.split()))
    name = match_place(session, said).name
    return bool(name) and said.startswith(name) and (said == name or _BUILDING.fullmatch(said[len(name):]) is not None)


# How long a place said with a question still places the report that follows it (blind test 33, B106: 3 minutes).
PLACE_BEFORE_MINUTES = 10


def place_before(session: Session, channel: str, sender: str, before_id: int, since: datetime) -> str | None:
    """The one estate the sender named in their message just before `before_id` (since `since`) when it filed
    nothing: a question answered or not (安居苑的水要停到好久嘛, 我想反映物业不作为 安居苑的) whose place the report
    that follows means (我们这点一早上都没得水: blind test 33, B114, B106 were asked "请问在哪点？"); else None."""
    row = session.execute(select(InboxMessage.id, InboxMessage.text, InboxMessage.received_at).where(
        InboxMessage.channel == channel, InboxMessage.sender == sender, InboxMessage.id < before_id)
        .order_by(InboxMessage.id.desc()).limit(1)).first()
    if row is None or row.received_at < since or not row.text:
        return None
    if session.scalar(select(Ticket.id).where(Ticket.source_message_id == row.id).limit(1)) is not None:
        return None  # a report: its place is reports.recent_place's
    match = match_place(session, row.text)
    return match.name if match.grid is not None and match.name else None


def tells_what_happened(text: str) -> bool:
    """Whether a message after who alone (我们楼上那家) goes on to say what happened (天天半夜剁肉 吵得睡不着), not
    a question, a yes or no, a choice or a stand-down of its own (blind test 9, #40)."""
    if triage.has_problem(text):
        return True
    return triage.information_request(text) is None and not after_report.acknowledges(text) \
        and not triage.stands_down(text) and not openers.says_no_problem_yet(text) \
        and answers.choice_number(text) is None
