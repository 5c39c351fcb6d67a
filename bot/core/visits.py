"""Recording a visit (入户走访), by message or on the workbench page: the `Visit` row, the month's task
marked done, a ticket opened on the household's behalf when the worker brings back a problem (反映 …),
and a colour or tag change with its reason (through `change_household`, the one way to change them).

Everything is checked before anything is written: the household in the recorder's scope, a reason for
a colour change, tags the household's community knows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core.household_changes import COLOURS, Change, change_household, known_tags
from bot.core.monthly import month_of
from bot.core.notify import address_of, notify
from bot.core.places import Located
from bot.core.routing_rules import RoutingRules
from bot.core.scopes import Scope
from bot.core.tickets import CATEGORY_NAMES, Report, event, open_ticket
from bot.store.household_models import Visit, VisitTask
from bot.store.models import Household, OrgUnit, Person, Ticket

VIAS = ("page", "sms")
# The same visit said again this soon by the same worker (a message handled twice after a crash, a form sent
# twice) is the visit already recorded, never a second one with a second ticket.
REPEAT_WINDOW = timedelta(minutes=10)
# A problem brought back from a visit, when the classifier could not read it: its words decide the category (else
# 其他), the first row that names one: 楼道灯 and 水管 are the house's, before the roads' 灯.
_CATEGORY_WORDS = (
    ("fire_safety", ("消防", "灭火器", "电线", "飞线", "充电", "杂物", "通道堵", "液化气罐")),
    ("housing_utilities", ("漏水", "渗水", "漏雨", "停水", "没水", "停电", "没电", "跳闸", "水管", "水表", "电表",
                           "燃气", "煤气", "天然气", "电梯", "门窗", "裂缝", "墙皮", "房子", "房屋", "屋顶", "楼道灯",
                           "暖气", "水压")),
    ("sanitation", ("垃圾", "卫生", "污水", "臭", "化粪池", "下水道", "下水管", "排水", "阴沟", "马桶", "老鼠",
                    "蚊虫", "粪", "脏")),
    ("roads", ("路灯", "灯", "路面", "井盖", "道路", "坑", "积水", "护栏", "人行道", "桥", "路口")),
    ("health", ("看病", "住院", "药", "医保", "病", "疫苗", "体检")),
    ("elderly_care", ("老人", "照料", "助餐", "护理", "残疾", "轮椅", "养老")),
    ("education", ("上学", "读书", "学校", "入学", "转学", "幼儿园")),
    ("employment", ("工作", "就业", "找活", "工资", "务工", "失业")),
    ("dispute", ("纠纷", "矛盾", "吵架", "邻居", "噪音", "吵")),
    ("public_security", ("偷", "诈骗", "治安", "打架", "可疑")),
)


def category_of(problem: str, guess: str | None = None) -> str:
    """The category of a visit's problem: the classifier's `guess` when it made one, else by its words."""
    if guess and guess != "other" and guess in CATEGORY_NAMES:
        return guess
    for category, words in _CATEGORY_WORDS:
        if any(word in problem for word in words):
            return category
    return "other"


class VisitError(Exception):
    """Why a visit was not recorded: not_found (or not in scope, on the page), not_allowed, no_reason (a
    colour change needs one), unknown_tag (`detail` names it), bad_colour."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason)
        self.reason, self.detail = reason, detail


@dataclass(frozen=True)
class VisitInput:
    """What the recorder says of the visit."""

    note: str = ""
    problem: str = ""  # 反映 …: opens a ticket on the household's behalf
    category: str | None = None  # the problem's, by the classifier when the caller has one; else by its words
    colour: str | None = None
    reason: str = ""  # of the colour or tag change (the note when empty, for tags)
    add: Sequence[str] = field(default_factory=tuple)
    remove: Sequence[str] = field(default_factory=tuple)


@dataclass(frozen=True)
class Recorded:
    visit: Visit
    household: Household
    ticket: Ticket | None
    changes: list[Change]
    tasks_done: int


def household_by_code(session: Session, code: str) -> Household | None:
    code = code.strip()
    if not code:
        return None
    return session.scalar(select(Household).where(Household.code.in_(sorted({code, code.upper()}))).limit(1))


