"""A reporter correcting what the bot made of their last messages (blind test 6):

- "刚才那个不是报事 我是问医保": the ticket a question became is withdrawn, and the question answered;
- "点错了 刚才那个是一回事 不要新开": the ticket just opened goes back into the one before it (withdrawn,
  its words added there);
- "哦说错了 不是我门口 是9栋门口": the place of the open report is corrected, and its handler told;
- "我说的是建筑垃圾挡路 不是垃圾桶" after the report was merged into another's ticket: it is taken apart, a ticket
  of its own, the other left as it was (`says_other_matter`, `take_apart`, blind test 33, B135/B29/B107);
- "我是反映问题 不是问你 花坛那点建筑垃圾要清走" after the bot took a report for a question: the report is
  filed, from these words or the message before, with the photo held (`insists_report`, `unfiled_before`).

The words decide (`not_a_report`, `same_thing`, `corrected_place`); the functions change the tickets."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import after_report, cancelling, lifecycle, merging, place_parts, registry
from bot.core.emergencies import landmark_in, reads_as_place, spoken_place
from bot.core.followup_words import ends_as_place
from bot.core.followups import add_detail, handlers
from bot.core.notify import notify
from bot.core.places import grid_named_in, match_place
from bot.core.routing_rules import RoutingRules
from bot.core.staff_notices import clip
from bot.core.tickets import OPEN_STATUSES, assign, event
from bot.store.message_models import InboxMessage
from bot.store.models import KnowledgeMiss, OrgUnit, Person, Ticket

RECENT = timedelta(minutes=30)  # a correction is about what was just said
_DENIED_REPORT = r"(?:不是|没有?|莫得)(?:要|想)?(?:报事|报修|反映|反应|投诉|报问题|报案|报告)"
_ASKING = r"(?:问(?!题)|想问|咨询|打听)"  # 反映问题 asks nothing
# Either way round: 不是报事 我是问医保, 我就是想问下律师 不是反映问题 (blind test 31, B113b: filed as a 矛盾纠纷).
_NOT_A_REPORT = re.compile(rf"{_DENIED_REPORT}.{{0,8}}(?:是|只是|就是)?{_ASKING}|{_ASKING}.{{0,14}}?{_DENIED_REPORT}")
_SAME_THING = re.compile(r"(?:是|就是|都是)(?:一回事|一件事|一个事|同一个|同一件|一样的|一起的)|"
                         r"(?:不要|不用|别|莫|不得)(?:新开|另开|重新开|再开)|(?:并到|合到|加到)(?:一起|刚才|前面)")
_MISTAKE = re.compile(r"说错了|点错了|按错了|搞错了|打错了|写错了|弄错了|讲错了|不对不对|不对")
# What a correction takes back ("不是3栋", "不在这边"), up to the next pause or the place it gives instead
# (不是3栋是5栋门口): never the place (blind test 7, #43 stored "说错了 是5栋门口 不是3栋" whole).
_NEGATED = re.compile(r"(?:不是在?|不在)[^，,。！!？?\s]*?(?=[，,。！!？?\s]|是|在|$)")
_PAUSES = re.compile(r"[，,。！!？?；;\s]+")
_AFFIRMED = re.compile(r"^(?:哦|噢|嗯)?(?:应该|其实|我说的)?(?:是在|就是|是|在)")

WITHDRAWN_ASKED = "好的，工单{number}已撤销。"
MERGED_BACK = "好的，已并回工单{into}，{number}已撤销。"
PLACE_FIXED = "好的，工单{number}的地点已改为“{place}”，已转告承办人。"
PLACE_NOTICE = "工单{number}地点更正为：{place}"
PLACE_MOVED = "好的，工单{number}的地点已改为“{place}”，已转给{whom}办理。"
PLACE_LEFT = "工单{number}地点更正为{place}，已转给{unit}办理，您无需再处理。"
# Not yet taken up by its worker: a corrected place in another grid moves it there.
NOT_TAKEN_UP = ("new", "assigned", "returned")
_BUILDING = re.compile(r"\d+\s*(?:栋|幢|号楼)")


def _plain(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").strip()


def not_a_report(text: str) -> bool:
    """"刚才那个不是报事 我是问医保": the latest ticket was a question."""
    return _NOT_A_REPORT.search(_plain(text)) is not None


_ASKED = re.compile(r"(?:问|咨询|打听)(?:一下|一哈|下)?(.*)$")


def question_in(text: str) -> str:
    """What "不是报事 我是问医保" asks, to send on as a question ("我想问医保")."""
    found = _ASKED.search(_plain(text))
    return "我想问" + (found.group(1).strip() if found is not None else "")


SHORT = 24  # a correction says little else; a longer message is a detail or a report


def same_thing(text: str) -> bool:
    """"刚才那个是一回事 不要新开": the ticket just opened is the one before it."""
    plain = _plain(text)
    return len(plain) <= SHORT and _SAME_THING.search(plain) is not None


def says_mistake(text: str) -> bool:
    """"说错了", "搞错了", or "不是5栋 是6栋" said alone: a correction of something just said."""
    plain = _plain(text)
    return _MISTAKE.search(plain) is not None or _swaps(plain)


def _swaps(plain: str) -> bool:
    """"不是5栋 是6栋", "是6栋 不是5栋": a short message taking one thing back and saying another instead (blind
    test 25, C1: it was added to the report as a detail)."""
    if len(plain) > SHORT or _NEGATED.search(plain) is None:
        return False
    said = [c for c in _PAUSES.split(_NEGATED.sub(" ", plain)) if c]
    return any(_AFFIRMED.match(c) is not None for c in said)


def corrected_place(session: Session, text: str) -> str | None:
    """"哦说错了 不是我门口 是9栋门口" and "说错了 是5栋门口 不是3栋" → "9栋门口", "5栋门口": the place said
    instead, in either order, without the place taken back or the words around it; None when the message
    corrects no place (说错了 不是这个 是那个, 说错了 不是路灯 是楼道灯)."""
    plain = _plain(text)
    if not says_mistake(plain) or (_NEGATED.search(plain) is None and len(plain) > SHORT):
        return None  # a longer message with 不对 in it and no place taken back says more than a place
    if cancelling.leads_with_withdrawal(plain):
        return None  # 撤销 我搞错了 是隔壁小区的: the report taken back, not moved (blind test 24, B116)
    said = [c for c in _PAUSES.split(_NEGATED.sub(" ", _MISTAKE.sub(" ", plain))) if c]
    # A clause that says 是/在 first (是5栋门口), then one that is only a place (说错了 5栋门口).
    affirmed_only = _MISTAKE.search(plain) is None  # 不是5栋 是6栋: the place is the one said with 是
    for clause in sorted(said, key=lambda c: _AFFIRMED.match(c) is None):
        if affirmed_only and _AFFIRMED.match(clause) is None:
            continue
        place = spoken_place(clause)
        if reads_as_place(session, place) and ends_as_place(place):
            return place
    return None


# "我说的是…", "我是说…", "我报的是…": what the sender meant, said again; "不是一回事", "两回事": not the same matter.
_MEANT = re.compile(r"我(?:说|讲|报|反映|反应)的是|我是(?:说|讲|报|反映|反应)|(?:说|讲)的是")
_OTHER_MATTER = re.compile(r"(?:不是|莫得|没得)(?:一回事|一件事|一个事|同一个|同一件|一样的|这个事|那个事)|"
                           r"两回事|两码事|(?:不是|莫)(?:并|合)(?:到|在)一起|不要并|别并|莫并")
OTHER_MATTER_CHARS = 30
TAKEN_APART = "好的，是另一件事：已单独登记为工单{number}，派给{whom}。"
TAKEN_APART_UNASSIGNED = "好的，是另一件事：已单独登记为工单{number}，街道会尽快派人处理。"


def says_other_matter(text: str) -> bool:
    """"我说的是红绿灯时间太短 不是不亮", "我讲的是小区里面的灯闪 不是大门口", "不是一回事": the sender's report is not
    the one the bot took it for (never a place alone: 不是5栋 是6栋 moves it)."""
    plain = _plain(text)
    if len(plain) > OTHER_MATTER_CHARS or insists_report(plain):
        return False  # 我是反映问题 不是问你: a report insisted on
    return _OTHER_MATTER.search(plain) is not None \
        or (_MEANT.search(plain) is not None and _NEGATED.search(plain) is not None)


def merged_elsewhere(session: Session, clock: Clock, address: str) -> Ticket | None:
    """The sender's newest report of the last minutes when it was merged on arrival into someone else's ticket."""
    newest = session.scalar(select(Ticket).where(
        Ticket.reporter_address == address, Ticket.created_at >= clock.now() - RECENT,
        Ticket.status.in_((*OPEN_STATUSES, "merged"))).order_by(Ticket.id.desc()).limit(1))
    if newest is None or newest.status != "merged" or newest.merged_into_id is None:
        return None
    into = session.get(Ticket, newest.merged_into_id)
    return newest if into is not None and into.reporter_address != address else None


def take_apart(session: Session, clock: Clock, rules: RoutingRules, ticket: Ticket) -> str:
    """The sender's report merged into another's, said to be another matter: its own ticket again, the reply."""
    merging.taken_apart(session, clock, rules, ticket)
    session.refresh(ticket, ["assignee"])
    if ticket.assignee is None:
        return TAKEN_APART_UNASSIGNED.format(number=ticket.number)
    return TAKEN_APART.format(number=ticket.number, whom=after_report.whom(session, ticket))


def _latest_open(session: Session, clock: Clock, address: str, count: int) -> list[Ticket]:
    return list(session.scalars(select(Ticket).where(
        Ticket.reporter_address == address, Ticket.status.in_(OPEN_STATUSES),
        Ticket.created_at >= clock.now() - RECENT).order_by(Ticket.id.desc()).limit(count)))


def withdraw_asked(session: Session, clock: Clock, address: str) -> str | None:
    """The sender's latest ticket of the last minutes withdrawn (it was a question): the reply, or None."""
    latest = _latest_open(session, clock, address, 1)
    if not latest:
        return None
    try:
        ticket = cancelling.cancel(session, clock, address, latest[0].number)
    except lifecycle.TicketError:  # taken up already, say: no longer the reporter's to withdraw
        return None
    return WITHDRAWN_ASKED.format(number=ticket.number)


