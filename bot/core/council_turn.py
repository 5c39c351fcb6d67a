"""A villager's vote message that carries more than one act, or takes back only a question (blind test 8),
read before `council_dialogue.read_turn`:

- 算了 不改了 while a vote question is waiting closes that question only ("好的，不改。"): no ballot, ticket
  or report is touched (#84).
- 撤回投票 with own ballots on several open topics and none named asks which; the answer withdraws that
  one (#33). 把李明那票撤了 when 李明 voted himself says only he can change it (#107).
- A proxy part and an own part in one message (帮李明投反对 我自己投赞成) record both: the member's ballot
  and the sender's own (#147). 不对 那是帮我妈投的 turns the sender's own ballot just cast into a ballot for
  the member: the own one is withdrawn (#28).
- Ballots on two topics in one message (坝坝宴我要元旦前 机耕道集资赞成) record both, and a ballot with
  chatter around it (坝坝宴我投春节后 大家都忙) is still a ballot, never a proposal (#26, #71).
- 坝坝宴投了没得 shows the topic with the sender's ballot; 元旦前多还是春节后多 gets the rule (results are
  published when voting closes) and the turnout so far (#72, #112).
- 我自己/本人 is the sender's own ballot, never a proxy, though a clause speaks of one cast before (路灯我自己投
  十二点 刚才那个是帮老婆子投的); a ballot for a neighbour is refused (`council_outsider`); 还是不撤了 right
  after a withdrawal puts the ballot back (`council_withdrawal.restore_latest`) (blind test 24).

Every reply fits one SMS part."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import points
from bot.core.council import board_text, fit, is_open, open_topics_for, tally
from bot.core.council_ballots import CastResult, cast, withdraw
from bot.core.council_dialogue import proxy_vote
from bot.core.council_dialogue import read_turn as read_dialogue_turn
from bot.core.council_options import option_of, spoken_option, topic_by_option
from bot.core.council_outsider import follow_up, outsider_in, refuse
from bot.core.council_proxy import household_members, named_member
from bot.core.council_questions import QUESTION_WINDOW, ask, forget, pending
from bot.core.council_talk import named_alone, recent_closed
from bot.core.council_texts import SMS, cast_text, counts_text, which_option_text, which_topic_text
from bot.core.council_withdrawal import ballot_is_latest, restore_latest, withdraw_latest
from bot.core.council_words import (
    MEMBERS,
    asks_change_only,
    bare_number,
    is_proxy,
    is_proxy_for,
    is_withdrawal,
    named_topic,
    normal,
)
from bot.store.council_models import Ballot, BallotEvent, Topic, VoteQuestion
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
# The sender's own part after a proxy part: 帮李明投反对 我自己投赞成.
_OWN = re.compile(r"我自己|我本人|自己的票|自己那票|我的票|我那票")
# 不对 那是帮我妈投的: the ballot just cast was meant for a family member.
_CORRECTION = re.compile(r"^(?:不对|不是|错了|搞错了|弄错了|哎呀不是)")
CORRECTION_WINDOW = timedelta(minutes=30)
_VOTED_YET = re.compile(r"投了没得?|投了没有|投没投|投过没|投了吗|我投了没|投了没")
_WHICH_LEADS = re.compile(r"多还是|哪个多|哪个票多|哪边多|谁多|领先|占上风")
_BALLOT_WORD = re.compile(r"投(?!诉|资|保|递)|要|选")  # 投诉 is no ballot
_UNDO_CLAUSE = re.compile(r"(?:那个|那票|的票|的投票|的)(?:先)?(?:撤回|撤了|撤掉|撤销|不算了|作废|取消)(?:吧|了)?$")
_BOARD_PAGE = re.compile(r"^(?:公告|黑板)\s*([2-9])$")
# 我自己/本人: the sender's own ballot (blind test 24); a clause about a ballot cast before is said, not cast.
_SELF = re.compile(r"我自己|我本人|本人|自己(?:的|那)?票|自己投|自个")
_EARLIER = re.compile(r"刚才|刚刚|之前|先前|前头|前面|上回|上次|(?:是|那个是|那是)(?:帮|替|给)|投的$|投过了?$")


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
    reply = (_withdrawal(session, clock, person, text) or _correction(session, clock, person, text, rules)
             or _proxy_and_own(session, clock, person, text, rules) or _asks(session, clock, person, text)
             or _own_said(session, clock, person, text, rules))
    if reply is None and (question is None or question.kind not in _ASKED):
        reply = _ballots(session, clock, person, text, rules)
    if reply is not None:
        return reply
    return read_dialogue_turn(session, clock, person, address, text, window=window, rules=rules)


def _which_change(session: Session, clock: Clock, person: Person, question: VoteQuestion | None) -> str | None:
    """The ballot just cast, or the one open topic the sender voted on, gets its options asked; several, which
    topic; none voted, the open topics as for a first ballot. None when nothing is open to them."""
    now = clock.now()
    changeable = [t for t in open_topics_for(session, person, now) if t.allow_change]
    just = [t for t in changeable if question is not None and question.kind == "again" and t.id in question.topic_ids]
    own = [t for t in _own_open_topics(session, person, now) if t.allow_change]
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
    clauses = [c for c in re.split(r"[\s，,。；;！!]+", normal(text)) if c]
    if len(clauses) > 1 and any(_UNDO_CLAUSE.search(c) for c in clauses):
        return None  # 坝坝宴投春节后 机耕道那票撤了: clause by clause (`_ballots`)
    own_topics = _own_open_topics(session, person, now)
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


def _own_open_topics(session: Session, person: Person, now: object) -> list[Topic]:
    ballots = session.scalars(select(Ballot).where(Ballot.cast_by_id == person.id, Ballot.proxy.is_(False))
                              .order_by(Ballot.updated_at.desc(), Ballot.id.desc()))
    topics = {b.topic_id: session.get(Topic, b.topic_id) for b in ballots}
    return [t for t in topics.values() if t is not None and is_open(t, now)]  # type: ignore[arg-type]


# --- a proxy part and an own part ------------------------------------------------------------------------------

def _is_proxy(session: Session, person: Person, text: str) -> bool:
    names = [n for m in household_members(session, person) if m.name
             for n in (m.name, m.name[1:] if len(m.name) >= 3 else "")]
    return is_proxy(text) or is_proxy_for(text, names)


def _correction(session: Session, clock: Clock, person: Person, text: str, rules: points.PointRules) -> str | None:
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


def _proxy_and_own(session: Session, clock: Clock, person: Person, text: str, rules: points.PointRules) -> str | None:
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


def _own_said(session: Session, clock: Clock, person: Person, text: str, rules: points.PointRules) -> str | None:
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


# --- ballots in clauses ----------------------------------------------------------------------------------------

def _ballots(session: Session, clock: Clock, person: Person, text: str, rules: points.PointRules) -> str | None:
    """Ballots said clause by clause (坝坝宴我要元旦前 机耕道集资赞成), or one with chatter (…我投春节后 大家都忙)."""
    clauses = [c for c in re.split(r"[\s，,。；;！!]+", normal(text)) if c]
    if len(clauses) < 2 or _is_proxy(session, person, text):
        return None
    own = _own_open_topics(session, person, clock.now())  # 是机耕道那个撤回: that topic's own ballot (#33)
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

