"""A villager's questions about the votes that are no ballot (blind test 30), answered before any ballot reading:

- When voting closes (投票啥时候截止, 停车场那个好久结束): each open topic's closing time, or the named one's (V9).
- What one voted (我的票投的啥, 我投的什么): one's own choice on each open topic, and the ballots one cast for the
  household's members (B127).
- One's own proposal (我提的修路那个议题审了没得): waiting for the secretary's review, approved, refused (and why),
  open until when, or closed with its result (V21), also named by a word alone (路灯那个议题批了没得, blind test 35,
  VL3); while its draft waits, 我刚才提的议题交上去了没得 asks whether
  it went in (blind test 32, B11: `council_asides.amid_draft` answers not yet).
- When the group meets (我们组啥时候开会, blind test 32, B108): the village sets it and tells everyone (the 村口黑板,
  a message from the secretary or grid worker), and what is open to vote meanwhile.

Every reply fits one SMS part; several topics may take a part each."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.common.clock import BEIJING, Clock
from bot.core.council import fit, is_open, open_topics_for
from bot.core.council_talk import recent_closed
from bot.core.council_texts import SMS, result_answer_text
from bot.core.council_words import named_topic, normal
from bot.store.council_models import Ballot, Topic
from bot.store.models import Person

_PUNCT = " \t\r\n.。,，!！?？~～、：:;；"

# 啥时候截止, 好久结束, 截止时间, 投到哪天, 几号截止.
_WHEN = r"(?:啥时候|啥子时候|什么时候|好久|几时|哪天|哪一天|几号|几点|多久|哪个时候)"
_CLOSES = re.compile(rf"{_WHEN}(?:能|就|才)?(?:截止|结束|投完|停止投)|(?:截止|结束)(?:时间|日期|是{_WHEN}|在{_WHEN})"
                     rf"|投到{_WHEN}|(?:截止|结束)(?:到)?{_WHEN}|还(?:有|剩)(?:几天|好久|多久)(?:截止|结束)?")
# 我的票投的啥, 我投的什么, 我选的哪个, 我都投了些啥.
_WHAT = r"(?:啥子?|什么|哪个|哪样|些啥|些什么|哪些)"
_MY_CHOICES = re.compile(rf"我(?:的票|那票|的)?(?:是|都|当时)?(?:投|选)(?:的|了)(?:是)?{_WHAT}|"
                         rf"我(?:的票|那票|那一票)(?:是)?{_WHAT}|我(?:投|选)(?:的)?(?:是)?{_WHAT}(?:来着|呀|哦|嘛)?$")
# 我提的修路那个议题审了没得, 我的议题通过了没, 我提的建议咋样了.
# 我刚才提的议题交上去了没得, 我前几天报的建议 (blind test 32, B11): when it was said may stand between.
_LATELY = r"(?:刚才|刚刚|才|前头|前面|之前|上回|上次|昨天|前几天|今天|早上|先前)?"
_MY_PROPOSAL = re.compile(rf"我{_LATELY}(?:提|发起|提出|报|交|递)(?:的|了的|上去的|起的)|我的(?:议题|提议|建议)|"
                          r"(?:我那个|刚才那个|刚才的|刚刚那个)(?:议题|提议|建议|提案)")
_PROPOSAL_WORD = re.compile(r"议题|提议|建议|提案")
_STATE = re.compile(r"审|批|通过|同意|开始投|咋样|怎么样|啥情况|什么情况|结果|进展|到哪|没得|没有|了吗|了没|"
                    r"好久|啥时候|什么时候|定了|有消息|交上去|报上去|送上去|递上去|收到")
# Whether it went in: 交上去了没得, 提交了没, 审了没有, 到哪一步了 (a question, never the draft's own words).
_SENT_ASKED = re.compile(r"(?:交|提交|报|送|递|发)(?:上去|出去|过去|上)?了?(?:没得|没有|没|吗|不|莫得)|"
                         r"(?:审|收到)(?:核)?了?(?:没得|没有|没|吗|莫得)|到哪(?:里|点|一步)了?|[?？]")


def _when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    local = moment.astimezone(BEIJING)
    return f"{local.month}月{local.day}日{local:%H:%M}"


def asks_closing(text: str) -> bool:
    return _CLOSES.search(normal(text)) is not None


def closing_times(session: Session, clock: Clock, person: Person, text: str) -> list[str] | None:
    """"“停车场…”12月10日18:00截止。" for the topic named, else each open one; None when not asked or nothing is
    open (or closed lately) to the sender."""
    if not asks_closing(text):
        return None
    now = clock.now()
    topics = open_topics_for(session, person, now)
    named = named_topic([*topics, *recent_closed(session, person, clock)], text)
    if named is not None and not is_open(named, now):
        return [result_answer_text(named)]
    shown = [named] if named is not None else topics[:4]
    if not shown:
        return None
    lines = [f"“{fit(t.title, 18)}”{_when(t.closes_at)}截止" if t.closes_at else f"“{fit(t.title, 18)}”截止时间另行通知"
             for t in shown]
    return joined_parts(lines, "。截止前都可以投，也可以改。" if len(shown) == 1 and shown[0].allow_change else "。")


def joined_parts(lines: list[str], tail: str) -> list[str]:
    """The lines joined by "；" in as few SMS parts as they fit, `tail` after the last."""
    parts: list[str] = []
    for line in lines:
        if parts and len(parts[-1]) + 1 + len(line) + 1 <= SMS:
            parts[-1] += "；" + line
        else:
            parts.append(line)
    parts[-1] = parts[-1] + tail if len(parts[-1] + tail) <= SMS else parts[-1] + "。"
    return [fit(p if p.endswith("。") else p + "。", SMS) for p in parts]


def asks_own_choices(text: str) -> bool:
    return _MY_CHOICES.search(normal(text).strip(_PUNCT)) is not None


def own_choices(session: Session, clock: Clock, person: Person, text: str) -> list[str] | None:
    """"“停车场…”您投赞成；“垃圾费…”您投按户，替刘桂芳投按人头。" for each open topic (or the one named); None when not
    asked or nothing is open (or closed lately) to the sender."""
    if not asks_own_choices(text):
        return None
    now = clock.now()
    around = open_topics_for(session, person, now) or recent_closed(session, person, clock)
    named = named_topic(around, text)
    shown = [named] if named is not None else around[:4]
    if not shown:
        return None
    return joined_parts([_choices_on(session, person, t) for t in shown], "。")


def _choices_on(session: Session, person: Person, topic: Topic) -> str:
    keys = [f"p:{person.id}"] + ([f"h:{person.household_id}"] if person.household_id else [])
    rows = list(session.scalars(select(Ballot).where(Ballot.topic_id == topic.id,
                                                     or_(Ballot.voter_key.in_(keys), Ballot.cast_by_id == person.id))))
    label = {n: o for n, o in enumerate(topic.options, 1)}
    own = next((b for b in rows if b.voter_key in keys), None)
    said = []
    if own is None:
        said.append("您还没投")
    elif own.cast_by_id == person.id:
        said.append(f"您投{label.get(own.option, own.option)}")
    else:
        by = session.get(Person, own.cast_by_id)
        said.append(f"{'家人' if by is None or not by.name else by.name}替您投{label.get(own.option, own.option)}")
    for b in rows:
        if b.proxy and b.cast_by_id == person.id and b.voter_key not in keys:
            member = session.get(Person, b.person_id)
            said.append(f"替{member.name if member and member.name else '家人'}投{label.get(b.option, b.option)}")
    return f"“{fit(topic.title, 14)}”" + "，".join(said)


def asks_own_proposal(text: str) -> bool:
    said = normal(text)
    return _MY_PROPOSAL.search(said) is not None and _STATE.search(said) is not None


def asks_draft_state(text: str) -> bool:
    """我刚才提的议题交上去了没得 while the draft still waits: whether it went in, never the draft's words."""
    said = normal(text)
    return asks_own_proposal(said) and _SENT_ASKED.search(said) is not None


