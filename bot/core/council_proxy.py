"""Who a ballot for a family member is for, and telling them: the sender's household members, the one a
message names, whether a relation word (我老汉) can mean a member who already has a ballot, and the short
notice a member gets when a family member voted for them (blind test 5, #75).

The dialogue's decisions are in `council_dialogue`; the words in `council_words`."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.council import fit, options_line
from bot.core.council_ballots import CastResult
from bot.core.council_words import is_proxy, normal, relation_of
from bot.core.notify import notify
from bot.store.council_models import Ballot
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
