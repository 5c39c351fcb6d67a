"""A staff member's visit messages (四万行动), answered before any classifier by the staff desk:

- `走访 H0012 已核实 无新情况`: the visit recorded and the month's task done;
- `走访 阳光小区1栋101 反映 厨房漏水`: the household by its address among those in the sender's grids
  (several → the bot asks which, with their codes); `反映 …` opens a ticket on the household's behalf;
- `走访 H0012 改红 老人住院`, `走访 H0012 加标签 独居老人`, `去标签 …`: the household's colour or tags,
  with the reason (bot/core/household_changes.py);
- `H0012 加标签 独居老人` without 走访: the change alone, no visit recorded;
- `我的走访`: this month's list, how many are left and the first few codes.

Every reply fits one SMS part."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import or_, select, true
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import tag_hints, visit_progress
from bot.core.household_changes import BASIC_TAGS, COLOUR_NAMES, TagNotKnown, change_household, known_tags
from bot.core.monthly import month_of
from bot.core.routing_rules import RoutingRules
from bot.core.scopes import Scope, scope_of
from bot.core.visit_lists import EXAMPLE_NOTE, month_label, worker_tasks
from bot.core.visits import VisitError, VisitInput, household_by_code, record_visit
from bot.store.household_models import VisitTask
from bot.store.models import Household, Person

SMS_CHARS = 70
LIST_WORDS = ("我的走访", "走访清单", "走访名单", "走访任务", "还要走访", "走访几户", "走访哪些", "走访记录",
              "走访进度", "没走访", "未走访", "没有走访", "没去走访")
_VERB = "走访"
# The pinyin input method's near misses (走仿 zǒu fǎng): a visit only when a household code or an address
# follows (“走仿 阳光小区1栋101 反映 …”, blind test 7, #33).
_TYPOS = "走仿|走方|走坊|走防|走房|走纺"
_VISIT = re.compile(rf"^{_VERB}(?:了(?!解))?\s*")
_TYPO_VISIT = re.compile(rf"^(?:{_TYPOS})(?:了(?!解))?\s*(?=[Hh]\d|[^\s，,。]{{0,12}}\d+\s*(?:栋|幢|号楼))")
# The code first: “H0005 走访了 无新情况”.
_CODE_FIRST = re.compile(rf"^([Hh]\d{{1,8}})[\s，,。:：]*已?(?:{_VERB}|{_TYPOS})(?:了|过|完)?[\s，,。:：]*")
_CODE = re.compile(r"^([Hh]\d{1,8})(?![\d])")
_ANY_CODE = re.compile(r"(?<![A-Za-z])[Hh]\d{1,8}")
_COLOUR = re.compile(r"(?:改|转|变|调|标|划|定|列)(?:为|成|记为|记成|入|到)?\s*(红|黄|绿)(?:色户|色|户)?")
_COLOUR_BARE = re.compile(r"(红|黄|绿)色户")  # “红色户 独居老人摔倒”: the colour it is now
# Words that speak of a colour: with none of the forms above understood, the bot asks rather than drop it.
_COLOUR_WORDS = re.compile(r"(红|黄|绿)色|(红|黄|绿)户|改色|变色|换色|调色|颜色|(?:啥子?|什么|哪个?|哪种)颜?色")
# A colour the 三色 has not (改成紫色): asked about, never ignored (blind test 6, #91).
_OTHER_COLOUR = re.compile(r"(?:改|转|变|调|标|划|定|列)(?:为|成|记为|记成|入|到)?\s*"
                           r"[紫蓝橙白黑灰粉青棕金](?:色户|色|户)")
# Such a colour said any other way (blind test 7, #34: 转个啥子色嘛 紫色): standing alone as a word, or anywhere in a
# note that speaks of a colour; never a thing's colour in passing (门口放了白色的柜子).
_OTHER_ALONE = re.compile(r"(?<![\u4e00-\u9fff])[紫蓝橙白黑灰粉青棕金]色户?"
                          r"(?=$|[\s，,。!！?？]|(?:嘛|吧|呀|啊|哈|哦)(?:$|[\s，,。!！?？]))|[紫蓝橙白黑灰粉青棕金]色户")
_OTHER_ANY = re.compile(r"[紫蓝橙白黑灰粉青棕金]色")
_ADD = re.compile(r"(?:加|添加|增加|新增)标签")
_REMOVE = re.compile(r"(?:去|去掉|删|删除|取消|撤)标签")
# 反映 opens a clause (“走访 H0012 反映 厨房漏水”); inside a note (“老人反映身体好”) it is just a word.
_PROBLEM = re.compile(r"(?:^|(?<=[ ，,。；;]))反映")
_COLOURS = {"红": "red", "黄": "yellow", "绿": "green"}
_SEPARATORS = " ，,、。；;：:"
_WORD_SPLIT = re.compile(r"[ ，,、。；;]+")

REPLIES = {
    "usage": "请回复“走访 户号 情况”，如“走访 H0012 已核实 无新情况”；回“我的走访”看名单。",
    # A household outside one's grids is answered as one that does not exist (as the pages' 404).
    "not_found": "没找到{who}或不在您的网格，请核对户号，或写门牌如“走访 阳光小区1栋101 已核实”。",
    "no_reason": "改色请写明理由，如“走访 {code} 改红 老人住院”。",
    "unknown_tag": "没有“{tag}”这个标签，可用如：{some}。",
    "nothing": "本月没有分给您的走访任务。",
    "colour_unclear": "没看懂要改成什么颜色，本次未记录。请写如“走访 {code} 改红 老人摔倒”。",
    "colour_unknown": "只有红、黄、绿三色，要改成哪种？本次未记录。请写如“走访 {code} 改红 {why}”。",
    "changed": "已改{code}：{what}。未记作走访，走访请回“走访 {code} 情况”。",
    "no_change": "{code}没有要改的。改色写“{code} 改红 理由”，标签写“{code} 加标签 独居老人”。",
}
# A change without 走访 (H0003 加标签 独居老人 儿女都在外地): the household changed, no visit recorded.
_CHANGE = re.compile(r"^([Hh]\d{1,8})[\s，,。:：]*(?=(?:加|添加|增加|新增|去|去掉|删|删除|取消|撤)标签|"
                     r"(?:改|转|变|调|标|划|定|列)(?:为|成)?\s*[红黄绿紫蓝橙白黑灰粉青棕金])")


def _plain(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def visit_words(text: str) -> str | None:
    """What follows the 走访 of a visit message (“H0012 已核实”), else None: `走访 H0012 …`, `走访了H0009，…`,
    `走仿 H0005 …` (a typo, before a code), `H0005 走访了 …` (the code first)."""
    plain = _plain(text)
    first = _CODE_FIRST.match(plain)
    if first is not None:
        return f"{first.group(1)} {plain[first.end():]}".strip()
    verb = _VISIT.match(plain) or _TYPO_VISIT.match(plain)
    return plain[verb.end():] if verb is not None else None


def is_visit(text: str) -> bool:
    return visit_words(text) is not None


def wants_list(text: str) -> bool:
    """我的走访, 走访名单, 还有哪些户没走访; never a visit naming its household (走访 1栋101 上次没走访到)."""
    plain = _plain(text)
    if len(plain) > 20 or not any(word in plain for word in LIST_WORDS) or _ANY_CODE.search(plain):
        return False
    return not re.search(r"\d", visit_words(plain) or "")


def _colour_mark(note: str) -> tuple[int, int, str] | None:
    """Where the colour change is said and which: a verb's (改红, 标红, 转为黄色) before a bare 红色户."""
    found = _COLOUR.search(note) or _COLOUR_BARE.search(note)
    return (found.start(), found.end(), _COLOURS[found.group(1)]) if found is not None else None


