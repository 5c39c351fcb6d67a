"""Who a ballot for a family member is for, and telling them: the sender's household members, the one a
message names, whether a relation word (我老汉) can mean a member who already has a ballot or whom the sender
named by another relation before (李明 was 我妈, blind test 32, B132: the registry keeps no relations), and the
short notice a member gets when a family member voted for them (blind test 5, #75).

The dialogue's decisions are in `council_dialogue`; the words in `council_words`."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core.council import fit, options_line
from bot.core.council_ballots import CastResult
from bot.core.council_words import RELATION_WORDS, is_proxy, normal, relation_of, relation_word
from bot.core.notify import notify
from bot.store.council_models import Ballot, BallotEvent
from bot.store.message_models import InboxMessage
from bot.store.models import Person

SMS = 70
# A proxy ballot is remembered by the messages of this long before it (which relation it was cast for).
RECENT = 30  # minutes
_CHANGE = ("改", "换成", "变成", "重新", "还是")


def household_members(session: Session, voter: Person) -> list[Person]:
    """The other registered residents of the voter's household."""
    if voter.household_id is None:
        return []
    return list(session.scalars(select(Person).where(Person.household_id == voter.household_id,
                                                     Person.id != voter.id, Person.kind == "resident")
                                .order_by(Person.id)))


def named_member(members: list[Person], text: str) -> Person | None:
    t = normal(text)
    hits = [m for m in members if m.name and (m.name in t or (len(m.name) >= 3 and m.name[1:] in t))]
    return hits[0] if len(hits) == 1 else None


def voted_already(session: Session, topic_id: int, voter: Person, member: Person,
                  texts: list[str | None]) -> str | None:
    """Whether the only member a word like 我老汉 could mean has a ballot on the topic already: "by_sender"
    (the sender cast it naming another relation, 帮我妈投, or by name: the same person is not both, blind test 4,
    #27),
    "own" (they voted themselves), None (no ballot, the same relation again, or the message says it changes)."""
    said = normal(" ".join(t for t in texts if t))
    if any(word in said for word in _CHANGE):
        return None
    ballot = session.scalar(select(Ballot).where(Ballot.topic_id == topic_id, Ballot.person_id == member.id))
    if ballot is None:
        return None
    if ballot.cast_by_id == member.id:
        return "own"
    if not ballot.proxy or ballot.cast_by_id != voter.id:
        return None
    now, then = relation_of(said), relation_cast_as(session, voter, ballot)
    # 我妈 again is the same person; another relation (我老汉 after 我妈), or one after a ballot cast by name, is not
    return "by_sender" if now and now != then else None


def proxy_ballots(session: Session, topic_id: int, voter: Person, members: list[Person]) -> dict[int, int]:
    """Member id → option of the members' ballots on the topic that the voter cast for them."""
    rows = session.scalars(select(Ballot).where(Ballot.topic_id == topic_id, Ballot.cast_by_id == voter.id,
                                                Ballot.proxy.is_(True),
                                                Ballot.person_id.in_([m.id for m in members])))
    return {b.person_id: b.option for b in rows}


def relation_cast_as(session: Session, voter: Person, ballot: Ballot) -> str | None:
    """The relation the sender named in the message that cast `ballot` for a family member (我妈…)."""
    if not voter.phone:
        return None
    rows = session.scalars(select(InboxMessage.text).where(
        InboxMessage.sender == voter.phone, InboxMessage.received_at <= ballot.updated_at,
        InboxMessage.received_at >= ballot.updated_at - timedelta(minutes=RECENT))
        .order_by(InboxMessage.id.desc()).limit(10))
    for text in rows:
        if is_proxy(text) and relation_of(text):
            return relation_of(text)
    return None


# How long and how many of the sender's ballots for family members are looked at for the relation they named.
NAMED_BEFORE = timedelta(days=365)
NAMED_EVENTS = 20
SAID_WITH = timedelta(minutes=3)  # a ballot's message comes this long before its event at most


def relations_named(session: Session, voter: Person, members: list[Person], now: datetime) -> dict[int, set[str]]:
    """Member id → the relations the sender named them by (我妈…) in the messages that cast, changed or took back a
    ballot for them (the registry keeps no relations: blind test 32, B132, 我老汉 went to the mother)."""
    if not voter.phone or not members:
        return {}
    events = session.scalars(select(BallotEvent).where(
        BallotEvent.cast_by_id == voter.id, BallotEvent.proxy.is_(True), BallotEvent.at >= now - NAMED_BEFORE,
        BallotEvent.person_id.in_([m.id for m in members])).order_by(BallotEvent.id.desc()).limit(NAMED_EVENTS))
    named: dict[int, set[str]] = {}
    for event in events:
        said = session.scalars(select(InboxMessage.text).where(
            # never after the event: the message being read now may follow it within a second
            InboxMessage.sender == voter.phone, InboxMessage.received_at <= event.at,
            InboxMessage.received_at >= event.at - SAID_WITH).order_by(InboxMessage.id.desc()).limit(3))
        relation = next((relation_of(t) for t in said if t and relation_of(t)), None)
        if relation is not None:
            named.setdefault(event.person_id, set()).add(relation)
    return named


def members_meant(session: Session, clock: Clock, voter: Person, members: list[Person],
                  texts: list[str | None]) -> list[Person] | str:
    """The members a relation word (我老汉) may mean: all but those the sender named by another relation before;
    when none is left, the reply saying no such member is registered."""
    words = " ".join(t for t in texts if t)
    said = relation_of(words)
    if said is None:
        return members
    named = relations_named(session, voter, members, clock.now())
    fitting = [m for m in members if not named.get(m.id) or said in named[m.id]]
    return fitting or not_that_relation_text(members, named, relation_word(words) or "家人")


def not_that_relation_text(members: list[Person], named: dict[int, set[str]], word: str) -> str:
    """我老汉投… when every member is known to be someone else (李明 was 我妈): no such member is registered."""
    names = "、".join(m.name for m in members[:3])
    known = next((m for m in members if named.get(m.id)), None)
    called = f"（您说过是您{RELATION_WORDS[min(named[known.id])]}）" if known is not None and len(members) == 1 else ""
    return fit(f"您家登记的只有{names}{called}，没有登记您{word}，不能替{word}投。{word}要投请先找网格员登记。", SMS)


def member_notice_text(voter: Person, result: CastResult) -> str:
    """What a member hears when a family member cast or changed a ballot for them: who, what, and how to
    vote themselves (their own ballot replaces it where the topic allows changes)."""
    topic = result.topic
    head = f"【议事】家人{voter.name}替您投了“{fit(topic.title, 12)}”{result.label}。"
    # Shaped like the opening notice (【议事】… 回复 1 …), so template SMS carries it (vote_open).
    if not topic.allow_change:
        return fit(head + "这个议题投了不能改。回复 公告 看村口黑板", SMS)
    return fit(head + "您自己投的为准。" + options_line(topic.options), SMS)


def tell_member(session: Session, voter: Person, member: Person, result: CastResult) -> None:
    """Queue the notice to the member voted for, when they can be reached; a number they reply answers it
    as their own ballot on that topic (the notice carries the topic, as its opening notice does)."""
    if not result.counted or result.status == "unchanged":
        return
    row = notify(session, member, member_notice_text(voter, result))
    if row is not None:
        row.payload = {"topic_id": result.topic.id}
