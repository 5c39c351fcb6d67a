"""Dispatch and reassignment by message (派单/改派): the duty officer anywhere, a community or village
secretary (or branch secretary) within her community, nobody else.

`T1016 派给安居社区第1网格` routes the ticket to that grid by the routing table; `T1016 派给 李磊` gives
it to that staff member. A ticket waiting for a grid (待分派, 退单待改派) is dispatched; one already
with someone is reassigned, and its former assignee told to stop. Every dispatch is a ticket event
and an audit entry; the new assignee gets the whole problem (or the 详情 pointer), the reporter a
short note.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import audit, registry
from bot.core.notify import notify
from bot.core.places import match_place
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import assign, assignee_label, event, set_deadlines, tell_reporters, worker_notice
from bot.store.models import OrgUnit, Person, StaffRole, Ticket, TicketEvent

DISPATCH_WORDS = ("派给", "转给", "交给", "改派", "转派", "分派", "派单", "指派", "派到", "转到")
# Who may dispatch, and over what: the unit they hold the role on and everything below it.
DISPATCHER_ROLES = ("duty_officer", "community_secretary", "village_secretary", "branch_secretary")
CONFIRM_WORD = "确认"  # "T1009 派给 徐建国 确认": yes, back to the worker who returned it
DISPATCHABLE = ("new", "returned", "assigned", "acknowledged", "in_progress", "reopened")


class DispatchError(Exception):
    """not_allowed (not a dispatcher, or outside her community), wrong_state, no_target (names no grid or
    person we know), outside_person (a staff member outside her community; `choices` is their name and
    unit), ambiguous (a name several grids or people share; `choices` lists them), returned_by
    (it would go back to the worker who returned it; `choices` is their name and reason)."""

    def __init__(self, reason: str, choices: tuple[str, ...] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.choices = choices


@dataclass(frozen=True)
class Dispatched:
    ticket: Ticket
    assignee: Person | None
    unit: OrgUnit | None
    previous: Person | None  # the assignee it was taken from (reassignment), if any


def is_dispatch(text: str) -> bool:
    return any(word in text for word in DISPATCH_WORDS)


def target_words(text: str) -> str:
    """What follows the dispatch word, less the ticket number: 'T1016 派给 李磊' → '李磊'."""
    plain = unicodedata.normalize("NFKC", text or "")
    plain = re.sub(r"(?<![A-Za-z])[Tt]\s*\d{3,}|(?:工单号|工单|单号)\s*:?\s*\d{3,}", " ", plain)
    for word in DISPATCH_WORDS:
        plain = plain.replace(word, " ")
    plain = re.sub(r"^\s*给|给\s*$", " ", plain.strip())
    plain = re.sub(r"(?:^|\s)给(?=\S)", " ", plain)
    return " ".join(plain.split()).strip(" ，,。:：")


def instruction(words: str, done: Dispatched) -> str:
    """What a dispatch says besides whom to: 'T1039 派给 杨艳 确认 市政那边我打过招呼了 你配合跟进' →
    '市政那边我打过招呼了 你配合跟进' (blind test 8, #105: it was dropped); '' when only the target is named.
    Only the target goes: the person's name, the grid's name, or a grid's other name where the target stands
    (first); a place the words go on to name stays (blind test 10, #32 and #89: 'T1002 派给 安居社区第1网格
    是安居苑3栋电梯坏了半个月' reached the worker as '是 3栋电梯坏了半个月')."""
    rest = " ".join(words.replace(CONFIRM_WORD, " ").split())
    if done.assignee is not None and done.assignee.name:
        rest = rest.replace(done.assignee.name, " ", 1)
    if done.unit is not None:
        rest = rest.replace(done.unit.name, " ", 1)
        if rest == " ".join(words.replace(CONFIRM_WORD, " ").split()):  # the target was another name of the grid
            rest = rest.strip()
            alias = next((a for a in sorted(done.unit.aliases or [], key=len, reverse=True)
                          if a and rest.startswith(a)), "")
            rest = rest[len(alias):]
    rest = " ".join(rest.split()).strip(" ，,。:：")
    return rest if len(re.sub(r"\W", "", rest)) >= 4 else ""


def scope_units(session: Session, person: Person) -> list[OrgUnit]:
    """The units a person may dispatch within (the duty officer's is the subdistrict)."""
    rows = session.scalars(select(StaffRole).where(StaffRole.person_id == person.id,
                                                   StaffRole.role.in_(DISPATCHER_ROLES)))
    units = [session.get(OrgUnit, row.unit_id) for row in rows]
    return [u for u in units if u is not None]


def may_dispatch(session: Session, person: Person | None) -> bool:
    return person is not None and bool(scope_units(session, person))


def within(session: Session, unit: OrgUnit | None, scopes: list[OrgUnit]) -> bool:
    """Whether the unit lies at or below one of the scope units."""
    if unit is None:
        return False
    above = {u.id for u in registry.ancestors(session, unit)}
    return any(scope.id in above for scope in scopes)


def _grids_within(session: Session, scopes: list[OrgUnit]) -> list[OrgUnit]:
    grids = session.scalars(select(OrgUnit).where(OrgUnit.kind == "grid").order_by(OrgUnit.id))
    return [g for g in grids if within(session, g, scopes)]


def _staff_named(session: Session, words: str, scopes: list[OrgUnit] | None) -> list[tuple[Person, OrgUnit]]:
    """Staff whose name the words carry, each with the unit of their role, within the scopes (None: anywhere)."""
    found: list[tuple[Person, OrgUnit]] = []
    rows = session.execute(select(Person, StaffRole).join(StaffRole, StaffRole.person_id == Person.id)
                           .where(Person.kind == "staff").order_by(StaffRole.id)).all()
    for person, role in rows:
        if len(person.name) < 2 or person.name not in words or any(p.id == person.id for p, _ in found):
            continue
        unit = session.get(OrgUnit, role.unit_id)
        if scopes is None or within(session, unit, scopes):
            found.append((person, unit))
    # A name inside a longer one named (建国 in 徐建国) is not named itself; two names apart both are (blind test 29,
    # A24-3: "杨艳 徐建国那边人手不够" went to 徐建国, the longer, and _named_first never saw 杨艳).
    return [(p, u) for p, u in found if not any(p.name != q.name and p.name in q.name for q, _ in found)]


# Two names side by side as targets: nothing between them but a joiner (杨艳或者周明, 杨艳、周明, 杨艳 周明), and
# the second ending there or going on to whom (都行, 谁有空, 处理).
_JOINER = re.compile(r"\s*(?:或者|或是|还是|或|和|跟|与|、|/|,|，)?\s*")
_TARGET_ENDS = re.compile(r"$|[\s，,。;；!！?？]|都|谁|哪|处理|办|负责|吧|嘛")


def _named_first(words: str, people: list[tuple[Person, OrgUnit]]) -> list[tuple[Person, OrgUnit]]:
    """Of several staff named, the one the words begin with, when the next is named in the instructions that follow
    ("杨艳 周明那边忙不过来 你去帮个忙": 杨艳, blind test 28, B-K10 asked which of the two); all of them when the
    next is named beside her as a target too (杨艳或者周明), when two share her name, or when the words begin with
    neither."""
    names = sorted({p.name for p, _ in people}, key=words.find)
    if len(names) < 2 or not words.startswith(names[0]):
        return people
    rest = words[len(names[0]):]
    joined = _JOINER.match(rest)
    after = rest[joined.end():] if joined is not None else rest
    if any(after.startswith(name) and _TARGET_ENDS.match(after, len(name)) for name in names[1:]):
        return people
    return [(p, u) for p, u in people if p.name == names[0]]


def resolve_target(session: Session, words: str, scopes: list[OrgUnit]) -> tuple[OrgUnit | None, Person | None]:
    """A grid (by name or alias) or a staff member (by name) within the scopes."""
    if not words:
        raise DispatchError("no_target")
    people = _staff_named(session, words, scopes)
    if len(people) > 1:
        people = _named_first(words, people)
    if len(people) == 1:
        return people[0][1], people[0][0]
    if len(people) > 1:
        raise DispatchError("ambiguous", tuple(f"{p.name}（{u.name}）" for p, u in people[:3]))
    match = match_place(session, words)
    grids = [g for g in match.grids if within(session, g, scopes)]
    if len(grids) == 1:
        return grids[0], None
    if len(grids) > 1:
        raise DispatchError("ambiguous", tuple(g.name for g in grids[:4]))
    if match.grids:  # a real place, but outside her community
        raise DispatchError("not_allowed")
    outside = _staff_named(session, words, None)
    if outside:  # blind test 6, #54: a colleague elsewhere is named, not unknown
        person, unit = outside[0]
        raise DispatchError("outside_person", (person.name, unit.name))
    raise DispatchError("no_target")


# Words of a remark, not of a dispatch without its verb: someone speaking of herself or others, a plan, a talk
# ("这个我明天找周明谈一下", blind test 27, A-B86a, sent the complaint to 周明 himself).
_REMARK = re.compile(r"我|咱|你|他|她|明天|后天|今天|上午|下午|晚上|回头|等下|找|谈|问|聊|说|讲|商量|看看|了解|"
                     r"批评|提醒")
_FILLER = re.compile(r"[\W\d]|处理|办理|负责|跟进|去|办|吧|的|一下|网格")


def names_only_target(session: Session, person: Person, words: str) -> bool:
    """Whether words on a ticket waiting for dispatch only name where it goes: a grid or a place ("T1027 河畔花园",
    "退单 T1027 在河畔花园") or a colleague, with at most "处理" ("T1027 周明处理"). A remark naming one among other
    words is no dispatch: dispatching takes 派给/交给/转给 (is_dispatch)."""
    if _REMARK.search(words):
        return False
    try:
        _, named = resolve_target(session, words, scope_units(session, person))
    except DispatchError as error:
        return error.reason in ("ambiguous", "outside_person")
    return named is None or not _FILLER.sub("", words.replace(named.name, ""))


def last_return(session: Session, ticket: Ticket) -> TicketEvent | None:
    """The ticket's latest 退单, if it had one."""
    return session.scalar(select(TicketEvent).where(TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "returned")
                          .order_by(TicketEvent.id.desc()).limit(1))


def first_handler(session: Session, rules: RoutingRules, ticket: Ticket, unit: OrgUnit | None) -> Person | None:
    """Whom the routing table would give the ticket in that unit (as `assign` picks)."""
    for wanted in rules.category(ticket.category).roles if unit is not None else ():
        found = registry.staff_nearest(session, unit, [wanted])
        if found and found[1]:
            return found[1][0]
    return None


def _refuse_the_returner(session: Session, rules: RoutingRules, ticket: Ticket, unit: OrgUnit | None,
                         person: Person | None) -> None:
    """Blind test 4, #23: a ticket is not sent back to the worker who returned it unless the dispatcher
    confirms, having been told who returned it and why."""
    returned = last_return(session, ticket)
    if returned is None or returned.actor_id is None:
        return
    target = person or first_handler(session, rules, ticket, unit)
    if target is not None and target.id == returned.actor_id:
        raise DispatchError("returned_by", (target.name, (returned.note or "")[:20]))


def dispatch(session: Session, clock: Clock, rules: RoutingRules, number: str, address: str,
             words: str) -> Dispatched:
    """Dispatch or reassign the ticket to the grid or person the words name. Raises DispatchError."""
    actor = registry.person_by_address(session, address)
    scopes = scope_units(session, actor) if actor is not None else []
    ticket = session.scalar(select(Ticket).where(Ticket.number == number))
    if ticket is None:
        raise DispatchError("not_found")
    if not scopes:
        raise DispatchError("not_allowed")
    # The duty officer's scope is the subdistrict: an unplaced ticket is hers. A secretary's ticket
    # must lie in her community already.
    if ticket.unit is not None and not within(session, ticket.unit, scopes):
        raise DispatchError("not_allowed")
    if ticket.unit is None and not any(u.kind == "subdistrict" for u in scopes):
        raise DispatchError("not_allowed")
    if ticket.status not in DISPATCHABLE:
        raise DispatchError("wrong_state")
    confirmed = CONFIRM_WORD in words
    unit, person = resolve_target(session, words.replace(CONFIRM_WORD, " ").strip(), scopes)
    if not confirmed:
        _refuse_the_returner(session, rules, ticket, unit, person)
    previous = ticket.assignee if ticket.status not in ("new", "returned") else None
    if person is not None and previous is not None and person.id == previous.id:
        return Dispatched(ticket, person, unit, None)
    now = clock.now()
    from_status, from_unit = ticket.status, ticket.unit_id
    already = person is None and previous is not None and unit is not None and ticket.unit_id == unit.id \
        and first_handler(session, rules, ticket, unit) == previous
    if already:  # sent to the grid that already holds it (blind test 8, #57): its worker is not told twice
        assignee = previous
    elif person is None:
        ticket.assignee_id = None
        assignee = assign(session, clock, rules, ticket, unit)
        if assignee is None:
            raise DispatchError("no_target")
    else:
        assignee = person
        ticket.unit_id = unit.id if unit is not None and unit.kind == "grid" else ticket.unit_id
        ticket.assignee_id, ticket.assignee_role = person.id, "dispatched"
        ticket.status = "assigned"
        set_deadlines(session, rules, ticket, now)
        event(session, ticket, "assigned", now, assignee_id=person.id, role="dispatched")
        notify(session, person, worker_notice(ticket, unit or ticket.unit), ticket_id=ticket.id)
    event(session, ticket, "dispatched", now, actor, from_status=from_status, from_unit=from_unit,
          to_unit=ticket.unit_id, to=assignee.id)
    audit.record(session, clock, f"person:{actor.id}", "ticket.dispatched", ticket.number or "",
                 {"to": f"person:{assignee.id}", "to_unit": ticket.unit_id, "from_status": from_status})
    if previous is not None and previous.id != assignee.id:
        notify(session, previous, f"工单{ticket.number}已改派给{assignee.name}，您无需再办。", ticket_id=ticket.id)
    tell_dispatched(session, ticket, assignee)
    return Dispatched(ticket, assignee, unit, previous)


def tell_dispatched(session: Session, ticket: Ticket, assignee: Person) -> None:
    """The reporter (and the reporters of merged duplicates) hear who has their problem now, by name and published
    number: the same note whether the dispatcher sent it by message or from the workbench."""
    tell_reporters(session, ticket, f"您反映的问题（{ticket.number}）已交给{assignee_label(assignee)}办理。")
