"""议事小院 by message, read in the dialogue's context before any classifier guesses.

- A ballot needs an open topic the sender may vote on. A message naming a closed topic gets "已截止"
  (with the result once published) and is recorded nowhere.
- Several open topics and no clear choice: ask which (numbered), and read the next message as the answer
  to that question (`VoteQuestion`, one per person, answered within the question window: `council_questions`).
- A proxy ballot for a household member, where the topic allows it, never touches the sender's own;
  which member or which option unclear → ask. A member named by name (帮李明投春节前) is one too.
- A topic named alone (垃圾费那个) is shown, never filed; a change right after a closed topic's result
  (那我改投赞成嘛) is about it: 已截止 (`council_talk`, blind test 7, #27, #52).
- Taking a ballot back withdraws that ballot (never a report), the sender's own unless a member is named;
  "取消" alone acts on the most recent thing of its kind and says which (`council_withdrawal`).
- A change or a question naming a closed topic (垃圾费我改投赞成, 垃圾费最后咋个定的) gets 已截止 and its
  result; it is never the answer to a question about another topic (blind test 6, #97).
- A bare number answers the most recent numbered question: the bot's vote question within the window,
  or the topic's opening notice when that is still the last message the person got. Answering none, it is
  a ballot (or a change, said as such) on the one open topic the sender can still change, unless the last
  message they got asks another numbered question; with several, ask which, never guess a topic.
  Right after a ballot, a proxy ballot or a refused one, a number is the sender's
  own ballot on that topic; after "which topic?" a number picks the topic, and the option is asked unless
  it was said in words. The member voted for is told (`council_proxy`).
- A message that is only an option of one open topic (春节后, 我投早上) is a ballot on it (`council_options`).

`read_turn` runs before the engine (bot/app/council_step.py, after `council_turn`); `handle_vote`
(`council_vote_action`, re-exported here) decides for the vote action.
The questions and ballot texts are in `council_texts`; every reply fits one SMS part (70 characters).
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import points
from bot.core.answers import NUMBERED, question_in
from bot.core.council import is_eligible, is_open, open_topics_for
from bot.core.council_ballots import cast
from bot.core.council_options import (
    label_in,
    numbered_option,
    only_an_option,
    option_of,
    spoken_option,
    topic_by_option,
)
from bot.core.council_proxy import (
    household_members,
    members_meant,
    named_member,
    proxy_ballots,
    tell_member,
    voted_already,
)
from bot.core.council_questions import QUESTION_WINDOW, ask, forget, pending
from bot.core.council_talk import (
    closed_change,
    named_alone,
    named_with_option,
    recent_closed,
    shown_option,
    talked_about_closed,
    undoes_shown,
)
from bot.core.council_texts import (
    cast_text,
    closed_text,
    members_voted_text,
    no_proxy_text,
    own_ballot_only_member_text,
    which_member_text,
    which_option_text,
    which_topic_text,
)
from bot.core.council_vote_action import VoteDecision as VoteDecision
from bot.core.council_vote_action import closed_result as closed_result
from bot.core.council_vote_action import handle_vote as handle_vote
from bot.core.council_vote_action import vote_progress as vote_progress
from bot.core.council_withdrawal import after_withdrawal, ballot_is_latest, has_ballots, withdraw_latest
from bot.core.council_words import (
    bare_number,
    choice_words,
    is_bare_cancel,
    is_proxy,
    is_proxy_for,
    is_withdrawal,
    named_topic,
)
from bot.store.council_models import Topic, VoteQuestion
from bot.store.message_models import OutboxMessage
from bot.store.models import Person

# --- the turn before the engine ----------------------------------------------------------------------------

def read_turn(session: Session, clock: Clock, person: Person, address: str, text: str, *,
              window: timedelta = QUESTION_WINDOW, rules: points.PointRules = points.DEFAULT_RULES) -> str | None:
    """The reply to a resident's message read as part of a vote conversation, or None to let the engine
    read it (and then the question waiting, if any, is dropped: the person moved on)."""
    question = pending(session, clock, person, window)
    last = _last_message(session, address)
    if question is not None and last is not None and last.kind == "notification":
        forget(session, person)  # a notice came after the question (a rating request…): it is the latest one
        question = None
    shown = question.topic_ids[0] if question is not None and question.kind == "shown" else None
    # Taking a ballot back, or voting for someone else, is never read as the answer to "which option?".
    if (is_withdrawal(text) or (shown and undoes_shown(text))) and has_ballots(session, person):
        return withdraw_latest(session, clock, person, text, shown=shown)  # the topic just shown, unless named
    if (is_proxy(text) or _names_member(session, person, text)) and not (question is not None and question.proxy) \
            and _votes_around(session, clock, person):  # 帮李明投春节前: a proxy ballot, never a report (blind 7, #26)
        return proxy_vote(session, clock, person, text, rules)
    if question is not None:
        reply = _answer(session, clock, person, question, text, rules)
        if reply is not None:
            return reply
        forget(session, person)
    if is_bare_cancel(text):  # right after a withdrawal 取消 takes no ballot for a member back (blind 6, #71)
        left = after_withdrawal(session, clock, person)
        if left is not None:
            return left
        if ballot_is_latest(session, person):
            return withdraw_latest(session, clock, person, "")
    said = named_with_option(session, clock, person, text)
    if said is not None:  # 垃圾费那个 按户: the sender's own ballot, never the topic shown again (blind 32, B133)
        return _finish(session, clock, person, said[0], [str(said[1])], proxy=False, members=[], rules=rules)
    other = last is not None and question_in(last.text) in NUMBERED - {"ballot", "option_choice", "topic_choice"}
    listed = None if other else numbered_option(open_topics_for(session, person, clock.now()), text)
    if listed is not None:  # 2 按户 after the list of topics has gone by (never a rating's or a menu's answer)
        return _finish(session, clock, person, listed[0], [str(listed[1])], proxy=False, members=[], rules=rules)
    alone = named_alone(session, clock, person, text)
    if alone is not None:  # 垃圾费那个: the topic shown (or its result), never a report (blind test 7, #27)
        return alone
    picked = only_an_option(open_topics_for(session, person, clock.now()), text)
    if picked is not None:  # 春节后 / 我投早上: an option of one open topic only (blind test 5, #106, #125)
        return _finish(session, clock, person, picked[0], [str(picked[1])], proxy=False, members=[], rules=rules)
    number = bare_number(text)
    if number is not None:
        topic = _noticed_topic(session, clock, person, last)
        if topic is not None:
            return _finish(session, clock, person, topic, [str(number)], proxy=False, members=[], rules=rules)
    return None


def _answer(session: Session, clock: Clock, person: Person, q: VoteQuestion, text: str,
            rules: points.PointRules) -> str | None:
    topics = [t for t in (session.get(Topic, i) for i in q.topic_ids) if t is not None]
    members = [m for m in (session.get(Person, i) for i in q.member_ids) if m is not None]
    proxy, number = q.proxy, bare_number(text)
    if number is None and _names_another(session, clock, person, topics, text):
        return None  # 垃圾费我改投赞成 right after a ballot on 垃圾池: about the topic it names (blind 6, #97)
    if q.kind == "topic":
        numbered = numbered_option(topics, text) if number is None else None  # 2 按户 (blind test 32, B133)
        if numbered is not None:
            forget(session, person)
            return _finish(session, clock, person, numbered[0], [str(numbered[1])], proxy=proxy, members=members,
                           rules=rules)
        topic = topics[number - 1] if number and number <= len(topics) else named_topic(topics, text)
        if topic is None:
            return None
        # The answer's own choice wins over the one kept; a kept number (投第二个) may have meant the topic,
        # so only a choice said in words is kept (blind test 5, #106).
        kept = str(said) if (said := spoken_option(topic, q.choice)) else None
        texts = [kept] if number else [text, kept]
    elif q.kind == "member":
        chosen = members[number - 1] if number and number <= len(members) else named_member(members, text)
        if chosen is None or not topics:
            return None
        topic, members = topics[0], [chosen]
        texts = [q.choice] if number else [text, q.choice]
    elif q.kind == "closed":  # 那我改投赞成嘛 right after the closed topic's result (blind test 7, #52)
        said = closed_change(session, clock, person, topics[0], text) if topics else None
        if said is not None:
            forget(session, person)
        return said
    elif q.kind == "shown":  # a number or an option's name right after the topic was shown
        option = shown_option(topics[0], text) if topics else None
        if option is None:
            return None
        topic, texts = topics[0], [str(option)]
    elif q.kind == "again":  # after a ballot: only a number or an option's own name changes it, not 好的/行
        alone = only_an_option(topics[:1], text)  # 十点 alone: part of one option's name (blind test 24)
        option = (number if number and topics and number <= len(topics[0].options)
                  else label_in(topics[0], text) or (alone[1] if alone else None) if topics else None)
        if option is None:
            return None
        topic, texts = topics[0], [str(option)]
    else:
        if not topics or option_of(topics[0], text) is None:
            return None
        topic, texts = topics[0], [text]
    forget(session, person)
    if not is_open(topic, clock.now()):
        return closed_text(topic)
    return _finish(session, clock, person, topic, texts, proxy=proxy, members=members, rules=rules)


def _names_another(session: Session, clock: Clock, person: Person, asked: list[Topic], text: str) -> bool:
    """The message names a topic (open, or closed lately) other than those the question was about."""
    around = [*open_topics_for(session, person, clock.now()), *recent_closed(session, person, clock)]
    named = named_topic(list({t.id: t for t in [*asked, *around]}.values()), text)
    return named is not None and named.id not in {t.id for t in asked}


def _finish(session: Session, clock: Clock, voter: Person, topic: Topic, texts: list[str | None], *,
            proxy: bool, members: list[Person], rules: points.PointRules, by_relation: bool = False) -> str:
    """Cast once topic, member (for a proxy ballot) and option are known; otherwise ask for what is missing.
    `by_relation`: the member was only guessed from a word like 我妈 (the registry keeps no relations)."""
    member = None
    if proxy:
        if topic.per_household or not topic.allow_proxy:
            ask(session, clock, voter, "again", [topic])  # "您的票没有变": a number next is the sender's own
            return no_proxy_text(topic)
        if by_relation:  # 我老汉: only the members with no ballot yet can be meant (blind test 9, #17)
            already = {m.id: voted_already(session, topic.id, voter, m, texts) for m in members}
            left = [m for m in members if already[m.id] is None]
            if not left and len(members) == 1 and already[members[0].id] == "own":
                ask(session, clock, voter, "again", [topic])  # a number next is the sender's own (blind 5, #24)
                return own_ballot_only_member_text(members[0], topic)
            if not left:
                return members_voted_text(members, topic, proxy_ballots(session, topic.id, voter, members))
            meant = members_meant(session, clock, voter, left, texts)  # 李明 was 我妈: no 老汉 (blind 32, B132)
            if isinstance(meant, str):
                return meant
            if len(meant) < len(members):  # some have a ballot: the others offered, never a guess among them
                ask(session, clock, voter, "member", [topic], choice=next((t for t in texts if t), None),
                    members=meant, proxy=True)
                return which_member_text(meant)
        if len(members) != 1:
            ask(session, clock, voter, "member", [topic], choice=next((t for t in texts if t), None),
                members=members, proxy=True)
            return which_member_text(members)
        member = members[0]
    option = option_of(topic, *texts)
    if option is None:
        ask(session, clock, voter, "option", [topic], members=[member] if member else [], proxy=proxy)
        return which_option_text(topic, member)
    result = cast(session, clock, topic.id, voter, option, on_behalf_of=member, rules=rules)
    if member is not None:
        tell_member(session, voter, member, result)  # the member hears who voted for them (blind 5, #75)
    if result.counted or member is not None:
        # "再回复一次就行" after one's own ballot; "您自己的票不变" after a member's: the next number is the
        # sender's own ballot on this topic (blind test 5, #75), never asked about again.
        ask(session, clock, voter, "again", [topic])
    return cast_text(session, result, member)


def proxy_vote(session: Session, clock: Clock, voter: Person, text: str,
               rules: points.PointRules = points.DEFAULT_RULES) -> str:
    """帮我妈投一票 / 替老汉投赞成 / 代投: a ballot for a household member, never the sender's own."""
    forget(session, voter)  # a number after this answers the member's ballot, not the sender's last one
    topics = open_topics_for(session, voter, clock.now())
    named = named_topic([*topics, *recent_closed(session, voter, clock)], text)
    by_option = topic_by_option(topics, text)
    if by_option is not None and (named is None or label_in(named, text, part=True) is None):
        # 我老汉也要投按户 帮他投一个: 按户 is only the fee topic's, whatever title 一个 shares a run with (blind
        # test 36, VL2b: the parking topic was named and refused the proxy ballot)
        named = by_option
    if named is not None and not is_open(named, clock.now()):
        talked_about_closed(session, clock, voter, named)
        return closed_text(named)
    if not topics:
        return "现在没有可以投的议题。回复“公告”看议事结果和村口黑板。"
    members = household_members(session, voter)
    if not members:
        return "您家里没有登记别的家人，不能代投。家人可以找网格员登记。"
    chosen = named_member(members, text)
    members = [chosen] if chosen else members
    if chosen is not None:  # 帮李明投…: the name is no option's word (a 中 or 行 in it is no 赞成)
        text = text.replace(chosen.name, " ").replace(chosen.name[1:], " ") if len(chosen.name) >= 3 \
            else text.replace(chosen.name, " ")
    named = named or topic_by_option(topics, text)  # 帮我屋头那个投元旦前: that topic, proxy or not (#119)
    if named is None:
        allowing = [t for t in topics if t.allow_proxy and not t.per_household]
        if len(topics) == 1 or not allowing:
            named = topics[0] if len(topics) == 1 else None
            if named is None:
                return "现在投票的议题都不能代投，请家人自己发短信投或找网格员。您的票没有变。"
        elif len(allowing) == 1:
            named = allowing[0]
        else:
            ask(session, clock, voter, "topic", allowing, choice=choice_words(text), members=members, proxy=True)
            return which_topic_text(allowing)
    return _finish(session, clock, voter, named, [text], proxy=True, members=members, rules=rules,
                   by_relation=chosen is None)


