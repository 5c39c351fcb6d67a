"""Ballots: what a message means as a choice, which topic it is for, and recording it once per voter.

One ballot per voter (or household) is enforced by the unique constraint on
(topic_id, voter_key): a second ballot finds the first and changes it, when the topic allows.
Every ballot and change is also appended to the audit trail.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import points
from bot.core.council import get_topic, is_eligible, is_open, voter_key
from bot.store.council_models import Ballot, BallotEvent, Topic
from bot.store.models import Person, StaffRole

_CN_NUM = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Words for the default options, dialect included; negations are tried before the words they contain.
_AGAINST = ("不同意", "不赞成", "不支持", "反对", "不要得", "要不得", "不得行", "不行", "不干", "莫同意", "不中")
_ABSTAIN = ("弃权", "不表态", "无所谓", "随便", "都可以", "没意见", "莫得意见", "不投")
_FOR = ("赞成", "赞同", "同意", "支持", "要得", "得行", "可以", "好的", "行", "中", "没问题", "愿意", "出钱")
_ORDINAL = re.compile(r"(?:第|选项|方案|选|投)\s*([1-9一二两三四五六七八九])")
_BARE_NUMBER = re.compile(r"^\D{0,4}?([1-9])\D{0,6}$")


def _normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip().lower()


def _digit(token: str) -> int | None:
    return int(token) if token.isdigit() else _CN_NUM.get(token)


def parse_choice(text: str, options: list[str]) -> int | None:
    """The 1-based option a message chooses, or None when it names none.

    Understands "1", "１", "投第二个", "选项3", the option's own label, and for the default
    options 赞成/同意/要得 (for), 反对/不同意/要不得 (against) and 弃权/随便 (abstain)."""
    t = _normal(text)
    if not t:
        return None
    m = _ORDINAL.search(t)
    if m and (n := _digit(m.group(1))) and 1 <= n <= len(options):
        return n
    for n, label in sorted(enumerate(options, 1), key=lambda p: -len(p[1])):
        if label and label.lower() in t and not (label in _FOR and any(neg in t for neg in _AGAINST)):
            return n
    labels = list(options)
    if {"赞成", "反对", "弃权"} <= set(labels):
        for words, label in ((_AGAINST, "反对"), (_ABSTAIN, "弃权"), (_FOR, "赞成")):
            if any(w in t for w in words):
                return labels.index(label) + 1
    if t in {"yes", "y", "ok"} and "赞成" in labels:
        return labels.index("赞成") + 1
    m = _BARE_NUMBER.match(t)
    if m and 1 <= int(m.group(1)) <= len(options):
        return int(m.group(1))
    return None


@dataclass(frozen=True)
class CastResult:
    # recorded / changed / unchanged / not_open / not_eligible / locked / no_proxy / own_ballot / bad_option
    status: str
    topic: Topic
    option: int | None = None
    previous: int | None = None

    @property
    def counted(self) -> bool:
        return self.status in ("recorded", "changed", "unchanged")

    @property
    def label(self) -> str:
        return self.topic.options[self.option - 1] if self.option else ""


def cast(session: Session, clock: Clock, topic_id: int, voter: Person, option: int, *,
         on_behalf_of: Person | None = None, rules: points.PointRules = points.DEFAULT_RULES) -> CastResult:
    """Record `voter`'s ballot (or a proxy ballot for a household member) on an open topic."""
    # A shared lock on the topic: closing (an UPDATE) waits for ballots in flight, so none is missed.
    topic = session.scalar(select(Topic).where(Topic.id == topic_id).with_for_update(read=True))
    if topic is None:
        topic = get_topic(session, topic_id)
    now = clock.now()
    if not is_open(topic, now):
        return CastResult("not_open", topic)
    if not 1 <= option <= len(topic.options):
        return CastResult("bad_option", topic)
    subject = voter
    if on_behalf_of is not None and on_behalf_of.id != voter.id:
        if not topic.allow_proxy or voter.household_id is None or on_behalf_of.household_id != voter.household_id:
            return CastResult("no_proxy", topic)
        subject = on_behalf_of
    if not is_eligible(session, topic, subject) or not is_eligible(session, topic, voter):
        return CastResult("not_eligible", topic)
    key = voter_key(topic, subject)
    proxy = subject.id != voter.id
    try:
        with session.begin_nested():
            session.add(Ballot(topic_id=topic.id, voter_key=key, option=option, person_id=subject.id,
                               cast_by_id=voter.id, proxy=proxy, cast_at=now, updated_at=now))
        status, previous = "recorded", None
    except IntegrityError:
        existing = session.scalar(select(Ballot).where(Ballot.topic_id == topic.id, Ballot.voter_key == key)
                                  .with_for_update())
        assert existing is not None  # the constraint just told us it exists
        previous = existing.option
        if proxy and existing.cast_by_id == subject.id:  # their own ballot: nobody else's word replaces it
            return CastResult("own_ballot", topic, previous, previous)
        if previous == option:
            if not proxy and existing.proxy:  # her own word for what was said for her: the ballot is hers now,
                _own_now(session, clock, topic, existing, voter, rules)  # never a proxy's to take back
            return CastResult("unchanged", topic, option, previous)
        if not topic.allow_change:
            return CastResult("locked", topic, previous, previous)
        session.execute(update(Ballot).where(Ballot.id == existing.id)
                        .values(option=option, person_id=subject.id, cast_by_id=voter.id, proxy=proxy,
                                updated_at=now, changes=Ballot.changes + 1)
                        .execution_options(synchronize_session=False))
        status = "changed"
    session.add(BallotEvent(topic_id=topic.id, voter_key=key, kind="cast" if status == "recorded" else "change",
                            option=option, previous_option=previous, person_id=subject.id, cast_by_id=voter.id,
                            proxy=proxy, at=now))
    points.credit(session, clock, voter.id, "ballot", points.paid_ref(session, voter.id, "ballot", str(topic.id)),
                  rules)
    session.flush()
    return CastResult(status, topic, option, previous)


