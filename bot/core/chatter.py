"""Words with no problem in them that are never a ticket, whatever the classifier guessed (issue 17, §4:
a ticket needs a problem; blind test 8):

- chat meant for someone else (老王 明天早上去钓鱼不 带两根杆杆, 兄弟 晚上一起吃火锅不, 幺妹 明天赶场不): residents are
  told it seems not meant for the bot, staff get their menu;
- context to a question the bot just answered (外地人租房子去哪点登记, then 房东是安居苑的): noted, not filed;
- a self-introduction trailing off before the problem (我是阳光小区的 我们那个): what is the problem?
- a message owned up to as sent by mistake (发错了 不好意思哈) after one that filed nothing: never mind."""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.plain_text import plain as _plain
from bot.core import openers, triage
from bot.store.message_models import InboxMessage
from bot.store.models import Ticket

NOT_FOR_US = "这条消息好像不是发给网格通的哦。要反映问题，请直接说是什么问题、在哪里。"
NOTED = "好的，记下了。还有不清楚的可以接着问；要反映问题，请直接说是什么问题。"
REMARK_MAX = 30

_SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭"
             "曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖"
             "贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
# A person called at the start (老王, 兄弟, 小李), then a pause: a message to someone, not to the service.
_CALLED = re.compile(rf"^(?:[老小][{_SURNAMES}]|兄弟|哥们|哥们儿|老哥|老弟|大哥|二哥|老表|姐妹|"
                     rf"亲爱的|宝贝|老公|老婆(?!婆)|美女|帅哥|哥|姐|妈|爸)(?:[\s，,。!！~～:：]|$)")
# Pastimes planned (a meal out, fishing, cards, a drink, market day), asked of someone (幺妹 明天赶场不, blind test 28,
# A10-2, got 这个我帮不上忙).
_PASTIME = re.compile(r"吃火锅|火锅|吃饭|吃烧烤|烧烤|吃串串|串串|吃夜宵|宵夜|喝酒|喝茶|喝一杯|整两杯|"
                      r"钓鱼|打牌|打麻将|搓麻将|斗地主|唱歌|k歌|逛街|看电影|爬山|打球|耍一?[下哈]|出去耍|出去吃|"
                      r"赶场|赶集")
_INVITES = re.compile(r"一起|一路|约|走起|去不|来不|[去来吃喝耍][^，,。！!？?\s]{0,6}不(?:[?？\s]|$)|"
                      r"不[?？]?$|[吗噻][?？]?$|有空|得空|有时间")
# A service or what it costs asked about: 吃饭 there is no meal out with a friend.
_ABOUT_A_SERVICE = re.compile(r"社区|食堂|助餐|老年|有没有|有没得|有莫得|便宜|优惠|好多钱|多少钱|几块钱|收费|免费")
# Someone called by name and title (王师傅, 李哥, 张姐), then asked of their own plans with 你 (你明天来修热水器不): a
# message meant for them, whatever it names (blind test 25, A51: "喂 王师傅 你明天来修热水器不" got the greeting menu).
_NAMED = re.compile(rf"^(?:喂|哎|诶|嗨)?[\s，,]*[{_SURNAMES}](?:师傅|大哥|大姐|哥|姐|叔叔|叔|"
                    r"嬢嬢|孃孃|嬢|孃|阿姨|姨|老师|老板|总|工|婆婆|大爷|爷爷|医生)(?:[\s，,。!！~～:：]+|$)")
_THEIR_PLANS = re.compile(r"^你(?!们)[^，,。！!？?]{0,12}?(?:明天|今天|后天|今晚|晚上|下午|上午|"
                          r"早上|中午|等会|等一下|待会|一会|周末|礼拜|星期|几点|啥时候|什么时候)[^，,。！!？?]{0,12}?"
                          r"(?:不|没|没得|吗|嘛|噻|啊|哦)[?？]?$")
# A self-introduction (我是阳光小区的, 我住安居苑) trailing off into a pointer (我们那个): no problem named yet.
_INTRO = re.compile(r"^(?:喂|你好|您好|你们好)?[\s，,]*(?:我是|我住|我住在|我家在|我们是)"
                    r"([^\s，,。！!？?\d]{2,10}?)的?[\s，,。]+")