def _names_member(session: Session, person: Person, text: str) -> bool:
    """帮李明投春节前: a ballot for a household member named by name (a given name of two characters too)."""
    names = [n for m in household_members(session, person) if m.name
             for n in (m.name, m.name[1:] if len(m.name) >= 3 else "")]
    return is_proxy_for(text, names)


def _votes_around(session: Session, clock: Clock, voter: Person) -> bool:
    """A topic is open for the voter, or closed lately: 我妈投… may be about it (otherwise the engine reads it)."""
    return bool(open_topics_for(session, voter, clock.now()) or recent_closed(session, voter, clock))


def _last_message(session: Session, address: str) -> OutboxMessage | None:
    """The last message queued for this address: a reply, a notification or the privacy notice."""
    return session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == address)
                          .order_by(OutboxMessage.id.desc()).limit(1))


def _noticed_topic(session: Session, clock: Clock, person: Person, last: OutboxMessage | None) -> Topic | None:
    """The open topic whose opening notice is the last message this person got, if it is."""
    if last is None or last.kind != "notification" or not (last.payload or {}).get("topic_id"):
        return None
    topic = session.get(Topic, int(last.payload["topic_id"]))
    if topic is None or not is_open(topic, clock.now()) or not is_eligible(session, topic, person):
        return None
    return topic