def withdraw(session: Session, clock: Clock, ballot: Ballot, by: Person) -> str:
    """Take back a ballot `by` cast (their own, or a proxy ballot they sent) while its topic is open:
    the ballot row goes, the audit trail keeps a "withdraw" event. Returns withdrawn / not_yours /
    not_open / locked."""
    if ballot.cast_by_id != by.id:
        return "not_yours"
    topic = session.scalar(select(Topic).where(Topic.id == ballot.topic_id).with_for_update(read=True))
    if topic is None or not is_open(topic, clock.now()):
        return "not_open"
    if not topic.allow_change:
        return "locked"
    removed = session.execute(delete(Ballot).where(Ballot.id == ballot.id, Ballot.cast_by_id == by.id)
                              .execution_options(synchronize_session=False)).rowcount
    if removed != 1:
        return "not_open"  # changed or taken back in the meantime
    if ballot in session:
        session.expunge(ballot)
    session.add(BallotEvent(topic_id=topic.id, voter_key=ballot.voter_key, kind="withdraw", option=ballot.option,
                            previous_option=ballot.option, person_id=ballot.person_id, cast_by_id=by.id,
                            proxy=ballot.proxy, at=clock.now()))
    session.flush()
    if session.scalar(select(Ballot.id).where(Ballot.topic_id == topic.id, Ballot.cast_by_id == by.id).limit(1)) \
            is None:  # no ballot of theirs left on the topic: its points go too (blind test 4, #34)
        points.take_back(session, clock, by.id, "ballot", str(topic.id))
    return "withdrawn"


def _own_now(session: Session, clock: Clock, topic: Topic, ballot: Ballot, voter: Person,
             rules: points.PointRules) -> None:
    """A member votes herself as a proxy ballot already said for her (李明 投按户 after her son's 帮我妈投按户): the
    ballot becomes her own, so his 撤回 can no longer take it (blind test 34, L11/N5: her ballot vanished)."""
    now = clock.now()
    session.execute(update(Ballot).where(Ballot.id == ballot.id)
                    .values(cast_by_id=voter.id, proxy=False, updated_at=now)
                    .execution_options(synchronize_session=False))
    session.expire(ballot)
    session.add(BallotEvent(topic_id=topic.id, voter_key=ballot.voter_key, kind="change", option=ballot.option,
                            previous_option=ballot.option, person_id=voter.id, cast_by_id=voter.id, proxy=False,
                            at=now))
    points.credit(session, clock, voter.id, "ballot", points.paid_ref(session, voter.id, "ballot", str(topic.id)),
                  rules)
    session.flush()


def audit_ballots(session: Session, topic_id: int, auditor: Person) -> list[BallotEvent]:
    """Who chose what, in order: only for an auditor (or anyone, when the topic is not secret)."""
    topic = get_topic(session, topic_id)
    if topic.secret and session.scalar(select(StaffRole.id).where(StaffRole.person_id == auditor.id,
                                                                   StaffRole.role == "auditor")) is None:
        raise PermissionError("ballots are secret: only an auditor may see who chose what")
    return list(session.scalars(select(BallotEvent).where(BallotEvent.topic_id == topic_id).order_by(BallotEvent.id)))
