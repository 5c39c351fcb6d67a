"""A question said again as a correction right after an answer (blind test 33: "我是问教老人用手机 不是娃娃",
"是居住证 不是居住证明", "不是办证 是问奖励金咋个领" got "好的，记下了" or the same wrong answer): the thing meant is
looked up again with the entry just given and the one the sender says it is not left out; answered, or 答不上 with
the call back offered and the question kept for staff. Never "记下了", never the same answer again."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.plain_text import plain as _plain
from bot.common.sms_parts import UCS2_SINGLE, clause_head
from bot.core import corrections, registry, said_before, triage
from bot.core.knowledge import Entry, Found, KnowledgeBase, audience_for, normalise
from bot.core.questions import log_miss, whom_to_ask
from bot.store.message_models import InboxMessage
from bot.store.models import Ticket

# How soon after the question it corrects (the blind test waited 7-10 minutes).
WINDOW = timedelta(minutes=30)
# A weak second best is no answer to a question said again: 答不上 and the call back rather than a stray entry.
MIN_SCORE = 6.0
UNKNOWN = "抱歉，这个问题我还答不上，已记下交给工作人员。回复1，请工作人员给您回电。"  # utter_policy_unknown's words

_LEAD = r"(?:喂|哎|嗯|哦|不对|错了|搞错了)?[\s，,。！!]*(?:我|我们)?(?:就|只)?"
# 我是问, 我问的是, 我要办的是, 我想找的是 (blind test 34: 我要办的是居住证 不是证明 got 记下了)
_ASK = r"(?:是问的?|(?:想|要)?(?:问|说|办|找|开|领|打|查|咨询|要)的是|是说|是想问|是)"
_NOT = r"(?:不是|又不是|莫是)(?:问|说)?(?:的是)?"
_GAP = r"[\s，,。！!；;]*"
# 我是问 X 不是 Y / 我问的是 X 不是 Y / 是 X 不是 Y
_X_NOT_Y = re.compile(rf"^{_LEAD}{_ASK}(?P<x>.+?){_GAP}{_NOT}(?P<y>.+?)[哈嘛哦噻啊呀的]*$")
# 不是 Y 是(问) X
_NOT_Y_X = re.compile(rf"^{_LEAD}{_NOT}(?P<y>.+?){_GAP}(?:我|我们)?(?:就|只)?{_ASK}(?P<x>.+)$")
# 我问的不是 Y 是 X (blind test 34: 我问的不是体检 是流感疫苗 got 记下了)
_ASKED_NOT_Y_X = re.compile(rf"^{_LEAD}(?:想|要)?(?:问|说|办|找|要)的?{_NOT}(?P<y>.+?){_GAP}(?:而)?是(?:问)?(?P<x>.+)$")
# 我不要 Y 就要 X (我不要私人电话 就要派出所的办公电话)
_NOT_WANT = re.compile(rf"^{_LEAD}不要(?P<y>.+?){_GAP}(?:就|只)要(?P<x>.+)$")
# Who, not what (不是我 是我妈), or a place put right (是9栋 不是8栋): no question said again.
_WHO = re.compile(r"^(?:我|我们|他|她|你|你们|自己|本人|我家|我屋头)$")
_PLACE = re.compile(r"^[\d一二三四五六七八九十几]+(?:栋|号|单元|楼|组|幢|层)")
# Nothing named: 我要的不是这个 是那个.
_VAGUE = re.compile(r"^(?:这|那|另外|别)(?:个|一个|样|种|的)?$")
# A report said not to be one (我只是想问下律师 不是反映问题, 不是投诉): bot/core/corrections.py's, the question kept.
_NOT_A_REPORT = re.compile(r"反映|投诉|报修|举报|报案|报警|工单|问题$")
_END = re.compile(r"[\s，,。！!？?~～…]+$")
# What says nothing of the thing not meant: 不是问(你们的), 不是(这个)
_FILLER = re.compile(r"[\s，,。]|你们|我们|这个|那个|的|问|说|啥子|什么")


@dataclass(frozen=True)
class Reasked:
    asked: str  # what the sender means (X)
    not_meant: str  # what the sender says it is not (Y)


def parse(text: str) -> Reasked | None:
    """The thing meant and the thing not meant in a question said again as a correction; None for other words,
    a report insisted on (我是反映问题 不是问你) above all."""
    plain = _END.sub("", _plain(text)).strip()
    if not plain or len(plain) > 40 or corrections.insists_report(plain):
        return None
    for pattern in (_X_NOT_Y, _NOT_Y_X, _ASKED_NOT_Y_X, _NOT_WANT):
        found = pattern.match(plain)
        if found is not None:
            asked, not_meant = found["x"].strip(" ，,"), found["y"].strip(" ，,")
            if len(asked) < 2 or not not_meant or "反映" in asked or triage.has_problem(asked) \
                    or _WHO.match(not_meant) or _NOT_A_REPORT.search(not_meant) \
                    or _PLACE.match(asked) or _PLACE.match(not_meant) or _VAGUE.match(asked):
                return None  # 是9栋 不是8栋 (a place put right), 是反映问题: not a question
            return Reasked(asked, not_meant)
    return None


def _about(entry: Entry, not_meant: str) -> bool:
    """Whether the entry is about the thing not meant: each of its characters (pronouns and particles aside) is in the
    entry's title or keywords (体检 in 老人免费体检, 办证 in 独生子女证…办理; not 居住证明 in 居住证)."""
    said = _FILLER.sub("", not_meant)
    named = normalise(entry.title + "".join(entry.keywords))
    return bool(said) and all(c in named for c in normalise(said))