_TRAILS = re.compile(r"^(?:我们?|我家|屋头|这边|那边|就是|嗯|呃|那)*(?:那个|这个|那件|这件|有个)(?:事|事情|情况)?"
                     r"(?:嘛|哈|啊|哦|呢|噻)?[\s，,。.…]*$")


def meant_for_someone_else(text: str) -> bool:
    """Chat to a friend or a colleague (老王 明天早上去钓鱼不, 兄弟 晚上一起吃火锅不), or someone named asked of their
    plans (王师傅 你明天来修热水器不): no danger."""
    plain = _plain(text)
    if not plain or triage.has_danger(plain):
        return False
    named = _NAMED.match(plain)
    if named is not None and _THEIR_PLANS.match(plain[named.end():].strip()) is not None:
        return True  # 喂 王师傅 你明天来修热水器不
    if triage.has_problem(_PASTIME.sub(" ", plain)):
        return False
    pastime = _PASTIME.search(plain) is not None
    called = _CALLED.match(plain) is not None
    if not called and _ABOUT_A_SERVICE.search(plain) is not None:
        return False  # 社区有没有老年食堂 吃饭便宜不: a service asked about, no invitation (blind test 28, B76)
    return pastime and (called or _INVITES.search(plain) is not None)


def remark(text: str) -> bool:
    """A short remark with no problem, no danger and no question in it (房东是安居苑的)."""
    plain = _plain(text)
    return 0 < len(plain) <= REMARK_MAX and not triage.has_problem(plain) and \
        triage.information_request(plain) is None and not any(c.isdigit() for c in plain)


# 您好 我是河滨社区的老住户, 我在河滨社区住了好多年 (blind test 23, #6): who is speaking, in one breath.
_RESIDENT = re.compile(r"^(?:喂|你好|您好|你们好)?[\s，,]*(?:(?:我是|我们是)([^\s，,。！!？?\d]{2,10}?)的?"
                       r"(?:老住户|住户|老居民|居民|老业主|业主|老人)了?|"
                       r"我(?:在|们在)([^\s，,。！!？?\d]{2,10}?)(?:住了|住起|都住了)[^\s，,。！!？?]{0,8})"
                       r"(?:嘛|哈|哦|噻)?[\s，,。.…]*")

# How long they have lived there (你好 我是安居社区的 搬过来两年了, blind test 10, #2): still no problem named.
_SETTLED = re.compile(r"^(?:刚|才|都)?(?:搬过来|搬来|搬到这|住了|住到|在这住了|在这里住了|在这边住了|住这)"
                      r"[^\s，,。！!？?]{0,8}[\s，,。.…]*$")


def introduces_only(text: str) -> bool:
    """我是阳光小区的 我们那个, 你好 我是安居社区的 搬过来两年了: who is speaking, and a pointer at a problem not yet
    named, or how long they have lived there."""
    return _introduction(text) is not None


def _introduction(text: str) -> re.Match[str] | None:
    plain = _plain(text)
    if triage.has_problem(plain):
        return None
    found = _RESIDENT.match(plain)
    if found is not None:  # 我是河滨社区的老住户 (想问个事): nothing else, or only about to ask
        rest = plain[found.end():]
        return found if not rest or openers.says_no_problem_yet(rest) or _TRAILS.match(rest) is not None else None
    found = _INTRO.match(plain)
    rest = plain[found.end():] if found is not None else ""
    return found if found is not None and (_TRAILS.match(rest) is not None or _SETTLED.match(rest) is not None
                                           or openers.says_no_problem_yet(rest)) else None


def about_to_ask(text: str) -> bool:
    """Whether an introduction ends about to ask (我是阳光小区的老住户了 想问个事): listened to."""
    found = _introduction(text)
    return found is not None and openers.no_problem_yet_reply(_plain(text)[found.end():] or "x") == openers.LISTENING


# About to ask, the place named beside it (我住河畔花园的 有点事想问下, blind test 25, #8): listened to, the place held
# as one sent alone is ("已记下地点：" is followups.PLACE_HELD_MARK, which `held_words.held_place` looks for).
LISTENING_AT = "您说，我听着。已记下地点：{place}，请说说是什么事。"
PLACE_MAX = 20