def merge_back(session: Session, clock: Clock, address: str, message_id: int | None = None) -> str | None:
    """The sender's newest ticket withdrawn and its words added to the one before it: the reply, or None
    when there are not two recent open tickets."""
    latest = _latest_open(session, clock, address, 2)
    if len(latest) < 2:
        return None
    newest, into = latest
    words = newest.text.split("；补充：")[0].strip()
    try:
        cancelling.cancel(session, clock, address, newest.number)
    except lifecycle.TicketError:
        return None
    add_detail(session, clock, into, words, address, message_id)
    return MERGED_BACK.format(into=into.number, number=newest.number)


def fix_place(session: Session, clock: Clock, ticket: Ticket, place: str, address: str,
              message_id: int | None = None, rules: RoutingRules | None = None) -> str:
    """The open report's place corrected, recorded, and its handler told: the reply to the reporter. A building
    said alone (不是5栋 是6栋) keeps the estate of the place before (安居苑6栋). With `rules`, a place in another grid
    moves a ticket nobody has taken up yet to that grid's worker, and the one it leaves is told (blind test 25, C2:
    corrected to 河畔花园2栋, it stayed with 安居社区's worker)."""
    before = ticket.place_text
    place = completed_place(session, place, before or landmark_in(ticket.text))[:30]
    ticket.place_text = place
    actor = registry.person_by_address(session, address)
    event(session, ticket, "place_corrected", clock.now(), actor, place=place, before=before or "",
          message_id=message_id)
    target = grid_named_in(session, place)
    if rules is not None and target is not None and target.id != ticket.unit_id and ticket.status in NOT_TAKEN_UP:
        if _move(session, clock, rules, ticket, target, actor) is not None:
            whom = after_report.whom(session, ticket)
            return PLACE_MOVED.format(number=ticket.number, place=clip(place, 12), whom=whom)
    for person in handlers(session, ticket):
        notify(session, person, PLACE_NOTICE.format(number=ticket.number, place=place), ticket_id=ticket.id)
    return PLACE_FIXED.format(number=ticket.number, place=place)


