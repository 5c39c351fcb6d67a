"""A reporter's words about a ticket of theirs the worker resolved lately (blind test 31: "电梯修好没得" minutes
after 已办结 was asked "请问在哪点？" as a new report).

- Asked whether it is done (电梯修好没得, 电梯到底好了没有嘛, 那楼道灯呢, 路上的冰化了没得 我要出门): the ticket's
  state, 已办结, with the worker's closing words (周明说：撒了盐了 冰化了).
- Told it still does not work (我还是下不了楼, 单元门说修好了 还是关不上, 坡上还是滑) or is back again (纸壳子又堆起了,
  鞋柜又搬回来了, 烧烤摊又摆起了): the ticket is reopened for its holder with those words, as a 不满意 with its
  reason is (awaiting the rating: `lifecycle.rate`), or as a rating changed to 不满意 is (rated since), and the
  holder hears them. A relapse said at another building (8栋的纸壳子又堆起了) is not that ticket's.

Tickets resolved within `RECENT` count, awaiting the rating or closed since (a relapse: closed within
`RATED_RELAPSE`); which one the words mean: the one whose
thing they name (电梯, 楼道灯), else whose text or closing words share theirs (冰化 of 撒了盐了 冰化了), else, for a
question or a complaint naming nothing else, the one awaiting the rating or the only one."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from types import SimpleNamespace

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import followup_words, lifecycle, rating_remarks, registry, ticket_questions, triage, urging
from bot.core.care_words import water_advice
from bot.core.lifecycle import progress_words, reported_by, ticket_meant_among
from bot.core.notify import notify
from bot.core.other_problem import things_in
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import event, set_deadlines
from bot.store.models import Person, Ticket

RECENT = timedelta(days=3)
# A rated ticket is reopened by a relapse the same day only (纸壳子又堆起了 12 minutes after 满意); a day later it is a
# new report where it was before (blind test 30, B90: bot/app/dialogue.py's again_place).
RATED_RELAPSE = timedelta(hours=12)
SMS_PART = 70
DONE_STATUS = "工单{number}（{what}）已办结"
SAID_DONE = "，{name}说：{note}"
STILL_ASK = "。还有问题请直接说，会重新交办。"
REOPENED = "抱歉！工单{number}已重新交办，您说的“{said}”已转告{name}，会再处理。"
REOPENED_NOBODY = "抱歉！工单{number}已重新打开，您说的“{said}”已记下，会再处理。"

# Is it done yet (修好没得, 好了没有嘛, 化了没得, 修好没有): a thing or a verb with its result, then the question.
_DONE_YET = re.compile(r"(?:[好完走掉通化干平亮]了?|了)(?:没有|没得|莫得|没)(?![人事用有])")
# How is that one (那楼道灯呢, 坡那边呢): a clause asking after a thing with 呢.
_AND_THAT = re.compile(r"^那?(?:个)?[\u4e00-\u9fff]{1,6}呢$")
# Is it still so (今天还滑不, 还漏不漏): whether the trouble is still there, asked.
_STILL_ASKED = re.compile(r"还([\u4e00-\u9fff])不\1?[嘛哦呢啊哈]?$")
# Still not working in other words than a rating's (我还是下不了楼, 还是关不上, 坡上还是滑, 还有点晃).
_STILL = re.compile(r"还是[\u4e00-\u9fff]{0,3}(?:不|没|莫)[\u4e00-\u9fff]|"
                    r"还(?:是|在|有点|是有点|很|那么|恁个)?(?:滑|晃|松|摇|抖|渗|滴|漏|堵|臭|黑|坏|吵|响|冒|黄|浑|脏)|"
                    r"还是满(?!意)|"  # never 还满意, 还是满意的
                    # 水还是有味道 到底能不能喝嘛, 35 minutes after 已办结 (blind test 35, E14n: 没有在办的工单):
                    # a smell or a taste still there, as 还是臭 is
                    r"还(?:是有|是|有)(?:点|股|些|一股)?(?:怪|异|臭|腥|霉|铁锈|漂白粉|消毒水|药)?(?:味|锈|渣|沉淀|杂质|泥沙)")
# Back again (纸壳子又堆起了, 鞋柜又搬回来了, 烧烤摊又摆起了, 垃圾桶又满了): 又 before what was done being undone.
# The water still yellow (水还是黄的) or the bin full again (blind test 33, L13, L3 opened new tickets): not done.
_AGAIN = re.compile(r"又(?:有人)?(?:在|开始|来|堆|摆|搬|放|占|停|坏|漏|堵|响|吵|闹|黑|臭|冒|出现|弄|搞|整|搭|"
                    r"晒|挂|扔|倒|烧|养|关|拴|不|满(?!意)|黄|浑|脏)")
_CLAUSES = re.compile(r"[\s，,。.!！?？；;~～]+")
_BUILDING = re.compile(r"(\d+)\s*[栋幢]")


@dataclass(frozen=True)
class Said:
    kind: str  # "status": asked whether it is done; "again": still not working, or back again
    ticket: Ticket


def recently_done(session: Session, clock: Clock, address: str) -> list[Ticket]:
    """The sender's tickets resolved within `RECENT`, awaiting the rating or closed since, newest first; never a
    task that is no report (a number verification)."""
    since = clock.now() - RECENT
    return [t for t in reported_by(session, address, ("resolved", "closed"))
            if (t.resolved_at or t.closed_at) is not None and (t.resolved_at or t.closed_at) >= since
            and not t.text.startswith(followup_words.NOT_REPORTS)]


def asks_done(text: str) -> bool:
    """电梯修好没得, 那楼道灯呢, 今天还滑不: whether something is done, or still so, asked."""
    return any(_asks(clause) for clause in _clauses(text))


def still_bad(text: str) -> bool:
    """我还是下不了楼, 还是关不上, 坡上还是滑, 水都还没来: the job said done is not."""
    t = " ".join(c for c in _clauses(text)  # 今天还滑不, 还有味道吗 ask
                 if _STILL_ASKED.search(c) is None and not c.endswith(("吗", "么")))
    return _STILL.search(t) is not None or rating_remarks.says_unfinished(t) or rating_remarks.disputes_done(t)


def back_again(text: str) -> bool:
    """纸壳子又堆起了, 鞋柜又搬回来了: what was done is undone."""
    return _AGAIN.search(_norm(text)) is not None


def read(session: Session, clock: Clock, address: str, text: str, awaiting: str | None = None) -> Said | None:
    """What the words say of a ticket of the sender's resolved lately (`awaiting`: the number awaiting their rating),
    or None."""
    text = _norm(text)
    if not text or triage.has_danger(text) or followup_words.NEW_PROBLEM.match(text):
        return None
    bad, again, asks = still_bad(text), back_again(text), asks_done(text)
    if not (bad or again or asks):
        return None
    done = recently_done(session, clock, address)
    if not done:
        return None
    if bad or again:
        since = clock.now() - RATED_RELAPSE
        done = [t for t in done if t.status == "resolved" or (t.closed_at is not None and t.closed_at >= since)]
        if not done:
            return None
    asking = " ".join(c for c in _clauses(text) if _asks(c)) if asks and not (bad or again) else text
    ticket = _meant(done, asking)
    if ticket is None and not _names_another(done, asking):
        # 修好没得: nothing else named, the one awaiting the rating, else the only one; 还是关不上 under the rating
        # request: the one awaiting it
        waiting = next((t for t in done if t.number == awaiting), None)
        if bad and not again and "又" not in text:  # 楼上又在吵 under the lamp's rating request is another thing
            ticket = waiting
        elif any(_asks(c, named_only=False) for c in _clauses(asking)):
            ticket = waiting or (done[0] if len(done) == 1 else None)
    if ticket is None or _elsewhere(ticket, text):
        return None
    return Said("again" if bad or again else "status", ticket)


def status_reply(session: Session, ticket: Ticket) -> str:
    """"工单T1043（门口坡上结冰…）已办结，周明说：撒了盐了 冰化了。还有问题请直接说，会重新交办。"."""
    what = _fit(ticket.text.split("；补充：")[0].strip(), 8)
    head = DONE_STATUS.format(number=ticket.number, what=what)
    note = progress_words(ticket.resolution_note or "")
    worker = (session.get(Person, ticket.resolved_by_id) if ticket.resolved_by_id else None) or ticket.assignee
    if note and note not in lifecycle.NO_NOTE:
        said = SAID_DONE.format(name=worker.name if worker is not None and worker.name else "承办人", note="")
        room = SMS_PART - len(head) - len(said) - len(STILL_ASK)
        if room >= 4:
            head += said + _fit(note, room)
    return head + (STILL_ASK if len(head) + len(STILL_ASK) <= SMS_PART else "。")


# Tap water still bad after 办结 (水还是黄的 烧开了也是黄的, blind test 33, L13): not to drink it meanwhile.
WATER_STILL = "水没弄好之前先别喝、别拿来煮饭，先用桶装水。"


def advice_on_reopening(ticket: Ticket) -> str:
    """What to do meanwhile when the ticket reopened is of bad tap water; "" for any other."""
    return WATER_STILL if water_advice(ticket.text) else ""


def reopen(session: Session, clock: Clock, rules: RoutingRules, address: str, ticket: Ticket, text: str) -> str:
    """The ticket reopened for its holder with the words, as a 不满意 with that reason (awaiting the rating) or a
    rating changed to 不满意 (rated since); the reply."""
    said = " ".join(text.split())
    if ticket.status == "resolved":
        ticket = lifecycle.rate(session, clock, rules, address, 3, ticket.number, said)
    else:
        now = clock.now()
        rater = registry.person_by_address(session, address)
        ticket.status, ticket.rating, ticket.closed_at, ticket.resolved_at = "reopened", None, None, None
        event(session, ticket, "reopened", now, rater, note=said[:500])
        set_deadlines(session, rules, ticket, now)
        if ticket.assignee is not None:
            notify(session, ticket.assignee, rating_remarks.reopen_notice(ticket, said, unfinished=True),
                   ticket_id=ticket.id)
        rating_remarks.tell_others_reopened(session, ticket, address)
    holder = ticket.assignee
    if holder is None or not holder.name:
        return REOPENED_NOBODY.format(number=ticket.number, said=_fit(said, 16))
    return REOPENED.format(number=ticket.number, said=_fit(said, 16), name=holder.name)


def _meant(done: list[Ticket], text: str) -> Ticket | None:
    """The one ticket whose thing the words name, else whose text or closing words share the most of theirs."""
    named = things_in(text)
    sharing = [t for t in done if named & things_in(t.text)]
    if len(sharing) == 1:
        return sharing[0]
    among = sharing or done
    worded = [SimpleNamespace(number=t.number, text=f"{t.text}；{t.resolution_note or ''}") for t in among]
    number = ticket_meant_among(worded, urging.URGING_WORDS.sub(" ", text))  # type: ignore[arg-type]
    return next((t for t in among if t.number == number), None) if number is not None else \
        (sharing[0] if sharing else None)


def _names_another(done: list[Ticket], text: str) -> bool:
    """Whether the words name a thing none of the tickets is about (楼上又在吵 after the lamp's)."""
    named = things_in(text)
    return bool(named) and not any(named & things_in(t.text) for t in done)


def _elsewhere(ticket: Ticket, text: str) -> bool:
    """Whether the words put it at another building than the ticket's place (8栋 when it was 5栋)."""
    said = {m.group(1) for m in _BUILDING.finditer(text)}
    theirs = {m.group(1) for m in _BUILDING.finditer(ticket.place_text or ticket.text)}
    return bool(said) and bool(theirs) and not (said & theirs)


def _asks(clause: str, *, named_only: bool = True) -> bool:
    """Whether the clause asks whether it is done or still so; 那楼道灯呢 only with `named_only` (it must name a
    ticket's thing)."""
    return _DONE_YET.search(clause) is not None or (named_only and _AND_THAT.match(clause) is not None) \
        or _STILL_ASKED.search(clause) is not None or ticket_questions.kind_of(clause) == "status"


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSES.split(_norm(text)) if c]


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def _fit(text: str, room: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= room else text[:max(room - 1, 0)] + "…"