def choose(base: KnowledgeBase, reasked: Reasked, previous: str, audience: str) -> Found | None:
    """The entry for the thing meant: read with the question before, then alone; never one the thing not meant points
    to, nor the entry the question before got when it is about the thing not meant. The one it got about something
    else was the thing meant after all (blind test 33, B83: 流感疫苗 answered, then 我问的是打流感疫苗 不是体检): said
    again, never 答不上."""
    left_out = {found.entry.id for question in (reasked.not_meant,)
                if (found := base.find(question, audience)) is not None}
    left_out |= {found.entry.id for question in (previous, f"{previous} {reasked.not_meant}")
                 if (found := base.find(question, audience)) is not None and _about(found.entry, reasked.not_meant)}
    for question in (f"{previous} {reasked.asked}", reasked.asked):
        for found in base.ranked(question, limit=5, audience=audience):
            if found.entry.id not in left_out and found.score >= max(MIN_SCORE, base.min_score):
                return found
    return None


def previous_question(session: Session, channel: str, sender: str, message_id: int, clock: Clock) -> str | None:
    """The sender's message just before this one, when it came within the window and filed no ticket."""
    row = session.scalar(select(InboxMessage).where(
        InboxMessage.channel == channel, InboxMessage.sender == sender, InboxMessage.id < message_id)
        .order_by(InboxMessage.id.desc()).limit(1))
    if row is None or row.received_at < clock.now() - WINDOW or not row.text:
        return None
    if session.scalar(select(Ticket.id).where(Ticket.source_message_id == row.id).limit(1)) is not None:
        return None  # a report before it: 是9栋 不是8栋 puts its place right (bot/core/corrections.py)
    return row.text


def reply(session: Session, clock: Clock, base: KnowledgeBase, channel: str, sender: str, message_id: int,
          text: str) -> str | None:
    """The answer to a question said again as a correction right after a question; None for anything else."""
    reasked = parse(text)
    if reasked is None:
        return None
    previous = previous_question(session, channel, sender, message_id, clock)
    if previous is None:
        return None
    person = registry.person_by_address(session, sender)
    audience = audience_for(person.kind if person is not None else None)
    if base.find(previous, audience) is None and triage.information_request(previous) != "question":
        return None  # only a question is asked again
    found = choose(base, reasked, previous, audience)
    if found is None:
        log_miss(session, clock, sender, channel, text, message_id)
        return UNKNOWN
    whom = whom_to_ask(session, person, base.contact, found.entry.ask)
    who = f"{'网格员' if whom.grid_worker else ''}{whom.name}"
    before = base.find(previous, audience)
    if before is not None and before.entry.id == found.entry.id:
        return narrower(found.entry.answer, reasked.asked, who, whom.phone)
    return f"{found.entry.answer}有疑问找{who}{whom.phone}。"


