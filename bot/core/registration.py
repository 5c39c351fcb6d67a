"""register: who a sender is in the registry, and a new or changed number as a task for a grid
worker to verify. Nobody takes over a registered identity by saying so: the worker calls the
number, checks who it is, and resolves the task naming the resident (“T1023 已办结 原号13900000001”
or their name); only then does the resident's record move to the new number.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.common.phones import InvalidPhone, mask, to_e164
from bot.core import registry, reports
from bot.core.followups import add_detail
from bot.core.knowledge import Contact
from bot.core.notify import notify, notify_address
from bot.core.questions import Whom, tell_number_to_call, whom_to_ask
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES, Opened, Report, assignee_label, event
from bot.store.models import Person, Ticket

TICKET_PREFIX = "登记核实："
# Words about a new or changed number, registering, or moving in: without them an address is no registration.
_ABOUT_NUMBER = re.compile(r"号码|手机|电话|换|新|登记|登記|注册|绑定|认证|实名|核实|搬|住进|入住|刚来|迁")
# An address and nothing else: an estate, its building, unit and room ("河畔花园2栋1单元301", "安居苑4栋1单元101").
_ADDRESS = re.compile(r"^(?:(?:(?![我住在是叫])[\u4e00-\u9fff]){2,6}?(?:小区|花园|家园|苑|二期|三期))?\s*"
                      r"(?:\d+|[一二三四五六七八九十]+)\s*(?:栋|幢|号楼)(?:\s*\d+\s*单元)?(?:\s*\d+\s*(?:号|室)?)?"
                      r"(?:的|嘛|哈|呀|啊)?$")
# Something else registered, asked about (我想问下 房子出租要不要登记, blind test 32, B123 became a number
# verification): a house let, a tenant, a dog, a vehicle, a birth or a business; for the knowledge base.
_SOMETHING_ELSE = re.compile(r"出租|租出去|租房|租客|房客|租户|房东|房子|房屋|狗|犬|宠物|电动车|电瓶车|摩托|车辆|"
                             r"结婚|婚姻|出生|新生儿|上户口|营业执照|开店|流动人口")


def registers_something_else(text: str) -> bool:
    """房子出租要不要登记, 养狗要登记不: registering something other than oneself or one's number is asked about."""
    plain = unicodedata.normalize("NFKC", text or "")
    return _SOMETHING_ELSE.search(plain) is not None and _NUMBER_GIVEN.search(plain) is None \
        and _ASKED.search(plain) is not None


# One's own number or moving in (我刚搬来 租的房子 帮我登记): one's own registration, never the question.
_NUMBER_GIVEN = re.compile(r"号码|手机|电话|1\d{10}|搬|住进|入住|刚来")
_ASKED = re.compile(r"要不要|需不需要|用不用|要不|吗|嘛|不[?？]?$|咋个|咋|怎么|如何|哪点|哪里|在哪|去哪|[?？]|是不是")


# A resolution note with one of these closes the task with nothing moved.
NOT_VERIFIED_WORDS = ("未核实", "核实不了", "不是本人", "不登记", "冒充", "不是居民")


@dataclass(frozen=True)
class Standing:
    """How the registry knows a sender: kind is resident, rider, staff or unknown."""

    person: Person | None
    kind: str
    place: str  # a resident's home grid
    whom: Whom  # who handles a change


def standing(session: Session, address: str, contact: Contact) -> Standing:
    person = registry.person_by_address(session, address)
    if person is None:
        return Standing(None, "unknown", "", whom_to_ask(session, None, contact))
    kind = person.kind if person.kind in ("resident", "rider", "staff") else "resident"
    place = person.home_unit.name if person.home_unit is not None else ""
    return Standing(person, kind, place, whom_to_ask(session, person, contact))


def bare_address(text: str) -> bool:
    """An address alone ("河畔花园2栋1单元301"), no word of a new or changed number or of moving in: never a
    registration (blind test 25, E2 and Z4: an emergency's place became a number-change task)."""
    plain = " ".join(unicodedata.normalize("NFKC", text or "").split()).rstrip("。.!！~～ ")
    return _ADDRESS.match(plain) is not None and _ABOUT_NUMBER.search(plain) is None


