"""Vote messages said in the middle of something else, or asking about one topic (blind test 25):

- A ballot while a proposal is being drafted (我想提个议题 → 村口垃圾池… → 健身器材那个改投反对): a message that
  names an open topic and one of its options, with a ballot word (投, 改投, 选) or nothing else besides, is that
  ballot; the draft is kept and its question asked again, never filled with the ballot's words (V8).
- While a draft waits (blind test 32, B11, B133): 我刚才提的议题交上去了没得 gets "not yet" and the draft's question
  again, never becomes its 说明; 投第二个 gets the ballot's question alone, 2 按户 the ballot alone.
- A question about one topic's result or turnout naming it by a word (健身器材那个结果出来没得, 垃圾池那个投得咋样了):
  open, not yet, when it closes and how many have voted; closed, its result (V11).
- A household member's ballot changed by name to an option no ballot word says (帮李明改成按人头, blind test 29,
  B145: a 补充 to the villager's open report): the proxy ballot, whatever else is open.
- Who proposed a topic (议题是哪个提的, blind test 29, B184 got the list of topics): the proposer of the one named, else
  of each open one, a villager by name, else 村委会.
- Where, how or for how much a topic's matter would be done (村里那个停车场要修在哪点, blind test 33, B124 got a
  ticket): the topic's 说明 and whom to ask.

`council_step` (bot/app) calls both before the engine. Every reply fits one SMS part."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import BEIJING, Clock
from bot.common.phones import national
from bot.core import points
from bot.core.answers import question_in
from bot.core.council import fit, is_open, open_topics_for, tally
from bot.core.council_ballots import cast
from bot.core.council_dialogue import proxy_vote
from bot.core.council_options import numbered_option, option_of
from bot.core.council_proxy import household_members
from bot.core.council_questions import ask, moved_on
from bot.core.council_status import asks_draft_state
from bot.core.council_talk import recent_closed, talked_about_closed
from bot.core.council_texts import SMS, cast_text, counts_text, result_answer_text
from bot.core.council_vote_action import handle_vote
from bot.core.council_words import (
    asks_progress,
    drops_proposal,
    is_proxy,
    is_proxy_for,
    is_withdrawal,
    named_topic,
    normal,
)
from bot.core.lifecycle import reported_by, ticket_meant_among
from bot.core.questions import grid_worker_of
from bot.core.tickets import OPEN_STATUSES
from bot.core.triage import has_problem
from bot.store.council_models import Ballot, Topic
from bot.store.message_models import OutboxMessage
from bot.store.models import Person, StaffRole

PROPOSING = "topic_form"  # `answers.question_in` of the proposal form's questions
_BALLOT = re.compile(r"投(?!诉|资|保|递|靠|放)|改成|改为|换成|选")
# What may stand around the topic's name and the option in a message that is only a ballot (健身器材那个反对).
_AROUND = re.compile(r"那个|这个|的事|议题|我|就|也|还是|吧|嘛|哈|噻|哦|了|呀|啊|撒|咯")
_CONFIRM_TITLE = re.compile(r"议题：(.+?)。说明：")
_PUNCT = " \t\r\n.。,，!！?？~～、：:;；"


def _last_question(session: Session, address: str) -> str | None:
    """The text of the last message queued for this address."""
    return session.scalar(select(OutboxMessage.text).where(OutboxMessage.recipient == address)
                          .order_by(OutboxMessage.id.desc()).limit(1))


def _is_ballot(topic: Topic, text: str) -> bool:
    """The message names `topic` and one of its options, and says nothing but a ballot."""
    if option_of(topic, text) is None or is_proxy(text) or is_withdrawal(text):
        return False
    if _BALLOT.search(normal(text)):
        return True
    rest = normal(text)
    for label in sorted(topic.options, key=len, reverse=True):
        rest = rest.replace(label, "")
    named = normal(topic.title)
    return sum(1 for c in _AROUND.sub("", rest) if "\u4e00" <= c <= "\u9fff" and c not in named) <= 1


def reminder(asked: str) -> str:
    """The proposal's question asked again after the ballot, with its marker, so the next message answers it."""
    title = _CONFIRM_TITLE.search(asked)
    if "提交给村里审核吗" in asked:
        named = f"“{fit(title.group(1), 16)}”" if title else ""
        return fit(f"您的议题{named}还没提交。提交给村里审核吗？回复“是”或“不”", SMS)
    if "请简单说明一下" in asked:
        return "您的议题还没提完。请简单说明一下，比如要花多少钱、谁来出、怎么办。"
    return "您的议题还没提完。想议什么事？一句话说清楚，比如“修组里的机耕路”。"