_SENTENCES = re.compile(r"[；;。！!]")


def _pairs(text: str) -> set[str]:
    said = normalise(_FILLER.sub("", text))
    return {said[i:i + 2] for i in range(len(said) - 1)}


def narrower(answer: str, asked: str, who: str, phone: str) -> str:
    """The reply when the thing meant is the entry just given (blind test 35, A49: 我问的是送外卖的补贴 不是医保看病
    after the riders' answer got the same text again): never the same words; the sentence of that answer about the
    thing meant (当流动网格员加积分，补贴以社区通知为准), else its head, and that anything finer is not known here,
    with whom to ask."""
    thing = _FILLER.sub("", asked)[:8] or "这个"
    tail = f"{thing}再细的这里说不准，请直接问{who}{phone}。"
    wanted = _pairs(asked)
    sentences = [c for c in _SENTENCES.split(answer) if c]
    best = max(sentences, key=lambda c: len(wanted & _pairs(c)), default="")
    if not wanted & _pairs(best):
        best = answer.rstrip("。")
    room = UCS2_SINGLE - len("刚才说了：。") - len(tail)
    head = clause_head(best, room)
    return f"刚才说了：{head}。{tail}" if len(head) >= 4 else tail


# A scene told (阳光小区998栋旁边的公共厕所锁起了, 楼下有人在绿化带种菜, 绿化带被挖了): a report that hits the
# entry's words, filed, never the answer again (issue 17); asked of (能种不, 是不是) it stays a remark on the question.
_SCENE = re.compile(r"\d+\s*(?:栋|幢|号楼|单元)|楼下|楼上|楼道|门口|旁边|隔壁|对面|院坝|路边|有人|有个人|被|整栋|整个|"
                    r"又|一直")
_ASKED = re.compile(r"[?？吗]|(?:不|没|没得|没有|没有嘛)$|咋|怎么|哪|啥|什么|多少|好久|能不能|可不可以|要不要|是不是")

# 就是楼下那个服务站, 我说的是门口那种: the question said again, whatever place it names.
_RESTATING = re.compile(r"^(?:就是|我是说|我说的是|说的是|是说|我问的是)")


def _reports(plain: str) -> bool:
    """Whether the short words tell a scene (a place, someone at it, something done to it), asking nothing."""
    return _SCENE.search(plain) is not None and _ASKED.search(plain) is None and _RESTATING.match(plain) is None


def restated(session: Session, clock: Clock, base: KnowledgeBase, channel: str, sender: str, message_id: int,
             text: str) -> str | None:
    """A remark right after a question that names the same entry again (blind test 35: 就是每年过年发的那个米和油 after
    the 米油 answer, B174; 他有残疾证 一级的 after the care allowance's, E3) is read with it: that entry said again in
    other words (said_before.again_reply), never "好的，记下了"; None for anything else, a problem or a scene told above
    all (楼下有人在绿化带种菜 after 绿化带能不能种菜 is a report, issue 17)."""
    plain = _END.sub("", _plain(text)).strip()
    if not plain or len(plain) > 30 or triage.has_problem(plain) or _reports(plain) or parse(plain) is not None:
        return None
    previous = previous_question(session, channel, sender, message_id, clock)
    if previous is None:
        return None
    person = registry.person_by_address(session, sender)
    audience = audience_for(person.kind if person is not None else None)
    before, now = base.find(previous, audience), base.find(plain, audience)
    if before is None or now is None or now.entry.id != before.entry.id or now.entry.callback:
        return None
    whom = whom_to_ask(session, person, base.contact, now.entry.ask)
    return said_before.again_reply(plain, now.entry.answer, f"网格员{whom.name}" if whom.grid_worker else whom.name,
                                   whom.phone, now.entry.title)
