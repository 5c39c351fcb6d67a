"""The reporter says their emergency is not one ("这个不是急事哈 就是下水道堵了", blind test 22, #1 was filed as a
补充 and the emergency stood): it becomes an ordinary ticket (its category's severity, the household's priority, fresh
deadlines), those its alert reached stand down, its grid worker keeps the ordinary job, and the reporter is told
plainly. From then on nothing about it speaks of 120 or 110 (#6: "师傅好久到嘛" got "还没打120和110请马上打！")."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.common.clock import Clock
from bot.core import danger_signs, person_danger, registry, triage
from bot.core.cancelling import cancel
from bot.core.emergency_followups import FALSE_ALARM, same_kind
from bot.core.emergency_updates import false_alarm, told_of
from bot.core.notify import notify
from bot.core.problem_match import objects_in
from bot.core.routing_rules import RoutingRules
from bot.core.tickets import OPEN_STATUSES, event, priority_for, set_deadlines
from bot.store.models import Ticket

_NOT_URGENT = re.compile(r"不是急事|不是什么急事|不是啥子?急事|不是紧急|不紧急|不急|不着急|不算急|没那么急|莫那么急|"
                         r"没得危险|莫得危险|没有危险|没啥危险|不危险|不是急的")
# Said of us, or asked ("你们一点都不急吗"): a complaint that we are slow, never a downgrade.
_OF_US = re.compile(r"你们|你|[吗？?]")
NOT_URGENT_MAX_CHARS = 40
DOWNGRADED = "好的，工单{number}改为普通问题，不按紧急处置了，网格员会照常来处理。"
STAND_DOWN = "工单{number}报告人说不是急事，已改为普通工单，无需按紧急处置。"
ALREADY_ORDINARY = "好的，工单{number}按普通问题处理，网格员会照常来处理。"
KEEP_JOB = "工单{number}报告人说不是急事，已改为普通工单，请照常处理。"


# No fire, no leak, and still something to see to (我是投诉油烟 不是着火了, 不是漏气 就是打不燃火: blind test 30, B112
# opened a second emergency, B60 got 没太看懂): an ordinary ticket, never withdrawn as a false alarm.
_STILL_TO_SEE_TO = re.compile(r"投诉|反映|反应|举报|油烟|熏|打不燃|点不燃|打不着|点不着|燃不起|不起火|没气|就是|只是")


def still_a_report(text: str) -> bool:
    """Whether words say there is no fire or leak but still a matter to see to (投诉油烟, 打不燃火)."""
    plain = " ".join((text or "").split())
    return danger_signs.denies_danger(plain) and _STILL_TO_SEE_TO.search(plain) is not None


def says_not_urgent(text: str) -> bool:
    """Whether a short message says the matter is not urgent, or that nobody is shut in (没得人关在里头: a lift's
    emergency only, `stands_down`), naming no danger."""
    plain = " ".join((text or "").split())
    return 0 < len(plain) <= NOT_URGENT_MAX_CHARS and (_NOT_URGENT.search(plain) is not None
                                                       or still_a_report(plain)
                                                       or person_danger.says_nobody_inside(plain)) \
        and _OF_US.search(plain) is None and not triage.has_danger(plain)


def stands_down(emergency: Ticket, said: str) -> bool:
    """Whether words that `says_not_urgent` stand `emergency` down: nobody shut in only a lift's (没得人关在里头
    就是电梯坏了不动, blind test 31, B26b: the lift's emergency stood), never a fire's (没人被困 is news of it)."""
    plain = " ".join((said or "").split())
    return _NOT_URGENT.search(plain) is not None or still_a_report(plain) \
        or (person_danger.says_nobody_inside(plain) and person_danger.names_lift(emergency.text)
            and _ALIGHT.search(emergency.text) is None)


_ALIGHT = re.compile(r"火|烟|烧|焦|爆")


def downgrade(session: Session, clock: Clock, rules: RoutingRules, ticket: Ticket, said: str, address: str,
              message_id: int | None = None) -> str:
    """Make the emergency `ticket` an ordinary one, tell those alerted and its assignee, return the reply."""
    now = clock.now()
    alerted = [person for person in told_of(session, ticket) if person.id != ticket.assignee_id]
    ticket.severity = rules.category(ticket.category).severity
    ticket.priority = priority_for(rules, ticket.reporter, emergency=False)
    event(session, ticket, "downgraded", now, registry.person_by_address(session, address),
          note=" ".join(said.split())[:500], message_id=message_id)
    if ticket.assignee_id is not None and ticket.status in OPEN_STATUSES:
        set_deadlines(session, rules, ticket, now)  # the emergency's deadlines go stale with their timers
    for person in alerted:
        notify(session, person, STAND_DOWN.format(number=ticket.number), ticket_id=ticket.id)
    if ticket.assignee is not None:
        notify(session, ticket.assignee, KEEP_JOB.format(number=ticket.number), ticket_id=ticket.id)
    return DOWNGRADED.format(number=ticket.number)


def spoken_of(session: Session, address: str, emergency: Ticket, said: str) -> Ticket:
    """The ticket a stand-down speaks of: the sender's newest open report filed after their emergency (blind test
    26, B91: "有辆车在冒烟" then "哦 是人家在烧烤 不是急事哈" stood down the sparking wires), unless the words name the
    emergency's kind or thing and not that report's ("电线那个不是急事")."""
    newer = session.scalar(select(Ticket).where(
        Ticket.reporter_address == address, Ticket.id > emergency.id, Ticket.status.in_(OPEN_STATUSES))
        .order_by(Ticket.id.desc()).limit(1))
    if newer is None or (_names(said, emergency) and not _names(said, newer)):
        return emergency
    return newer


def _names(said: str, ticket: Ticket) -> bool:
    """Whether words speak of the ticket's kind of trouble or a thing it names (电线, 火)."""
    return same_kind(said, ticket.text) or bool(objects_in(said) & objects_in(ticket.text))


def stand_down(session: Session, clock: Clock, rules: RoutingRules, emergency: Ticket, said: str, address: str,
               message_id: int | None = None) -> str | None:
    """"不是急事" after the sender's emergency: the ticket it speaks of made ordinary (already so: told so); None when
    the words do not stand that emergency down (`stands_down`)."""
    meant = spoken_of(session, address, emergency, said)
    if not stands_down(meant, said):
        return None
    if meant is emergency and false_alarm(said) and not still_a_report(said):  # 是隔壁在熬中药 不是煤气 不是急事哈
        # (blind test 27, B74): withdrawn, never left to the worker as an ordinary job
        cancel(session, clock, address, emergency.number, text=said)
        return FALSE_ALARM.format(number=emergency.number)
    if meant.severity != "critical":
        return ALREADY_ORDINARY.format(number=meant.number)
    return downgrade(session, clock, rules, meant, said, address, message_id)


def recent_report(session: Session, clock: Clock, address: str, within: timedelta) -> Ticket | None:
    """The sender's newest open ticket of the last `within`: what "不是着火 是投诉油烟" speaks of with no emergency."""
    return session.scalar(select(Ticket).where(
        Ticket.reporter_address == address, Ticket.status.in_(OPEN_STATUSES),
        Ticket.created_at >= clock.now() - within).order_by(Ticket.id.desc()).limit(1))
