"""What a vote conversation is about besides the question the bot asked (blind test 7, #27, #52):

- A topic named alone (垃圾费那个, 清运费那个议题) is never a report: an open topic is shown with the sender's
  own ballot and how to vote, and a number, an option's name or 撤回 right after acts on it; a closed one gets
  its result.
- A closed topic just talked about (its result given, 垃圾费那个最后定下来没有) takes the change that follows
  (那我改投赞成嘛): "已截止", recorded nowhere, never read as a ballot on another, open topic.
- The topics a person could vote on that closed lately.

Both are remembered as the person's vote question (`council_questions`, kinds "shown" and "closed"), read
back by `council_dialogue.read_turn`; every reply fits one SMS part."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core.council import fit, is_eligible, is_open, open_topics_for, options_line, voter_key
from bot.core.council_options import label_in, spoken_option, topic_by_option
from bot.core.council_questions import ask
from bot.core.council_texts import SMS, closed_text, result_answer_text
from bot.core.council_words import bare_number, is_withdrawal, named_topic, names_only, normal, says_change
from bot.core.scopes import scope_of
from bot.store.council_models import Ballot, Topic
from bot.store.models import Person

# A closed topic is recognised by name for this long after it closed.
RECENT_CLOSED = timedelta(days=60)
# An option said in words answers a topic just shown only in a short message (我赞成, 春节前嘛), and the words
# of the default options only when they choose (同意, 不支持), never an acknowledgement (好的, 行, 要得).
SHOWN_ANSWER_CHARS = 12
_CHOOSES = re.compile(r"同意|支持|赞同|赞成|反对|弃权|随便|无所谓|不表态")


def recent_closed(session: Session, person: Person, clock: Clock) -> list[Topic]:
    """Topics this person could vote on that closed lately, newest first."""
    since = clock.now() - RECENT_CLOSED
    found = session.scalars(select(Topic).where(Topic.status.in_(("open", "closed", "published")),
                                                Topic.closes_at >= since).order_by(Topic.id.desc()).limit(20))
    now = clock.now()
    return [t for t in found if not is_open(t, now) and is_eligible(session, t, person)]


def talked_about_closed(session: Session, clock: Clock, person: Person, topic: Topic) -> None:
    """The bot just answered about this closed topic: a change right after is about it."""
    ask(session, clock, person, "closed", [topic])


def named_alone(session: Session, clock: Clock, person: Person, text: str) -> str | None:
    """The reply to a message that only names a topic open to the person or closed lately (垃圾费那个): the
    topic shown (open) or its result (closed); None when the message says more or names none."""
    topics = [*open_topics_for(session, person, clock.now()), *recent_closed(session, person, clock)]
    topic = named_topic(topics, text)
    if topic is None or not names_only(topic, text):
        return None
    if not is_open(topic, clock.now()):
        talked_about_closed(session, clock, person, topic)
        return result_answer_text(topic)
    ask(session, clock, person, "shown", [topic])
    return shown_text(session, topic, person)


_BALLOT_LEAD = re.compile(r"(?:我们|我家|我)?(?:就|也|还是|都)?(?:要|想)?(?:投给|投|选|改成|改投|换成)?\s*$")


def named_with_option(session: Session, clock: Clock, person: Person, text: str) -> tuple[Topic, int] | None:
    """(topic, option) when the message names an open topic and, beside the name, one of its options and nothing
    else (垃圾费那个 按户, 清运费按人头嘛: blind test 32, B133 was shown the family's ballot, 按户 not recorded);
    None otherwise. The option's words may be in the title too: the name is what is left without them."""
    topics = [*open_topics_for(session, person, clock.now()), *recent_closed(session, person, clock)]
    topic = named_topic(topics, text)
    if topic is None or not is_open(topic, clock.now()):
        return None
    said = normal(text)
    hits = [(n, normal(label)) for n, label in enumerate(topic.options, 1) if label and normal(label) in said]
    longest = {label for _, label in hits if not any(label != other and label in other for _, other in hits)}
    hits = [(n, label) for n, label in hits if label in longest]
    if len(hits) != 1:
        return None
    head, _, tail = said.rpartition(hits[0][1])
    if re.search(r"(?:不|别|莫|没)(?:要|投|选|想)?\s*$", head):  # 垃圾费那个 不要按户
        return None
    head = _BALLOT_LEAD.sub("", head)  # 垃圾费那个我投按户: the ballot's own words
    rest = f"{head} {tail}".strip()
    return (topic, hits[0][0]) if rest and names_only(topic, rest) else None


def shown_text(session: Session, topic: Topic, person: Person) -> str:
    """An open topic as the person stands on it: their ballot (or their family's) and how to vote or change."""
    ballot = session.scalar(select(Ballot).where(Ballot.topic_id == topic.id,
                                                 Ballot.voter_key == voter_key(topic, person)))
    if ballot is None:
        return _fitted(topic, "“{t}”正在投票，您还没投。请" + options_line(topic.options) + "。")
    label = topic.options[ballot.option - 1]
    who = "您投了" if ballot.person_id == person.id and not ballot.proxy else \
        "家人替您投了" if ballot.person_id == person.id else "您家投了"
    if not topic.allow_change:
        return _fitted(topic, f"“{{t}}”{who}{label}，这个议题投了就不能改。")
    undo = "。撤回请回复“撤回”" if ballot.cast_by_id == person.id else ""
    return _fitted(topic, f"“{{t}}”{who}{label}，截止前可改：{options_line(topic.options)}{undo}。")


def _fitted(topic: Topic, template: str) -> str:
    room = SMS - len(template.replace("{t}", ""))
    return fit(template.replace("{t}", fit(topic.title, max(room, 6))), SMS)


def shown_option(topic: Topic, text: str) -> int | None:
    """The option a message right after the topic was shown chooses: a number, an option's name, or in a
    short message the words of one (我同意, 不支持); None for anything else (好的 only acknowledges)."""
    number = bare_number(text)
    if number is not None:
        return number if number <= len(topic.options) else None
    named = label_in(topic, text)
    if named is not None or len(text.strip()) > SHOWN_ANSWER_CHARS or not _CHOOSES.search(text):
        return named
    return spoken_option(topic, text)


_UNDO = re.compile(r"^(?:撤回|撤销|取消|作废|撤了|撤掉)(?:吧|了|嘛|哈|哦)?$")


def undoes_shown(text: str) -> bool:
    """撤回 / 取消 / 撤回投票 right after a topic was shown: its ballot is meant (算了 only gives up talking)."""
    return _UNDO.match(normal(text).strip(" 。.!！")) is not None or is_withdrawal(text)


def closed_change(session: Session, clock: Clock, person: Person, topic: Topic, text: str) -> str | None:
    """"已截止" for a ballot or a change right after the closed topic was talked about (那我改投赞成嘛, 我赞成),
    unless it is a bare number (the open topic's, blind test 6, #116) or an option only an open topic has."""
    if bare_number(text) is not None:
        return None
    own = spoken_option(topic, text) is not None
    open_ones = open_topics_for(session, person, clock.now())
    if not own and (not says_change(text) or topic_by_option(open_ones, text) is not None):
        return None
    if own and label_in(topic, text) is None and topic_by_option(open_ones, text) is not None:
        return None  # 改投春节前: the open topic's own option
    return closed_text(topic)


def overseen_open_topics(session: Session, person: Person, now: datetime) -> list[Topic]:
    """The open topics a staff member oversees: their electorate's groups, units or people within the staff's
    units (a village secretary: every group of the village, blind test 8, #125)."""
    scope = scope_of(session, person)
    found = []
    for topic in session.scalars(select(Topic).where(Topic.status == "open").order_by(Topic.id)):
        units = [*topic.electorate.get("groups", []), *topic.electorate.get("units", [])]
        people = [session.get(Person, i) for i in topic.electorate.get("people", [])]
        places = units + [u for p in people if p is not None for u in (p.villager_group_id, p.home_unit_id) if u]
        if is_open(topic, now) and any(scope.covers_unit(u) for u in places):
            found.append(topic)
    return found