def parse(words: str) -> VisitInput:
    """The part after the household: its note, and the problem, colour and tags it names."""
    note = words.strip(_SEPARATORS)
    colour_at = _colour_mark(note)
    marks = sorted([(m.start(), m.end(), "problem") for m in _PROBLEM.finditer(note)][:1]
                   + ([(colour_at[0], colour_at[1], "colour:" + colour_at[2])] if colour_at else [])
                   + [(m.start(), m.end(), "add") for m in _ADD.finditer(note)][:1]
                   + [(m.start(), m.end(), "remove") for m in _REMOVE.finditer(note)][:1])
    found: dict[str, str] = {}
    colour = None
    for index, (_start, end, what) in enumerate(marks):
        stop = marks[index + 1][0] if index + 1 < len(marks) else len(note)
        value = note[end:stop].strip(_SEPARATORS)
        if what.startswith("colour:"):
            colour, found["reason"] = what.split(":", 1)[1], value
        else:
            found[what] = value
    if colour is not None and not found.get("reason") and marks:  # “老人住院，改红”: the reason came first
        found["reason"] = note[:marks[0][0]].strip(_SEPARATORS)
    tags = lambda key: tuple(t for t in _WORD_SPLIT.split(found.get(key, "")) if t)  # noqa: E731
    return VisitInput(note=note, problem=found.get("problem", ""), colour=colour, reason=found.get("reason", ""),
                      add=tags("add"), remove=tags("remove"))