def listening_at(place: str) -> str:
    """"您说，我听着。已记下地点：河畔花园，请说说是什么事。", the place cut to fit one SMS part."""
    return LISTENING_AT.format(place=place if len(place) <= PLACE_MAX else place[:PLACE_MAX - 1] + "…")


GREETED = "您好！"
_GREETING = re.compile(r"^(?:你好|您好|你们好)")


def greets(text: str) -> bool:
    """Whether a message begins with a greeting (你好 我是安居社区的…): greeted back."""
    return _GREETING.match(_plain(text)) is not None


def introduced_place(text: str) -> str:
    """The place a self-introduction names (阳光小区 of 我是阳光小区的 我们那个), else ""."""
    found = _introduction(text)
    return next((g for g in found.groups() if g), "") if found is not None else ""


def answered_just_before(session: Session, channel: str, sender: str, before_id: int,
                         since: datetime) -> InboxMessage | None:
    """The sender's message just before `before_id` (and after `since`) when it asked something and no ticket
    came of it (the bot answered it): what a remark now is context to."""
    row = session.scalar(select(InboxMessage).where(
        InboxMessage.channel == channel, InboxMessage.sender == sender, InboxMessage.id < before_id)
        .order_by(InboxMessage.id.desc()).limit(1))
    if row is None or row.received_at < since:
        return None
    if triage.information_request(row.text) is None:
        return None
    filed = session.scalar(select(Ticket.id).where(Ticket.source_message_id == row.id).limit(1))
    return row if filed is None else None


# 哦 发错了 不好意思哈, 发错了 对不起哈, 发错了 莫管哈 (blind tests 26 and 27, A10, A71, A32): the message before was
# sent by mistake. After
# one that filed nothing (a wrong-number chat, a rude word) it is answered kindly; after a report it is left to the
# dialogue, where it may take the report back.
_MISSENT = re.compile(r"^(?:哦|噢|啊|哎|呀|诶|嗯|哦哟|哎呀|不好意思|对不起)*(?:是我|我)?(?:刚才|刚刚)?"
                      r"(?:发错|打错|发错人|发错地方|发错号|点错|按错)了?(?:哈|嘛|哦|噻)*"
                      r"(?:对不起|不好意思|抱歉|sorry|莫怪|别介意|莫管|别管|不用管|不要管|莫理|别理|不用理|当没看到|莫当回事)?"
                      r"(?:它|他|哈|哦|啊|嘛|了|噻)*$")
NEVER_MIND = "没关系！这里是网格通，有事随时发消息。"


def missent(text: str) -> bool:
    """发错了 不好意思哈: only that a message went astray, with or without an apology."""
    bare = re.sub(r"[\s，,。.!！~～、…]+", "", _plain(text))
    return bool(bare) and _MISSENT.match(bare) is not None


def said_before(session: Session, channel: str, sender: str, before_id: int, since: datetime) -> str:
    """The sender's message just before `before_id`, when sent since `since`; "" otherwise."""
    row = session.scalar(select(InboxMessage).where(
        InboxMessage.channel == channel, InboxMessage.sender == sender, InboxMessage.id < before_id)
        .order_by(InboxMessage.id.desc()).limit(1))
    return row.text or "" if row is not None and row.received_at >= since else ""


def said_since(session: Session, channel: str, sender: str, before_id: int, since: datetime,
               limit: int = 6) -> list[str]:
    """The sender's messages before `before_id` sent since `since`, newest first, at most `limit`."""
    return [text or "" for text in session.scalars(select(InboxMessage.text).where(
        InboxMessage.channel == channel, InboxMessage.sender == sender, InboxMessage.id < before_id,
        InboxMessage.received_at >= since).order_by(InboxMessage.id.desc()).limit(limit))]


def filed_nothing_before(session: Session, channel: str, sender: str, before_id: int, since: datetime) -> bool:
    """Whether the sender's message just before `before_id` (since `since`), if any, filed no ticket."""
    row = session.scalar(select(InboxMessage).where(
        InboxMessage.channel == channel, InboxMessage.sender == sender, InboxMessage.id < before_id)
        .order_by(InboxMessage.id.desc()).limit(1))
    if row is None or row.received_at < since:
        return True
    return session.scalar(select(Ticket.id).where(Ticket.source_message_id == row.id).limit(1)) is None
