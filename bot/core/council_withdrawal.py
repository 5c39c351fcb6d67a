"""Taking a ballot back by message (撤回投票, 我那票不算了, 取消).

- A withdrawal acts on the sender's own ballot unless it names a household member (撤回我妈的票, 取消陈杰的
  投票); the reply says whose ballot on which topic was taken back.
- "取消" alone acts on the sender's latest ballot act when that was casting a ballot (their own, or a
  member's just cast). Right after a withdrawal it takes nothing more back: a ballot cast for a member
  stays, and the reply says how to take that one back too (blind test 6, #71).
- 还是不撤了 / 算了还是投 right after a withdrawal puts that ballot back as it was (an option said with it is the
  ballot instead); it is never about a ticket (blind test 24, A45).

The dialogue's other decisions are in `council_dialogue`; the words in `council_words`."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import points
from bot.core.council import fit, is_open
from bot.core.council_ballots import cast, withdraw
from bot.core.council_options import label_in
from bot.core.council_proxy import household_members
from bot.core.council_questions import forget
from bot.core.council_texts import SMS, closed_text
from bot.core.council_words import MEMBERS, named_topic, normal
from bot.store.council_models import Ballot, BallotEvent, Topic
from bot.store.models import Person, Ticket


def withdraw_latest(session: Session, clock: Clock, voter: Person, text: str, *, shown: int | None = None) -> str:
    """Withdraw the ballot the message means: the topic it names (else `shown`, the topic just shown), the
    sender's own unless it names a family member (then that member's); `text` "" is a bare 取消: the ballot
    the sender cast last. Says which."""
    ballots = _ballots_by(session, voter)
    topics = {b.topic_id: session.get(Topic, b.topic_id) for b in ballots}
    named = named_topic([t for t in topics.values() if t is not None], text)
    topic_id = named.id if named is not None else shown if any(b.topic_id == shown for b in ballots) else None
    if topic_id is not None:
        ballots = [b for b in ballots if b.topic_id == topic_id]
    now = clock.now()
    if text.strip():
        member = _member_named(session, voter, text)
        if member is not None:
            ballots = [b for b in ballots if b.proxy and (member is True or b.person_id == member.id)]
        else:
            ballots = [b for b in ballots if not b.proxy]
    else:
        ballots = ballots[:1]
    live = [b for b in ballots if is_open(topics[b.topic_id], now)]
    if not live:
        left = _members_left(session, voter, now)
        if left:
            return left
        if ballots:
            return fit(f"“{fit(topics[ballots[0].topic_id].title, 16)}”已截止，票不能撤回了。", SMS)
        return "您现在没有可以撤回的投票。"
    ballot = live[0]
    topic = topics[ballot.topic_id]
    member_voted = session.get(Person, ballot.person_id) if ballot.proxy else None
    status = withdraw(session, clock, ballot, voter)
    forget(session, voter)
    if status == "locked":
        return fit(f"“{fit(topic.title, 16)}”投了就不能改，也不能撤回。", SMS)
    if status != "withdrawn":
        return closed_text(topic)
    whose = f"您替{member_voted.name}" if member_voted else "您"
    return fit(f"已撤回{whose}对“{fit(topic.title, 14)}”的投票。截止前还可以再投。", SMS)


# Keeping a ballot just withdrawn: 还是不撤了, 哎呀 算了嘛 莫撤了, 算了还是投, 不收回了, 还是算数.
_KEEP_IT = re.compile(r"(?:不|莫|别|不用|先不)(?:撤|收回|收了|取消|退)|还是(?:要)?投|投回去|恢复|还是算数|还是作数|"
                      r"照样算|还是要那票")
_FILLER = re.compile(r"哎呀|哎|唉|算了|算咯|还是|那|嘛|吧|哈|了|哦|啊|呀|嗯|好|的|我|那票|这票|票|回来|回去|投|要|"
                     r"撤|回|收|不|莫|别|用|先|取消|退|恢复|算数|作数|照样|算")
RESTORE_WINDOW = timedelta(minutes=30)


def restore_latest(session: Session, clock: Clock, voter: Person, text: str,
                   rules: points.PointRules = points.DEFAULT_RULES) -> str | None:
    """还是不撤了 right after the sender withdrew a ballot: that ballot back as it was (for the member it was
    cast for, if so), or the option the message names; None when the message says no such thing, or the
    sender's latest act was no withdrawal lately (then it may be about a ticket)."""
    said = normal(text)
    if not _KEEP_IT.search(said) or len(said) > 20:
        return None
    last = _last_event(session, voter)
    now = clock.now()
    if last is None or last.kind != "withdraw" or now - last.at > RESTORE_WINDOW \
            or not _later_than_reports(session, voter, last.at):
        return None
    topic = session.get(Topic, last.topic_id)
    if topic is None:
        return None
    named = label_in(topic, said, part=True)
    if named is None and _FILLER.sub("", said).strip(" ，,。.!！?？~～、"):
        return None  # words beyond keeping it: read otherwise
    member = session.get(Person, last.person_id) if last.proxy else None
    result = cast(session, clock, topic.id, voter, named or last.option, on_behalf_of=member, rules=rules)
    forget(session, voter)
    if result.status == "not_open":
        return closed_text(topic)
    if not result.counted:  # said plainly how to vote again
        return fit(f"“{fit(topic.title, 14)}”的票没能恢复。要重新投，请回复“{fit(topic.title, 6)}投"
                   f"{topic.options[0]}”这样。", SMS)
    whose = f"替{member.name}投的" if member is not None else "您"
    kept = "还是" if result.option == last.option else "改投"
    return fit(f"好的，不撤了：“{fit(topic.title, 16)}”{whose}{kept}{result.label}。截止前还可以改。", SMS)


