"""Questions about a ballot already cast (blind test 31), answered before any ballot reading, never a withdrawal
nor a ticket's 撤销:

- Whether one's own ballot still counts (我投的停车场那票还在不, 我那票还算数不, 有效不, 作数不): the ballot on the
  topic named, else on each open topic, counted; none cast, the topic shown with how to vote (V12, V12b, V12c).
- A family member's ballot (我妈那票现在是哪个, 我妈投的啥, 帮我妈投的还算数不): the ballot the sender cast for them,
  its current choice; one the member cast themselves is theirs to tell (A-B145), and the sender's proxy ballot
  she replaced is said to be replaced (我妈那票算上没得, blind test 33, L11).
- Whether a family member voted for the sender (我女儿是不是帮我投过票, blind test 33, B127): who cast the sender's
  ballot and its choice, else that nobody did.

Every reply fits one SMS part per topic (`council_status.joined_parts`)."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core.council import fit, is_open, open_topics_for, voter_key
from bot.core.council_proxy import household_members, named_member, relation_cast_as
from bot.core.council_questions import ask, moved_on
from bot.core.council_status import joined_parts
from bot.core.council_talk import recent_closed, shown_text
from bot.core.council_texts import SMS, which_topic_text
from bot.core.council_words import COUNTED_ASKED, MEMBERS, is_withdrawal, named_topic, normal, relation_of
from bot.store.council_models import Ballot, BallotEvent, Topic
from bot.store.models import Person

# A ballot spoken of: 我那票, 我的票, 我投的, 帮我妈投的, 选的 (a 发票 or 车票 is none).
_BALLOT_WORDS = r"那票|的票|那一票|这票|一票|选票|投的|投了|选的|选了"
_BALLOT = re.compile(rf"{_BALLOT_WORDS}|^票")
# Still counted? 还算数不, 算不算, 作数不, 有效吗, 还在不, 管用不, 算数没得 (a question: 不算了 takes it back).
_ASK = r"(?:不|吗|么|嘛|没|没有|没得|莫得|撒|噻|哇|哦|不嘛)"
_COUNTED = re.compile(rf"(?:算数|作数|有效|管用|算)(?:的)?{_ASK}(?!了|算了)|算不算|作不作数|有没有效|管不管用|"
                      # 算上没得, 算进去没有, 计上了不 (blind test 33, L11)
                      rf"(?:算上|算进去?|算到|计上|计入|记上|数上)(?:了|的)?{_ASK}|{COUNTED_ASKED}|"
                      # 投上了没得, 投起了没得, 投进去没有: whether it went in (blind test 34)
                      rf"投(?:上|起|进去?|成|到)(?:了|的)?{_ASK}|"
                      rf"还在{_ASK}|在不在|还(?:算数|作数|有效)(?:吧|哈)?$|(?:算数|作数|有效|还在)[?？]")
# What is it? 那票现在是哪个, 投的啥, 的票选的什么, 是哪样 (帮我妈投票要发啥 asks how to vote, not what she has).
# A member voting for the sender: 我女儿是不是帮我投过票, 我儿子替我投了没得, 屋头哪个帮我选了.
_FOR_ME = re.compile(r"(?:帮|替|给|代)(?:我|我们)[过了也都]?(?:投|选)")
_ASKS = re.compile(r"是不是|是否|有没有|有莫得|没得|没有|莫得|吗|么|了没|[?？]|哪个|啥|什么|过")
_WHAT = re.compile(rf"(?:{_BALLOT_WORDS})(?:现在|到底|究竟|当时|还|是|投的|选的|投了|选了)*"
                   r"(?:啥子?|什么|哪个|哪样|哪一个|哪项|几号)")


def asks_counted(text: str) -> bool:
    """我那票还算数不, 我投的停车场那票还在不: whether a ballot still counts, never a withdrawal."""
    said = normal(text)
    return _BALLOT.search(said) is not None and _COUNTED.search(said) is not None and not is_withdrawal(said)


def _asks_what(said: str) -> bool:
    return _WHAT.search(said) is not None and not is_withdrawal(said)


def _says_member(session: Session, person: Person, said: str) -> bool:
    return any(word in said for word in MEMBERS) or named_member(household_members(session, person), said) is not None


# Someone unnamed voting for the sender: 有没得人帮我投过票, 是不是哪个帮我投了 (blind test 34, B127 reworded).
_SOMEONE = re.compile(r"有(?:没得?|没有|莫得)?人|是不是(?:有人|哪个|谁)|哪个|谁|别人|其他人")
# ... in the past: 投过, 投了 (哪个能帮我投一下票 asks for help, not who did)
_DONE = re.compile(r"(?:投|选)(?:过|了)")


def ballot_asked(session: Session, clock: Clock, person: Person, text: str) -> list[str] | None:
    """The reply parts to a question about one's own ballot counting, or a family member's ballot; None when the
    message asks neither, or no topic is open (or closed lately) to the sender."""
    said = normal(text)
    counted = asks_counted(said)
    if _FOR_ME.search(said) is not None and _ASKS.search(said) is not None and not is_withdrawal(said) \
            and (_says_member(session, person, said)
                 or (_SOMEONE.search(said) is not None and _DONE.search(said) is not None)):
        return _for_me(session, clock, person, said)
    if _says_member(session, person, said):
        return _member_ballots(session, clock, person, said, counted) if counted or _asks_what(said) else None
    return _own_counted(session, clock, person, said) if counted else None


def _around(session: Session, clock: Clock, person: Person, said: str) -> list[Topic]:
    """The topic named (open or closed lately), else the open ones (else those closed lately)."""
    now = clock.now()
    open_ones = open_topics_for(session, person, now)
    named = named_topic([*open_ones, *recent_closed(session, person, clock)], said)
    if named is not None:
        return [named]
    return (open_ones or recent_closed(session, person, clock))[:4]


def _label(topic: Topic, option: int) -> str:
    return topic.options[option - 1] if 0 < option <= len(topic.options) else str(option)


def _own_counted(session: Session, clock: Clock, person: Person, said: str) -> list[str] | None:
    topics = _around(session, clock, person, said)
    if not topics:
        return None
    moved_on(session, person)  # the ballot just cast or topic just shown is no longer what a number means
    now = clock.now()
    lines, unvoted = [], []
    for topic in topics:
        ballot = session.scalar(select(Ballot).where(Ballot.topic_id == topic.id,
                                                     Ballot.voter_key == voter_key(topic, person)))
        if ballot is None:
            unvoted.append(topic)
            continue
        by = "" if ballot.cast_by_id == person.id else _by(session, ballot)
        state = "算数的" if is_open(topic, now) else "已截止，计入结果了"
        lines.append(f"您在“{fit(topic.title, 16)}”{by}投的是{_label(topic, ballot.option)}，{state}")
    if lines:
        return joined_parts(lines, "。")
    open_unvoted = [t for t in unvoted if is_open(t, now)]
    if len(open_unvoted) == 1:
        ask(session, clock, person, "shown", open_unvoted)
        return [shown_text(session, open_unvoted[0], person)]
    if open_unvoted:
        ask(session, clock, person, "topic", open_unvoted)
        return [fit("您还没投票。" + which_topic_text(open_unvoted), SMS)]
    return [fit(f"“{fit(topics[0].title, 16)}”已截止，您没有投票。", SMS)]


def _by(session: Session, ballot: Ballot) -> str:
    """"由家人李明替您" for a ballot a family member cast for the sender."""
    caster = session.get(Person, ballot.cast_by_id)
    return f"由{caster.name if caster is not None and caster.name else '家人'}替您"


def _member(session: Session, person: Person, said: str, topics: list[Topic]) -> Person | None:
    """The household member the words mean: by name, else the one the sender voted for (the relation they named
    then, when several), else the only one."""
    members = household_members(session, person)
    named = named_member(members, said)
    if named is not None or not members:
        return named
    ids = [t.id for t in topics]
    proxies = list(session.scalars(select(Ballot).where(Ballot.cast_by_id == person.id, Ballot.proxy.is_(True),
                                                        Ballot.topic_id.in_(ids),
                                                        Ballot.person_id.in_([m.id for m in members]))))
    voted_for = {b.person_id for b in proxies}
    if len(voted_for) > 1:
        relation = relation_of(said)
        voted_for = {b.person_id for b in proxies if relation and relation_cast_as(session, person, b) == relation}
    if len(voted_for) == 1:
        return next(m for m in members if m.id in voted_for)
    return members[0] if len(members) == 1 else None


def _member_ballots(session: Session, clock: Clock, person: Person, said: str, counted: bool) -> list[str] | None:
    topics = _around(session, clock, person, said)
    member = _member(session, person, said, topics) if topics else None
    if member is None:
        return None
    moved_on(session, person)
    now = clock.now()
    name = member.name or "家人"
    lines, unvoted = [], []
    for topic in topics:
        ballot = session.scalar(select(Ballot).where(Ballot.topic_id == topic.id,
                                                     Ballot.voter_key == voter_key(topic, member)))
        title = f"“{fit(topic.title, 14)}”"
        if ballot is None:
            unvoted.append(title)
        elif ballot.cast_by_id == member.id:
            mine = _replaced_proxy(session, topic, ballot, person)
            lines.append(f"您替{name}在{title}投的{_label(topic, mine)}已由她本人改投{_label(topic, ballot.option)}，"
                         "以本人的为准" if mine is not None else f"{name}在{title}是自己投的，以本人的为准")
        else:
            now_word = "现在" if is_open(topic, now) else "最后"
            tail = ("，算数的" if is_open(topic, now) else "，已计入结果") if counted else ""
            lines.append(f"{name}在{title}{now_word}投的是{_label(topic, ballot.option)}{tail}")
    if not lines:
        return [fit(f"{name}在{unvoted[0]}还没投票。", SMS)] if len(unvoted) == 1 else \
            [fit(f"{name}还没投票。", SMS)]
    return joined_parts(lines, "。")


def _replaced_proxy(session: Session, topic: Topic, ballot: Ballot, caster: Person) -> int | None:
    """The option of the proxy ballot `caster` cast that the member's own ballot replaced, else None."""
    return session.scalar(select(BallotEvent.option).where(
        BallotEvent.topic_id == topic.id, BallotEvent.voter_key == ballot.voter_key, BallotEvent.proxy.is_(True),
        BallotEvent.cast_by_id == caster.id).order_by(BallotEvent.id.desc()).limit(1))


