"""A staff member's visit messages (四万行动), answered before any classifier by the staff desk:

- `走访 H0012 已核实 无新情况`: the visit recorded and the month's task done;
- `走访 阳光小区1栋101 反映 厨房漏水`: the household by its address among those in the sender's grids
  (several → the bot asks which, with their codes); `反映 …` opens a ticket on the household's behalf;
- `走访 H0012 改红 老人住院`, `走访 H0012 加标签 独居老人`, `去标签 …`: the household's colour or tags,
  with the reason (bot/core/household_changes.py);
- `我的走访`: this month's list, how many are left and the first few codes.

Every reply fits one SMS part."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import visit_progress
from bot.core.household_changes import BASIC_TAGS, COLOUR_NAMES
from bot.core.monthly import month_of
from bot.core.routing_rules import RoutingRules
from bot.core.scopes import Scope, scope_of
from bot.core.visit_lists import EXAMPLE_NOTE, month_label, worker_tasks
from bot.core.visits import VisitError, VisitInput, household_by_code, record_visit, remaining
from bot.store.models import Household, Person

SMS_CHARS = 70
LIST_WORDS = ("我的走访", "走访清单", "走访名单", "走访任务", "还要走访", "走访几户", "走访哪些")
_VISIT = re.compile(r"^走访\s*")
_CODE = re.compile(r"^([Hh]\d{1,8})(?![\d])")
_COLOUR = re.compile(r"(?:改|转|变|调)(?:为|成)?\s*(红|黄|绿)(?:色|户|色户)?")
_ADD = re.compile(r"(?:加|添加|增加|新增)标签")
_REMOVE = re.compile(r"(?:去|去掉|删|删除|取消|撤)标签")
# 反映 opens a clause (“走访 H0012 反映 厨房漏水”); inside a note (“老人反映身体好”) it is just a word.
_PROBLEM = re.compile(r"(?:^|(?<=[ ，,。；;]))反映")
_COLOURS = {"红": "red", "黄": "yellow", "绿": "green"}
_SEPARATORS = " ，,、。；;：:"

REPLIES = {
    "usage": "请回复“走访 户号 情况”，如“走访 H0012 已核实 无新情况”；回“我的走访”看名单。",
    # A household outside one's grids is answered as one that does not exist (as the pages' 404).
    "not_found": "没找到{who}或不在您的网格，请核对户号，或写门牌如“走访 阳光小区1栋101 已核实”。",
    "no_reason": "改色请写明理由，如“走访 {code} 改红 老人住院”。",
    "unknown_tag": "没有“{tag}”这个标签，可用如：{some}。",
    "nothing": "本月没有分给您的走访任务。",
}


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def is_visit(text: str) -> bool:
    return _VISIT.match(_plain(text)) is not None


def wants_list(text: str) -> bool:
    plain = _plain(text)
    return len(plain) <= 20 and any(word in plain for word in LIST_WORDS)


def parse(words: str) -> VisitInput:
    """The part after the household: its note, and the problem, colour and tags it names."""
    note = words.strip(_SEPARATORS)
    marks = sorted([(m.start(), m.end(), "problem") for m in _PROBLEM.finditer(note)][:1]
                   + [(m.start(), m.end(), "colour:" + m.group(1)) for m in _COLOUR.finditer(note)][:1]
                   + [(m.start(), m.end(), "add") for m in _ADD.finditer(note)][:1]
                   + [(m.start(), m.end(), "remove") for m in _REMOVE.finditer(note)][:1])
    found: dict[str, str] = {}
    colour = None
    for index, (_start, end, what) in enumerate(marks):
        stop = marks[index + 1][0] if index + 1 < len(marks) else len(note)
        value = note[end:stop].strip(_SEPARATORS)
        if what.startswith("colour:"):
            colour, found["reason"] = _COLOURS[what[-1]], value
        else:
            found[what] = value
    if colour is not None and not found.get("reason") and marks:  # “老人住院，改红”: the reason came first
        found["reason"] = note[:marks[0][0]].strip(_SEPARATORS)
    tags = lambda key: tuple(t for t in re.split(r"[ ，,、]+", found.get(key, "")) if t)  # noqa: E731
    return VisitInput(note=note, problem=found.get("problem", ""), colour=colour, reason=found.get("reason", ""),
                      add=tags("add"), remove=tags("remove"))


def _in_scope(session: Session, scope: Scope) -> list[Household]:
    query = select(Household).where(Household.address != "")
    if not scope.everything:
        query = query.where(Household.unit_id.in_(sorted(scope.unit_ids)))
    return list(session.scalars(query.order_by(Household.code)))


def find_by_address(session: Session, scope: Scope, rest: str) -> tuple[list[Household], str]:
    """The households in scope whose address starts the text (the longest such address), else those whose
    address ends with its first word (`1栋101`): (matches, the words after the address)."""
    households = _in_scope(session, scope)
    whole = [h for h in households if rest.startswith(h.address)]
    if whole:
        longest = max(len(h.address) for h in whole)
        return [h for h in whole if len(h.address) == longest], rest[longest:]
    first, _, after = rest.partition(" ")
    if len(first) < 3:
        return [], rest
    return [h for h in households if h.address.endswith(first)], after


def _choices(found: list[Household]) -> str:
    head, tail = "有几户：", "。请回复“走访 户号 情况”"
    shown = ""
    for household in found:
        item = f"{household.code} {household.address}"
        candidate = f"{shown}、{item}" if shown else item
        if len(head + candidate + "等" + tail) > SMS_CHARS:
            return head + shown + "等" + tail
        shown = candidate
    return head + shown + tail


def _recorded_reply(session: Session, person: Person, code: str, ticket_number: str | None, changes, month: str) -> str:  # noqa: ANN001
    parts = [f"已记录{code}走访"]
    if ticket_number:
        parts.append(f"已代为反映，工单{ticket_number}")
    for change in changes:
        if change.field == "colour":
            parts.append(f"已改为{COLOUR_NAMES[change.new]}户")
        elif change.field == "tag_added":
            parts.append(f"已加标签{change.new}")
        elif change.field == "tag_removed":
            parts.append(f"已去标签{change.old}")
    left, planned = remaining(session, person.id, month)
    text = "，".join(parts) + "。"
    tail = f"本月还剩{left}户。" if planned else ""
    return text + tail if len(text + tail) <= SMS_CHARS else text[:SMS_CHARS]


def record(session: Session, clock: Clock, rules: RoutingRules, person: Person, text: str) -> str:
    rest = _VISIT.sub("", _plain(text), count=1)
    if not rest:
        return REPLIES["usage"]
    scope = scope_of(session, person)
    first, _, after = rest.partition(" ")
    code = _CODE.match(rest)
    household = household_by_code(session, first)
    if household is not None:  # any registry code (H0012, an import's own codes)
        who, words = household.code, after
    elif code is not None:  # H0012 written without a space before the note
        household, who, words = household_by_code(session, code.group(1)), code.group(1).upper(), rest[code.end():]
        if household is None:
            return REPLIES["not_found"].format(who=who)
    else:
        found, words = find_by_address(session, scope, rest)
        if len(found) > 1:
            return _choices(found)
        if not found:
            return REPLIES["not_found"].format(who="这户")
        household, who = found[0], found[0].code
    said = parse(words)
    try:
        done = record_visit(session, clock, rules, scope, person, household, said, via="sms")
    except VisitError as error:
        if error.reason == "unknown_tag":
            return REPLIES["unknown_tag"].format(tag=error.detail[:10], some="、".join(BASIC_TAGS[:5]))
        if error.reason == "no_reason":
            return REPLIES["no_reason"].format(code=household.code)
        return REPLIES["not_found"].format(who=who)
    return _recorded_reply(session, person, household.code, done.ticket.number if done.ticket else None,
                           done.changes, month_of(clock.now()))


def my_list(session: Session, clock: Clock, person: Person) -> str:
    """This month's list in one SMS part: how many, how many left, the first codes left."""
    month = month_of(clock.now())
    tasks = worker_tasks(session, person.id, month)
    if not tasks:
        scope = scope_of(session, person)
        if scope.oversees:
            grids = None if scope.everything else scope.unit_ids
            progress = visit_progress.by_grid(session, month, grids).values()
            planned, done = sum(p.planned for p in progress), sum(p.done for p in progress)
            if planned:
                return (f"{month_label(month)}辖区走访计划{planned}户，已走访{done}户，"
                        f"还剩{planned - done}户。详见工作台“走访”页。")
        return REPLIES["nothing"]
    left = [t for t in tasks if t.status == "open"]
    head = f"{month_label(month)}走访{len(tasks)}户，已走访{len(tasks) - len(left)}户"
    if not left:
        return head + "，全部完成，辛苦了！"
    codes = list(session.scalars(select(Household.code).where(Household.id.in_([t.household_id for t in left]))
                                 .order_by(Household.code)))
    tail = f"。回“走访 {codes[0]} {EXAMPLE_NOTE}”记录"
    shown: list[str] = []
    for code in codes:
        more = "等" if len(shown) + 1 < len(codes) else ""
        candidate = f"{head}，还剩{len(left)}户：{'、'.join([*shown, code])}{more}{tail}"
        if len(candidate) > SMS_CHARS and shown:
            break
        shown.append(code)
    more = "等" if len(shown) < len(codes) else ""
    text = f"{head}，还剩{len(left)}户：{'、'.join(shown)}{more}{tail}"
    return text if len(text) <= SMS_CHARS else f"{head}，还剩{len(left)}户：{'、'.join(shown)}{more}。"


def answer(session: Session, clock: Clock, rules: RoutingRules, person: Person, text: str) -> str | None:
    """The reply to a staff member's visit message, or None when it is not one."""
    if wants_list(text):
        return my_list(session, clock, person)
    if is_visit(text):
        return record(session, clock, rules, person, text)
    return None
