"""Which of a reporter's tickets a status check or an urge without a number means (blind test 7, #13: with the
garbage and the door lock open, "垃圾那个搞得咋样了" listed both and "咋个还莫得人来收哦", "催一下嘛" urged the lock):

1. the one its words point at: words of the ticket's own text (垃圾那个) and the kind of trouble both name (吵 of a
   剁肉 ticket, 没人联系 of none), words of time aside (昨晚, 刚才: blind test 32, L2 and L6 urged or answered the other
   ticket on 晚 of 晚上怕摔跤, 刚才 of 刚才发的照片), else a word naming its kind of job (收 is collecting rubbish);
2. else, unless the words ask after all of them (查一下我的报事进度, `asks_all`), the one the conversation is
   about: the only one of them the bot's latest reply named, lately;
3. else None, and the caller takes the newest (or lists them all, for a status check)."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core.lifecycle import ticket_meant_among
from bot.store.message_models import OutboxMessage
from bot.store.models import Ticket

TALKED_WITHIN = timedelta(minutes=30)  # the conversation is about what the bot's reply of this long ago named
# Words that name a kind of job when the ticket's own words are not repeated ("咋个还莫得人来收哦").
_KIND_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:人|来|没|不)收|收垃圾|收走|清运|拉走|清走|倒垃圾"), "sanitation"),
)
_NUMBER = re.compile(r"T\d{4,}")


# Characters that name nothing a ticket is about: a single character left once these go may (锁那个催一下).
_NO_THING = frozenset("催咋个怎么还没有莫得人来去做搞弄整快点哦呀啊嘛哈呢吧了的天好多久是在都也就又要能会说看着过到给"
                      "把被让叫等下上里头边我你们他她它这那哪啥子什样办理处进度一二三几次再帮喊"
                      "查询问报事情况展工单件所全部些"  # 查一下我的报事进度 names none (blind test 10, #58)
                      "昨今明早晚夜午钟刚才前后半时候")  # when, not what: 昨晚又剁到一点钟 (blind test 32, L2)
# Kinds of trouble said in other words than the ticket's own (昨晚又剁到一点钟 of 楼上天天半夜吵; 灯还是闪 of
# 楼道灯不亮; 居家养老那个 of 想请人照顾我妈): a kind both the words and the ticket (its text or category) name
# counts as a word shared.
_SENSES: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile(r"吵|噪|声音|响动|好响|剁|敲|砸|电钻|装修|唱歌|跳舞|广场舞|音响|喇叭|闹"), frozenset()),
    (re.compile(r"灯|亮|黑黢黢|黑漆漆|闪"), frozenset()),
    (re.compile(r"养老|老人|老年|照顾|护理|陪护|助餐|上门服务|评估"), frozenset({"elderly_care"})),
    (re.compile(r"垃圾|清运|收走|拉走"), frozenset({"sanitation"})),
    (re.compile(r"水管|停水|(?:没得?|莫得|没有)水|漏水|水压|自来水|水表|阀门"), frozenset()),
    (re.compile(r"电线|停电|跳闸|电表|电箱|漏电|电缆"), frozenset()),
    (re.compile(r"井盖|盖子|窨井"), frozenset()),
    (re.compile(r"门锁|锁|门禁|单元门"), frozenset()),
)
# Asking how all of one's reports go (查一下我的报事进度, 我的工单都咋样了): every one listed, whatever the
# conversation was about (blind test 10, #58: only the one just talked about was named).
_ALL = re.compile(r"我的(?:报事|工单|事情?|问题|反映|投诉)?(?:的)?(?:进度|进展|情况|处理情况)|"
                  r"我(?:报|反映)的(?:事情?|问题|工单)?(?:都|全部)|(?:所有|全部|几个|几件|哪些)的?(?:工单|报事|事情?|问题)|"
                  r"我的(?:工单|报事)")


# Words of when (昨晚, 刚才, 一点钟): shared with a ticket's text (晚上怕摔跤, 刚才发的照片) they say nothing of which.
_WHEN = re.compile(r"昨(?:天|晚上?)|今(?:天|晚|早)|明(?:天|晚)|前天|后天|早上|上午|中午|下午|晚上|半夜|夜里|刚才|刚刚|"
                   r"一晚上?|[一二两三四五六七八九十几\d]+点钟?")


def by_words(tickets: list[Ticket], text: str) -> Ticket | None:
    """The one ticket of `tickets` the words point at, or None."""
    text = _WHEN.sub(" ", text or "")
    number = ticket_meant_among(tickets, text)
    if number is not None:
        return next(t for t in tickets if t.number == number)
    things = {c for c in text or "" if "\u4e00" <= c <= "\u9fff" and c not in _NO_THING}
    senses = _senses(text)
    scores = sorted(((sum(c in t.text for c in things) + len(senses & _senses(t.text, t.category)), i)
                     for i, t in enumerate(tickets)), reverse=True)
    if (things or senses) and scores[0][0] > 0 and (len(scores) < 2 or scores[1][0] < scores[0][0]):
        return tickets[scores[0][1]]  # 锁那个催一下: the one ticket with the lock in it
    kinds = {kind for words, kind in _KIND_WORDS if words.search(text or "")}
    of_kind = [t for t in tickets if t.category in kinds]
    return of_kind[0] if of_kind and len(of_kind) < len(tickets) else None


def _senses(text: str, category: str | None = None) -> set[int]:
    """The kinds of trouble (their places in `_SENSES`) the words, or a ticket's category, name."""
    return {i for i, (words, categories) in enumerate(_SENSES)
            if words.search(text or "") or (category is not None and category in categories)}


