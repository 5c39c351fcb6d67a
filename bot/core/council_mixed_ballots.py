"""Ballots said with more than one act in a message, read by `council_turn.read_turn` (blind tests 8 and 24):

- a proxy part and an own part (帮李明投反对 我自己投赞成) record both: the member's ballot and the sender's own
  (#147); 不对 那是帮我妈投的 turns the sender's own ballot just cast into a ballot for the member, the own one
  withdrawn (#28);
- 我自己/本人 is the sender's own ballot, never a proxy, though a clause speaks of one cast before (路灯我自己投
  十二点 刚才那个是帮老婆子投的);
- ballots on two topics in one message (坝坝宴我要元旦前 机耕道集资赞成) record both, a ballot with chatter around it
  (坝坝宴我投春节后 大家都忙) is still a ballot, never a proposal, and 机耕道那票撤了 beside one withdraws that topic's
  (#26, #71, #33).

Every reply fits one SMS part."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import points
from bot.core.council import fit, is_open, open_topics_for
from bot.core.council_ballots import CastResult, cast, withdraw
from bot.core.council_dialogue import proxy_vote
from bot.core.council_options import option_of, spoken_option, topic_by_option
from bot.core.council_proxy import household_members
from bot.core.council_questions import ask
from bot.core.council_talk import recent_closed
from bot.core.council_texts import SMS, cast_text, which_option_text, which_topic_text
from bot.core.council_words import is_proxy, is_proxy_for, is_withdrawal, named_topic, normal
from bot.store.council_models import Ballot, BallotEvent, Topic
from bot.store.models import Person

_PUNCT = " \t\r\n.。,，!！?？~～、；;"
# The sender's own part after a proxy part: 帮李明投反对 我自己投赞成.
_OWN = re.compile(r"我自己|我本人|自己的票|自己那票|我的票|我那票")
# 不对 那是帮我妈投的: the ballot just cast was meant for a family member.
_CORRECTION = re.compile(r"^(?:不对|不是|错了|搞错了|弄错了|哎呀不是)")
CORRECTION_WINDOW = timedelta(minutes=30)
_BALLOT_WORD = re.compile(r"投(?!诉|资|保|递)|要|选")  # 投诉 is no ballot
# A clause taking a ballot back (机耕道那票撤了), beside others.
_UNDO_CLAUSE = re.compile(r"(?:那个|那票|的票|的投票|的)(?:先)?(?:撤回|撤了|撤掉|撤销|不算了|作废|取消)(?:吧|了)?$")
# 我自己/本人: the sender's own ballot (blind test 24); a clause about a ballot cast before is said, not cast.
_SELF = re.compile(r"我自己|我本人|本人|自己(?:的|那)?票|自己投|自个")
_EARLIER = re.compile(r"刚才|刚刚|之前|先前|前头|前面|上回|上次|(?:是|那个是|那是)(?:帮|替|给)|投的$|投过了?$")


def own_open_topics(session: Session, person: Person, now: object) -> list[Topic]:
    """The open topics the sender has an own ballot on, the latest cast first."""
    ballots = session.scalars(select(Ballot).where(Ballot.cast_by_id == person.id, Ballot.proxy.is_(False))
                              .order_by(Ballot.updated_at.desc(), Ballot.id.desc()))
    topics = {b.topic_id: session.get(Topic, b.topic_id) for b in ballots}
    return [t for t in topics.values() if t is not None and is_open(t, now)]  # type: ignore[arg-type]


def withdraws_a_clause(text: str) -> bool:
    """坝坝宴投春节后 机耕道那票撤了: one clause of several takes a ballot back (`clause_ballots` reads it)."""
    clauses = [c for c in re.split(r"[\s，,。；;！!]+", normal(text)) if c]
    return len(clauses) > 1 and any(_UNDO_CLAUSE.search(c) for c in clauses)


# --- a proxy part and an own part ------------------------------------------------------------------------------

def _is_proxy(session: Session, person: Person, text: str) -> bool:
    names = [n for m in household_members(session, person) if m.name
             for n in (m.name, m.name[1:] if len(m.name) >= 3 else "")]
    return is_proxy(text) or is_proxy_for(text, names)


def correction(session: Session, clock: Clock, person: Person, text: str, rules: points.PointRules) -> str | None:
    """不对 那是帮我妈投的 (我自己还没想好): the sender's own ballot just cast becomes the member's."""
    if not _CORRECTION.match(normal(text).strip(_PUNCT)) or not _is_proxy(session, person, text):
        return None
    now = clock.now()
    last = session.scalar(select(BallotEvent).where(BallotEvent.cast_by_id == person.id)
                          .order_by(BallotEvent.at.desc(), BallotEvent.id.desc()).limit(1))
    if last is None or last.proxy or last.kind == "withdraw" or now - last.at > CORRECTION_WINDOW:
        return None
    ballot = session.scalar(select(Ballot).where(Ballot.topic_id == last.topic_id, Ballot.person_id == person.id,
                                                 Ballot.cast_by_id == person.id, Ballot.proxy.is_(False)))
    topic = session.get(Topic, last.topic_id)
    if ballot is None or topic is None or not is_open(topic, now):
        return None
    label = topic.options[ballot.option - 1]
    proxy_part, own_part = _split_own(text)
    if withdraw(session, clock, ballot, person) != "withdrawn":
        return None
    said = proxy_part if option_of(topic, proxy_part.replace("投一票", " ")) is not None else f"{proxy_part} {label}"
    proxy_reply = _without_own_line(proxy_vote(session, clock, person, f"{topic.id}号 {said}", rules))
    own = _own_ballot(session, clock, person, topic, own_part, rules)
    return fit((own or "您自己那票已撤回。") + proxy_reply, SMS)  # what happened to his own first


def proxy_and_own(session: Session, clock: Clock, person: Person, text: str, rules: points.PointRules) -> str | None:
    """抽水机那个 帮李明投反对 我自己投赞成: the member's ballot and the sender's own, both recorded."""
    proxy_part, own_part = _split_own(text)
    if not own_part or not _is_proxy(session, person, proxy_part):
        return None
    topics = open_topics_for(session, person, clock.now())
    topic = named_topic(topics, text) or (topics[0] if len(topics) == 1 else topic_by_option(topics, text))
    if topic is None or option_of(topic, own_part) is None:
        return None
    proxy_reply = _without_own_line(proxy_vote(session, clock, person, f"{topic.id}号 {proxy_part}", rules))
    own = _own_ballot(session, clock, person, topic, own_part, rules)
    return fit(proxy_reply + (own or ""), SMS)


def own_said(session: Session, clock: Clock, person: Person, text: str, rules: points.PointRules) -> str | None:
    """路灯我自己投十二点 (刚才那个是帮老婆子投的): the sender's own ballot, never a proxy; a clause about a ballot
    cast before is left as it is. None when another clause votes for a member, or no ballot is said."""
    said = normal(text)
    if not _SELF.search(said) or is_withdrawal(text):
        return None
    clauses = [c for c in re.split(r"[\s，,。；;！!]+", said) if c]
    own = " ".join(c for c in clauses if _SELF.search(c))
    earlier = [c for c in clauses if not _SELF.search(c) and _EARLIER.search(c)]
    if any(_is_proxy(session, person, c) and c not in earlier for c in clauses if not _SELF.search(c)) \
            or not _BALLOT_WORD.search(own):
        return None
    topics = open_topics_for(session, person, clock.now())
    if not topics:
        return None
    topic = named_topic(topics, " ".join(c for c in clauses if c not in earlier)) \
        or (topics[0] if len(topics) == 1 else topic_by_option(topics, own))
    if topic is None:
        ask(session, clock, person, "topic", topics, choice=own)
        return which_topic_text(topics)
    option = option_of(topic, _without_title(topic, _SELF.sub(" ", own)))
    if option is None:
        ask(session, clock, person, "option", [topic])
        return which_option_text(topic)
    result = cast(session, clock, topic.id, person, option, rules=rules)
    if result.counted:
        ask(session, clock, person, "again", [topic])
    reply = cast_text(session, result)
    member = next((m for m in household_members(session, person) if earlier and session.scalar(
        select(Ballot.id).where(Ballot.topic_id == topic.id, Ballot.person_id == m.id, Ballot.cast_by_id == person.id,
                                Ballot.proxy.is_(True)))), None)
    kept = f"替{member.name}投的不变。" if member is not None else ""
    return reply + kept if len(reply + kept) <= SMS else reply


def _split_own(text: str) -> tuple[str, str]:
    found = _OWN.search(text)
    return (text, "") if found is None or found.start() == 0 else (text[:found.start()], text[found.start():])


def _without_own_line(reply: str) -> str:
    return reply.replace("您自己的票不变。", "").replace("您的票没有变。", "")


def _own_ballot(session: Session, clock: Clock, person: Person, topic: Topic, text: str,
                rules: points.PointRules) -> str | None:
    option = option_of(topic, text) if text else None
    if option is None:
        return None
    result = cast(session, clock, topic.id, person, option, rules=rules)
    if result.counted:
        ask(session, clock, person, "again", [topic])
    return _short(result, own=True)


def _short(result: CastResult, *, own: bool = False, title: bool = False) -> str:
    head = f"“{fit(result.topic.title, 10)}”" if title else ""
    who = "您自己" if own else ""
    if result.status == "changed":
        return f"{head}{who}改投{result.label}（原来是{result.topic.options[result.previous - 1]}）。"
    if result.counted:
        return f"{head}{who}投{result.label}。"
    if result.status == "locked":
        return f"{head}{who}投了就不能改。"
    return f"{head}没记上（已截止或不在投票范围）。"


# --- ballots in clauses ----------------------------------------------------------------------------------------

def clause_ballots(session: Session, clock: Clock, person: Person, text: str, rules: points.PointRules) -> str | None:
    """Ballots said clause by clause (坝坝宴我要元旦前 机耕道集资赞成), or one with chatter (…我投春节后 大家都忙)."""
    clauses = [c for c in re.split(r"[\s，,。；;！!]+", normal(text)) if c]
    if len(clauses) < 2 or _is_proxy(session, person, text):
        return None
    own = own_open_topics(session, person, clock.now())  # 是机耕道那个撤回: that topic's own ballot (#33)
    undo = {c: t for c in clauses if _UNDO_CLAUSE.search(c) and (t := named_topic(own, c)) is not None}
    topics = open_topics_for(session, person, clock.now())
    if (is_withdrawal(text) and not undo) or not topics \
            or named_topic(recent_closed(session, person, clock), text) is not None:
        return None
    found: dict[int, tuple[Topic, int, str]] = {}
    current: Topic | None = None
    for clause in (c for c in clauses if c not in undo):
        current = named_topic(topics, clause) or topic_by_option(topics, clause) or current
        if current is None:
            continue
        option = spoken_option(current, _without_title(current, clause))
        if option is not None and current.id not in found:
            found[current.id] = (current, option, clause)
    picked = [p for p in found.values() if p[0].id not in {t.id for t in undo.values()}]
    if not undo and (not picked or (len(picked) == 1 and not _BALLOT_WORD.search(picked[0][2]))):
        return None
    taken = "".join(f"已撤回“{fit(t.title, 10)}”的票。" for t in undo.values()
                    if _withdraw_own(session, clock, person, t))
    results = [cast(session, clock, topic.id, person, option, rules=rules) for topic, option, _ in picked]
    counted = [r for r in results if r.counted]
    if counted:
        ask(session, clock, person, "again", [counted[-1].topic])
    if len(results) == 1 and not taken:
        return cast_text(session, results[0])
    body = "".join(_short(r, title=True) for r in results)
    tail = "截止前想改，再回复一次就行。"
    said = taken + (f"已记下：{body}" if body else "")
    return fit(said + (tail if len(said) + len(tail) <= SMS else ""), SMS)


def _withdraw_own(session: Session, clock: Clock, person: Person, topic: Topic) -> bool:
    ballot = session.scalar(select(Ballot).where(Ballot.topic_id == topic.id, Ballot.cast_by_id == person.id,
                                                 Ballot.proxy.is_(False)))
    return ballot is not None and withdraw(session, clock, ballot, person) == "withdrawn"


def _without_title(topic: Topic, clause: str) -> str:
    """The clause without the runs of two or more characters it shares with the topic's title (同意 in a title
    is no ballot)."""
    title = normal(topic.title)
    out, i = "", 0
    while i < len(clause):
        j = i + 2
        while j <= len(clause) and clause[i:j] in title:
            j += 1
        if j - 1 - i >= 2 and clause[i:j - 1] in title and not any(clause[i:j - 1] in o.lower() for o in topic.options):
            out, i = out + " ", j - 1
        else:
            out, i = out + clause[i], i + 1
    return out