def completed_place(session: Session, place: str, before: str) -> str:
    """"6栋" said for "安居苑5栋门口" → "安居苑6栋门口"; "6栋门口" → "安居苑6栋门口": a building said alone is in
    the estate of the place before. A finer part said alone (2单元, 4楼, 302) replaces only that part of the place
    before (安居苑3栋1单元楼道 → 安居苑3栋2单元楼道, blind test 26, A68). A place naming an estate, a street or a grid
    stands as said."""
    if match_place(session, place).name:
        return place
    if not _BUILDING.match(place):
        return place_parts.replaced(before, place) or place
    estate = match_place(session, before).name
    if not estate:
        return place
    building = _BUILDING.search(before)
    if _BUILDING.fullmatch(place) and building is not None and before.startswith(estate):
        return before[:building.start()] + place + before[building.end():]
    return estate + place


def _move(session: Session, clock: Clock, rules: RoutingRules, ticket: Ticket, target: OrgUnit,
          actor: Person | None) -> Person | None:
    """The ticket handed to `target`'s worker, the one it leaves told; None (left as it is) when nobody there."""
    leaving, source = handlers(session, ticket), ticket.unit_id
    assignee = assign(session, clock, rules, ticket, target)
    if assignee is None:
        return None
    event(session, ticket, "rerouted", clock.now(), actor, from_unit=source, to_unit=target.id)
    session.flush()
    session.expire(ticket, ["assignee", "unit"])  # assign() set the ids
    for person in leaving:
        if person.id != assignee.id:
            notify(session, person, PLACE_LEFT.format(number=ticket.number, place=clip(ticket.place_text, 12),
                                                      unit=target.name), ticket_id=ticket.id)
    return assignee


