"""A sender back after the follow-up window about their own report still open (blind test 33, A98: 门口那些车还是乱停
35 minutes after 乱停车 opened a second ticket; A42: 楼上水管修好没得 我屋头天花板还在滴): the words say it goes on, or
ask whether it is done, and share what the report says; that ticket is urged with the words for its holder, never a
new ticket beside it. Another estate or building named is another place: its trouble is a ticket of its own."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.plain_text import plain
from bot.core import followup_words, lifecycle, resolved_again, triage, trouble_effects
from bot.core.lifecycle import STATUS_NAMES, reported_by
from bot.core.places import match_place
from bot.core.problem_match import objects_in
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES
from bot.store.models import Ticket

RECENT = timedelta(days=3)
SHARED_PAIRS = 2  # two-character runs the words share with the report: 门口 乱停, 楼上 水管
# Still there, nobody seeing to it, and nothing more (还在那里 没人管, once the thing is taken out).
_STILL_THERE = re.compile(r"^(?:还在|还是|依然|一直|照样)[在]?(?:那里|那儿|那点|这里|原地)?[ ，,]*"
                          r"(?:(?:还是)?(?:没人|没得人|莫得人|没有人)(?:管|来|弄|处理))?[嘛哦啊呢的了 ]*$")
# Runs any report may hold: one of these shared says nothing of the trouble (a single other run may, with one report).
_COMMON = frozenset({"那个", "这个", "那里", "这里", "那点", "这点", "楼下", "楼上", "门口", "还在", "还是", "没人",
                     "人管", "一直", "现在", "今天", "昨天", "晚上", "早上", "好多", "到处", "都是", "小区", "我们",
                     "你们", "有人", "个人", "一个", "不了", "了没", "没有", "没得", "莫得"})
# It goes on (还是乱停, 还在滴, 又停起了, 一直没人管, 照样): not yet over.
_GOES_ON = re.compile(r"还是|还在|还没|还莫|又|依然|仍然|一直|照样|照旧|到现在")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
# Her own ticket, said as hers (blind test 34, N7: "已有人反映" read as someone else's).
URGED = "您的工单{number}现在{status}，您说的“{said}”已转告{whom}并催办。"
SAID_CHARS = 16


def says_it_goes_on(text: str) -> bool:
    """门口那些车还是乱停, 天花板还在滴, 修好没得: the trouble said to go on, or asked whether it is done."""
    said = plain(text)
    return (_GOES_ON.search(said) is not None or resolved_again.asks_done(said)) \
        and not followup_words.NEW_PROBLEM.match(said) and not triage.has_danger(said)


def _pairs(text: str) -> set[str]:
    return {run[i:i + 2] for run in _HAN.findall(text or "") for i in range(len(run) - 1)}


def _unplaced(session: Session, text: str) -> str:
    """The words without the place they name: an estate's name (安居苑) says nothing of what is wrong."""
    name = match_place(session, text).name
    return text.replace(name, " ") if name else text


# A building named (996栋, 3号楼): one the report does not name is another place.
_BUILDING = re.compile(r"(\d+)\s*(?:栋|幢|号楼)")


def _elsewhere(session: Session, text: str, ticket: Ticket) -> bool:
    """Whether the words name another place than the report's: another estate (河畔花园 of a 阳光小区 report) or
    another building (996栋 of a 993栋 report): the same kind of trouble there is a ticket of its own (issue 17)."""
    then = f"{ticket.text} {ticket.place_text or ''}"
    here, there = set(_BUILDING.findall(text)), set(_BUILDING.findall(then))
    if here and there and not here & there:
        return True
    named, known = match_place(session, text).name, match_place(session, then).name
    return bool(named) and bool(known) and named != known


def meant(session: Session, clock: Clock, address: str, text: str) -> Ticket | None:
    """The sender's own open report of the last days the words share most with (at least `SHARED_PAIRS`, the place's
    name left out: 安居苑又停水了 is no urge of 安居苑3栋路灯坏了), else the newest that names a thing they name, or
    None."""
    since = clock.now() - RECENT
    words = _unplaced(session, followup_words.URGE_WORDS.sub(" ", plain(text)))
    said, things = _pairs(words), objects_in(words)
    best, shared = None, SHARED_PAIRS - 1
    same_thing: Ticket | None = None
    mine: list[Ticket] = []
    for ticket in reported_by(session, address, OPEN_STATUSES):
        if ticket.created_at < since or ticket.text.startswith(followup_words.NOT_REPORTS) \
                or ticket.severity == "critical":
            continue  # an emergency asked after has its own answer (bot/core/emergency_questions.py)
        if _elsewhere(session, text, ticket):
            continue  # 阳光小区996栋门口的路灯又不亮了 is no urge of 993栋门口的路灯坏了
        mine.append(ticket)
        named = objects_in(ticket.text)
        if things and named and not things & named:
            continue  # 929栋门口的路灯又不亮了 is no urge of 929栋门口有人摆摊, whatever place words they share (Q22n)
        overlap = len(said & _pairs(_unplaced(session, ticket.text)))
        if overlap > shared:
            best, shared = ticket, overlap
        # The thing both name, in other words (狗屎还是到处都是 of 遛狗不捡屎, 还是停满了车 of 乱停车, 路灯还是黑的 of
        # 路灯不亮了): her own trouble said again, never "已有人反映" beside it (blind test 34, N7, A98); or its
        # trouble at it again (今天早上7点又在打 after 有人装修, blind test 34, L18). The newest such report: they
        # come newest first.
        if same_thing is None and (things & named or trouble_effects.goes_on(ticket.text, text)):
            same_thing = ticket
    # 地锁还在那里 没人管 of 停车位被人用地锁占了: the report's thing said to be still there and nothing else, of her
    # only open report (blind test 37, Q16c)
    shared = said & _pairs(_unplaced(session, mine[0].text)) - _COMMON if len(mine) == 1 else set()
    if best is None and same_thing is None and any(_STILL_THERE.match(plain(text).replace(run, "", 1))
                                                   for run in shared):
        return mine[0]
    return best or same_thing


def rather_than(older: Ticket, newer: Ticket, text: str) -> bool:
    """Whether words said within `newer`'s follow-up window tell `older`'s trouble at it again and nothing of
    `newer`'s (昨天晚上又拖到一点过 after 楼上天天半夜拖凳子, with 1栋楼道里的声控灯 reported since: blind test 37,
    E21n was asked "是补充…声控灯…还是新问题？")."""
    said = objects_in(text)
    return trouble_effects.goes_on(older.text, text) and not trouble_effects.goes_on(newer.text, text) \
        and not (said and said & objects_in(newer.text))


def urge(session: Session, clock: Clock, rules: RoutingRules, address: str, ticket: Ticket, text: str) -> str:
    """The ticket urged with the words for its holder: the reply, its state and who was told."""
    urged = lifecycle.urge(session, clock, rules, address, ticket.number, text=text)
    said = " ".join(text.split())
    said = said if len(said) <= SAID_CHARS else said[:SAID_CHARS - 1] + "…"
    whom = urged.assignee.name if urged.assignee is not None and urged.assignee.name else "承办人"
    return URGED.format(number=urged.number, status=STATUS_NAMES.get(urged.status, "处理中"), said=said, whom=whom)