def open_verification(session: Session, address: str) -> Ticket | None:
    """The address's verification task still open, if any."""
    return session.scalar(select(Ticket).where(Ticket.reporter_address == address,
                                               Ticket.text.startswith(TICKET_PREFIX),
                                               Ticket.status.in_(OPEN_STATUSES)).order_by(Ticket.id.desc()).limit(1))


def request_verification(session: Session, clock: Clock, rules: RoutingRules, address: str, channel: str,
                         text: str, source_message_id: int | None = None) -> Opened:
    """A ticket for the grid worker of the place the message names (the duty officer when it names
    none), who is given the number to call; while one is open, asking again gives the same one."""
    existing = open_verification(session, address)
    if existing is not None:
        return Opened(existing, existing.assignee, created=False)
    report = Report(text=f"{TICKET_PREFIX}{text}", category="other", reporter_address=address, channel=channel,
                    source_message_id=source_message_id, earns_points=False)
    opened = reports.submit(session, clock, report, rules)
    if opened.created and address.startswith("+"):
        tell_number_to_call(session, opened, address, "是新号码登记，核实身份后再登记")
    session.flush()
    return opened


@dataclass(frozen=True)
class Verdict:
    """What resolving a ticket with a note means for the registry."""

    ticket: Ticket | None  # the verification task; None when the ticket is not one
    person: Person | None  # the resident the note names, whose record moves to the new number
    refused: bool = False  # the note says the number was not verified

    @property
    def needs_person(self) -> bool:
        """A verification task resolved without naming the resident or saying it was not verified."""
        return self.ticket is not None and self.person is None and not self.refused


def verdict(session: Session, number: str | None, note: str) -> Verdict:
    ticket = session.scalar(select(Ticket).where(Ticket.number == number)) if number else None
    if ticket is None or not ticket.text.startswith(TICKET_PREFIX) or not ticket.reporter_address.startswith("+"):
        return Verdict(None, None)
    if any(word in note for word in NOT_VERIFIED_WORDS):
        return Verdict(ticket, None, refused=True)
    return Verdict(ticket, named_resident(session, ticket, note))


def named_resident(session: Session, ticket: Ticket, note: str) -> Person | None:
    """The one resident of the task's grid (anywhere, when it has none) the note names by their old
    number, else by a name no other resident there shares."""
    query = select(Person).where(Person.kind == "resident")
    if ticket.unit_id is not None:
        query = query.where(Person.home_unit_id == ticket.unit_id)
    for digits in re.findall(r"(?<!\d)1\d{10}(?!\d)", unicodedata.normalize("NFKC", note)):
        try:
            phone = to_e164(digits)
        except InvalidPhone:
            continue
        found = session.scalar(query.where(Person.phone == phone))
        if found is not None:
            return found
    named = [p for p in session.scalars(query) if len(p.name) >= 2 and p.name in note]
    longest = max((len(p.name) for p in named), default=0)
    named = [p for p in named if len(p.name) == longest]
    return named[0] if len(named) == 1 else None


def move_number(session: Session, clock: Clock, ticket: Ticket, person: Person, actor_address: str) -> bool:
    """The verified resident's record takes the task's number; False when someone has it meanwhile."""
    new = ticket.reporter_address
    if registry.person_by_address(session, new) is not None:
        return False
    old = person.phone
    person.phone = new
    session.flush()
    event(session, ticket, "number_moved", clock.now(), registry.person_by_address(session, actor_address),
          person_id=person.id, old=mask(old), new=mask(new))
    notify(session, person, f"{person.name}您好，您的登记已改用这个号码，以后用它联系网格通。", ticket_id=ticket.id)
    return True


NOT_MOVED = "您好，您申请的号码登记没有办成，如有疑问请找{whom}。"
WORKER_ROLES = ("grid_worker", "backup_grid_worker")


def tell_not_moved(session: Session, ticket: Ticket) -> None:
    """The number that asked hears the registration was not made (nothing of the worker's note), and whom to ask:
    the worker who checked, by name and published number (blind test 10, #43: only "找您的网格员")."""
    holder = ticket.assignee or (session.get(Person, ticket.resolved_by_id) if ticket.resolved_by_id else None)
    label = assignee_label(holder)
    whom = (f"网格员{label}" if ticket.assignee_role in WORKER_ROLES and holder is ticket.assignee else label) \
        if label else "您的网格员"
    notify_address(session, ticket.reporter_channel, ticket.reporter_address, NOT_MOVED.format(whom=whom),
                   ticket_id=ticket.id)


