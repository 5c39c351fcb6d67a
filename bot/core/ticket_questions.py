"""A reporter asking in words about a ticket of theirs (blind test 8): when someone comes (屋顶那个好久来修, and
好久来修嘛 明天好久 right after a progress note: a question, never an urge, blind test 9), where it went (垃圾那个转到
哪里去了), who the new name is (张涛是哪个 我们网格员不是李磊嘛). Which ticket the words point at (its number, a staff
member on it by name, words its text shares, else the one the latest news or reply named, else the report just
made), and its state as the reporter needs it, in one SMS part: who holds it now (another grid's worker, and that
the place is that grid's, when it was passed on) and the latest progress note (师傅明天上午来换). A question that
urges too (转到哪里去了 咋个还莫得人来) is answered and says it was urged (`urge_words`: what the holder hears).
Whether anyone is on it (有人管没得, 路灯那个有人管没有哦, blind test 10) is answered as when is, never added to it;
whether it is done (水压好了没得) leads with what the worker last said (周明说：水压正常了。, blind test 31, B103).
`status_reply` is a status check's answer for one ticket (搞得咋样了), with who has it and the latest progress
(every open one briefly, when the words ask after all of them: `bot/core/ticket_listing.py`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.phones import national
from bot.common.sms_parts import clause_head
from bot.core import return_questions, ticket_focus, ticket_moves, triage, urging
from bot.core.commands import ticket_number_in
from bot.core.lifecycle import STATUS_NAMES, awaiting_rating, progress_words, reported_by, ticket_meant_among
from bot.core.other_problem import things_in
from bot.core.reports import recent_open_ticket
from bot.core.scopes import ROLE_NAMES
from bot.core.ticket_news import latest, latest_note
from bot.core.tickets import OPEN_STATUSES
from bot.store.models import OrgUnit, Person, StaffRole, Ticket, TicketEvent

SMS_PART = 70
ASKED_ABOUT = OPEN_STATUSES
# When will someone come (好久来修, 啥时候来弄, 几时来; 好久来收嘛 of rubbish, blind test 26): a question, not an urge.
# 好久上来看 (屋顶那个, blind test 28, B-H8b) and 好久修得好 (A-B4-1) too.
# How long the work takes (防水层要做好久哦, blind test 30, A22b): a when too.
_WHEN = re.compile(r"(?:好久|(?:什么|啥子?)时候|几时|哪天|多久)(?:才|能|会|可以|得)?"
                   r"(?:[上过下]?来(?:修|弄|搞|处理|换|看|人|收|清|扫|拉|掏|抽|通|捡)?|修|弄|搞|处理|换|解决|派人|收|清|扫|拉走)"
                   r"(?:得好|得了|好)?|(?:做|修|弄|搞|整|施工)(?:得|要)?(?:好久|多久|多长时间|几天)|"
                   # 防水要等好久嘛, 还要等几天 (blind test 31, A22b: 已催办): a when; 等了好久了 presses (urging.py)
                   r"(?:要|得|还要|还得)(?:再)?等(?:好久|多久|多长时间|几天|到(?:好久|哪天|啥子?时候|什么时候))")
# When will the worker come (师傅好久到嘛, 那个通下水道的师傅几点钟来哦, 网格员啥时候到, blind test 23 R6;
# 师傅啥子时候来嘛, blind test 24 A44): a person and a when before 来/到, a question about the ticket, never more
# of it; 到 alone (等了好久到现在) is no question.
# 周网格员还没打电话来 after "已请网格员周明…联系您" (blind test 30, A-B108): whether the call is coming, asked.
_COMING = re.compile(r"(?:师傅|网格员|工人|人)(?:们)?(?:大概|到底|究竟)?(?:好久|几点钟?|(?:什么|啥子?)时候|几时|哪天)"
                     r"(?:才|能|会|可以)?(?:来|到)|(?:咋个|怎么|为啥)?还(?:是)?(?:没|没有|莫|莫得|没得)(?:人)?"
                     r"(?:打电话|来电话|回电话?|联系|给我打电话?|打过来)(?:来|过来|给我)?")
# The hour or day of a promise asked (blind test 35, E1, W10n, VS2, B147: after 李磊's "下午过来看", 师傅下午几点来嘛,
# 下午几点来嘛, 电工明天几点来, 车主说啥时候挪): who may come, a day or part of it, then a when and coming or moving;
# 明天几点开会, 我下午几点在家 ask nothing of a ticket.
# 环卫说好久来收嘛 after "已经跟环卫说了" (round 38: the worker's words with no time in them)
_HOUR = re.compile(r"(?:(?:师傅|网格员|工人|[水电管维修]{1,2}工|车主|物业|环卫|保洁|清洁工|城管|他们?|她)(?:们)?"
                   r"(?:说的?|讲的?)?)?"
                   r"(?:今天|明天|后天|上午|下午|早上|晚上|中午|[今明后]早|\s)*(?:大概|到底|究竟|具体)?"
                   r"(?:几点钟?|(?:什么|啥子?)时候|好久|几时|哪天|几号)(?:才|能|会|可以|过|再)?"
                   r"(?:[上过]?来(?:修|看|弄|换|搞|处理|收|清|拉)?|到|上门|挪|挪走|开走|搬走|移走|拉走)(?=[哦噢嘛呢啊哈呀?？!！。~～]*(?:$|[\s，,]))")
# Where did it go (转到哪里去了, 交给哪个了, 哪个在管).
_WHERE = re.compile(r"转(?:到|给|去)了?(?:哪|谁)(?:里|点|儿|个|位)?(?:去)?了?|"
                    r"(?:转|交|派|弄)(?:到|去)?哪(?:里|点|儿|个)?去了|(?:交|派)给(?:哪|谁)(?:个|位|里|儿)?(?:人|单位|部门)?"
                    r"|(?:哪个|谁)(?:在|来)?(?:管|办|弄)(?:的|了|嘛|哦|呢|$)")
# Who is that (张涛是哪个, 哪个是张涛).
_WHO = re.compile(r"是(?:哪个|谁|哪位|啥子人|什么人)|(?:哪个|谁)是")
# Is anyone on it (有人管没得, 路灯那个有人管没有哦, 管了没得, 有没有人来): a status question, never a detail
# (blind test 10, #36, #93); 到底有没有人管 urges (bot/core/followups.py).
# Has the one sent come (抓狗的来了没有哦, 师傅到了没得, blind test 28, B-H8a), how is that one (井盖那个呢, B-H8c): a
# question about a ticket, never more of it.
# 抓狗的人来了没得 (blind test 29, A22-2); what was to be done, done yet (树枝那个锯了没得, 张涛来看了没得, B187, B170).
# Blind test 30: 电梯修好没得, 冰化了没得, 卖假药的抓到没, 警察来了没, 水压好了没得 (a thing and whether it is done or
# come yet, ending the message) are questions too; 你吃了没 is small talk.
_DONE_YET = (r"(?:[好完走掉起到通]了?|了)(?:没有|没得|莫得|没)"
             r"(?=[\s哦噢嘛呢啊哈呀?？!！。~～]*$|[\s，,]+[^，,。\s]{1,6}$)")  # 冰化了没得 我要出门
_WHO_COMES = r"的人?|师傅|网格员|[水电管维修]{1,2}工|工人|警察|民警|派出所|城管|物业|消防车?|救护车|医生"
_CAME = re.compile(rf"(?:{_WHO_COMES})(?:们)?(?:来|到)了?(?:没有|没得|莫得|没)(?:来|到)?"
                   r"(?=[\s哦噢嘛呢啊哈呀?？!！。~～]*$)|(?:那个|那件)(?:事|事情)?呢(?=[\s?？。，,]|$)|"
                   r"(?:[来去过]?(?:看|修|锯|砍|剪|抓|扫|拉|弄|搞|换|清|收|通|补|填|捡|铺|盖|处理))(?:好|完|走|掉|起)?了"
                   r"(?:没有|没得|莫得|没)(?=[\s哦噢嘛呢啊哈呀?？!！。~～]*$)|"
                   rf"(?![吃睡饭])[\u4e00-\u9fff]{_DONE_YET}|"
                   # 桥栏杆那个报上去没得 (blind test 33, L21): sent on yet, asked
                   r"(?:报|交|递|送|转|反映)(?:上去|上来|过去|出去|到|给)了?(?:没有|没得|莫得|没)"
                   r"(?=[\s哦噢嘛呢啊哈呀?？!！。~～]*$)")
# 水管那个咋个没人管了 after a 退单 (blind test 29, B94): whether anyone has it, asked; never a detail.
# 下水道那个有人来看没, 垃圾那个有人收没 (blind test 30, B22, A-B139c); 投诉的那个有结果没 (B87): asked too; so is
# 投诉周网格员那个 有人理没得 (blind test 31, B87b: a second complaint).
_MINDED = re.compile(r"(?<!到底)(?:有没有|有没得|有莫得)人(?:在)?(?:管|理|来|处理|弄|看)|"
                     r"(?:咋个|咋|怎么|为啥|为什么)(?:就|又)?(?:没得?|莫得|没有)人(?:管|理|来管)了?|"
                     # 有人来看过没得 (blind test 35, RT3: "已补充到工单T1039"): whether anyone came, asked
                     r"有人(?:在)?(?:过?来)?(?:管|理|来|处理|弄|看|收|修|清|扫|拉|通)(?:了|过)?(?:没得|没有|没|莫得)|"
                     r"(?:有|出)(?:结果|下文|回音|消息|进展|说法|回复)了?(?:没得|没有|没|莫得)|"
                     r"有没有(?:结果|下文|回音|消息|进展|说法)|"
                     r"(?:管|处理|弄|搞)了?(?:没得|没有|莫得)(?=[\s哦噢嘛呢啊哈呀?？!！。~～]*$)")
# Why must they wait so long (咋个要等一个礼拜哦 太慢了, after 周明's "下个礼拜来铺", blind test 29, B95): when, with a
# complaint of the wait: answered with a sorry, and the holder urged.
_SLOW = re.compile(r"太慢了?|慢得很|好慢|(?:咋个|怎么|为啥|为什么)(?:还)?要等(?:这么|那么|恁个)?"
                   r"(?:久|[一两二三几]?个?(?:礼拜|星期|周|月|天)+)?"
                   r"|(?:还)?要等(?:这么|那么|恁个)久")
# What is left of a question that names nothing else ("好久来修嘛", "那到底好久来修嘛", "好久来修嘛 明天好久"):
# particles, when-words (明天好久, 大概几点) and urging words (快点嘛: bot/core/urging.py urges too).
_FILLER = re.compile(r"[\s，,。.!！?？~～、…]|嘛|哦|噢|啊|呀|呢|哈|噻|吧|了|的|到底|你们|我那个|那个|这个|究竟|"
                     r"[\u4e00-\u9fff](?=网格员|师傅)|请问|问一下|那|就|又|还|是|能|会|要|(?:今|明|后)(?:天|晚|早上|上午|下午)|今儿|明儿|这周|下周|周末|"
                     r"上午|下午|早上|晚上|中午|几点钟?|师傅|网格员|警察|民警|派出所|城管|消防车?|救护车|医生|(?:我好)?在(?:屋头|家里?)等|几号|哪天|好久|多久|啥子?时候|什么时候|几时|大概|大约|一般|具体|"
                     r"快点|快些|赶紧|尽快|搞快|抓紧|催一?下|催")

WHO_REPLY = "{name}是{unit}的网格员，{why}您的工单{number}现由{name}办理（{phone}），{status}。"
WHERE_REPLY = "您的工单{number}已转给{unit}的{name}（{phone}）办理，{why}现在{status}。"
# Why it moved, as the reporter may hear it (never the staff member's own words): who sent it, or whose place it is.
WHY = {"who": {"rerouted": "因那个地方归该网格管，", "community": "经社区派单，", "subdistrict": "经街道派单，"},
       "where": {"rerouted": "那个地方归这个网格管，", "community": "是社区派的单，", "subdistrict": "是街道派的单，"}}
WHEN_REPLY = "工单{number}（{what}）{status}，{name}（{phone}）在办。"
WHEN_UNASSIGNED = "工单{number}（{what}）{status}，正在安排人办理，有进展会告诉您。"
NO_NEWS = "回复“催办”可催促。"
URGED_TOO = "已帮您催办。"
SORRY = "抱歉让您久等了！"
URGED_UP_TOO = "已再次催办并报{where}督办。"
STATUS_OF = "工单{number}（{what}）现在{status}。"
HELD_BY = "，由{name}负责。"


@dataclass(frozen=True)
class Asked:
    kind: str  # "when", "where", "who" or "status" (is anyone on it: answered as "when" is)
    ticket: Ticket
    named: Person | None = None  # the staff member asked about ("who")
    slow: bool = False  # the wait complained of (太慢了): answered with a sorry, the holder urged
    done_yet: bool = False  # 水压好了没得: the worker's latest words lead the answer (blind test 31, B103)


def complains_slow(text: str) -> bool:
    """咋个要等一个礼拜哦 太慢了: the wait complained of."""
    return _SLOW.search(text or "") is not None


def kind_of(text: str) -> str | None:
    """"when", "where", "who" or "status" (有人管没得) when the words ask that of something, else None."""
    if _WHERE.search(text):
        return "where"
    if _WHEN.search(text) or _COMING.search(text) or asks_hour(text) or _SLOW.search(text) \
            or return_questions.asks_coming(text) or return_questions.asks_when_called(text):
        return "when"  # 师傅下午来不来嘛 (blind test 32, B153); 啥时候打电话给我 (blind test 34, B89)
    if _WHO.search(text):
        return "who"
    if asks_minded(text) or asks_after(text) or return_questions.asks_contacted(text):
        return "status"  # 居家养老那个有人联系我没 (blind test 32, L17)
    return None


# Someone asking when they themselves should come (我明天几点来拿), or when "you" (the service) arrive (你们好久能到嘛,
# in an emergency: calmed by bot/core/emergency_questions.py): nothing of a worker's promise.
_SELF = re.compile(r"(?:我|你们)[^，,。\s]{0,4}(?:几点|好久|啥子?时候|什么时候|哪天|几时|几号)")


def asks_hour(text: str) -> bool:
    """师傅下午几点来嘛, 车主说啥时候挪: the hour or day of a promise asked (blind test 35, E1, B147)."""
    return _HOUR.search(text or "") is not None and _SELF.search(text or "") is None


def asks_after(text: str) -> bool:
    """抓狗的来了没有哦, 井盖那个呢: whether the one sent has come, how that one is; a question about a report."""
    return _came(text) or return_questions.done_yet_then_still(text, _came)  # 水管修好没有 我们还没得水用 (L16)


def _came(text: str) -> bool:
    return _CAME.search(text or "") is not None


def asks_minded(text: str) -> bool:
    """有人管没得, 路灯那个有人管没有哦: whether anyone is on it, a question about a report, never more of it."""
    return _MINDED.search(text or "") is not None


def asked_about(session: Session, clock: Clock, address: str, text: str, window: timedelta, *,
                named: bool = False) -> Asked | None:
    """The sender's ticket the question is about, or None (not such a question, or no ticket of theirs it points at:
    the message goes on to be read as anything else); `named`: only a ticket the words name, never the one the
    latest news or report was about."""
    kind = kind_of(text)
    if kind is None or triage.has_danger(text) or awaiting_rating(session, address) is not None:
        return None  # 着火了 好久来人 is an emergency; 好久来修嘛 根本没修好 after 已办结 is the rating's
    mine = reported_by(session, address, ASKED_ABOUT)
    if not mine:
        return None
    number = ticket_number_in(text)
    if number is not None:
        ticket = next((t for t in mine if t.number == number), None)
        return Asked(kind, ticket) if ticket is not None else None
    found = _asked(session, clock, address, text, kind, mine, window if not named else None)
    if found is None or (found.ticket.priority == "immediate" and not _came(text)
                         and return_questions.done_yet_then_still(text, _came)):
        return None  # 警察来了没有哦 还在打: an emergency still going on, for the emergency's follow-ups
    return replace(found, slow=complains_slow(text), done_yet=(kind == "status" and asks_after(text))
                   or return_questions.asks_coming(text))  # 师傅下午来不来嘛: 师傅说下午来换 (blind test 32, B153)


def _asked(session: Session, clock: Clock, address: str, text: str, kind: str, mine: list[Ticket],
           window: timedelta | None) -> Asked | None:
    if kind == "who":
        for ticket in mine:
            named = _staff_named(session, ticket, text)
            if named is not None:
                return Asked("who", ticket, named)
        return None
    asking = return_questions.without_asking(text, _came, _CAME)  # 有人联系我没, 来不来, 修好没有 (…还没得水用)
    asking = _HOUR.sub(" ", asking)
    rest = urging.URGING_WORDS.sub(" ", _MINDED.sub(" ", _WHEN.sub(" ", _COMING.sub(" ", _WHERE.sub(" ", asking)))))
    rest = _SLOW.sub(" ", _CAME.sub(" ", rest))
    worded = {t.id: _words_of(session, t) for t in mine}
    sharing = [t for t in mine if things_in(worded[t.id]) & things_in(rest)] if asks_after(text) else []
    if len(sharing) == 1:  # 抓狗的来了没有哦: the one sent for the dog (blind test 28, B-H8a)
        return Asked(kind, sharing[0])
    held = [t for t in mine if _staff_named(session, t, rest) is not None]
    if len(held) == 1:  # 门禁那个张涛来看了没得: the one 张涛 holds or held (blind test 29, B170)
        return Asked(kind, held[0])
    noted = _noted(session, mine, text, rest)
    if noted is not None:  # 水电工来了没得: the ticket the 水电工 was sent for (blind test 30, B111, A22b)
        return Asked(kind, noted)
    meant = next((t for t in mine if t.number == ticket_meant_among(mine, rest)), None)
    if meant is not None and not _another_thing(meant, text):
        return Asked(kind, meant)
    word = _one_word(mine, rest, worded)
    if word is not None:
        return Asked(kind, word)
    sensed = ticket_focus.by_sense(mine, rest) if not triage.has_problem(rest) else None
    if sensed is not None:  # 居家养老那个 of 想请人上门照顾我妈 (blind test 32, L17)
        return Asked(kind, sensed)
    if _FILLER.sub("", rest) or triage.has_problem(rest) or window is None:
        return None  # it names something none of their tickets is about: maybe a new report
    # Nothing named: the ticket the latest news or reply named (工单T1001进展：…, blind test 9, #9), else the report
    # just made, else their only one.
    recent = ticket_focus.last_news(session, clock, address, mine) or recent_open_ticket(session, clock, address,
                                                                                            window)
    if recent is not None:
        return Asked(kind, recent)
    return Asked(kind, mine[0]) if len(mine) == 1 else None


# What is done to a ticket's thing (修, 来弄, 收): left out when the thing is named in one word.
_DOING = re.compile(r"修|来|弄|搞|收|换|整|处理|看|拉|清|通|补|抓|捞|赶|围|填")
ONE_WORD_MAX = 2


def _one_word(mine: list[Ticket], rest: str, worded: dict[int, str]) -> Ticket | None:
    """The one ticket whose words (`worded`: its text and the reasons it was reopened with) hold the word or two left
    of a question ("那个灯到底哪天修": 灯 of 路灯, blind test 26, B4 was added to the lamp ticket as 补充; "那个地上好久
    来扫": 地上 of "2 垃圾是拉了 地上还是脏兮兮的", blind test 29, B93), else None."""
    word = _DOING.sub("", _FILLER.sub("", rest))
    if not 0 < len(word) <= ONE_WORD_MAX or triage.has_problem(rest):
        return None
    holding = [t for t in mine if word in worded.get(t.id, t.text)]
    return holding[0] if len(holding) == 1 else None


# Who was sent for a ticket, as its progress notes name them (约了水电工, 报了110 … 警察).
_SENT = re.compile(r"[水电管维修]{1,2}工|警察|民警|城管|物业|医生|消防车?|救护车|开锁的|疏通的")
NOTED_MAX = 6


def _noted(session: Session, mine: list[Ticket], text: str, rest: str) -> Ticket | None:
    """The one ticket whose progress notes or text name who the question asks after (水电工来了没得 after "约了
    水电工", never the newer 台阶 ticket) or the few words left of it (防水层要做好久哦 after "要先做防水层"), else
    None."""
    words = [m.group(0) for m in _SENT.finditer(text)]
    left = _DOING.sub("", _FILLER.sub("", rest))
    if 2 <= len(left) <= NOTED_MAX and not triage.has_problem(rest):
        words.append(left)
    for word in dict.fromkeys(words):
        holding = [t for t in mine if word in _words_of(session, t) + "；" + _notes_of(session, t)]
        if len(holding) == 1:
            return holding[0]
    return None


def _notes_of(session: Session, ticket: Ticket) -> str:
    """The notes of what was done on the ticket (约了水电工明天来)."""
    return "；".join(session.scalars(select(TicketEvent.note).where(TicketEvent.ticket_id == ticket.id,
                                                                  TicketEvent.note != "")))


def _words_of(session: Session, ticket: Ticket) -> str:
    """The ticket's text and the reasons its reporter reopened it with (地上还是脏兮兮的)."""
    reasons = session.scalars(select(TicketEvent.note).where(TicketEvent.ticket_id == ticket.id,
                                                             TicketEvent.kind == "reopened", TicketEvent.note != ""))
    return "；".join([ticket.text, *reasons])


def _another_thing(ticket: Ticket, text: str) -> bool:
    """Whether the text names a thing (垃圾) the ticket is not about (路灯): words shared in passing (楼下) aside."""
    mine, theirs = things_in(text), things_in(ticket.text)
    return bool(mine) and bool(theirs) and not (mine & theirs)


def _staff_named(session: Session, ticket: Ticket, text: str) -> Person | None:
    """A staff member who holds or held the ticket, named in the text."""
    ids = [ticket.assignee_id] if ticket.assignee_id else []
    for data in session.scalars(select(TicketEvent.data).where(TicketEvent.ticket_id == ticket.id,
                                                               TicketEvent.kind == "assigned")):
        if (data or {}).get("assignee_id"):
            ids.append(int(data["assignee_id"]))
    for person_id in dict.fromkeys(ids):
        person = session.get(Person, person_id)
        if person is not None and person.name and person.name in text:
            return person
    return None


def answer(session: Session, asked: Asked, *, urged: bool = False) -> str:
    """The reply, within one SMS part; `urged`: the words urged too and the holder was reminded (blind test 9, #50),
    which the reply says."""
    ticket = asked.ticket
    status = STATUS_NAMES.get(ticket.status, "")
    holder = asked.named if asked.kind == "who" else ticket.assignee
    raised = urging.raised_by_last_urge(session, ticket) if urged else None
    also = URGED_UP_TOO.format(where=raised) if raised else URGED_TOO if urged else ""  # blind test 25, R5
    if asked.kind in ("who", "where") and holder is not None:
        unit = ticket_moves.grid_of(session, holder) or ticket.unit
        why = WHY[asked.kind].get(ticket_moves.why_moved(session, ticket), "")
        if asked.kind == "who" and holder.id != ticket.assignee_id:
            return _who_was(session, ticket, holder, status, also)
        reply = (WHO_REPLY if asked.kind == "who" else WHERE_REPLY).format(
            name=holder.name, unit=unit.name if unit is not None else "", why=why, number=ticket.number,
            phone=national(holder.phone or ""), status=status) + also
        return reply if len(reply) <= SMS_PART else reply.replace(why, "")
    what = _fit(ticket.text.split("；补充：")[0].strip(), 8)
    if holder is None:
        reply = WHEN_UNASSIGNED.format(number=ticket.number, what=what, status=status)
    else:
        reply = WHEN_REPLY.format(number=ticket.number, what=what, status=status, name=holder.name,
                                  phone=national(holder.phone or ""))
    reply = (SORRY if asked.slow else "") + reply + also
    said = _said(session, ticket, holder, SMS_PART - len(reply)) if asked.done_yet and not urged else ""
    if said:  # 水压好了没得: what the worker last said first (网格员说：水压正常了), then its state
        return said + reply
    news = latest(session, ticket, SMS_PART - len(reply))
    return reply + (news or ("" if urged or len(reply) + len(NO_NEWS) > SMS_PART else NO_NEWS))


WAS_MINE = "{name}是您的网格员，办过工单{number}，"
WAS_THEIRS = "{name}是{unit}的{role}，办过您的工单{number}，"
NOW_HELD = "现由{name}（{phone}）办理，{status}。"


def _who_was(session: Session, ticket: Ticket, named: Person, status: str, also: str) -> str:
    """"李磊是您的网格员，办过工单T1087，现由李艳（13700000101）办理，已接单。": who the one asked about is (their own
    grid worker, when he is) and who has the ticket now (blind test 28, B-K6 was told only that he had had it)."""
    role = session.scalar(select(StaffRole).where(StaffRole.person_id == named.id).order_by(StaffRole.id).limit(1))
    home = ticket.reporter.home_unit_id if ticket.reporter is not None else None
    if role is not None and role.unit_id == home and role.role in ("grid_worker", "backup_grid_worker"):
        head = WAS_MINE.format(name=named.name, number=ticket.number)
    elif role is not None:
        unit = session.get(OrgUnit, role.unit_id)
        head = WAS_THEIRS.format(name=named.name, unit=unit.name if unit is not None else "",
                                 role=ROLE_NAMES.get(role.role, "工作人员"), number=ticket.number)
    else:
        head = f"{named.name}办过您的工单{ticket.number}，"
    now = ticket.assignee
    held = (NOW_HELD.format(name=now.name, phone=national(now.phone or ""), status=status) if now is not None
            else f"现在{status}。") + also
    if len(head + held) > SMS_PART:  # a long unit or role: who he is in short
        head = f"{named.name}办过您的工单{ticket.number}，"
    return head + held + latest(session, ticket, SMS_PART - len(head + held))


def status_reply(session: Session, ticket: Ticket) -> str:
    """"工单T1011（路灯不亮…）现在处理中，由张涛负责。最新进展：灯泡订了 后天到货": one ticket's state for its reporter
    (or one who follows it, 并单), who has it (blind test 10, #36: 有人管没得) and the latest progress note when there
    is one (blind test 9, #60: "T1011 处理中" alone), else how to urge; within one SMS part."""
    what = _fit(ticket.text.split("；补充：")[0].strip(), 10)
    head = STATUS_OF.format(number=ticket.number, what=what, status=STATUS_NAMES[ticket.status])
    if ticket.assignee is not None and ticket.assignee.name and ticket.status in OPEN_STATUSES:
        head = head.removesuffix("。") + HELD_BY.format(name=ticket.assignee.name)
    return head + (latest(session, ticket, SMS_PART - len(head)) or NO_NEWS)


SAID = "{name}说：{note}。"


def _said(session: Session, ticket: Ticket, holder: Person | None, room: int) -> str:
    """"周明说：水压正常了。": the worker's latest progress words as they said them, fitted to `room`; "" when none."""
    note = progress_words(latest_note(session, ticket) or "").strip().rstrip("。")
    name = holder.name if holder is not None and holder.name else "工作人员"
    head = SAID.format(name=name, note="")
    if not note or room <= len(head) + 4:
        return ""
    said = SAID.format(name=name, note=clause_head(note, room - len(head)))
    return said.replace("…。", "…")


def urge_words(text: str) -> str:
    """What of a question that urges too goes with the urge (快点嘛 水都流到楼下去了): its clauses that ask nothing."""
    return " ".join(c for c in re.split(r"[\s，,。！!？?；;]+", text) if c and kind_of(c) is None)


def _fit(text: str, room: int) -> str:
    return text if len(text) <= room else text[:max(room - 1, 0)] + "…"