def _for_me(session: Session, clock: Clock, person: Person, said: str) -> list[str] | None:
    """Who cast the sender's ballot on each topic around, when a family member did, else that nobody did."""
    topics = _around(session, clock, person, said)
    if not topics:
        return None
    moved_on(session, person)
    lines = []
    for topic in topics:
        title = f"“{fit(topic.title, 14)}”"
        key = voter_key(topic, person)
        ballot = session.scalar(select(Ballot).where(Ballot.topic_id == topic.id, Ballot.voter_key == key))
        cast = session.scalar(select(BallotEvent).where(
            BallotEvent.topic_id == topic.id, BallotEvent.voter_key == key, BallotEvent.proxy.is_(True),
            BallotEvent.cast_by_id != person.id).order_by(BallotEvent.id.desc()).limit(1))
        if ballot is not None and ballot.cast_by_id != person.id:
            lines.append(f"是的，{title}{_by(session, ballot)}投了{_label(topic, ballot.option)}")
        elif ballot is not None and cast is not None:
            lines.append(f"{title}家人替您投过，后来您自己投了{_label(topic, ballot.option)}，以您的为准")
        elif ballot is not None:
            lines.append(f"{title}没人替您投，是您自己投的{_label(topic, ballot.option)}")
        else:
            lines.append(f"{title}没人替您投，您还没投票")
    return joined_parts(lines, "。")
