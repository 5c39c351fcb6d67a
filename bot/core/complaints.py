"""A resident's complaint about their own grid worker (我要投诉网格员 打电话都不接) goes upward: a ticket for
the community secretary of the resident's grid, never for the worker complained about, and the resident is
told it went to the community, not given that worker's number (blind test 5, #108). Nobody to place it: the
duty officer gets it, as any report nobody can place. Asking for someone above with no problem named (我要找你们领导
投诉, blind test 28) goes the same way, and when nothing more is said, the resident is asked what happened: what they
say next joins that ticket as any follow-up does."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import followup_words, registry, staff_notices, ticket_questions, triage
from bot.core.lifecycle import reported_by
from bot.core.notify import notify
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import (
    CATEGORY_NAMES,
    OPEN_STATUSES,
    Opened,
    Report,
    event,
    open_ticket,
    set_deadlines,
    worker_notice,
)
from bot.store.models import OrgUnit, Person, Ticket

_STAFF = r"网格员|网格长|网格管理员"
# 投诉 naming the worker, or what only a complaint says of one: the phone never answered, the manner, shirking.
# Not "网格员咋个还不来" nor "网格员一直不回消息": those urge a report (the engine's urge intent).
_COMPLAINT = re.compile(
    rf"投诉.{{0,8}}(?:{_STAFF})|(?:{_STAFF}).{{0,8}}投诉|"
    rf"(?:{_STAFF}).{{0,10}}(?:电话.{{0,4}}(?:不接|打不通|没人接|莫得人接)|态度.{{0,3}}(?:差|不好|恶劣|凶)|骂人|"
    rf"推诿|踢皮球|不作为|不管事|吃拿卡要|从来(?:都)?(?:不来|没来|不管|不接)|"
    # shirking in the words people use (blind test 27, A47, A81b: 是个甩手掌柜 找他啥都推, 事情都推来推去)
    r"甩手掌柜|推来推去|推三阻四|推过来推过去|(?:啥子?|什么|哪样|么子|事情?)都推|都推给|不给办|不办事|混日子)")
# A worker called names (是个哈包, 就是个甩手掌柜) and a failing said beside it: a complaint whatever the name
# (blind test 26: 哈包 and 甩手掌柜 were not understood); or shirking everything (啥子都不管).
_NAMED_FAILING = re.compile(
    rf"(?:{_STAFF}).{{0,6}}(?:是|就是|真是|简直是|纯粹是)(?:个|一个).{{1,14}}"
    r"(?:不来|没来|不管|不理|不接|不回|不办|不做事|不干事|不出面|不见人|找不到人|打不通|没人接|不露面)|"
    rf"(?:{_STAFF}).{{0,12}}(?:啥子|什么|啥|哪样|么子|一样)都?不(?:管|理|做|干)")
ABOUT = "投诉网格员"  # how a complaint's ticket text begins (`_about`): the ticket is about a staff member
TOLD = "您对网格员的意见已转给{community}（工单{number}），社区书记会核实处理并联系您。"
TOLD_STREET = "您对网格员的意见已转给街道值班员（工单{number}），会核实处理并联系您。"


# Asking for someone above, or to complain, with nobody named (我要找你们领导 投诉, 叫你们领导来, 我要投诉).
# (书记 or 主任 alone is often asked for a stamp or a number: never read as a complaint.)
_ABOVE = r"领导|负责人|管事的|当官的|上级|头头|一把手"
_TO_ABOVE = re.compile(rf"(?:找|见|叫|喊|要|让)(?:你们|你们的|你们这里的|你们那个)?(?:{_ABOVE})|"
                       rf"(?:{_ABOVE})出来|(?:要|想|我|去|来)投诉|投诉(?:你们|一下|一哈|$)|告你们|举报你们")
# (我的投诉处理得咋样了 asks after a complaint made: never a new one.)
# The asking words themselves: what is left when they are taken out is what the complaint says.
_ASKING_WORDS = re.compile(rf"我|要|想|你们|的|找|见|叫|喊|让|{_ABOVE}|书记|主任|出来|来|投诉|告|举报|"
                           r"一下|一哈|下|哈|嘛|啊|哦|呢|噻|了|[\s，,。.!！?？~～]")
ABOUT_GENERAL = "投诉："  # how a complaint to someone above begins
TOLD_ASK = "您的投诉已转给{whom}（工单{number}），请说说是什么事、在哪里，我们核实后联系您。"
TOLD_GENERAL = "您的投诉已转给{whom}（工单{number}），会核实处理并联系您。"


# A complaint denied (我只是想咨询下律师 不是投诉, blind test 31: lodged as one): taken out before the words are read.
_NOT_COMPLAINING = re.compile(r"(?:不是|没有|不|没|莫|别)(?:要|想|去|来|在)?投诉")


def complains_to_superiors(text: str) -> bool:
    """我要找你们领导 投诉, 叫你们领导来, 我要投诉: a complaint to someone above, nobody named (the caller checks no
    problem is in it: a report said angrily is a report); 不是投诉 is none."""
    return _TO_ABOVE.search(_NOT_COMPLAINING.sub(" ", unicodedata.normalize("NFKC", text or ""))) is not None


def says_nothing_more(text: str) -> bool:
    """Whether the complaint says only that it is one (我要找你们领导 投诉): asked what happened."""
    return not _ASKING_WORDS.sub("", unicodedata.normalize("NFKC", text or ""))


def lodge_general(session: Session, clock: Clock, rules: RoutingRules, address: str, channel: str, text: str,
                  source_message_id: int | None = None) -> str:
    """A complaint to someone above, lodged as one about a grid worker is; the reply asks what happened when nothing
    more is said."""
    person = registry.person_by_address(session, address)
    ticket, _, _ = _lodged(session, clock, rules, person, address, channel, f"{ABOUT_GENERAL}{text.strip()}",
                           source_message_id)
    told = TOLD_ASK if says_nothing_more(text) else TOLD_GENERAL
    unit = session.get(OrgUnit, ticket.unit_id) if ticket.unit_id else None
    return told.format(whom=unit.name if unit is not None else "街道值班员", number=ticket.number)


def complains_about_worker(text: str) -> bool:
    """Whether the message complains about a grid worker (投诉网格员, 网格员打电话都不接, 网格员态度差), an insult
    naming one too (你们网格员是个瓜娃子 喊了半天不来, blind test 25, S5: it was only calmed)."""
    plain = unicodedata.normalize("NFKC", text or "")
    if _COMPLAINT.search(plain) is not None or _NAMED_FAILING.search(plain) is not None:
        return True
    return re.search(_STAFF, plain) is not None and triage.is_abuse(plain)


def asks_after_one(session: Session, address: str, text: str) -> bool:
    """投诉周网格员那个 有人理没得, 投诉那个咋样了: the sender asks after their open complaint, never lodges another
    (blind test 31, B87b got a second complaint ticket); the question is answered with its state."""
    if ticket_questions.kind_of(text) is None and followup_words.asks_progress(text) is None:
        return False
    return any(is_complaint(t) for t in reported_by(session, address, OPEN_STATUSES))


def lodge(session: Session, clock: Clock, rules: RoutingRules, address: str, channel: str, text: str,
          source_message_id: int | None = None) -> str:
    """The complaint as a ticket for the community secretary above the sender's home grid; the reply."""
    person = registry.person_by_address(session, address)
    ticket, community, routed = _lodged(session, clock, rules, person, address, channel,
                                        f"{_about(session, person)}{text.strip()}", source_message_id)
    if not routed:  # the same message again, or 并单: as it stood
        return _told(session, ticket)
    if community is None:
        return TOLD_STREET.format(number=ticket.number)
    return TOLD.format(community=community.name, number=ticket.number)