def ballot_amid_proposal(session: Session, clock: Clock, person: Person, address: str, text: str,
                         rules: points.PointRules = points.DEFAULT_RULES) -> list[str] | None:
    """The ballot's reply and the proposal's question again, when the bot's last message asks the proposal's
    question and the message is clearly a ballot on one open topic; None otherwise (the draft reads it)."""
    asked = _last_question(session, address)
    if asked is None or question_in(asked) != PROPOSING:
        return None
    topics = open_topics_for(session, person, clock.now())
    topic = named_topic(topics, text)
    if topic is None or not _is_ballot(topic, text):
        return None
    result = cast(session, clock, topic.id, person, option_of(topic, text) or 0, rules=rules)
    if result.counted:  # a change right after reads as one, as after any ballot
        ask(session, clock, person, "again", [topic])
    return [cast_text(session, result), reminder(asked)]


# 投第二个, 我要投票, 选一个: a ballot asked for while the draft waits (blind test 32, B133: the draft's question
# came after the list of topics, and the draft's form took what followed).
_WANTS_VOTE = re.compile(r"^(?:我|我们)?(?:要|想|来)?"
                         r"(?:(?:投|选)(?:第)?[1-9一二两三四五六七八九](?:个|项|号)?(?:议题)?|投票|投个票|投一票|投下票)(?:吧|嘛|哈|哦|噻|了)?$")


def amid_draft(session: Session, clock: Clock, person: Person, address: str, text: str,
               rules: points.PointRules = points.DEFAULT_RULES) -> list[str] | None:
    """A message while the proposal's question waits that is not its answer: 交上去了没得 gets "not yet" and the
    question again (never the draft's 说明); 投第二个 the ballot's question alone; 2 按户 the ballot alone (the
    draft waits quietly, its question is asked again only with a ballot said in words, `ballot_amid_proposal`).
    None for anything else (the draft reads it)."""
    asked = _last_question(session, address)
    if asked is None or question_in(asked) != PROPOSING:
        return None
    if asks_draft_state(text):
        moved_on(session, person)
        return [reminder(asked)]
    listed = numbered_option(open_topics_for(session, person, clock.now()), text)
    if listed is not None:
        result = cast(session, clock, listed[0].id, person, listed[1], rules=rules)
        if result.counted:
            ask(session, clock, person, "again", [listed[0]])
        return [cast_text(session, result)]
    if _WANTS_VOTE.match(normal(text).strip(_PUNCT)) is None:
        return None
    decision = handle_vote(session, clock, person, text, rules=rules)
    return [decision.text] if decision.text else None


def proposal_asked(session: Session, address: str) -> bool:
    """The bot's last message to `address` asks the proposal form's question."""
    asked = _last_question(session, address)
    return asked is not None and question_in(asked) == PROPOSING


def drops_proposal_asked(session: Session, address: str, text: str) -> bool:
    """取消 (or 我是不想提议题了) while the bot's last message asks the proposal's question: the proposal is
    dropped by its form, never a ballot taken back (blind test 30, V12)."""
    return drops_proposal(text) and proposal_asked(session, address)


# A question about how a topic came out or stands: 结果出来没得, 定了没得, 投得咋样了, 好多人投了.
_ASKS_RESULT = re.compile(r"结果|出来没|出来了没|定了没|定下来没|咋个定|怎么定|投得咋样|投得怎么样|咋样了|"
                          r"怎么样了|好多人投|多少人投|几个人投|投了好多|投了多少|票数|过了没|通过没|通过了没|"
                          # 垃圾费那个现在啥情况 (blind test 30, V2b): the topic's state
                          r"啥情况|什么情况|啥子情况|咋样|怎么样|进展|进度|有消息")


def topic_result(session: Session, clock: Clock, person: Person, address: str, text: str) -> str | None:
    """The answer to a question naming one topic about its result or turnout; None when it names none, or when
    the words point at one of the sender's tickets as well (路灯那个结果咋样了: the repair, asked after it)."""
    said = normal(text)
    if not (_ASKS_RESULT.search(said) or asks_progress(said)) or is_withdrawal(said):
        return None
    if ticket_meant_among(reported_by(session, address, (*OPEN_STATUSES, "resolved")), text) is not None:
        return None
    now = clock.now()
    topic = named_topic([*open_topics_for(session, person, now), *recent_closed(session, person, clock)], text)
    if topic is None:
        return None
    if not is_open(topic, now):
        talked_about_closed(session, clock, person, topic)  # 那我改投赞成嘛 next: 已截止 (blind test 7, #52)
        return result_answer_text(topic)
    t = tally(session, topic)
    unit = "户" if topic.per_household else "人"
    local = topic.closes_at.astimezone(BEIJING) if topic.closes_at else None
    when = f"{local.month}月{local.day}日{local:%H:%M}" if local else ""
    so_far = f"现在{counts_text(topic, t)}，" if not topic.secret else ""
    state = f"“{fit(topic.title, 12)}”还在投票，{when}截止后公布结果。{so_far}已投{t.cast}/{t.eligible}{unit}。"
    own = session.scalar(select(Ballot).where(Ballot.topic_id == topic.id, Ballot.person_id == person.id))
    voted = own is not None and 0 < own.option <= len(topic.options)
    mine = f"您投了{topic.options[own.option - 1]}。" if voted else ""
    return fit(state + mine if len(state + mine) <= SMS else state, SMS)