def colours_named(words: str) -> set[str] | None:
    """The colours a note speaks of outside its problem (反映 …) when it says no change `parse` understands:
    a set (empty for 改色, 颜色), or None when it names no colour at all."""
    note = words.strip(_SEPARATORS)
    problem = _PROBLEM.search(note)
    outside = note[:problem.start()] if problem is not None else note
    found = list(_COLOUR_WORDS.finditer(outside))
    if _OTHER_COLOUR.search(outside) or _OTHER_ALONE.search(outside) or (found and _OTHER_ANY.search(outside)):
        return {"other"}
    if not found:
        return None
    return {_COLOURS[m.group(1) or m.group(2)] for m in found if m.group(1) or m.group(2)}


def _split_tags(words: Sequence[str], known: set[str]) -> tuple[tuple[str, ...], str]:
    """`加标签 留守老人 爷爷一个人在家`: the known tags it starts with, and the words after them (the reason).
    A first word that is no known tag stays a tag (the visit is refused, naming it); one that starts with a
    known tag (留守老人爷爷一个人在家) is split there."""
    tags: list[str] = []
    for index, word in enumerate(words):
        if word in known:
            tags.append(word)
            continue
        prefix = max((t for t in known if word.startswith(t)), key=len, default=None)
        if prefix is not None:
            return (*tags, prefix), " ".join([word[len(prefix):], *words[index + 1:]]).strip()
        if not tags:
            return tuple(words), ""
        return tuple(tags), " ".join(words[index:])
    return tuple(tags), ""


def with_tag_reasons(session: Session, household: Household, said: VisitInput) -> VisitInput:
    """The words after a tag that are no tag are the reason for the change (as in the page's form)."""
    if not said.add and not said.remove:
        return said
    known = set(known_tags(session, household))
    add, add_why = _split_tags(said.add, known)
    remove, remove_why = _split_tags(said.remove, known | set(household.tags or ()))
    reason = said.reason or add_why or remove_why
    return replace(said, add=add, remove=remove, reason=reason)


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
    tasks = my_tasks(session, person, month)
    left, planned = sum(1 for t in tasks if t.status == "open"), len(tasks)
    text = "，".join(parts) + "。"
    tail = f"本月还剩{left}户。" if planned else ""
    return text + tail if len(text + tail) <= SMS_CHARS else text[:SMS_CHARS]


def record(session: Session, clock: Clock, rules: RoutingRules, person: Person, text: str,
           category: str | None = None) -> str:
    """Record the visit a message tells of; `category` is the classifier's for its problem, when it has one."""
    rest = visit_words(text) or ""
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
    said = with_tag_reasons(session, household, replace(parse(words), category=category))
    asked = ""
    if not said.add and tag_hints.asks_for_tag(words):  # "H0003走访了 家里娃儿留守 加个标签" (blind test 8, #48)
        meant = tag_hints.tag_meant(said.note, known_tags(session, household))
        said = replace(said, add=(meant,)) if meant else said
        asked = "" if meant else tag_hints.ASK.format(code=household.code, some="、".join(BASIC_TAGS[:3]))
    unclear = _colour_unclear(household, said, words)
    if unclear is not None:
        return unclear
    try:
        done = record_visit(session, clock, rules, scope, person, household, said, via="sms")
    except VisitError as error:
        if error.reason == "unknown_tag":
            return REPLIES["unknown_tag"].format(tag=error.detail[:10], some="、".join(BASIC_TAGS[:5]))
        if error.reason == "no_reason":
            return REPLIES["no_reason"].format(code=household.code)
        return REPLIES["not_found"].format(who=who)
    if asked:
        return f"已记录{household.code}走访。{asked}"
    return _recorded_reply(session, person, household.code, done.ticket.number if done.ticket else None,
                           done.changes, month_of(clock.now()))


