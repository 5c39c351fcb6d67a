"""Ballots: what a message means as a choice, which topic it is for, and recording it once per voter.

One ballot per voter (or household) is enforced by the unique constraint on
(topic_id, voter_key): a second ballot finds the first and changes it, when the topic allows.
Every ballot and change is also appended to the audit trail.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import points
from bot.core.council import get_topic, is_eligible, is_open, open_topics_for, voter_key
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
    # recorded / changed / unchanged / not_open / not_eligible / locked / no_proxy / bad_option
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
        if previous == option:
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
    points.credit(session, clock, voter.id, "ballot", str(topic.id), rules)
    session.flush()
    return CastResult(status, topic, option, previous)


@dataclass(frozen=True)
class VoteDecision:
    """What to do with a vote message: `kind` is cast / which_topic / which_option, or a refusal:
    not_eligible (topics are open, none for this voter), closed (their latest topic has closed), none_open."""

    kind: str
    result: CastResult | None = None
    topics: list[Topic] = field(default_factory=list)
    pending_option: str | None = None


def handle_vote(session: Session, clock: Clock, voter: Person, text: str, option_entity: str | None = None,
                pending_option: str | None = None, rules: points.PointRules = points.DEFAULT_RULES) -> VoteDecision:
    """The whole "which topic, which option" decision, usable from any action or menu.

    `pending_option` is the choice remembered while asking which topic; the answer to that question
    is the topic's position in the list we showed (or its number)."""
    topics = open_topics_for(session, voter, clock.now())
    if not topics:
        return _why_not(session, clock, voter)
    if pending_option is not None and len(topics) > 1:
        topic = _pick_topic(topics, text)
        if topic is None:
            return VoteDecision("which_topic", topics=topics, pending_option=pending_option)
        return _cast_text(session, clock, topic, voter, pending_option, rules)
    if len(topics) > 1:
        topic = _topic_named_in(topics, text)
        if topic is None:
            return VoteDecision("which_topic", topics=topics, pending_option=option_entity or text)
        return _cast_text(session, clock, topic, voter, option_entity or text, rules, fallback=text)
    return _cast_text(session, clock, topics[0], voter, option_entity or text, rules, fallback=text)


def _why_not(session: Session, clock: Clock, voter: Person) -> VoteDecision:
    """No open topic for this voter: say whether it is someone else's vote, a closed one, or nothing."""
    now = clock.now()
    recent = list(session.scalars(select(Topic).where(Topic.status.in_(("open", "closed", "published")))
                                  .order_by(Topic.id.desc()).limit(20)))
    others = [t for t in recent if is_open(t, now)]
    if others:
        return VoteDecision("not_eligible", topics=others)
    mine = [t for t in recent if is_eligible(session, t, voter)]
    if mine:
        return VoteDecision("closed", topics=mine[:1])
    return VoteDecision("none_open")


def _cast_text(session: Session, clock: Clock, topic: Topic, voter: Person, choice: str,
               rules: points.PointRules, fallback: str | None = None) -> VoteDecision:
    option = parse_choice(choice, topic.options)
    if option is None and fallback:
        option = parse_choice(fallback, topic.options)
    if option is None:
        return VoteDecision("which_option", topics=[topic])
    return VoteDecision("cast", result=cast(session, clock, topic.id, voter, option, rules=rules))


def _pick_topic(topics: list[Topic], text: str) -> Topic | None:
    t = _normal(text)
    m = re.search(r"\d+", t)
    if m:
        n = int(m.group())
        if 1 <= n <= len(topics):
            return topics[n - 1]
        return next((x for x in topics if x.id == n), None)
    return _topic_named_in(topics, text)


def _topic_named_in(topics: list[Topic], text: str) -> Topic | None:
    """A topic whose title the message mentions (at least two characters of it in a row)."""
    t = _normal(text)
    hits = [x for x in topics if any(x.title[i:i + 2] in t for i in range(len(x.title) - 1))]
    return hits[0] if len(hits) == 1 else None


def which_topic_text(topics: list[Topic]) -> str:
    from bot.core.council import fit

    listing = " ".join(f"{n} {fit(t.title, 10)}" for n, t in enumerate(topics[:5], 1))
    return fit(f"现在有{len(topics)}个议题在投票，请回复序号：{listing}", 134)


def audit_ballots(session: Session, topic_id: int, auditor: Person) -> list[BallotEvent]:
    """Who chose what, in order: only for an auditor (or anyone, when the topic is not secret)."""
    topic = get_topic(session, topic_id)
    if topic.secret and session.scalar(select(StaffRole.id).where(StaffRole.person_id == auditor.id,
                                                                   StaffRole.role == "auditor")) is None:
        raise PermissionError("ballots are secret: only an auditor may see who chose what")
    return list(session.scalars(select(BallotEvent).where(BallotEvent.topic_id == topic_id).order_by(BallotEvent.id)))