def _check(session: Session, scope: Scope, household: Household, said: VisitInput) -> None:
    if not scope.covers_unit(household.unit_id):
        raise VisitError("not_allowed")
    if said.colour is not None and said.colour not in COLOURS:
        raise VisitError("bad_colour")
    if said.colour is not None and said.colour != household.colour and not said.reason.strip():
        raise VisitError("no_reason")
    if said.add:
        allowed = set(known_tags(session, household))
        unknown = [tag for tag in said.add if tag.strip() and tag.strip() not in allowed]
        if unknown:
            raise VisitError("unknown_tag", "、".join(unknown))


def _member(session: Session, household: Household) -> Person | None:
    """The household's first member who can be reached, to stand as the reporter."""
    for person in session.scalars(select(Person).where(Person.household_id == household.id).order_by(Person.id)):
        if address_of(person) is not None:
            return person
    return None


def _open_for(session: Session, clock: Clock, rules: RoutingRules, household: Household, by: Person,
              problem: str, category: str | None = None) -> Ticket:
    """Open a ticket on the household's behalf in its grid: a member as the reporter (the recorder when
    none can be reached), who hears of it in a short note."""
    member = _member(session, household)
    channel, address = address_of(member) if member is not None else (address_of(by) or ("simulator", ""))
    report = Report(text=problem, category=category_of(problem, category), reporter_address=address, channel=channel,
                    place_text=household.address, earns_points=False, household_id=household.id)
    grid = session.get(OrgUnit, household.unit_id)
    opened = open_ticket(session, clock, rules, report, Located(grid, "place"))
    ticket = opened.merged_into or opened.ticket
    event(session, opened.ticket, "note", clock.now(), by, note=f"网格员走访{household.code}时代为反映")
    if member is not None:
        notify(session, member, f"网格员{by.name}走访时为您反映了“{problem[:16]}”，工单{ticket.number}，"
               "办理后会告诉您。", ticket_id=ticket.id)
    return ticket


def record_visit(session: Session, clock: Clock, rules: RoutingRules, scope: Scope, by: Person,
                 household: Household, said: VisitInput, *, via: str) -> Recorded:
    """Record the visit and what came of it; `VisitError` (nothing written) when it may not be."""
    if via not in VIAS:
        raise ValueError(f"unknown via {via!r}")
    _check(session, scope, household, said)
    now = clock.now()
    note = said.note.strip()[:1000]
    repeat = session.scalar(select(Visit).where(Visit.household_id == household.id, Visit.worker_id == by.id,
                                                Visit.note == note, Visit.visited_at >= now - REPEAT_WINDOW)
                            .order_by(Visit.id.desc()).limit(1))
    if repeat is not None:
        earlier = session.get(Ticket, repeat.ticket_id) if repeat.ticket_id is not None else None
        return Recorded(repeat, household, earlier, [], 0)
    visit = Visit(household_id=household.id, worker_id=by.id, visited_at=now, note=note,
                  via=via, created_at=now)
    session.add(visit)
    session.flush()
    problem = said.problem.strip()
    ticket = _open_for(session, clock, rules, household, by, problem, said.category) if problem else None
    if ticket is not None:
        visit.ticket_id = ticket.id
    changes: list[Change] = []
    if said.colour is not None or said.add or said.remove:
        changes = change_household(session, household, reason=said.reason.strip() or said.note.strip() or "走访核实",
                                   at=now, colour=said.colour, add=said.add, remove=said.remove, by=by,
                                   via="visit", visit_id=visit.id)
    # The month's task, and any left open from earlier months (a late visit completes them).
    done = session.execute(update(VisitTask).where(VisitTask.household_id == household.id,
                                                   VisitTask.status == "open", VisitTask.month <= month_of(now))
                           .values(status="done", visit_id=visit.id)).rowcount
    session.flush()
    return Recorded(visit, household, ticket, changes, done or 0)


def record_by_code(session: Session, clock: Clock, rules: RoutingRules, scope: Scope, person_id: int, code: str,
                   said: VisitInput, *, via: str) -> Recorded:
    """`record_visit` for a household code and a person id (the workbench's form): a household that does not
    exist, or is not in scope, is `VisitError("not_found")`."""
    household = household_by_code(session, code)
    by = session.get(Person, person_id)
    if household is None or by is None or not scope.covers_unit(household.unit_id):
        raise VisitError("not_found")
    return record_visit(session, clock, rules, scope, by, household, said, via=via)