def after_withdrawal(session: Session, clock: Clock, voter: Person) -> str | None:
    """A bare 取消 right after the sender withdrew a ballot, with a ballot they cast for a member still
    counted: nothing more is taken back, and the reply says how to take that one back. None otherwise."""
    last = _last_event(session, voter)
    if last is None or last.kind != "withdraw" or not _later_than_reports(session, voter, last.at):
        return None
    return _members_left(session, voter, clock.now())


def ballot_is_latest(session: Session, voter: Person) -> bool:
    """The sender's latest act was casting or changing a ballot, later than their latest report (after a
    withdrawal, a 取消 is about something else: their report)."""
    last = _last_event(session, voter)
    return last is not None and last.kind != "withdraw" and _later_than_reports(session, voter, last.at)


def _last_event(session: Session, voter: Person) -> BallotEvent | None:
    return session.scalar(select(BallotEvent).where(BallotEvent.cast_by_id == voter.id)
                          .order_by(BallotEvent.at.desc(), BallotEvent.id.desc()).limit(1))


def has_ballots(session: Session, voter: Person) -> bool:
    return session.scalar(select(Ballot.id).where(Ballot.cast_by_id == voter.id).limit(1)) is not None


def _later_than_reports(session: Session, voter: Person, at: object) -> bool:
    ticket_at = session.scalar(select(func.max(Ticket.created_at)).where(Ticket.reporter_id == voter.id))
    return ticket_at is None or at > ticket_at  # type: ignore[operator]


def _ballots_by(session: Session, voter: Person) -> list[Ballot]:
    return list(session.scalars(select(Ballot).where(Ballot.cast_by_id == voter.id)
                                .order_by(Ballot.updated_at.desc(), Ballot.id.desc()).limit(20)))


def _member_named(session: Session, voter: Person, text: str) -> Person | bool | None:
    """The household member the message names (by name), True for a relation word (我妈), None for none."""
    t = normal(text)
    named = [m for m in household_members(session, voter) if m.name and m.name in t]
    if len(named) == 1:
        return named[0]
    return True if named or any(word in t for word in MEMBERS) else None


def _members_left(session: Session, voter: Person, now: object) -> str | None:
    """"您自己的票已撤回" and how to take back the ballot still counted that the sender cast for a member."""
    for ballot in _ballots_by(session, voter):
        topic = session.get(Topic, ballot.topic_id)
        member = session.get(Person, ballot.person_id)
        if ballot.proxy and topic is not None and member is not None and is_open(topic, now):  # type: ignore[arg-type]
            return fit(f"您自己没有要撤回的票了。替{member.name}投的“{fit(topic.title, 10)}”还算数，"
                       f"要撤回请回复“撤回{member.name}的票”。", SMS)
    return None

