"""The vote action's decision (`actions/council.py`): a message the classifier read as a ballot, with no vote
question waiting. A topic named that has closed gets "已截止" (its result when asked); 好多人投了 gets how the
votes stand; a bare number is cast only on the one open topic the sender can still change, else the topic (or
the option) is asked, never guessed; words name the topic or its option. Split from `council_dialogue`, whose
turn before the engine reads the answers to the questions asked here."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import points
from bot.core.answers import NUMBERED, question_in
from bot.core.council import is_eligible, is_open, open_topics_for
from bot.core.council_ballots import CastResult, cast
from bot.core.council_options import option_of, topic_by_option
from bot.core.council_questions import ask
from bot.core.council_talk import overseen_open_topics, recent_closed, talked_about_closed
from bot.core.council_texts import (
    cast_text,
    closed_text,
    progress_text,
    result_answer_text,
    which_option_text,
    which_topic_text,
)
from bot.core.council_words import asks_progress, bare_number, is_question, named_topic
from bot.store.council_models import Ballot, Topic
from bot.store.message_models import OutboxMessage
from bot.store.models import Person


@dataclass(frozen=True)
class VoteDecision:
    """What to answer a vote message: `kind` is cast / asked (a question, `text`) / closed / board / progress
    (how the votes stand, `text`), or a refusal: not_eligible (topics are open, none for this voter) or
    none_open."""

    kind: str
    result: CastResult | None = None
    topics: list[Topic] = field(default_factory=list)
    text: str = ""


def vote_progress(session: Session, clock: Clock, person: Person) -> str:
    """How the votes open to this person stand, and the latest closed ones' results; for staff, the open topics
    they oversee with their turnout (blind test 8, #125)."""
    if person.kind == "staff":
        return progress_text(session, overseen_open_topics(session, person, clock.now()), [])
    return progress_text(session, open_topics_for(session, person, clock.now()), recent_closed(session, person, clock))


def handle_vote(session: Session, clock: Clock, voter: Person, text: str, option_entity: str | None = None,
                rules: points.PointRules = points.DEFAULT_RULES, answering: str | None = None) -> VoteDecision:
    """A message the classifier read as a ballot, with no vote question waiting (the engine's turn).
    `answering`: which numbered question the dialogue step says a bare number answers ("option_choice":
    the options question of the one open topic, so the number is that option, never asked again)."""
    topics = open_topics_for(session, voter, clock.now())
    named = named_topic([*topics, *recent_closed(session, voter, clock)], text)
    if named is not None and not is_open(named, clock.now()):
        talked_about_closed(session, clock, voter, named)  # 那我改投赞成嘛 next is about it (blind test 7, #52)
        if option_of(named, text) is None:  # 垃圾费最后咋个定的: its result, in one SMS part (blind test 6, #97)
            return VoteDecision("closed", topics=[named], text=result_answer_text(named))
        return VoteDecision("closed", topics=[named], text=closed_text(named))
    if asks_progress(text) and bare_number(text) is None:  # 现在好多人投了, 投票结果咋样
        return VoteDecision("progress", topics=topics, text=vote_progress(session, clock, voter))
    if not topics:  # a bare number then answers nothing: no topic of someone else's is named to them
        return VoteDecision("none_open") if bare_number(text) is not None else _why_not(session, clock, voter)
    if is_question(text) and bare_number(text) is None:
        return VoteDecision("board")
    if bare_number(text) is not None:  # answering no question of ours: the one topic it can be, or ask
        if answering == "option_choice" and len(topics) == 1 and bare_number(text) <= len(topics[0].options):
            return _cast_decision(session, clock, voter, topics[0], str(bare_number(text)), rules)
        only = _only_changeable(session, voter, topics) if not _other_question_last(session, voter) else None
        if only is not None and bare_number(text) <= len(only.options):
            # One open topic the sender can still vote or change on: the digit is its option, and the reply
            # says what was recorded (改投反对（原来是赞成）), so a wrong reading is seen and undone (blind 6, #116).
            return _cast_decision(session, clock, voter, only, str(bare_number(text)), rules)
        if len(topics) > 1:
            ask(session, clock, voter, "topic", topics)
            return VoteDecision("asked", topics=topics, text=which_topic_text(topics))
        ask(session, clock, voter, "option", topics)
        return VoteDecision("asked", topics=topics, text=which_option_text(topics[0]))
    # 我投春节后 with two topics open: the one whose option it names (blind test 5, #106, #125).
    topic = named or (topics[0] if len(topics) == 1 else topic_by_option(topics, text))
    if topic is None:
        ask(session, clock, voter, "topic", topics, choice=option_entity or text)
        return VoteDecision("asked", topics=topics, text=which_topic_text(topics))
    return _cast_decision(session, clock, voter, topic, text, rules, option_entity)


def closed_result(session: Session, clock: Clock, person: Person, text: str) -> str | None:
    """The result of the closed topic a question names (垃圾费最后咋个定的), in one SMS part; None when the
    message names no topic closed lately, or an open one. The topic is remembered: 那我改投赞成嘛 next gets 已截止."""
    named = named_topic([*open_topics_for(session, person, clock.now()), *recent_closed(session, person, clock)], text)
    if named is None or is_open(named, clock.now()):
        return None
    talked_about_closed(session, clock, person, named)  # a change right after is about it (blind test 7, #52)
    return result_answer_text(named)


def _only_changeable(session: Session, voter: Person, topics: list[Topic]) -> Topic | None:
    """The one open topic on which a ballot of the sender's may still be cast or changed (a topic that allows
    no change counts only while they have not voted, and then a guessed digit is never cast: it is asked)."""
    voted = set(session.scalars(select(Ballot.topic_id).where(Ballot.cast_by_id == voter.id, Ballot.proxy.is_(False),
                                                              Ballot.topic_id.in_([t.id for t in topics]))))
    open_to_change = [t for t in topics if t.allow_change or t.id not in voted]
    if len(open_to_change) != 1 or not open_to_change[0].allow_change:
        return None
    return open_to_change[0]


def _other_question_last(session: Session, voter: Person) -> bool:
    """The last message the voter got asks a numbered question that is no vote's (a rating request, a menu):
    a digit is then never guessed to be a ballot."""
    last = _last_message(session, voter.phone) if voter.phone else None
    return last is not None and question_in(last.text) in NUMBERED - {"ballot", "option_choice", "topic_choice"}


def _cast_decision(session: Session, clock: Clock, voter: Person, topic: Topic, text: str,
                   rules: points.PointRules, option_entity: str | None = None) -> VoteDecision:
    option = option_of(topic, text, option_entity)
    if option is None:
        ask(session, clock, voter, "option", [topic])
        return VoteDecision("asked", topics=[topic], text=which_option_text(topic))
    result = cast(session, clock, topic.id, voter, option, rules=rules)
    if result.counted:  # "截止前想改，再回复一次就行": a number or an option's name right after changes it
        ask(session, clock, voter, "again", [topic])
    return VoteDecision("cast", result=result, topics=[topic], text=cast_text(session, result))


def _why_not(session: Session, clock: Clock, voter: Person) -> VoteDecision:
    """No open topic for this voter: say whether it is someone else's vote, a closed one, or nothing."""
    now = clock.now()
    recent = list(session.scalars(select(Topic).where(Topic.status.in_(("open", "closed", "published")))
                                  .order_by(Topic.id.desc()).limit(20)))
    mine = [t for t in recent if not is_open(t, now) and is_eligible(session, t, voter)]
    if mine:
        return VoteDecision("closed", topics=mine[:1], text=closed_text(mine[0]))
    others = [t for t in recent if is_open(t, now)]
    if others:
        return VoteDecision("not_eligible", topics=others)
    return VoteDecision("none_open")


def _last_message(session: Session, address: str) -> OutboxMessage | None:
    """The last message queued for this address: a reply, a notification or the privacy notice."""
    return session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == address)
                          .order_by(OutboxMessage.id.desc()).limit(1))