# 路灯那个议题批了没得, 水渠那个议题有人审没得, 晒坝的事批下来没得 (blind test 35, VL3, VL8n): no 我提的, but the
# words name her own proposal and ask whether it was reviewed.
_REVIEWED = re.compile(r"审|批|通过|同意")


def _named_own(session: Session, clock: Clock, person: Person, text: str) -> Topic | None:
    """The sender's own proposal the words name, asked after with a topic word or a review word, and named over every
    topic open to her (停车场那个投得咋样了 is the open topic's, never her 水渠 proposal's)."""
    said = normal(text)
    if _STATE.search(said) is None or not (_PROPOSAL_WORD.search(said) or _REVIEWED.search(said)):
        return None
    mine = list(session.scalars(select(Topic).where(Topic.proposer_id == person.id)))
    if not mine:
        return None
    ids = {t.id for t in mine}
    named = named_topic([*mine, *(t for t in open_topics_for(session, person, clock.now()) if t.id not in ids)], text)
    return named if named is not None and named.id in ids else None


def own_proposal(session: Session, clock: Clock, person: Person, text: str) -> str | None:
    """The state of the sender's proposal the words name (else their latest); None when not asked."""
    if not asks_own_proposal(text):
        named = _named_own(session, clock, person, text)
        return _state_of(clock, named) if named is not None else None
    mine = list(session.scalars(select(Topic).where(Topic.proposer_id == person.id).order_by(Topic.id.desc())))
    said = _PROPOSAL_WORD.search(normal(text)) is not None
    if not mine:
        return "您还没有提过议题。想提就回复“我想提个议题”。" if said else None
    topic = named_topic(mine, text) or (mine[0] if said else None)
    if topic is None:
        return None  # 我提的那个问题咋样了: a report of theirs, not a proposal
    return _state_of(clock, topic)