def _colour_unclear(household: Household, said: VisitInput, words: str) -> str | None:
    """The question when a colour is spoken of but no change understood (紫色, 红色 alone), else None."""
    named = colours_named(words) if said.colour is None else None
    if named == {"other"}:
        other = _OTHER_COLOUR.search(said.note)
        why = (said.note[other.end():].strip(_SEPARATORS)[:10] if other else "") or "老人摔倒"
        return REPLIES["colour_unknown"].format(code=household.code, why=why)
    if named is not None and named != {household.colour}:  # 还是绿色 of a green household says no change
        return REPLIES["colour_unclear"].format(code=household.code)
    return None


def change(session: Session, clock: Clock, person: Person, text: str) -> str | None:
    """`H0003 加标签 独居老人 儿女都在外地`, `H0012 改红 老人住院`: the household's tags or colour changed as on its
    page, with no visit recorded (blind test 6, #91: it got the menu); None when the message is no such change."""
    said_change = _CHANGE.match(_plain(text))
    if said_change is None:
        return None
    code, words = said_change.group(1).upper(), _plain(text)[said_change.end():]
    household = household_by_code(session, code)
    if household is None or not scope_of(session, person).covers_unit(household.unit_id):
        return REPLIES["not_found"].format(who=code)
    said = with_tag_reasons(session, household, parse(words))
    unclear = _colour_unclear(household, said, words)
    if unclear is not None:
        return unclear.replace("走访 ", "")
    try:
        changes = change_household(session, household, reason=said.reason.strip(), at=clock.now(), colour=said.colour,
                                   add=said.add, remove=said.remove, by=person, via="sms")
    except TagNotKnown as error:
        return REPLIES["unknown_tag"].format(tag=str(error)[:10], some="、".join(BASIC_TAGS[:5]))
    except ValueError:
        return REPLIES["no_reason"].format(code=household.code).replace("走访 ", "")
    what = "、".join(f"改为{COLOUR_NAMES[c.new]}户" if c.field == "colour" else
                     f"加标签{c.new}" if c.field == "tag_added" else f"去标签{c.old}" for c in changes)
    return REPLIES["changed"].format(code=household.code, what=what) if what else \
        REPLIES["no_change"].format(code=household.code)


def my_tasks(session: Session, person: Person, month: str, scope: Scope | None = None) -> list[VisitTask]:
    """The month's tasks that are a staff member's to do, open first, by household code: those given to them,
    and (but for a secretary or the duty officer, who oversee) those of the grids they cover, as their 走访 page
    lists them: a grid's backup worker has its list too (blind test ut21, #53)."""
    scope = scope or scope_of(session, person)
    if scope.oversees:
        return worker_tasks(session, person.id, month)
    mine = VisitTask.worker_id == person.id
    if scope.everything:
        mine = true()
    elif scope.unit_ids:
        mine = or_(mine, VisitTask.unit_id.in_(sorted(scope.unit_ids)))
    return list(session.scalars(select(VisitTask).join(Household, Household.id == VisitTask.household_id)
                                .where(mine, VisitTask.month == month)
                                .order_by(VisitTask.status.desc(), Household.code)))


def my_list(session: Session, clock: Clock, person: Person) -> str:
    """This month's list in one SMS part: how many, how many left, the first codes left."""
    month = month_of(clock.now())
    scope = scope_of(session, person)
    tasks = my_tasks(session, person, month, scope)
    if not tasks:
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


def problem_in(text: str) -> str:
    """The problem a visit message brings back (反映 …), to classify before it is recorded; "" if none."""
    words = visit_words(text)
    return parse(words).problem if words else ""


def answer(session: Session, clock: Clock, rules: RoutingRules, person: Person, text: str,
           category: str | None = None) -> str | None:
    """The reply to a staff member's visit message, or None when it is not one."""
    if wants_list(text):
        return my_list(session, clock, person)
    if is_visit(text):
        return record(session, clock, rules, person, text, category)
    return change(session, clock, person, text)
