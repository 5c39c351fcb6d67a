"""A villager's vote message that carries more than one act, or takes back only a question (blind test 8),
read before `council_dialogue.read_turn`:

- 算了 不改了 while a vote question is waiting closes that question only ("好的，不改。"): no ballot, ticket
  or report is touched (#84).
- 撤回投票 with own ballots on several open topics and none named asks which; the answer withdraws that
  one (#33). 把李明那票撤了 when 李明 voted himself says only he can change it (#107).
- A proxy part and an own part, 不对 那是帮我妈投的, 我自己 beside a ballot cast before, ballots on two topics or
  with chatter around them: `council_mixed_ballots` (#147, #28, #26, #71; blind test 24).
- 坝坝宴投了没得 shows the topic with the sender's ballot; 元旦前多还是春节后多 gets the rule (results are
  published when voting closes) and the turnout so far (#72, #112).
- A ballot for a neighbour is refused (`council_outsider`); 还是不撤了 right after a withdrawal puts the ballot back
  (`council_withdrawal.restore_latest`) (blind test 24).

Every reply fits one SMS part."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import points
from bot.core.council import board_text, fit, is_open, open_topics_for, tally
from bot.core.council_dialogue import read_turn as read_dialogue_turn
from bot.core.council_mixed_ballots import (
    clause_ballots,
    correction,
    own_open_topics,
    own_said,
    proxy_and_own,
    withdraws_a_clause,
)
from bot.core.council_options import topic_by_option
from bot.core.council_outsider import follow_up, outsider_in, refuse
from bot.core.council_proxy import household_members, named_member
from bot.core.council_questions import QUESTION_WINDOW, ask, forget, pending
from bot.core.council_talk import named_alone, recent_closed
from bot.core.council_texts import SMS, counts_text, which_option_text, which_topic_text
from bot.core.council_withdrawal import ballot_is_latest, restore_latest, withdraw_latest
from bot.core.council_words import (
    MEMBERS,
    asks_change_only,
    bare_number,
    is_withdrawal,
    named_topic,
    normal,
)
from bot.store.council_models import Ballot, Topic, VoteQuestion
from bot.store.models import Person

_PUNCT = " \t\r\n.。,，!！?？~～、；;"
# Keeping things as they are: 算了 不改了, 不投了, 就这样吧.
_KEEP = re.compile(r"^(?:算了|好|好吧|那|还是|哦|哎|嗯)?[\s，,]*(?:不改了?|不用改了?|不换了?|不投了|先不投了?|"
                   r"不选了|先不选|就这样|不用了|不弄了)(?:吧|了|哈|嘛|哦)?$")
_GIVE_UP = re.compile(r"^(?:算了|不用了|不要了)(?:吧|嘛|哈)?$")
_ASKED = ("topic", "option", "member", "withdraw")
# The answer to "撤回哪个议题的票？" that drops the question itself: 取消, 算了, 不撤了, and in dialect
# 哎呀 算了 莫撤了, 莫收了, 不收回了 (blind test 23, R25v).
_NO_WITHDRAWAL = re.compile(r"^(?:(?:算了|算咯|哎呀|哎|好|好吧|那|还是|哦|嗯)[\s，,]*)*(?:取消|算了|算咯|"
                            r"(?:不|莫|别|不用|先不)(?:撤|收|退)(?:回|掉)?(?:来)?了?|"
                            r"不用了|不要了|不弄了|不改了?)(?:吧|了|哈|嘛|哦|咯)?$")
_KEEP_BALLOT = re.compile(r"(?:不|莫|别|不用|先不)(?:撤|收)")  # 不撤了 with no question: the ballot stays
NOT_WITHDRAWN = "好的，不撤了，您投的票都还算数。"
_VOTED_YET = re.compile(r"投了没得?|投了没有|投没投|投过没|投了吗|我投了没|投了没")
_WHICH_LEADS = re.compile(r"多还是|哪个多|哪个票多|哪边多|谁多|领先|占上风")
_BOARD_PAGE = re.compile(r"^(?:公告|黑板)\s*([2-9])$")


def keeps(text: str, kind: str) -> bool:
    """算了 不改了: nothing is to change; a bare 算了 only where the bot asked a question."""
    said = normal(text).strip(_PUNCT)
    return _KEEP.match(said) is not None or (kind in _ASKED and _GIVE_UP.match(said) is not None)


def read_turn(session: Session, clock: Clock, person: Person, address: str, text: str, *,
              window: timedelta = QUESTION_WINDOW, rules: points.PointRules = points.DEFAULT_RULES) -> str | None:
    page = _BOARD_PAGE.match(normal(text).strip(_PUNCT))
    if page is not None:  # 公告2: the board's next page, each within one SMS part (#72, #137)
        return board_text(session, person, clock.now(), int(page.group(1)))
    question = pending(session, clock, person, window)
    outsider = outsider_in(session, person, text)
    around = outsider is not None and (open_topics_for(session, person, clock.now())
                                       or recent_closed(session, person, clock))
    if outsider is not None and around:
        return refuse(session, clock, person, outsider)  # 帮隔壁李婆婆投: only a household member (blind test 24)
    about = follow_up(session, clock, person, question, text)
    if about is not None:  # 不是哦 李婆婆是隔壁的: about the neighbour just refused, never a ticket (blind test 24)
        return about
    if question is not None and question.kind == "withdraw" and _NO_WITHDRAWAL.match(normal(text).strip(_PUNCT)):
        forget(session, person)  # 取消 to "撤回哪个议题的票？": the question dropped, no ballot (blind test 22, #25)
        return NOT_WITHDRAWN
    if question is not None and keeps(text, question.kind):
        forget(session, person)
        voted = session.scalar(select(Ballot.id).where(Ballot.cast_by_id == person.id,
                                                       Ballot.topic_id.in_(question.topic_ids)).limit(1))
        return "好的，不改。" if voted is not None or question.kind != "topic" else "好的，先不投。想投时再回复。"
    said = normal(text).strip(_PUNCT)
    if question is None and _NO_WITHDRAWAL.match(said) and _KEEP_BALLOT.search(said) \
            and ballot_is_latest(session, person):
        return NOT_WITHDRAWN  # 算咯 不撤了 right after a ballot: nothing to undo, the ballot stands (R25v)
    restored = restore_latest(session, clock, person, text, rules) if question is None else None
    if restored is not None:  # 还是不撤了 right after a withdrawal: the ballot back, no ticket (blind test 24)
        return restored
    if question is None and _KEEP.match(normal(text).strip(_PUNCT)) and ballot_is_latest(session, person):
        return "好的，不改。"  # 不改了 right after a ballot (the question's window gone): about the ballot
    if question is not None and question.kind == "withdraw":
        reply = _withdraw_answer(session, clock, person, question.topic_ids, text)
        forget(session, person)
        if reply is not None:
            return reply
    if asks_change_only(text):  # 我想改一下票: which topic, or which option (blind test 9, #21)
        reply = _which_change(session, clock, person, question)
        if reply is not None:
            return reply
    reply = (_withdrawal(session, clock, person, text) or correction(session, clock, person, text, rules)
             or proxy_and_own(session, clock, person, text, rules) or _asks(session, clock, person, text)
             or own_said(session, clock, person, text, rules))
    if reply is None and (question is None or question.kind not in _ASKED):
        reply = clause_ballots(session, clock, person, text, rules)
    if reply is not None:
        return reply
    return read_dialogue_turn(session, clock, person, address, text, window=window, rules=rules)


def _which_change(session: Session, clock: Clock, person: Person, question: VoteQuestion | None) -> str | None:
    """The ballot just cast, or the one open topic the sender voted on, gets its options asked; several, which
    topic; none voted, the open topics as for a first ballot. None when nothing is open to them."""
    now = clock.now()
    changeable = [t for t in open_topics_for(session, person, now) if t.allow_change]
    just = [t for t in changeable if question is not None and question.kind == "again" and t.id in question.topic_ids]
    own = [t for t in own_open_topics(session, person, now) if t.allow_change]
    topics = just[:1] or own or changeable
    if not topics:
        return None
    if len(topics) == 1:
        ask(session, clock, person, "option", topics)
        return which_option_text(topics[0])
    ask(session, clock, person, "topic", topics)
    return which_topic_text(topics)


# --- withdrawals ---------------------------------------------------------------------------------------------

def _withdrawal(session: Session, clock: Clock, person: Person, text: str) -> str | None:
    if not is_withdrawal(text):
        return None
    now = clock.now()
    members = household_members(session, person)
    member = named_member(members, text)
    if member is not None:  # 把李明那票撤了 when 李明 voted himself (#107)
        mine = session.scalar(select(Ballot.id).where(Ballot.cast_by_id == person.id, Ballot.person_id == member.id))
        own = [b for b in session.scalars(select(Ballot).where(Ballot.person_id == member.id,
                                                               Ballot.cast_by_id == member.id))
               if is_open(session.get(Topic, b.topic_id), now)]  # type: ignore[arg-type]
        if mine is None and own:
            topic = session.get(Topic, own[0].topic_id)
            return fit(f"{member.name}自己投了“{fit(topic.title, 14)}”，只有{member.name}本人能改或撤回。", SMS)
        return None
    if any(word in normal(text) for word in MEMBERS):
        return None
    if withdraws_a_clause(text):
        return None  # 坝坝宴投春节后 机耕道那票撤了: clause by clause (`clause_ballots`)
    own_topics = own_open_topics(session, person, now)
    if len(own_topics) < 2 or named_topic(own_topics, text) is not None:
        return None
    question = pending(session, clock, person)
    if question is not None and question.kind in ("shown", "again") \
            and question.topic_ids[0] in {t.id for t in own_topics}:
        return None  # the topic just shown, or the ballot just cast, is meant
    ask(session, clock, person, "withdraw", own_topics)
    head = "撤回哪个议题的票？回复序号："
    room = max((SMS - len(head)) // len(own_topics[:4]) - 3, 4)
    return fit(head + " ".join(f"{n} {fit(t.title, room)}" for n, t in enumerate(own_topics[:4], 1)), SMS)


def _withdraw_answer(session: Session, clock: Clock, person: Person, topic_ids: list[int], text: str) -> str | None:
    topics = [t for t in (session.get(Topic, i) for i in topic_ids) if t is not None]
    number = bare_number(text)
    topic = topics[number - 1] if number and number <= len(topics) else named_topic(topics, text)
    if topic is None:
        return None
    return withdraw_latest(session, clock, person, "撤回投票", shown=topic.id)


# --- questions about a topic -----------------------------------------------------------------------------------

def _asks(session: Session, clock: Clock, person: Person, text: str) -> str | None:
    said = normal(text)
    if _VOTED_YET.search(said):  # 坝坝宴投了没得: the topic with the sender's ballot (#72)
        return named_alone(session, clock, person, _VOTED_YET.sub("", said))
    if not _WHICH_LEADS.search(said):
        return None
    topics = open_topics_for(session, person, clock.now())
    topic = named_topic(topics, text) or (topics[0] if len(topics) == 1 else topic_by_option(topics, text))
    if topic is None:
        return None
    t = tally(session, topic)
    so_far = f"现在{counts_text(topic, t)}，" if not topic.secret else "票数截止前不公开，"
    unit = "户" if topic.per_household else "人"
    return fit(f"“{fit(topic.title, 12)}”截止后公布结果。{so_far}已投{t.cast}/{t.eligible}{unit}。", SMS)