def _state_of(clock: Clock, topic: Topic) -> str:
    """Where the sender's proposal stands: waiting for review, approved, refused (and why), open, or its result."""
    title = f"您提的“{fit(topic.title, 16)}”"
    if topic.status == "proposed":
        return fit(f"{title}已提交，正在等村里审核，审好了会发短信告诉您。", SMS)
    if topic.status == "approved":
        return fit(f"{title}已通过审核，还没开始投票，开始时会通知大家。", SMS)
    if topic.status == "rejected":
        return fit(f"{title}暂未通过审核：{topic.reject_reason or '有疑问可以问网格员'}", SMS)
    if is_open(topic, clock.now()):
        return fit(f"{title}已通过审核，正在投票，{_when(topic.closes_at)}截止。", SMS)
    return result_answer_text(topic)


# 我们组啥时候开会, 好久开村民大会, 议事会是哪天, 坝坝会开不开 (blind test 32, B108: got the points answer).
_MEETING = r"(?:开会|开个会|开大会|开一次会|议事会|村民大会|村民会|群众会|坝坝会|院坝会|组会|户主会|代表会)"
_MEETING_ASKED = re.compile(rf"{_WHEN}.{{0,6}}{_MEETING}|"
                            rf"{_MEETING}.{{0,6}}(?:{_WHEN}|时间|日子|没得|没有|不|吗|么|[?？])")
MEETING = "议事会、村民大会的时间由村里定，会提前贴在村口黑板，村支书或网格员也会发短信通知您。"


def asks_meeting(text: str) -> bool:
    return _MEETING_ASKED.search(normal(text)) is not None


def meeting_times(session: Session, clock: Clock, person: Person, text: str) -> list[str] | None:
    """When the group meets: the village sets it and tells everyone; then each open topic with its closing time,
    votable by message meanwhile. None when not asked, or for someone with no village group and nothing open."""
    if not asks_meeting(text):
        return None
    topics = open_topics_for(session, person, clock.now())
    if person.villager_group_id is None and not topics:
        return None
    lines = [f"“{fit(t.title, 16)}”{_when(t.closes_at)}截止" if t.closes_at else f"“{fit(t.title, 16)}”在投票"
             for t in topics[:4]]
    if not lines:
        return [fit(MEETING + "现在没有要投票的议题。", SMS)]
    return [MEETING, *joined_parts(["正在投票：" + lines[0], *lines[1:]], "。发短信就能投，不用等开会。")]