# Who proposed it: 议题是哪个提的, 这个是谁提出来的, 哪个发起的.
_WHO_PROPOSED = re.compile(r"(?:哪个|谁|哪位|哪些人?|啥子人)(?:提|出|发起|提出来?|提议)的|"
                           r"(?:提|发起|提出)的?(?:人)?是(?:哪个|谁)")
VILLAGE = "村委会"


def who_proposed(session: Session, clock: Clock, person: Person, text: str) -> str | None:
    """"“水费按人头还是按户”是村委会提的。": who proposed the topic the words name, else each open one (three at most);
    None when the words ask no such thing or nothing is open to the sender."""
    if _WHO_PROPOSED.search(normal(text)) is None:
        return None
    topics = open_topics_for(session, person, clock.now())
    named = named_topic(topics, text)
    shown = [named] if named is not None else topics[:3]
    if not shown:
        return None
    room = max((SMS - 8 * len(shown)) // len(shown), 6)
    return fit("；".join(f"“{fit(t.title, room)}”是{_proposer(session, t)}提的" for t in shown) + "。", SMS)


# What a topic's matter is asked about: where, how big, what it costs, when, how or what for (blind test 33, B124: 村里
# 那个停车场要修在哪点 got a ticket): 修在哪点, 哪个位置, 好多钱, 好久动工, 咋个修, 具体是啥子, 修来干啥子, 收不收费.
_ASKS_DETAIL = re.compile(r"(?:修|建|搞|弄|放|设|安|做|挖)?(?:在|到|是)?(?:哪点|哪里|哪儿|哪个位置|哪个地方|哪块|哪边)|"
                          r"(?:具体|啥子|什么)位置|(?:有|修|建)?(?:好大|多大)|(?:要|花|用)?(?:好多|多少)钱|"
                          r"(?:啥子时候|什么时候|好久|哪天)(?:修|建|开工|动工|搞)|(?:咋个|怎么|怎样)(?:修|建|搞|弄)|"
                          r"具体(?:是|咋个|怎么|啥子|什么|情况)|(?:啥子|什么)意思|详细(?:情况|说说)?|"
                          # 修来干啥子的, 收不收费, 要钱不 (blind test 34)
                          r"(?:干|做|搞)(?:啥子?|什么)|(?:收不收|要不要)(?:费|钱)|(?:收费|收钱|要钱)(?:不|吗|没得?|没有)")

# A place every topic of the village may name names no topic (村口的路修在哪点 is no 村口停车场's question).
_WHERE_WORDS = re.compile(r"(?:我们|咱们)?(?:村口|村里|村头|村上|村子|组里|队上|社里)")


def topic_detail(session: Session, clock: Clock, person: Person, text: str) -> str | None:
    """"“是否在村口修一个停车场”说明：…。具体问村委会或网格员…": the open topic the words name, asked where, how or
    what it costs, answered from its 说明 and whom to ask; None when the words ask no such thing, name no open topic,
    or say a problem besides (停车场那里的路灯坏了 在哪点报: a report)."""
    said = normal(text)
    if _ASKS_DETAIL.search(said) is None:
        return None
    topic = named_topic(open_topics_for(session, person, clock.now()), _WHERE_WORDS.sub(" ", said))
    if topic is None:
        return None
    # a problem said besides the topic's own words (its 修 is no repair asked for): a report
    if has_problem("".join(c for c in _ASKS_DETAIL.sub(" ", said) if c not in normal(topic.title))):
        return None
    worker = grid_worker_of(session, person)
    whom = f"{VILLAGE}或网格员{worker.name}{national(worker.phone)}" if worker is not None else VILLAGE
    tail = f"。具体问{whom}。"
    head = f"“{fit(topic.title, 14)}”"
    about = f"说明：{topic.description.strip()}" if topic.description.strip() else "议题没写具体细节"
    return head + fit(about, max(SMS - len(head) - len(tail), 8)) + tail


def _proposer(session: Session, topic: Topic) -> str:
    """A villager's name, or 村委会 for a topic the village put up (or a staff member did)."""
    proposer = session.get(Person, topic.proposer_id) if topic.proposer_id else None
    staff = proposer is not None and session.scalar(select(StaffRole.id).where(StaffRole.person_id == proposer.id)
                                                    .limit(1)) is not None
    return proposer.name if proposer is not None and proposer.name and not staff else VILLAGE


def proxy_change(session: Session, clock: Clock, person: Person, text: str,
                 rules: points.PointRules = points.DEFAULT_RULES) -> str | None:
    """帮李明改成按人头: the member's ballot on the open topic allowing it whose option the words name; None when the
    words name no household member, or no such option."""
    names = [n for m in household_members(session, person) if m.name
             for n in (m.name, m.name[1:] if len(m.name) >= 3 else "")]
    if not is_proxy_for(text, names):
        return None
    topics = [t for t in open_topics_for(session, person, clock.now()) if t.allow_proxy]
    if not any(option_of(t, text) is not None for t in topics):
        return None
    return proxy_vote(session, clock, person, text, rules)