def by_sense(tickets: list[Ticket], text: str) -> Ticket | None:
    """The one ticket of `tickets` whose kind of trouble the words name (居家养老那个 of 想请人上门照顾我妈), else
    None."""
    senses = _senses(text)
    sharing = [t for t in tickets if senses & _senses(t.text, t.category)] if senses else []
    return sharing[0] if len(sharing) == 1 else None


def asks_all(text: str) -> bool:
    """查一下我的报事进度: about all of the sender's reports, not one of them."""
    return _ALL.search(text or "") is not None


def talked_about(session: Session, clock: Clock, address: str, tickets: list[Ticket]) -> Ticket | None:
    """The one ticket of `tickets` the bot's latest reply to `address` named, within TALKED_WITHIN, or None."""
    latest = session.scalar(select(OutboxMessage.reply_to_id).where(
        OutboxMessage.recipient == address, OutboxMessage.reply_to_id.is_not(None),
        OutboxMessage.created_at >= clock.now() - TALKED_WITHIN).order_by(OutboxMessage.id.desc()).limit(1))
    if latest is None:
        return None
    said = " ".join(session.scalars(select(OutboxMessage.text).where(OutboxMessage.recipient == address,
                                                                     OutboxMessage.reply_to_id == latest)))
    named = set(_NUMBER.findall(said))
    mine = [t for t in tickets if t.number in named]
    return mine[0] if len(mine) == 1 else None


def last_news(session: Session, clock: Clock, address: str, tickets: list[Ticket]) -> Ticket | None:
    """The one ticket of `tickets` that the latest message to `address` naming any of them names, reply or notice
    (工单T1001进展：灯泡订了 后天到货), within TALKED_WITHIN; None when none or several. "好久来修嘛" right after a
    worker's progress note asks about that ticket (blind test 9, #9)."""
    numbers = {t.number: t for t in tickets if t.number}
    if not numbers:
        return None
    rows = session.scalars(select(OutboxMessage.text).where(
        OutboxMessage.recipient == address, OutboxMessage.created_at >= clock.now() - TALKED_WITHIN)
        .order_by(OutboxMessage.id.desc()).limit(20))
    for said in rows:
        named = {n for n in _NUMBER.findall(said) if n in numbers}
        if named:
            return numbers[named.pop()] if len(named) == 1 else None
    return None


def meant(session: Session, clock: Clock, address: str, tickets: list[Ticket], text: str) -> Ticket | None:
    """The ticket of `tickets` (the sender's) the words, else the conversation, point at; None when there are
    fewer than two to choose from or nothing points."""
    if len(tickets) < 2:
        return None
    return by_words(tickets, text) or (None if asks_all(text) else talked_about(session, clock, address, tickets))