_REPORTING = r"(?:要|在)?(?:反映|反应|报告|报修|报事|投诉|报)(?:问题|情况|事情|个事|事)?"
_NOT_ASKING = r"(?:不是|又不是|没有?|莫得)(?:在)?(?:问|咨询|打听)(?:你们?|问题|事情?)?"
# "我是反映问题 不是问你", "不是问你 是反映情况": a message the bot answered as a question was a report.
_INSISTS = re.compile(rf"(?:我|我们)?(?:是|就是){_REPORTING}[\s，,。！!]*{_NOT_ASKING}[的嘛哈啊哦噻]*|"
                      rf"(?:我|我们)?{_NOT_ASKING}[\s，,。！!]*(?:我|我们)?(?:是|就是){_REPORTING}[的嘛哈啊哦噻]*")
_FILLER = " \t，,。.！!~～、：:;；"


def insists_report(text: str) -> bool:
    """"我是反映问题 不是问你 …": what the bot took for a question was a report (blind test 7, #63)."""
    return _INSISTS.search(_plain(text)) is not None


def insisted_rest(text: str) -> str:
    """What the sender says besides insisting ("花坛那点建筑垃圾要清走"), "" when nothing."""
    return _INSISTS.sub(" ", _plain(text)).strip(_FILLER)


# Where an insisted report is, asked when nothing places it (a rider has no home grid, blind test 9, #61): the
# thing it names, when it is one of these, asked for by name ("是哪里的充电柜？").
ASK_WHERE = "好的，记成反映问题。{which}回复小区、街道名，也可以发个位置。"
ASK_WHERE_MARK = "好的，记成反映问题。"  # answers.QUESTION_MARKERS: kind "insisted_place"
_THING = re.compile(r"充电柜|换电柜|充电桩|充电棚|充电站|路灯|红绿灯|井盖|垃圾桶|护栏|电梯|公厕|厕所|水管|下水道")


def ask_where(report: str) -> str:
    """"好的，记成反映问题。是哪里的充电柜？回复小区、街道名，也可以发个位置。" — within one SMS part."""
    thing = _THING.search(report or "")
    return ASK_WHERE.format(which=f"是哪里的{thing.group(0)}？" if thing else "是在哪点？")


def unfiled_before(session: Session, clock: Clock, address: str, before_id: int) -> InboxMessage | None:
    """The sender's latest message with words before `before_id`, of the last minutes, when it filed no ticket
    (the bot answered it as a question, or did not understand it)."""
    rows = session.scalars(select(InboxMessage).where(
        InboxMessage.sender == address, InboxMessage.id < before_id,
        InboxMessage.received_at >= clock.now() - RECENT).order_by(InboxMessage.id.desc()).limit(10))
    for row in rows:
        if not row.text.strip():
            continue  # a photo or a location sent alone
        filed = session.scalar(select(Ticket.id).where(Ticket.source_message_id == row.id).limit(1))
        return row if filed is None else None
    return None


def forget_question(session: Session, message_id: int) -> None:
    """A message kept as an unanswered question (knowledge_misses) that was a report after all: no longer kept."""
    for miss in session.scalars(select(KnowledgeMiss).where(KnowledgeMiss.source_message_id == message_id)):
        session.delete(miss)
