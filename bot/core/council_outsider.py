"""A ballot for someone outside the sender's household (blind test 24, A39): 我能帮隔壁李婆婆投个票不 她不识字,
帮隔壁王大爷投晚上十点, 替邻居投个十二点.

A proxy ballot is only for a registered member of the sender's household, so a neighbour, a friend or an elder
called by surname (李婆婆, 王大爷) who is none of them gets "只能替同户的家人投" and nothing is recorded (a 婆婆 in
隔壁李婆婆 is never the sender's mother-in-law). What the sender says about it next (不是哦 李婆婆是隔壁的 不是我
屋头的人) is answered about the vote; it never becomes a detail of one of their tickets.

The words are read here; `council_turn` calls it before any other vote reading."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core.council import fit, open_topics_for
from bot.core.council_proxy import household_members
from bot.core.council_questions import ask, forget
from bot.core.council_texts import SMS
from bot.core.council_words import PROXY_VOTE, is_proxy, normal
from bot.store.council_models import VoteQuestion
from bot.store.models import Person

# Voting (or asking to vote) for someone: 帮…投, 替…投, 代投.
_FOR_SOMEONE = re.compile(r"(?:帮|替|代|给)[^，,。！!？?\s]{0,10}?(?:投|的票)|代投")
_NOT_A_BALLOT = re.compile(r"投(?:诉|资|保|递|靠|放)")
_PRONOUN = re.compile(r"(?:帮|替|代|给)(?:她|他|ta)")
# Outside the household: where they live (a neighbour), or what they are to the sender (someone else).
_NEIGHBOURS = re.compile(r"隔壁|邻居|邻家|对门|对面|楼上|楼下|街坊|院子里")
_OUTSIDERS = re.compile(r"隔壁|邻居|邻家|对门|对面|楼上|楼下|街坊|院子里|朋友|同事|别人|别家|外人|老乡|亲戚")
_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
             "沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
# An elder or a neighbour called by surname: 李婆婆, 王大爷, 张嬢嬢 (never how one names one's own family).
_CALLED = re.compile(rf"[{_SURNAMES}](?:婆婆|大爷|大娘|大妈|大伯|大叔|阿姨|叔叔|嬢嬢|孃孃|爷爷|奶奶|伯伯|老汉|老头|"
                     r"老太|婶婶|婶子|姐|哥|嫂)")
# What the sender says next about that person, when it does not name them: a reply (不是哦 …, 那她咋个投) that
# speaks of the household or of them (不是我屋头的人, 她不会用手机); 家里停水了 alone is no such reply.
_REPLYING = re.compile(r"^(?:不是|不对|哦|噢|那|她|他|可是|但是|可她|可他|我晓得|晓得|知道)")
_ABOUT_IT = re.compile(r"屋头|家里|家人|一家|一户|同户|户口|她|他|咋个投|怎么投|识字|手机|不会")
FOLLOW_UP = timedelta(minutes=30)


def outsider_in(session: Session, person: Person, text: str) -> str | None:
    """Whom the message would vote for, when that is someone outside the sender's household ("李婆婆", "邻居"
    for a neighbour not named, "对方" for a friend); None when it votes for no one, or for a member."""
    t = _NOT_A_BALLOT.sub(" ", normal(text))
    found = _FOR_SOMEONE.search(t)
    if found is None and not is_proxy(t):
        return None
    names = [n for m in household_members(session, person) if m.name
             for n in (m.name, m.name[1:] if len(m.name) >= 3 else "") if n]
    if any(n in t for n in names):
        return None  # 帮张建国投: a member by name
    # Where the person is named: in the 帮…投 itself, or anywhere when it says 帮她投.
    span = t if found is None or _PRONOUN.search(t) else found.group(0)
    called = _CALLED.search(span)
    if called is not None:
        return called.group(0)
    if _NEIGHBOURS.search(span):
        return "邻居"
    return "对方" if _OUTSIDERS.search(span) else None


def may_i(session: Session, clock: Clock, person: Person | None, text: str) -> str:
    """Asking whether one may vote for someone (我可以帮隔壁王婆婆投票不 她眼睛看不见): the rule. When it is someone
    outside a villager's household and topics are open to them, what they say next about that person (她不是我屋头的
    是邻居) is answered by `follow_up`, never "没太看懂" (blind test 25, V1)."""
    if person is not None and person.kind == "resident":
        who = outsider_in(session, person, text)
        topics = open_topics_for(session, person, clock.now()) if who is not None else []
        if topics:
            ask(session, clock, person, "outsider", topics, choice=who)
    return PROXY_VOTE


def refuse(session: Session, clock: Clock, person: Person, who: str) -> str:
    """"只能替同户的家人投", nothing recorded; what the sender says next about it is answered (`follow_up`)."""
    ask(session, clock, person, "outsider", open_topics_for(session, person, clock.now()), choice=who)
    return fit(f"只能替同户的家人投，这次没有记票。请{who}自己回复投票，不会用手机可以找网格员帮忙。", SMS)


def follow_up(session: Session, clock: Clock, person: Person, question: VoteQuestion | None, text: str) -> str | None:
    """The answer to what the sender says right after an outsider was refused (不是哦 李婆婆是隔壁的 不是我屋头
    的人), when it is about that person; None otherwise (a ballot for a member, a new report)."""
    if question is None or question.kind != "outsider" or clock.now() - question.asked_at > FOLLOW_UP:
        return None
    who = question.choice or "邻居"
    t = normal(text)
    if is_proxy(t) and outsider_in(session, person, t) is None:
        return None  # 那帮我老伴投十点: a member's ballot after all
    named = who in t or _CALLED.search(t) is not None or _OUTSIDERS.search(t) is not None
    if not named and not (_REPLYING.match(t) and _ABOUT_IT.search(t)):
        return None
    forget(session, person)
    return fit(f"明白，{who}不是您同户的家人，不能替{who}投，什么都没记。请{who}自己回复投票，或找网格员帮忙。", SMS)