def _lodged(session: Session, clock: Clock, rules: RoutingRules, person: Person | None, address: str, channel: str,
            text: str, source_message_id: int | None) -> tuple[Ticket, OrgUnit | None, bool]:
    """A complaint opened as a ticket (never earning points) and sent upward: to the community secretary above the
    sender's home grid, else told to the duty officers. The ticket, the community it went to (None: the duty
    officers), and whether it was sent now (not when the same message came again or it was merged)."""
    report = Report(text=text, category="other", reporter_address=address, channel=channel,
                    source_message_id=source_message_id, earns_points=False)
    opened = open_ticket(session, clock, rules, report, None)
    ticket = opened.ticket
    if not opened.created or ticket.status != "new":
        return ticket, None, False
    community, secretary = _secretary_for(session, person)
    if community is None or secretary is None:
        for officer in registry.duty_officers(session):
            notify(session, officer, staff_notices.unplaced(ticket.number or "", CATEGORY_NAMES[ticket.category], "",
                                                            ticket.text), ticket_id=ticket.id)
        session.flush()
        return ticket, None, True
    _assign_to(session, clock, rules, opened, community, secretary)
    return ticket, community, True


def awaits_what_happened(ticket: Ticket) -> bool:
    """Whether `ticket` is a complaint to someone above that said nothing more: asked what happened, the next words
    are the answer."""
    text = ticket.text or ""
    return text.startswith(ABOUT_GENERAL) and says_nothing_more(text[len(ABOUT_GENERAL):])


def is_complaint(ticket: Ticket) -> bool:
    """Whether `ticket` is a resident's complaint about a staff member or to someone above (lodged here)."""
    return (ticket.text or "").startswith((ABOUT, ABOUT_GENERAL))


def _about(session: Session, person: Person | None) -> str:
    """投诉网格员黄霞： — whom the complaint is about, for the secretary (short: the notice is one SMS part)."""
    if person is None or person.home_unit is None:
        return f"{ABOUT}："
    found = registry.staff_nearest(session, person.home_unit, ["grid_worker"])
    worker = found[1][0] if found and found[1] else None
    return f"{ABOUT}{worker.name if worker else ''}："


def _secretary_for(session: Session, person: Person | None) -> tuple[OrgUnit | None, Person | None]:
    if person is None or person.home_unit is None:
        return None, None
    found = registry.staff_nearest(session, person.home_unit, ["community_secretary", "village_secretary"])
    if not found or not found[1]:
        return None, None
    return found[0], found[1][0]


def _assign_to(session: Session, clock: Clock, rules: RoutingRules, opened: Opened, unit: OrgUnit,
               secretary: Person) -> None:
    ticket, now = opened.ticket, clock.now()
    role = "community_secretary" if unit.kind == "community" else "village_secretary"
    ticket.unit_id, ticket.assignee_id, ticket.assignee_role, ticket.status = unit.id, secretary.id, role, "assigned"
    set_deadlines(session, rules, ticket, now)
    event(session, ticket, "assigned", now, assignee_id=secretary.id, role=role)
    notify(session, secretary, worker_notice(ticket, unit), ticket_id=ticket.id)
    session.flush()


def _told(session: Session, ticket: Ticket) -> str:
    unit = session.get(OrgUnit, ticket.unit_id) if ticket.unit_id else None
    if unit is None:
        return TOLD_STREET.format(number=ticket.number)
    return TOLD.format(community=unit.name, number=ticket.number)