# "我叫王秀英", "我是王秀英", "名字叫王秀英" right after asking to change one's number: the name the worker needs.
_NAME_SAID = re.compile(r"^(?:我|本人)?(?:叫|是|姓名是?|名字(?:是|叫)?)\s*([\u4e00-\u9fff]{2,4}?)"
                        r"(?:嘛|哈|哦|呢|啊)?[。.!！~～]*$")
_NOT_A_NAME = re.compile(r"[手民户主员人的]|老|网格|居|骑")  # 我是骑手, 我是居民, 我是老住户: not a name
NAME_ADDED = "好的，已把您的名字转告网格员{name}，核实时会用到。"
NAME_ADDED_UNASSIGNED = "好的，已把您的名字记到工单{number}，核实时会用到。"


def name_said(text: str) -> str | None:
    """The name in a message that only says one's name (我叫王秀英), else None."""
    found = _NAME_SAID.match("".join(unicodedata.normalize("NFKC", text or "").split()))
    if found is None or _NOT_A_NAME.search(found.group(1)):
        return None
    return found.group(1)


def add_name(session: Session, clock: Clock, address: str, text: str, message_id: int | None,
             within: timedelta) -> str | None:
    """A name said soon after a number verification was asked for goes onto that task, its worker told ("工单T1012
    补充：我叫王秀英"): the reply, or None when the message is not that."""
    if name_said(text) is None:
        return None
    ticket = open_verification(session, address)
    if ticket is None or ticket.created_at < clock.now() - within:
        return None
    add_detail(session, clock, ticket, text.strip(), address, message_id)
    if ticket.assignee is None:
        return NAME_ADDED_UNASSIGNED.format(number=ticket.number)
    return NAME_ADDED.format(name=ticket.assignee.name)


# A registered detail said to be wrong (我要改个名字 登记的名字写错了, blind test 32, B152: the number-change
# reply): the grid worker checks and puts it right. Never one's number (换号码: the verification task above).
_DETAIL = r"(?:名字|姓名|身份证号?|证件号|住址|地址|门牌号?|生日|出生日期|年龄|性别|户主)"
_WRONG_DETAIL = re.compile(
    _DETAIL + r"[^，,。！!？?]{0,6}(?:写错|登记错|登错|搞错|弄错|打错|录错|填错|错了|不对|有误)"
    r"|(?:写错|登记错|登错|搞错|弄错|打错|录错|填错)了?(?:我的|我)?" + _DETAIL +
    r"|(?:改|更正|修改|改正)(?:一?个|一?下)?(?:登记的|我的)?(?:名字|姓名|身份证号?|住址|地址|生日)")
_PLACE_PART = re.compile(r"\d+\s*(?:栋|幢|号楼|单元|楼)|[一二三四五六七八九十]+(?:栋|幢|单元)")
DETAIL_WRONG = "登记的信息写错了请告诉{who}{phone}，核实后帮您改正，不用另外跑。"


def says_detail_wrong(text: str) -> bool:
    """Whether the words say a registered detail (name, ID number, address) is wrong or ask to correct it; not a
    name said alone for a verification (我叫王秀英) nor a change of number."""
    plain = "".join(unicodedata.normalize("NFKC", text or "").split())
    found = _WRONG_DETAIL.search(plain) if len(plain) <= 40 else None
    if found is None or name_said(plain) is not None or re.search(r"号码|手机号|电话号", plain):
        return False
    # 地址写错了 是9栋: a report's place put right (the dialogue's), unless the registration is named
    return not re.search(r"住址|地址|门牌", found.group(0)) or ("登记" in plain and not _PLACE_PART.search(plain))


def detail_wrong_reply(whom: Whom) -> str:
    """Whom to tell a registered detail is wrong: the sender's grid worker, else the service station."""
    return DETAIL_WRONG.format(who=f"网格员{whom.name}" if whom.grid_worker else whom.name, phone=whom.phone)
